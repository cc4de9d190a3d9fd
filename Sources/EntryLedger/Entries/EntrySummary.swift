import LedgerFormat
/// The header and totals of the entry summary (CBP Form 7501, ABI `AE`); the line data is in
/// each line's ``LineSummary``. JSON: `{"broker_reference": "K4471", "consignee_number": "...",
/// "entry_date": "2026-11-20", "ftz_id": "...", "fees": [{"class_code": "311", "amount_cents": 269}],
/// "totals": {...}}`.
public struct EntrySummary: Sendable, Equatable, Hashable {
    /// The filer's own reference (AE 10 positions 22-30), echoed back by ACE.
    public var brokerReference: String?
    /// The ultimate consignee's number in one of the importer-number forms (AE 11 15-26).
    public var consigneeNumber: String?
    /// The date of entry (AE 11 42-47), `YYYY-MM-DD`: it selects the fiscal year of the fee
    /// tables. When absent the arrival date is used.
    public var entryDate: String?
    /// Foreign-trade-zone id (AE 11 63-71), type 06 only.
    public var ftzID: String?
    /// Fees of the summary as a whole (AE 34: `311` informal MPF, `500`, `496`), as typed.
    public var fees: [EntryFee]
    public var totals: EntrySummaryTotals
    /// The warehouse entry a withdrawal (types 31, 32, 34, 38) draws on (AE 30).
    public var warehouseEntry: WarehouseEntry?

    public init(brokerReference: String? = nil, consigneeNumber: String? = nil, entryDate: String? = nil,
                ftzID: String? = nil, fees: [EntryFee] = [], totals: EntrySummaryTotals, warehouseEntry: WarehouseEntry? = nil) {
        self.warehouseEntry = warehouseEntry
        self.brokerReference = brokerReference
        self.consigneeNumber = consigneeNumber
        self.entryDate = entryDate
        self.ftzID = ftzID
        self.fees = fees
        self.totals = totals
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = ["totals": totals.json]
        if let brokerReference { o["broker_reference"] = .string(brokerReference) }
        if let consigneeNumber { o["consignee_number"] = .string(consigneeNumber) }
        if let entryDate { o["entry_date"] = .string(entryDate) }
        if let ftzID { o["ftz_id"] = .string(ftzID) }
        if !fees.isEmpty { o["fees"] = .array(fees.map(\.json)) }
        if let warehouseEntry { o["warehouse_entry"] = warehouseEntry.json }
        return .object(o)
    }
}
