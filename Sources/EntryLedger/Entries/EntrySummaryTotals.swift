import LedgerFormat
/// The totals of an entry summary (AE 88-90), all in cents, as the clerk typed them. Each must
/// equal the sum it stands for: entered value the line values, duty the tariff duties, fees
/// every line and summary fee, taxes the IR taxes, AD and CV duty the AD/CVD deposits of each
/// kind, and the total duty + fees + taxes + AD + CV. JSON:
/// `{"entered_value_cents": ..., "duty_cents": ..., "fees_cents": ..., "taxes_cents": ...,
///   "ad_duty_cents": ..., "cv_duty_cents": ..., "total_cents": ...}` (the AD and CV members are
/// written only when not zero).
public struct EntrySummaryTotals: Sendable, Equatable, Hashable {
    public var enteredValueCents: Int64
    public var dutyCents: Int64
    public var feesCents: Int64
    public var taxesCents: Int64
    /// Antidumping duty deposits (AE 90 39-49).
    public var adDutyCents: Int64
    /// Countervailing duty deposits (AE 90 51-61).
    public var cvDutyCents: Int64
    public var totalCents: Int64

    public init(enteredValueCents: Int64, dutyCents: Int64, feesCents: Int64, taxesCents: Int64,
                adDutyCents: Int64 = 0, cvDutyCents: Int64 = 0, totalCents: Int64) {
        self.enteredValueCents = enteredValueCents
        self.dutyCents = dutyCents
        self.feesCents = feesCents
        self.taxesCents = taxesCents
        self.adDutyCents = adDutyCents
        self.cvDutyCents = cvDutyCents
        self.totalCents = totalCents
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = [
            "entered_value_cents": .int(enteredValueCents), "duty_cents": .int(dutyCents),
            "fees_cents": .int(feesCents), "taxes_cents": .int(taxesCents), "total_cents": .int(totalCents),
        ]
        if adDutyCents != 0 { o["ad_duty_cents"] = .int(adDutyCents) }
        if cvDutyCents != 0 { o["cv_duty_cents"] = .int(cvDutyCents) }
        return .object(o)
    }
}
