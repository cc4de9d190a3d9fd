/// Where a verifier reads records from: a ledger file, a bundle, anything that can hand back
/// stored records in seq order, in chunks.
public protocol RecordSource {
    /// True when the source keeps kind, key_id and time columns beside each payload (a ledger
    /// file, whose listings read them), which must then agree with the payload.
    var hasIndexColumns: Bool { get }

    /// The records with `start <= seq < end`, in order, `chunk` at a time; `body` returns false
    /// to stop. A damaged source may return rows out of order: reading must still end.
    func forEachChunk(from start: Int64, to end: Int64, chunk: Int, _ body: ([StoredRecord]) throws -> Bool) throws

    /// How many rows the source holds in all, counted independently of the walk, when it can
    /// say (rows outside the sequence are tampering); nil when it cannot.
    func rowCount() throws -> Int64?

    /// How many rows with a seq below `end` the source holds (negative seqs included), when it
    /// can say; nil when it cannot (the default).
    func rowCount(below end: Int64) throws -> Int64?

    /// Runs `body` so that everything it reads is one consistent snapshot.
    func readSnapshot<T>(_ body: () throws -> T) throws -> T
}

extension RecordSource {
    public func rowCount(below end: Int64) throws -> Int64? { nil }
}
