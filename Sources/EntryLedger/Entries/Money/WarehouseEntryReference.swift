import LedgerFormat

/// The bonded-warehouse entry an entry comes from: for a withdrawal (types 31, 32, 34, 38;
/// AE 30) the warehouse entry it withdraws from, for a re-warehouse entry (type 22) the
/// originating warehouse entry. JSON (entry member `warehouse_entry`):
/// `{"entry_number": "EL7-0004471-6", "port": "4601", "final_withdrawal": false}`.
public struct WarehouseEntryReference: Sendable, Equatable, Hashable {
    /// The warehouse entry's number (its filer code may be another filer's).
    public var entryNumber: EntryNumber
    /// Schedule D port of the warehouse entry.
    public var port: String
    /// Whether this withdrawal is the last from that warehouse entry (AE 30 position 21).
    public var finalWithdrawal: Bool

    public init(entryNumber: EntryNumber, port: String, finalWithdrawal: Bool = false) {
        self.entryNumber = entryNumber
        self.port = port
        self.finalWithdrawal = finalWithdrawal
    }

    public var json: JSONValue {
        .object(["entry_number": .string(entryNumber.formatted), "port": .string(port), "final_withdrawal": .bool(finalWithdrawal)])
    }
}
