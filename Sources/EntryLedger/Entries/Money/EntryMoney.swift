import LedgerFormat

/// The money of an entry as the current customs rules compute it from the entry's rates,
/// values and quantities: per tariff number the duty, per line the fees by class, the AD/CVD
/// deposits and the IR tax, per entry the fee totals by class and the grand totals. The ABI
/// records and the accounting report read these figures; the validator refuses an entry whose
/// typed figures differ from them.
///
/// Where the entry carries no rate (entries checked under rules version 1), the typed duty is
/// taken as it is. Fees the ledger does not compute (`500`, `496`, `056`) are taken as typed.
///
/// ```swift
/// let money = entry.money
/// for line in money.lines { print(line.lineNumber, line.fees) }   // [499 $166.69, 501 $60.15]
/// print(money.feeTotals, money.totalCents)
/// ```
public struct EntryMoney: Sendable, Equatable {
    /// The duty of one tariff number (one AE 50).
    public struct Tariff: Sendable, Equatable {
        public let hts: String
        /// Value reported on the AE 50: the line's on the chapter 1-97 number, zero on chapter 99.
        public let valueCents: Int64
        public let dutyCents: Int64
    }

    /// One AD/CVD deposit (one AE 53).
    public struct Deposit: Sendable, Equatable {
        public let caseNumber: String
        public let isAntidumping: Bool
        public let isBonded: Bool
        public let dutyCents: Int64
    }

    /// The money of one line.
    public struct Line: Sendable, Equatable {
        public let lineNumber: Int
        /// Chapter 99 numbers first, the chapter 1-97 number last (CBP's order).
        public let tariffs: [Tariff]
        /// Line fees by class (AE 62), in class-code order; a fee of zero is left out.
        public let fees: [EntryFee]
        public let deposits: [Deposit]
        /// IR tax (AE 60), or nil when the line has none.
        public let irTaxCents: Int64?

        /// The sum of the tariff duties.
        public var dutyCents: Int64 { tariffs.reduce(0) { $0 + $1.dutyCents } }
        /// The fee of a class on this line, or nil.
        public func fee(_ classCode: String) -> Int64? { fees.first { $0.classCode == classCode }?.amountCents }
    }

    public let lines: [Line]
    /// Fees of the summary as a whole (AE 34), in class-code order.
    public let summaryFees: [EntryFee]
    /// One total per fee class over lines and summary (AE 89), in class-code order.
    public let feeTotals: [EntryFee]
    /// The date that selected the fee tables (entry date, else arrival date).
    public let feeDate: String
    /// The MPF bounds applied (nil when the entry pays no ad valorem MPF or the table has no
    /// figures for its date), and the MPF before they were applied.
    public let mpfBounds: CustomsRules.MPFBounds?
    public let mpfBeforeBoundsCents: Int64

    public let enteredValueCents: Int64
    public let dutyCents: Int64
    public let feesCents: Int64
    public let taxesCents: Int64
    public let adBondedCents: Int64
    public let adCashCents: Int64
    public let cvBondedCents: Int64
    public let cvCashCents: Int64

    /// Total AD deposits (AE 90 39-49).
    public var adDutyCents: Int64 { adBondedCents + adCashCents }
    /// Total CV deposits (AE 90 51-61).
    public var cvDutyCents: Int64 { cvBondedCents + cvCashCents }
    /// Duty + fees + taxes + AD + CV.
    public var totalCents: Int64 { dutyCents + feesCents + taxesCents + adDutyCents + cvDutyCents }
    /// The total fee of a class over the entry, or nil.
    public func feeTotal(_ classCode: String) -> Int64? { feeTotals.first { $0.classCode == classCode }?.amountCents }
}

extension CustomsEntry {
    /// The entry's money as the current customs rules compute it (see ``EntryMoney``).
    public var money: EntryMoney { MoneyCalculator.compute(self) }
}

