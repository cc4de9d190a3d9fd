import Foundation
import LedgerFormat

#if canImport(Glibc)
import Glibc
#endif

/// The journaling store: one SQLite file in WAL mode with synchronous=FULL, holding the
/// append-only records table and the indexes derived from it.
///
/// Every append is one `BEGIN IMMEDIATE` transaction that reads the last seq and hash inside
/// the transaction, so several processes appending at once queue up on SQLite's write lock
/// and never fork the chain. A successful return means the records are on disk.
///
/// ```swift
/// let store = try LedgerStore.open(path: "entryledger.db")
/// let n = try store.count()
/// ```
public final class LedgerStore {
    public let path: String
    let db: SQLiteConnection

    private init(path: String, db: SQLiteConnection) {
        self.path = path
        self.db = db
    }

    /// How long a writer waits for another process's transaction before giving up.
    static let busyTimeoutMilliseconds: Int32 = 60_000

    /// Creates a new, empty ledger file. Refuses if anything exists at `path`.
    package static func create(path: String) throws -> LedgerStore {
        guard !FileManager.default.fileExists(atPath: path) else { throw StoreError.alreadyExists(path: path) }
        do {
            let db = try SQLiteConnection(path: path, mode: .create)
            db.setBusyTimeout(milliseconds: busyTimeoutMilliseconds)
            try db.exec("PRAGMA journal_mode = WAL")
            try configure(db)
            try db.exec("BEGIN IMMEDIATE")
            do {
                try db.exec(LedgerSchema.sql)
                try db.exec("PRAGMA application_id = \(LedgerSchema.applicationID)")
                try db.exec("PRAGMA user_version = \(LedgerSchema.version)")
                try db.exec("COMMIT")
            } catch {
                try? db.exec("ROLLBACK")
                throw error
            }
            // Put the header (application id, version) into the main file now, not at the next
            // checkpoint: other processes check those bytes before they open the ledger.
            try db.exec("PRAGMA wal_checkpoint(TRUNCATE)")
            return LedgerStore(path: path, db: db)
        } catch let e as SQLiteError {
            throw StoreError.sqlite(path: path, code: e.code, message: e.message)
        }
    }

    /// Opens an existing ledger, checking that it is one and that this program understands its
    /// version before anything is written to it: a regular file (a FIFO or device is refused
    /// without blocking), SQLite's header, the application id and version, and a schema that
    /// is exactly the one `schemas/ledger.sql` makes (a `records` VIEW, an extra trigger or
    /// table is refused before any record is read).
    ///
    /// `readOnly` never writes: it opens with `SQLITE_OPEN_READONLY`, and when there is no
    /// `-wal` file and the file or its folder is not writable (a copy on read-only media), as
    /// `immutable`, so that no `-wal` or `-shm` file is created.
    public static func open(path: String, readOnly: Bool = false) throws -> LedgerStore {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else {
            throw StoreError.missing(path: path)
        }
        // Check the file's first bytes before SQLite touches it, so that a file that is not a
        // database is refused without being changed.
        let head: [UInt8]
        do throws(InputFileError) { head = try InputFile(path, what: "the ledger").read(upTo: 100) } catch {
            throw StoreError.notALedger(path: path, reason: error.reason)
        }
        guard head.count == 100, head.starts(with: Array("SQLite format 3\0".utf8)) else {
            throw StoreError.notALedger(path: path, reason: "it is not an SQLite database")
        }
        // application_id is bytes 68-71 and user_version bytes 60-63 of the header, big-endian.
        let appID = head[68..<72].reduce(Int64(0)) { $0 << 8 | Int64($1) }
        let version = head[60..<64].reduce(Int64(0)) { $0 << 8 | Int64($1) }
        guard appID == LedgerSchema.applicationID else {
            throw StoreError.notALedger(path: path, reason: "its application id is \(appID), not EntryLedger's")
        }
        guard version <= LedgerSchema.version else {
            throw StoreError.newerVersion(path: path, found: version, supported: LedgerSchema.version)
        }
        guard version == LedgerSchema.version else {
            throw StoreError.notALedger(path: path, reason: "schema version \(version) is not one this program reads")
        }
        do {
            let db = try SQLiteConnection(path: path, mode: readOnly ? readOnlyMode(path) : .readWrite)
            // Wait, never fail at once, if another process holds a lock (a checkpoint, a WAL
            // recovery) while this one opens: the busy timeout goes on before the first query.
            db.setBusyTimeout(milliseconds: busyTimeoutMilliseconds)
            // Re-check through SQLite: the header read above may have raced a writer's checkpoint.
            guard try db.pragmaInt("application_id") == LedgerSchema.applicationID,
                try db.pragmaInt("user_version") == LedgerSchema.version
            else { throw StoreError.notALedger(path: path, reason: "application id or version changed") }
            try checkSchema(db, path: path)
            if readOnly {
                try db.exec("PRAGMA query_only = ON")
            } else {
                try configure(db)
            }
            return LedgerStore(path: path, db: db)
        } catch let e as SQLiteError {
            throw StoreError.sqlite(path: path, code: e.code, message: e.message)
        }
    }

