import LedgerFormat

/// A ledger file is a record source for the verifier: its rows in seq order, its kind, key_id
/// and time columns (which must agree with each payload), and its row count.
extension LedgerStore: RecordSource {
    public var hasIndexColumns: Bool { true }

    public func rowCount() throws -> Int64? { try count() }

    public func rowCount(below end: Int64) throws -> Int64? { try count(below: end) }

    public func readSnapshot<T>(_ body: () throws -> T) throws -> T { try snapshot(body) }
}

extension Verifier {
    /// Verifies every record of a ledger file, its index columns and its row count included.
    public func verify(store: LedgerStore, chunk: Int = 4096) throws -> VerificationReport {
        try verify(source: store, chunk: chunk)
    }

    /// Feeds the records of a ledger file below `limit` (see ``Verifier/feed(source:limit:chunk:alsoInSnapshot:)``).
    public func feed(store: LedgerStore, limit: Int64 = .max, chunk: Int = 4096, alsoInSnapshot: (() throws -> Void)? = nil) throws {
        try feed(source: store, limit: limit, chunk: chunk, alsoInSnapshot: alsoInSnapshot)
    }
}
