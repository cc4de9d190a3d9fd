import LedgerFormat

/// The foreign-trade-zone data of a line of a type 06 entry (AE 41): the zone status, the date
/// privileged status was granted, and the line quantity in whole units. JSON (member `ftz` of
/// a line's `entry_summary`): `{"status": "P", "privileged_filing_date": "2026-09-01", "quantity": 400}`.
public struct FTZLineStatus: Sendable, Equatable, Hashable {
    /// `P` privileged foreign, `N` non-privileged foreign, `D` domestic.
    public var status: String
    /// `YYYY-MM-DD`, for privileged status.
    public var privilegedFilingDate: String?
    /// Whole units, more than zero.
    public var quantity: Int64

    public init(status: String, privilegedFilingDate: String? = nil, quantity: Int64) {
        self.status = status
        self.privilegedFilingDate = privilegedFilingDate
        self.quantity = quantity
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = ["status": .string(status), "quantity": .int(quantity)]
        if let privilegedFilingDate { o["privileged_filing_date"] = .string(privilegedFilingDate) }
        return .object(o)
    }
}