    /// Immutable when nothing can be in a WAL (no `-wal` file) and this process could not
    /// write the file or its folder anyway; else read-only with SQLite's locks, so that a
    /// ledger clerks are writing to is read as one consistent snapshot.
    static func readOnlyMode(_ path: String) -> SQLiteConnection.Mode {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let walExists = FileManager.default.fileExists(atPath: path + "-wal")
        let writable = access(path, W_OK) == 0 && access(folder, W_OK) == 0
        return !walExists && !writable ? .immutable : .readOnly
    }

    /// The schema objects (`sqlite_master`: type, name, table, SQL) the ledger's SQL makes,
    /// from an in-memory database that ran it.
    static let expectedSchema: [String] = {
        guard let db = try? SQLiteConnection(path: ":memory:", mode: .create), (try? db.exec(LedgerSchema.sql)) != nil,
              let rows = try? schemaObjects(db)
        else { return [] }
        return rows
    }()

    static func schemaObjects(_ db: SQLiteConnection) throws -> [String] {
        try db.query("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").map { row in
            row.map { $0.text ?? "NULL" }.joined(separator: "\u{1F}")
        }
    }

    /// Refuses a file whose schema holds anything the ledger's schema does not make, exactly:
    /// a `records` VIEW (which could recurse forever), a trigger, table or index too many or
    /// defined differently, or a missing table. A missing trigger or index is tolerated: it
    /// changes no record read, and it is how an attacker with the file would edit records,
    /// which `verify` then reports at their seq.
    static func checkSchema(_ db: SQLiteConnection, path: String) throws {
        let found = try schemaObjects(db)
        guard found != expectedSchema else { return }
        let expected = Set(expectedSchema), actual = Set(found)
        func name(_ row: String) -> String { row.split(separator: "\u{1F}", omittingEmptySubsequences: false).prefix(2).joined(separator: " ") }
        let extra = found.filter { !expected.contains($0) }.map(name)
        let missing = expectedSchema.filter { !actual.contains($0) && $0.hasPrefix("table\u{1F}") }.map(name)
        guard !extra.isEmpty || !missing.isEmpty else { return }
        var parts: [String] = []
        if !extra.isEmpty { parts.append("it has schema objects the ledger's schema does not make or makes differently: \(extra.prefix(10).joined(separator: ", "))") }
        if !missing.isEmpty { parts.append("it lacks \(missing.prefix(10).joined(separator: ", "))") }
        throw StoreError.notALedger(path: path, reason: parts.joined(separator: "; ") + " (schemas/ledger.sql)")
    }

    private static func configure(_ db: SQLiteConnection) throws {
        db.setBusyTimeout(milliseconds: busyTimeoutMilliseconds)
        try db.exec("PRAGMA synchronous = FULL")
        try db.exec("PRAGMA foreign_keys = ON")
        guard try db.query("PRAGMA journal_mode").first?.first?.text?.lowercased() == "wal" else {
            throw SQLiteError(code: 1, message: "the ledger is not in WAL mode")
        }
    }

    // MARK: reading

    /// The number of records.
    public func count() throws -> Int64 {
        try wrap { try db.query("SELECT count(*) FROM records").first?.first?.int ?? 0 }
    }

    /// The number of record rows with a seq below `end` (negative ones included).
    public func count(below end: Int64) throws -> Int64 {
        try wrap { try db.query("SELECT count(*) FROM records WHERE seq < ?", [.int(end)]).first?.first?.int ?? 0 }
    }

    /// The payloads of the records at `seqs` (those that exist).
    public func payloads(at seqs: Set<Int64>) throws -> [Int64: [UInt8]] {
        var out: [Int64: [UInt8]] = [:]
        for s in seqs.sorted() { if let r = try record(at: s) { out[s] = r.record.payload } }
        return out
    }

    /// The record at `seq`, if any.
    public func record(at seq: Int64) throws -> StoredRecord? {
        try wrap {
            try db.query("SELECT seq, payload, signature, hash, kind, key_id, time FROM records WHERE seq = ?", [.int(seq)])
                .first.map(Self.storedRecord)
        }
    }

