import LedgerFormat

/// The money of one entry as the accounting shows it, in cents: entered value, duty, fees (in
/// total and by accounting class code), taxes (IR tax), AD/CVD deposits, and their total. With
/// entry summary (7501) data the figures are those the money model computes from the entry
/// (``CustomsEntry/money``, the same the ABI records carry); an entry with cargo release (3461)
/// data only carries a value, its estimated value, and nothing else yet (`hasSummary` false).
///
/// ```swift
/// let m = AccountMoney(entry)
/// print(Money.text(m.valueCents), m.feesByClass.map { "\($0.classCode) \(Money.text($0.amountCents))" })
/// ```
public struct AccountMoney: Sendable, Equatable {
    public var valueCents: Int64
    public var dutyCents: Int64
    public var feesCents: Int64
    /// Fee totals by accounting class code (499 MPF, 501 HMF, ...), in class-code order.
    public var feesByClass: [EntryFee]
    public var taxesCents: Int64
    /// Antidumping and countervailing duty deposits.
    public var adCents: Int64
    public var cvCents: Int64
    /// Duty + fees + taxes + AD + CV.
    public var totalCents: Int64
    /// Whether the figures come from entry summary (7501) data.
    public var hasSummary: Bool

    public static let zero = AccountMoney(valueCents: 0, dutyCents: 0, feesCents: 0, feesByClass: [], taxesCents: 0, adCents: 0, cvCents: 0,
                                          totalCents: 0, hasSummary: false)

    public init(valueCents: Int64, dutyCents: Int64, feesCents: Int64, feesByClass: [EntryFee], taxesCents: Int64, adCents: Int64,
                cvCents: Int64, totalCents: Int64, hasSummary: Bool) {
        self.valueCents = valueCents
        self.dutyCents = dutyCents
        self.feesCents = feesCents
        self.feesByClass = feesByClass
        self.taxesCents = taxesCents
        self.adCents = adCents
        self.cvCents = cvCents
        self.totalCents = totalCents
        self.hasSummary = hasSummary
    }

    public init(_ e: CustomsEntry) {
        if e.entrySummary != nil {
            let m = e.money
            self.init(valueCents: m.enteredValueCents, dutyCents: m.dutyCents, feesCents: m.feesCents, feesByClass: m.feeTotals,
                      taxesCents: m.taxesCents, adCents: m.adDutyCents, cvCents: m.cvDutyCents, totalCents: m.totalCents, hasSummary: true)
        } else {
            let value = e.cargoRelease?.estimatedValueCents ?? e.lines.reduce(0) { $0 + $1.valueCents }
            self.init(valueCents: value, dutyCents: 0, feesCents: 0, feesByClass: [], taxesCents: 0, adCents: 0, cvCents: 0, totalCents: 0, hasSummary: false)
        }
    }

    /// AD and CV deposits together.
    public var adcvdCents: Int64 { adCents + cvCents }

    /// The sum of two entries' money (`hasSummary` when either has it); fees by class merged.
    public static func + (a: AccountMoney, b: AccountMoney) -> AccountMoney {
        var byClass: [String: Int64] = [:]
        for f in a.feesByClass + b.feesByClass { byClass[f.classCode, default: 0] += f.amountCents }
        return AccountMoney(valueCents: a.valueCents + b.valueCents, dutyCents: a.dutyCents + b.dutyCents, feesCents: a.feesCents + b.feesCents,
                            feesByClass: byClass.keys.sorted().map { EntryFee(classCode: $0, amountCents: byClass[$0]!) },
                            taxesCents: a.taxesCents + b.taxesCents, adCents: a.adCents + b.adCents, cvCents: a.cvCents + b.cvCents,
                            totalCents: a.totalCents + b.totalCents, hasSummary: a.hasSummary || b.hasSummary)
    }

    public var json: JSONValue {
        ["value_cents": .int(valueCents), "duty_cents": .int(dutyCents), "fees_cents": .int(feesCents), "taxes_cents": .int(taxesCents),
         "ad_cents": .int(adCents), "cv_cents": .int(cvCents), "total_cents": .int(totalCents), "from_entry_summary": .bool(hasSummary),
         "fees_by_class": .object(Dictionary(uniqueKeysWithValues: feesByClass.map { ($0.classCode, JSONValue.int($0.amountCents)) }))]
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

    /// A fee class code with its name: `499 merchandise processing fee`.
    public static func feeClassName(_ code: String) -> String {
        CustomsRules.feeClass(code).map { "\(code) \($0.name)" } ?? code
    }
}