/// Computes ``EntryMoney``; every rounding goes through ``CustomsRules/roundedCents(_:over:)``.
enum MoneyCalculator {
    static func compute(_ entry: CustomsEntry) -> EntryMoney {
        let feeDate = entry.entrySummary?.entryDate ?? entry.arrivalDate

        // MPF (499): per line at the rate, the entry's sum held within the year's bounds.
        let paysMPF = CustomsRules.mpfEntryTypes.contains(entry.entryType)
        let mpfLines = entry.lines.map { line -> Bool in
            guard paysMPF else { return false }
            if let spi = line.summary?.spi, CustomsRules.mpfExemptSPIs.contains(spi) { return false }
            return true
        }
        let rawMPF = zip(entry.lines, mpfLines).map { line, pays in
            pays ? CustomsRules.roundedCents(Int128(line.valueCents) * Int128(CustomsRules.mpfRatePerMillion), over: 1_000_000) : 0
        }
        let mpfSum = rawMPF.reduce(0, +)
        let bounds = paysMPF && mpfLines.contains(true) ? CustomsRules.mpfBounds(on: feeDate) : nil
        var mpf = rawMPF
        if let bounds {
            let held = min(max(mpfSum, bounds.minimumCents), bounds.maximumCents)
            if held != mpfSum { mpf = apportion(held, over: entry.lines.map(\.valueCents), among: mpfLines) }
        }

        // HMF (501): vessel modes at an HMF port (or where the clerk typed one at another port).
        let vessel = CustomsRules.hmfModes.contains(entry.modeOfTransport)
            || (entry.modeOfTransport == "12" && entry.lines.contains { $0.summary?.fee("501") != nil })
        let hmfPort = CustomsRules.hmfPorts.contains(entry.portOfUnlading ?? entry.portOfEntry)
        let typedHMF = entry.lines.contains { $0.summary?.fee("501") != nil }
        let paysHMF = entry.entrySummary != nil && vessel && (hmfPort || typedHMF)

        var lines: [EntryMoney.Line] = []
        for (i, line) in entry.lines.enumerated() {
            let summary = line.summary
            let tariffs = line.tariffs.map { t -> EntryMoney.Tariff in
                let duty = t.rate.map { Self.duty(rate: $0, valueCents: line.valueCents, quantity: line.quantity) } ?? t.dutyCents
                return EntryMoney.Tariff(hts: t.hts, valueCents: t.isChapter99 ? 0 : t.valueCents, dutyCents: duty)
            }
            var fees: [EntryFee] = []
            if summary != nil {
                if mpf[i] > 0 { fees.append(EntryFee(classCode: "499", amountCents: mpf[i])) }
                if paysHMF {
                    let hmf = CustomsRules.roundedCents(Int128(line.valueCents) * Int128(CustomsRules.hmfRatePerHundredThousand), over: 100_000)
                    if hmf > 0 { fees.append(EntryFee(classCode: "501", amountCents: hmf)) }
                }
                for fee in summary?.fees ?? [] where !(CustomsRules.feeClass(fee.classCode)?.computed ?? false) && fee.amountCents > 0 {
                    fees.append(fee)
                }
            }
            fees.sort { $0.classCode < $1.classCode }
            let deposits = (summary?.adcvd ?? []).map { d in
                EntryMoney.Deposit(caseNumber: d.caseNumber, isAntidumping: d.isAntidumping, isBonded: d.isBonded,
                                   dutyCents: Self.deposit(d, lineValueCents: line.valueCents))
            }
            let ir = summary?.irTax.map(Self.irTax)
            lines.append(EntryMoney.Line(lineNumber: line.lineNumber, tariffs: tariffs, fees: fees, deposits: deposits, irTaxCents: ir))
        }

        // Summary fees (34): the informal MPF for informal entries; uncomputed classes as typed.
        var summaryFees: [EntryFee] = []
        if let es = entry.entrySummary {
            if CustomsRules.informalEntryTypes.contains(entry.entryType), let fee = CustomsRules.informalMPF(on: feeDate) {
                summaryFees.append(EntryFee(classCode: "311", amountCents: fee.amountCents))
            }
            for fee in es.fees where !(CustomsRules.feeClass(fee.classCode)?.computed ?? false) && fee.amountCents > 0 {
                summaryFees.append(fee)
            }
            summaryFees.sort { $0.classCode < $1.classCode }
        }

        var totals: [String: Int64] = [:]
        for fee in lines.flatMap(\.fees) + summaryFees { totals[fee.classCode, default: 0] += fee.amountCents }
        let feeTotals = totals.keys.sorted().map { EntryFee(classCode: $0, amountCents: totals[$0]!) }
        let deposits = lines.flatMap(\.deposits)
        func sum(_ ad: Bool, _ bonded: Bool) -> Int64 {
            deposits.filter { $0.isAntidumping == ad && $0.isBonded == bonded }.reduce(0) { $0 + $1.dutyCents }
        }
        return EntryMoney(
            lines: lines, summaryFees: summaryFees, feeTotals: feeTotals, feeDate: feeDate,
            mpfBounds: bounds, mpfBeforeBoundsCents: mpfSum,
            enteredValueCents: entry.lines.reduce(0) { $0 + $1.valueCents },
            dutyCents: lines.reduce(0) { $0 + $1.dutyCents },
            feesCents: feeTotals.reduce(0) { $0 + $1.amountCents },
            taxesCents: lines.reduce(0) { $0 + ($1.irTaxCents ?? 0) },
            adBondedCents: sum(true, true), adCashCents: sum(true, false),
            cvBondedCents: sum(false, true), cvCashCents: sum(false, false))
    }

