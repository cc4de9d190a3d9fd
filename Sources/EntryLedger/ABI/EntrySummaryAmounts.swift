import LedgerFormat
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
        /// The AD/CVD value in cents, when it differs from the line value (else zero-filled).
        public var valueCents: Int64?
        /// The AD/CVD quantity, 4 implied decimals (specific rates; else zero-filled).
        public var quantityTenThousandths: Int64?
        public var dutyCents: Int64
        /// A blanket non-reimbursement declaration id (AD only).
        public var blanketDeclaration: String?
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
        /// The importer's AD/CVD non-reimbursement statement (AE 40 position 60).
        public var nonReimbursement = false
    }

    public var lines: [Line]
    public var headerFees: [ClassAmount] = []

    /// The amounts of `entry`'s summary from its 7501 money model: per line the tariff numbers
    /// in CBP's order (``EntryLine/tariffs``: chapter 99 first, each with its own duty; the
    /// value and quantity only on the chapter 1-97 number), the AD/CVD deposits, the IR tax and
    /// the line fees by class as the clerk typed them (the validator holds them equal to the
    /// computed figures); the summary's own fees (AE 34).
    public static func of(_ entry: CustomsEntry) -> EntrySummaryAmounts {
        EntrySummaryAmounts(lines: entry.lines.map { line in
            let s = line.summary
            return Line(
                tariffs: line.tariffs.map { t in
                    Tariff(hts: t.hts, dutyCents: t.dutyCents, valueCents: t.isChapter99 ? nil : t.valueCents,
                           quantity: t.isChapter99 || t.quantity?.unit == "X" ? nil : t.quantity)
                },
                cases: (s?.adcvd ?? []).map {
                    Case(caseNumber: $0.caseNumber, bondOrCash: $0.claim, rateHundredths: $0.depositRate, rateType: $0.rateType,
                         valueCents: $0.valueCents, quantityTenThousandths: $0.quantityTenThousandths, dutyCents: $0.dutyCents,
                         blanketDeclaration: $0.blanketDeclaration)
                },
                irTax: s?.irTax.map { [ClassAmount(accountingClass: $0.classCode, cents: $0.amountCents)] } ?? [],
                fees: (s?.fees ?? []).filter { $0.amountCents > 0 }.map { ClassAmount(accountingClass: $0.classCode, cents: $0.amountCents) },
                spi: s?.spi, nonReimbursement: s?.adcvdNonReimbursement ?? false)
        }, headerFees: (entry.entrySummary?.fees ?? []).filter { $0.amountCents > 0 }.map { ClassAmount(accountingClass: $0.classCode, cents: $0.amountCents) })
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
