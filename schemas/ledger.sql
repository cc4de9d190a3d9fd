-- EntryLedger ledger schema, version 1.
-- The store sets PRAGMA application_id = 1162626372 (0x454C4544, ASCII "ELED") and
-- PRAGMA user_version = 1 in the same transaction that applies this text, and checks both
-- on every open. The code applies exactly this file (a test compares them byte for byte).

-- The ledger itself: one row per record, append-only. `payload` holds the exact canonical
-- JSON bytes that were signed and hashed; nothing ever re-encodes them. `hash`, `kind`,
-- `key_id` and `time` repeat what the payload says, for fast lookups; verify recomputes them.
CREATE TABLE records (
    seq       INTEGER PRIMARY KEY CHECK (seq >= 0),
    payload   BLOB    NOT NULL,
    signature BLOB    NOT NULL CHECK (length(signature) = 64),
    hash      BLOB    NOT NULL UNIQUE CHECK (length(hash) = 32),
    kind      TEXT    NOT NULL,
    key_id    TEXT    NOT NULL,
    time      TEXT    NOT NULL
) STRICT;

CREATE TRIGGER records_refuse_update BEFORE UPDATE ON records
BEGIN
    SELECT RAISE(ABORT, 'records are append-only: UPDATE is refused');
END;

CREATE TRIGGER records_refuse_delete BEFORE DELETE ON records
BEGIN
    SELECT RAISE(ABORT, 'records are append-only: DELETE is refused');
END;

-- Index of keys, written in the same transaction as the record that enrols or revokes a key,
-- so that an append can check its author's role without reading the whole ledger.
-- Derived from records only; verify never trusts it.
CREATE TABLE keys (
    key_id       TEXT    PRIMARY KEY,
    name         TEXT    NOT NULL,
    role         TEXT    NOT NULL,
    public_key   BLOB    NOT NULL CHECK (length(public_key) = 32),
    enrolled_seq INTEGER NOT NULL,
    revoked_seq  INTEGER
) STRICT;

CREATE INDEX keys_by_name ON keys (name);

-- Lookups by kind, for the rules that depend on earlier records (one incident open, ...).
CREATE INDEX records_by_kind ON records (kind, seq);

-- Index of entry numbers: one row per number ever used by an `entry.add`, so that a number is
-- used once (a duplicate is fatal in ACE), voided or not. The primary key makes SQLite refuse
-- a second use even if two writers raced past the rules.
CREATE TABLE entries (
    entry_number TEXT    PRIMARY KEY,
    added_seq    INTEGER NOT NULL,
    voided_seq   INTEGER
) STRICT;

-- Ranges of entry numbers the supervisor set aside for downtime (`numbers.reserve`).
CREATE TABLE reserved_ranges (
    filer        TEXT    NOT NULL,
    first_serial INTEGER NOT NULL,
    last_serial  INTEGER NOT NULL,
    seq          INTEGER NOT NULL
) STRICT;
