/// The money of an entry summary as the AE records carry it, taken from the entry: per line the
/// tariff numbers in the order they are sent (chapter 99 numbers first, the chapter 1-97 number
/// last, with the value), AD/CVD cases, IR tax and user fees by accounting class; header fees;
/// and the totals the 88, 89 and 90 records carry, computed from those records so that they
/// always add up.
public struct EntrySummaryAmounts: Sendable, Equatable {
    /// One AE 50 record.
    public struct Tariff: Sendable, Equatable {
        public var hts: String
        public var dutyCents: Int64
        /// Cents; nil on a chapter 99 number (written as zero value).
        public var valueCents: Int64?
        /// nil on a chapter 99 number or an HTS with no reporting unit (spaces).
        public var quantity: LineQuantity?
    }

    /// One AE 53 record.
    public struct Case: Sendable, Equatable {
        /// `A570XXXYYY`: `A` antidumping, `C` countervailing.
        public var caseNumber: String
        /// `B` bond, `C` cash deposit.
        public var bondOrCash: String
        /// Percent (or $/unit) with 2 implied decimals.
        public var rateHundredths: Int64
        /// `A` ad valorem, `S` specific.
        public var rateType: String
        public var dutyCents: Int64
        public var isAntidumping: Bool { caseNumber.hasPrefix("A") }
    }

    /// An amount under an accounting class (AE 34, 60, 61, 62).
    public struct ClassAmount: Sendable, Equatable {
        public var accountingClass: String
        public var cents: Int64
    }

    public struct Line: Sendable, Equatable {
        public var tariffs: [Tariff]
        public var cases: [Case] = []
        public var irTax: [ClassAmount] = []
        public var fees: [ClassAmount] = []
        /// Special program indicator (AE 40 25-26), if claimed.
        public var spi: String?
    }

    public var lines: [Line]
    public var headerFees: [ClassAmount] = []

    /// The amounts of `entry`'s summary. The current entry model carries one duty per line
    /// (on the line's own HTS number) and the summary's fee and tax totals without their
    /// accounting classes, so the 50 records carry the line duty, and no 34/62/60 is written
    /// for fees or taxes the model does not break down by class.
    public static func of(_ entry: CustomsEntry) -> EntrySummaryAmounts {
        EntrySummaryAmounts(lines: entry.lines.map { line in
            Line(tariffs: [Tariff(hts: line.hts, dutyCents: line.summary?.dutyCents ?? 0, valueCents: line.valueCents,
                                  quantity: line.quantity.unit == "X" ? nil : line.quantity)])
        })
    }

    /// Every fee (34 and 62) by class, in the order the classes first appear: the 89 totals.
    public var feeTotals: [ClassAmount] {
        var order: [String] = []
        var sums: [String: Int64] = [:]
        for f in headerFees + lines.flatMap(\.fees) {
            if sums[f.accountingClass] == nil { order.append(f.accountingClass) }
            sums[f.accountingClass, default: 0] += f.cents
        }
        return order.map { ClassAmount(accountingClass: $0, cents: sums[$0]!) }
    }

    public var dutyCents: Int64 { lines.flatMap(\.tariffs).reduce(0) { $0 + $1.dutyCents } }
    public var feesCents: Int64 { feeTotals.reduce(0) { $0 + $1.cents } }
    public var irTaxCents: Int64 { lines.flatMap(\.irTax).reduce(0) { $0 + $1.cents } }
    public var adCents: Int64 { lines.flatMap(\.cases).filter(\.isAntidumping).reduce(0) { $0 + $1.dutyCents } }
    public var cvCents: Int64 { lines.flatMap(\.cases).filter { !$0.isAntidumping }.reduce(0) { $0 + $1.dutyCents } }
    public var hasCases: Bool { lines.contains { !$0.cases.isEmpty } }

    /// The AE 88 totals: (bonded AD, cash AD, bonded CV, cash CV).
    public var caseTotals: (Int64, Int64, Int64, Int64) {
        var t: (Int64, Int64, Int64, Int64) = (0, 0, 0, 0)
        for c in lines.flatMap(\.cases) {
            switch (c.isAntidumping, c.bondOrCash == "B") {
            case (true, true): t.0 += c.dutyCents
            case (true, false): t.1 += c.dutyCents
            case (false, true): t.2 += c.dutyCents
            case (false, false): t.3 += c.dutyCents
            }
        }
        return t
    }
}
