import LedgerFormat
/// The totals of an entry summary (AE 88-90), all in cents. Entered value and duty must equal
/// the sums over the lines; the total must equal duty + fees + taxes. JSON:
/// `{"entered_value_cents": ..., "duty_cents": ..., "fees_cents": ..., "taxes_cents": ..., "total_cents": ...}`.
public struct EntrySummaryTotals: Sendable, Equatable, Hashable {
    public var enteredValueCents: Int64
    public var dutyCents: Int64
    public var feesCents: Int64
    public var taxesCents: Int64
    public var totalCents: Int64

    public init(enteredValueCents: Int64, dutyCents: Int64, feesCents: Int64, taxesCents: Int64, totalCents: Int64) {
        self.enteredValueCents = enteredValueCents
        self.dutyCents = dutyCents
        self.feesCents = feesCents
        self.taxesCents = taxesCents
        self.totalCents = totalCents
    }

    public var json: JSONValue {
        .object([
            "entered_value_cents": .int(enteredValueCents), "duty_cents": .int(dutyCents),
            "fees_cents": .int(feesCents), "taxes_cents": .int(taxesCents), "total_cents": .int(totalCents),
        ])
    }
}