    /// Duty at a declared rate: ad valorem on the line value plus specific on the line quantity,
    /// rounded once. The specific part is in hundredths of a cent per unit of `quantity`.
    static func duty(rate: DutyRate, valueCents: Int64, quantity: LineQuantity) -> Int64 {
        let scale = Int128(pow10(quantity.scale))
        // Common denominator 10,000 × 10^scale: ad valorem value × bp / 10,000; specific
        // amount / 10^scale × hundredth-cents / 100.
        var numerator = Int128(valueCents) * Int128(rate.adValoremBasisPoints ?? 0) * scale
        numerator += Int128(quantity.amount) * Int128(rate.specificHundredthCents ?? 0) * 100
        return CustomsRules.roundedCents(numerator, over: 10_000 * scale)
    }

    /// An AD/CVD deposit: rate × value (type `A`, basis points) or rate × quantity (type `S`,
    /// cents per unit, quantity in ten-thousandths).
    static func deposit(_ d: ADCVDDeposit, lineValueCents: Int64) -> Int64 {
        if d.rateType == "S" {
            return CustomsRules.roundedCents(Int128(d.quantityTenThousandths ?? 0) * Int128(d.depositRate), over: 10_000)
        }
        return CustomsRules.roundedCents(Int128(d.valueCents ?? lineValueCents) * Int128(d.depositRate), over: 10_000)
    }

    /// IR tax: rate (hundredths of a cent per unit) × quantity.
    static func irTax(_ t: IRTax) -> Int64 {
        CustomsRules.roundedCents(Int128(t.quantity.amount) * Int128(t.rateHundredthCents), over: 100 * Int128(pow10(t.quantity.scale)))
    }

    /// Spreads `total` over the lines that pay, in proportion to value: each paying line but
    /// the last gets its share rounded down, the last paying line the rest.
    static func apportion(_ total: Int64, over values: [Int64], among paying: [Bool]) -> [Int64] {
        let payingValue = zip(values, paying).reduce(Int128(0)) { $0 + ($1.1 ? Int128($1.0) : 0) }
        guard let last = paying.lastIndex(of: true) else { return values.map { _ in 0 } }
        var out = values.map { _ in Int64(0) }
        var given: Int64 = 0
        for i in values.indices where paying[i] && i != last {
            let share = payingValue == 0 ? 0 : Int64(Int128(total) * Int128(values[i]) / payingValue)
            out[i] = share
            given += share
        }
        out[last] = total - given
        return out
    }

    static func pow10(_ n: Int) -> Int64 {
        var v: Int64 = 1
        for _ in 0..<max(0, n) { v *= 10 }
        return v
    }
}
