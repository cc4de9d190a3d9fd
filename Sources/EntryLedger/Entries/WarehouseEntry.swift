import LedgerFormat

/// The warehouse entry goods are withdrawn from (AE 30, entry types 31, 32, 34, 38) or, for a
/// re-warehouse entry (type 22), the originating warehouse entry (SE11 69-79). JSON:
/// `{"entry_number": "EL7-1000004-2", "port": "4601"}`.
public struct WarehouseEntry: Sendable, Equatable, Hashable {
    public var entryNumber: EntryNumber
    /// Schedule D port of the warehouse entry.
    public var port: String

    public init(entryNumber: EntryNumber, port: String) {
        self.entryNumber = entryNumber
        self.port = port
    }

    public var json: JSONValue { .object(["entry_number": .string(entryNumber.formatted), "port": .string(port)]) }
}
