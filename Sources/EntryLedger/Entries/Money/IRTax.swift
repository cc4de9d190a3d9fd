import LedgerFormat

/// Internal revenue (excise) tax collected by CBP on a line (one AE 60 record), e.g. the
/// federal excise tax on wine: an accounting class, a rate per unit of the tax's own quantity
/// (wine gallons, proof gallons ...) in hundredths of a cent, and the amount the clerk typed.
/// JSON (member `ir_tax` of a line's `entry_summary`):
/// `{"class_code": "...", "rate_hundredth_cents": 10700, "quantity": {"amount": 28530, "scale": 2, "unit": "GAL"},
///   "amount_cents": 30527}`.
public struct IRTax: Sendable, Equatable, Hashable {
    /// 3-character accounting class (AE 60 positions 3-5).
    public var classCode: String
    /// Tax per unit of ``quantity`` in hundredths of a cent ($1.07 per gallon is `10700`).
    public var rateHundredthCents: Int64
    /// The quantity the tax is levied on, in the tax's unit.
    public var quantity: LineQuantity
    /// The tax as the clerk typed it (validated equal to rate × quantity).
    public var amountCents: Int64

    public init(classCode: String, rateHundredthCents: Int64, quantity: LineQuantity, amountCents: Int64) {
        self.classCode = classCode
        self.rateHundredthCents = rateHundredthCents
        self.quantity = quantity
        self.amountCents = amountCents
    }

    public var json: JSONValue {
        .object([
            "class_code": .string(classCode), "rate_hundredth_cents": .int(rateHundredthCents),
            "quantity": quantity.json, "amount_cents": .int(amountCents),
        ])
    }
}