    /// The records with seq in `range`, in order, read in chunks of `chunk` so memory stays
    /// bounded on large ledgers. Stop early by returning false from `body`.
    public func forEachChunk(from start: Int64 = 0, to end: Int64 = .max, chunk: Int = 4096,
                             _ body: ([StoredRecord]) throws -> Bool) throws {
        let st = try wrap {
            try db.prepare("SELECT seq, payload, signature, hash, kind, key_id, time FROM records WHERE seq >= ? AND seq < ? ORDER BY seq LIMIT ?")
        }
        var next = start
        while next < end {
            var rows: [StoredRecord] = []
            try wrap {
                try st.bind([.int(next), .int(end), .int(Int64(chunk))])
                rows.reserveCapacity(chunk)
                while try st.step() { rows.append(Self.storedRecord(st)) }
                st.reset()
            }
            guard let highest = rows.map(\.seq).max() else { return }
            guard try body(rows) else { return }
            // A damaged file can hand rows back out of order: never step back, so that the
            // reading always ends (and never overflow past Int64.max).
            guard highest >= next, highest < .max else { return }
            next = highest + 1
        }
    }

    /// The record hashes of seq in `range`, for the Merkle tree.
    public func hashes(in range: Range<Int64>) throws -> [[UInt8]] {
        try wrap {
            try db.query("SELECT hash FROM records WHERE seq >= ? AND seq < ? ORDER BY seq", [.int(range.lowerBound), .int(range.upperBound)])
                .map { $0[0].blob ?? [] }
        }
    }

    /// The seq of the last record of any of `kinds`, if any.
    package func lastSeq(ofKinds kinds: [RecordKind]) throws -> Int64? {
        let marks = Array(repeating: "?", count: kinds.count).joined(separator: ",")
        return try wrap { try db.query("SELECT max(seq) FROM records WHERE kind IN (\(marks))", kinds.map { .text($0.rawValue) }).first?.first?.int }
    }

    /// Record seqs of a given kind, in order (small, index-backed queries for listings).
    package func seqs(ofKind kind: String) throws -> [Int64] {
        try wrap { try db.query("SELECT seq FROM records WHERE kind = ? ORDER BY seq", [.text(kind)]).compactMap { $0[0].int } }
    }

    /// The records of the given kinds with seq below `limit`, in seq order, read in chunks
    /// (one query per chunk, not per record) for folds over many entries.
    package func forEachRecord(ofKinds kinds: [RecordKind], below limit: Int64 = .max, chunk: Int = 4096,
                              _ body: (StoredRecord) throws -> Void) throws {
        guard !kinds.isEmpty else { return }
        let marks = Array(repeating: "?", count: kinds.count).joined(separator: ",")
        let st = try wrap {
            try db.prepare("SELECT seq, payload, signature, hash, kind, key_id, time FROM records WHERE kind IN (\(marks)) AND seq >= ? AND seq < ? ORDER BY seq LIMIT ?")
        }
        var next: Int64 = 0
        while true {
            var rows: [StoredRecord] = []
            try wrap {
                try st.bind(kinds.map { .text($0.rawValue) } + [.int(next), .int(limit), .int(Int64(chunk))])
                while try st.step() { rows.append(Self.storedRecord(st.row())) }
                st.reset()
            }
            for r in rows { try body(r) }
            // Never step back or past Int64.max, whatever a damaged file returns: reading ends.
            guard rows.count == chunk, let highest = rows.map(\.seq).max(), highest >= next, highest < .max else { return }
            next = highest + 1
        }
    }

    /// The record of a statement's current row (columns seq, payload, signature, hash, kind,
    /// key_id, time), read column by column; a column of another type reads as -1 or empty.
    static func storedRecord(_ st: SQLiteStatement) -> StoredRecord {
        StoredRecord(
            seq: st.intIfInteger(0) ?? -1,
            record: SignedRecord(payload: st.blobIfBlob(1) ?? [], signature: st.blobIfBlob(2) ?? []),
            storedHash: st.blobIfBlob(3) ?? [], kind: st.textIfText(4) ?? "", keyID: st.textIfText(5) ?? "", time: st.textIfText(6) ?? "")
    }

    static func storedRecord(_ row: [SQLiteValue]) -> StoredRecord {
        StoredRecord(
            seq: row[0].int ?? -1,
            record: SignedRecord(payload: row[1].blob ?? [], signature: row[2].blob ?? []),
            storedHash: row[3].blob ?? [], kind: row[4].text ?? "", keyID: row[5].text ?? "", time: row[6].text ?? "")
    }

    // MARK: keys index

    package func key(id: String) throws -> KeyState? {
        try wrap { try db.query("SELECT key_id, name, role, public_key, enrolled_seq, revoked_seq FROM keys WHERE key_id = ?", [.text(id)]).first.flatMap(Self.keyState) }
    }

    package func keys() throws -> [KeyState] {
        try wrap { try db.query("SELECT key_id, name, role, public_key, enrolled_seq, revoked_seq FROM keys ORDER BY enrolled_seq").compactMap(Self.keyState) }
    }

