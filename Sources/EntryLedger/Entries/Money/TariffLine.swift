import LedgerFormat

/// One tariff number of a 7501 line (one AE 50 record): the HTS number, the rate declared for
/// it, the value and quantity it carries and the duty the clerk typed. A line has its chapter
/// 1-97 number (``EntryLine/hts``) and may have chapter 99 numbers before it; see
/// ``EntryLine/tariffs`` for all of them in CBP's order. JSON of a chapter 99 number (member
/// `chapter_99` of a line's `entry_summary`):
/// `{"hts": "9903880315", "rate": {"ad_valorem_bp": 2500}, "duty_cents": 240750}`.
public struct TariffLine: Sendable, Equatable, Hashable {
    /// 10-digit HTS number.
    public var hts: String
    /// The rate declared; nil only in entries checked under rules version 1, which had no rates.
    public var rate: DutyRate?
    /// Value in cents: the line's value on the chapter 1-97 number, zero on chapter 99 numbers.
    public var valueCents: Int64
    /// Quantity: the line's on the chapter 1-97 number, nil on chapter 99 numbers.
    public var quantity: LineQuantity?
    /// The duty as the clerk typed it (validated equal to the computed duty).
    public var dutyCents: Int64

    public init(hts: String, rate: DutyRate?, valueCents: Int64 = 0, quantity: LineQuantity? = nil, dutyCents: Int64) {
        self.hts = hts
        self.rate = rate
        self.valueCents = valueCents
        self.quantity = quantity
        self.dutyCents = dutyCents
    }

    /// The HTS chapter (first two digits), 0 when not digits.
    public var chapter: Int { Int(hts.prefix(2)) ?? 0 }

    /// Whether this is a chapter 99 number (additional duties, quotas, trade remedies).
    public var isChapter99: Bool { hts.hasPrefix("99") }

    /// The JSON of a chapter 99 number as it appears in `chapter_99`.
    public var json: JSONValue {
        var o: [String: JSONValue] = ["hts": .string(hts), "duty_cents": .int(dutyCents)]
        if let rate { o["rate"] = rate.json }
        return .object(o)
    }
}
