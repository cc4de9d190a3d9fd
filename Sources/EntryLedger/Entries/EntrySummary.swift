import LedgerFormat
/// The header and totals of the entry summary (CBP Form 7501, ABI `AE`); the line data is in
/// each line's ``LineSummary``. JSON: `{"broker_reference": "K4471", "consignee_number": "...",
/// "totals": {...}}`.
public struct EntrySummary: Sendable, Equatable, Hashable {
    /// The filer's own reference (AE 10 positions 22-30), echoed back by ACE.
    public var brokerReference: String?
    /// The ultimate consignee's number in one of the importer-number forms (AE 11 15-26).
    public var consigneeNumber: String?
    public var totals: EntrySummaryTotals

    public init(brokerReference: String? = nil, consigneeNumber: String? = nil, totals: EntrySummaryTotals) {
        self.brokerReference = brokerReference
        self.consigneeNumber = consigneeNumber
        self.totals = totals
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = ["totals": totals.json]
        if let brokerReference { o["broker_reference"] = .string(brokerReference) }
        if let consigneeNumber { o["consignee_number"] = .string(consigneeNumber) }
        return .object(o)
    }
}