    /// The row of a number used once (an entry number), if it was used.
    package func numberRow(_ number: String) throws -> NumberRow? {
        try wrap {
            try db.query("SELECT entry_number, added_seq, voided_seq FROM entries WHERE entry_number = ?", [.text(number)]).first.flatMap { row in
                guard let n = row[0].text, let added = row[1].int else { return nil }
                return NumberRow(number: n, addedSeq: added, voidedSeq: row[2].int)
            }
        }
    }

    /// Every row of the `entries` index, by entry number (to compare with verified records).
    package func allNumberRows() throws -> [NumberRow] {
        try wrap {
            try db.query("SELECT entry_number, added_seq, voided_seq FROM entries ORDER BY entry_number").map { row in
                NumberRow(number: row[0].text ?? "", addedSeq: row[1].int ?? -1, voidedSeq: row[2].int)
            }
        }
    }

    /// Every row of the `reserved_ranges` index with its seq, as written (unchecked).
    package func rangeRowsWithSeq() throws -> [(row: RangeRow, seq: Int64)] {
        try wrap {
            try db.query("SELECT filer, first_serial, last_serial, seq FROM reserved_ranges ORDER BY seq, filer, first_serial").map { row in
                (RangeRow(group: row[0].text ?? "", first: row[1].int ?? -1, last: row[2].int ?? -1), row[3].int ?? -1)
            }
        }
    }

    /// The numbers used between `low` and `high` (inclusive, in text order).
    package func numbers(from low: String, through high: String) throws -> [String] {
        try wrap {
            try db.query("SELECT entry_number FROM entries WHERE entry_number BETWEEN ? AND ?", [.text(low), .text(high)]).compactMap { $0[0].text }
        }
    }

    /// The ranges set aside, in seq order.
    package func rangeRows() throws -> [RangeRow] {
        try wrap {
            try db.query("SELECT filer, first_serial, last_serial FROM reserved_ranges ORDER BY seq").compactMap { row in
                guard let f = row[0].text, let a = row[1].int, let b = row[2].int else { return nil }
                return RangeRow(group: f, first: a, last: b)
            }
        }
    }

    static func keyState(_ row: [SQLiteValue]) -> KeyState? {
        guard let id = row[0].text, let name = row[1].text, let role = row[2].text.flatMap(Role.init(rawValue:)),
            let pk = row[3].blob, let enrolled = row[4].int
        else { return nil }
        return KeyState(keyID: id, name: name, role: role, publicKey: pk, enrolledSeq: enrolled, revokedSeq: row[5].int)
    }

    // MARK: writing

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction and commits it; rolls back on any
    /// error, so that a failed append writes nothing.
    package func append<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        try wrap { try db.exec("BEGIN IMMEDIATE") }
        do {
            let tx = try StoreTransaction(store: self)
            let result = try body(tx)
            CrashPoint.step("before commit")
            try wrap { try db.exec("COMMIT") }
            CrashPoint.step("after commit")
            return result
        } catch {
            try? db.exec("ROLLBACK")
            throw error
        }
    }

    /// Rows this connection's statements handed back so far: work tests count.
    package var rowsRead: Int { db.rowsRead }

    /// Runs `body` inside a read transaction, so that everything it reads is one snapshot.
    /// Inside a transaction already open (an append's, say), `body` reads in that one.
    public func snapshot<T>(_ body: () throws -> T) throws -> T {
        if db.inTransaction { return try body() }
        try wrap { try db.exec("BEGIN DEFERRED") }
        defer { try? db.exec("COMMIT") }
        return try body()
    }

    /// Runs SQL as an attacker with write access to the file would (the demo's tamper step and
    /// the tamper tests use it on copies). Not used by any command that keeps a ledger.
    @_spi(Testing) public func executeRawSQLForTamperTest(_ sql: String) throws {
        try wrap { try db.exec(sql) }
    }

    /// Replaces this ledger's records with those of the ledger file at `source`, under SQLite's
    /// write lock on this ledger, taken before `whileLocked` runs and held until the copy
    /// commits: no other process can append in between, and a writer waiting for the lock
    /// appends after the new records (the file stays the same, so nothing it writes is lost).
    /// Throwing from `whileLocked` leaves the ledger unchanged.
    package func replaceContents(with source: String, whileLocked: () throws -> Void) throws {
        do { try db.replaceContents(from: source, whileLocked: whileLocked) } catch let e as SQLiteError {
            throw StoreError.io(path: path, reason: e.message)
        }
        try wrap { try db.exec("PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    /// Folds the WAL into the main file, so that the file alone is the whole ledger.
    package func foldWAL() throws {
        try wrap { try db.exec("PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    /// A consistent copy of the ledger made with SQLite's online backup API.
    package func backup(to destination: String) throws {
        try wrap { try db.backup(to: destination) }
    }

    package func wrap<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as SQLiteError {
            throw StoreError.sqlite(path: path, code: e.code, message: e.message)
        }
    }
}
