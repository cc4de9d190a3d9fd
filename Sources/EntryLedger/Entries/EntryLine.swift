import LedgerFormat
/// One line of an entry (SE 40/SE 60; with ``LineSummary`` also AE 40-50). JSON:
/// `{"line_number": 1, "hts": "8471300100", "country_of_origin": "CN", "description": "...",
///   "value_cents": 4812000, "quantity": {...}, "entry_summary": {...}}`.
public struct EntryLine: Sendable, Equatable, Hashable {
    /// 1, 2, 3 ... in order.
    public var lineNumber: Int
    /// 10-digit HTS number.
    public var hts: String
    public var countryOfOrigin: String
    public var description: String
    /// Line value in cents.
    public var valueCents: Int64
    public var quantity: LineQuantity
    /// The 7501 data of the line: present exactly when the entry has ``EntrySummary`` data.
    public var summary: LineSummary?

    public init(lineNumber: Int, hts: String, countryOfOrigin: String, description: String, valueCents: Int64,
                quantity: LineQuantity, summary: LineSummary? = nil) {
        self.lineNumber = lineNumber
        self.hts = hts
        self.countryOfOrigin = countryOfOrigin
        self.description = description
        self.valueCents = valueCents
        self.quantity = quantity
        self.summary = summary
    }

    /// Every tariff number of the line in CBP's order (one AE 50 each): the chapter 99
    /// numbers first, then the chapter 1-97 number (``hts``) with the line's value and
    /// quantity, its declared rate and typed duty. Without 7501 data: the chapter 1-97
    /// number alone, with no rate and zero duty.
    public var tariffs: [TariffLine] {
        let primary = TariffLine(hts: hts, rate: summary?.rate, valueCents: valueCents, quantity: quantity,
                                 dutyCents: summary?.dutyCents ?? 0)
        return (summary?.chapter99 ?? []) + [primary]
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = [
            "line_number": .int(Int64(lineNumber)), "hts": .string(hts), "country_of_origin": .string(countryOfOrigin),
            "description": .string(description), "value_cents": .int(valueCents), "quantity": quantity.json,
        ]
        if let summary { o["entry_summary"] = summary.json }
        return .object(o)
    }
}
