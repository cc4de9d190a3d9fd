/// The money of one entry, in cents, as the report and `entry list` show it: entered value,
/// duty, fees, taxes and their total. With entry summary (7501) data the figures are the
/// summary's totals; an entry with cargo release (3461) data only carries a value (its
/// estimated value) and no duty, fees or taxes yet (`hasSummary` is false).
///
/// ```swift
/// let m = AccountMoney(entry)
/// print(Money.text(m.valueCents), m.hasSummary ? Money.text(m.dutyCents) : "no 7501 data")
/// ```
public struct AccountMoney: Sendable, Equatable {
    public var valueCents: Int64
    public var dutyCents: Int64
    public var feesCents: Int64
    public var taxesCents: Int64
    /// Duty + fees + taxes (the 7501's total).
    public var totalCents: Int64
    /// Whether the figures come from entry summary (7501) data.
    public var hasSummary: Bool

    public static let zero = AccountMoney(valueCents: 0, dutyCents: 0, feesCents: 0, taxesCents: 0, totalCents: 0, hasSummary: false)

    public init(valueCents: Int64, dutyCents: Int64, feesCents: Int64, taxesCents: Int64, totalCents: Int64, hasSummary: Bool) {
        self.valueCents = valueCents
        self.dutyCents = dutyCents
        self.feesCents = feesCents
        self.taxesCents = taxesCents
        self.totalCents = totalCents
        self.hasSummary = hasSummary
    }

    public init(_ e: CustomsEntry) {
        if let t = e.entrySummary?.totals {
            self.init(valueCents: t.enteredValueCents, dutyCents: t.dutyCents, feesCents: t.feesCents, taxesCents: t.taxesCents,
                      totalCents: t.totalCents, hasSummary: true)
        } else {
            let value = e.cargoRelease?.estimatedValueCents ?? e.lines.reduce(0) { $0 + $1.valueCents }
            self.init(valueCents: value, dutyCents: 0, feesCents: 0, taxesCents: 0, totalCents: 0, hasSummary: false)
        }
    }

    /// The sum of two entries' money (`hasSummary` when either has it).
    public static func + (a: AccountMoney, b: AccountMoney) -> AccountMoney {
        AccountMoney(valueCents: a.valueCents + b.valueCents, dutyCents: a.dutyCents + b.dutyCents, feesCents: a.feesCents + b.feesCents,
                   taxesCents: a.taxesCents + b.taxesCents, totalCents: a.totalCents + b.totalCents, hasSummary: a.hasSummary || b.hasSummary)
    }

    public var json: JSONValue {
        ["value_cents": .int(valueCents), "duty_cents": .int(dutyCents), "fees_cents": .int(feesCents), "taxes_cents": .int(taxesCents),
         "total_cents": .int(totalCents), "from_entry_summary": .bool(hasSummary)]
    }
}

/// Dollars and cents for people: `$48,120.00`, `-$12.50`.
public enum Money {
    public static func text(_ cents: Int64) -> String {
        let neg = cents < 0
        let m = cents.magnitude
        let dollars = String(m / 100)
        var grouped = ""
        for (i, c) in dollars.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { grouped.append(",") }
            grouped.append(c)
        }
        let c = m % 100
        return (neg ? "-$" : "$") + String(grouped.reversed()) + "." + (c < 10 ? "0" : "") + String(c)
    }
}
