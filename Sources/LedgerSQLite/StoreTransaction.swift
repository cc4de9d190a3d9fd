import LedgerFormat

/// The inside of one append transaction: the chain head read under the write lock, and the
/// index writes that go with each record.
package final class StoreTransaction {
    let store: LedgerStore
    /// The seq the next inserted record must have.
    package private(set) var nextSeq: Int64
    /// The hash of the last record (all zeros before the genesis).
    package private(set) var prevHash: [UInt8]

    init(store: LedgerStore) throws {
        self.store = store
        let row = try store.wrap { try store.db.query("SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1").first }
        if let row, let seq = row[0].int, let hash = row[1].blob {
            nextSeq = seq + 1
            prevHash = hash
        } else {
            nextSeq = 0
            prevHash = RecordFormat.zeroHash
        }
    }

    /// Inserts the next record. Its payload must carry `nextSeq` and `prevHash`.
    package func insert(_ record: SignedRecord, kind: RecordKind, keyID: String, time: String) throws {
        let hash = record.hash
        try store.wrap {
            try store.db.run(
                "INSERT INTO records (seq, payload, signature, hash, kind, key_id, time) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [.int(nextSeq), .blob(record.payload), .blob(record.signature), .blob(hash), .text(kind.rawValue), .text(keyID), .text(time)])
        }
        nextSeq += 1
        prevHash = hash
    }

    package func key(id: String) throws -> KeyState? { try store.key(id: id) }

    package func lastSeq(ofKinds kinds: [RecordKind]) throws -> Int64? { try store.lastSeq(ofKinds: kinds) }

    package func firstSeq(of kind: RecordKind) throws -> Int64? {
        try store.wrap { try store.db.query("SELECT min(seq) FROM records WHERE kind = ?", [.text(kind.rawValue)]).first?.first?.int }
    }

    /// The key currently held under `name` and not revoked, if any.
    package func activeKey(named name: String) throws -> KeyState? {
        try store.wrap {
            try store.db.query("SELECT key_id, name, role, public_key, enrolled_seq, revoked_seq FROM keys WHERE name = ? AND revoked_seq IS NULL", [.text(name)])
                .first.flatMap(LedgerStore.keyState)
        }
    }

    package func addKey(_ k: KeyState) throws {
        try store.wrap {
            try store.db.run("INSERT INTO keys (key_id, name, role, public_key, enrolled_seq, revoked_seq) VALUES (?, ?, ?, ?, ?, NULL)",
                             [.text(k.keyID), .text(k.name), .text(k.role.rawValue), .blob(k.publicKey), .int(k.enrolledSeq)])
        }
    }

    package func revokeKey(id: String, atSeq seq: Int64) throws {
        try store.wrap { try store.db.run("UPDATE keys SET revoked_seq = ? WHERE key_id = ?", [.int(seq), .text(id)]) }
    }

    package func numberRow(_ number: String) throws -> NumberRow? { try store.numberRow(number) }
    package func rangeRows() throws -> [RangeRow] { try store.rangeRows() }

    /// The numbers already used between `low` and `high` (for finding the next free one).
    package func numbers(from low: String, through high: String) throws -> [String] { try store.numbers(from: low, through: high) }

    /// The newest records of `kind`, newest first, at most `limit`; `body` returns false to stop.
    package func recentRecords(kind: RecordKind, limit: Int, _ body: (StoredRecord) throws -> Bool) throws {
        let st = try store.wrap {
            try store.db.prepare("SELECT seq, payload, signature, hash, kind, key_id, time FROM records WHERE kind = ? ORDER BY seq DESC LIMIT ?")
        }
        try store.wrap { try st.bind([.text(kind.rawValue), .int(Int64(limit))]) }
        while try store.wrap({ try st.step() }) {
            guard try body(LedgerStore.storedRecord(st.row())) else { break }
        }
        st.reset()
    }

    package func treeRoot(size: UInt64) throws -> [UInt8]? {
        guard try store.leafCount() == size else { return nil }
        return try MerkleTree(source: store).root(size: size)
    }

    /// Writes what a record checked by the rules changes in the indexes.
    package func apply(_ effect: StateEffect) throws {
        switch effect {
        case .addKey(let k): try addKey(k)
        case .revokeKey(let id, let seq): try revokeKey(id: id, atSeq: seq)
        case .addNumber(let n, let seq):
            try store.wrap { try store.db.run("INSERT INTO entries (entry_number, added_seq) VALUES (?, ?)", [.text(n), .int(seq)]) }
        case .voidNumber(let n, let seq):
            try store.wrap { try store.db.run("UPDATE entries SET voided_seq = ? WHERE entry_number = ?", [.int(seq), .text(n)]) }
        case .addRange(let r, let seq):
            try store.wrap {
                try store.db.run("INSERT INTO reserved_ranges (filer, first_serial, last_serial, seq) VALUES (?, ?, ?, ?)",
                                 [.text(r.group), .int(r.first), .int(r.last), .int(seq)])
            }
        }
    }
}

extension StoreTransaction: LedgerState {}
