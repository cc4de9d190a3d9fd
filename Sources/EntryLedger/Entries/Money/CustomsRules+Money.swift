import LedgerFormat

/// The money rules of the 7501: rates, fee tables by fiscal year, the one rounding rule, and
/// the entry-type rules that depend on money. Each fact carries its confidence and source;
/// `schemas/money-rules.md` sets them out with the sources in full. Correcting one of these
/// tables is a rules change: raise ``CustomsRules/version``.
extension CustomsRules {
    // MARK: Rounding (stated once, applied once)

    /// The one rounding rule of the ledger's money: an exact quotient of integers rounded to the
    /// nearest cent, halves up (amounts are never negative). Applied once per duty of a tariff
    /// number, per AD/CVD deposit, per IR tax and per line fee, never to partial results.
    /// CBP's own rounding rule was not found **[unsure]**; ACE recomputes duty per 50 record.
    /// A result above ``computedCentsCeiling`` (far more than any ABI field holds) is held at
    /// it, so that sums over every tariff of every line never overflow.
    public static func roundedCents(_ numerator: Int128, over denominator: Int128) -> Int64 {
        precondition(numerator >= 0 && denominator > 0)
        let q = (numerator * 2 + denominator) / (denominator * 2)
        return q > Int128(computedCentsCeiling) ? computedCentsCeiling : Int64(q)
    }

    /// The largest amount a computation gives: $1 trillion, 100 times the largest ABI money
    /// field, so a typed figure can never equal a held one by accident.
    public static let computedCentsCeiling: Int64 = 100_000_000_000_000

    // MARK: Merchandise processing fee, formal entries (class 499)

    /// MPF ad valorem rate in millionths of the value: 0.3464 %. **[firm]** 19 CFR 24.23(b)(1)(i);
    /// FR 2025-13869 (CBP Dec. 25-10).
    public static let mpfRatePerMillion: Int64 = 3464

    /// The MPF minimum and maximum per entry summary in force from a date (the fiscal year's
    /// inflation adjustment under the FAST Act, 19 CFR 24.22(k)).
    public struct MPFBounds: Sendable, Equatable {
        /// First day the bounds apply (`YYYY-MM-DD`).
        public let effective: String
        public let fiscalYear: Int
        public let minimumCents: Int64
        public let maximumCents: Int64
        /// Where the figures come from and how sure they are.
        public let source: String
    }

    /// MPF bounds by effective date, oldest first. Which year applies: the date of entry.
    public static let mpfBounds: [MPFBounds] = [
        MPFBounds(effective: "2018-01-01", fiscalYear: 2018, minimumCents: 2567, maximumCents: 49799, source: "[firm] FY2018 fee notice as published by two brokers"),
        MPFBounds(effective: "2018-10-01", fiscalYear: 2019, minimumCents: 2622, maximumCents: 50870, source: "[firm] 83 FR 37509"),
        MPFBounds(effective: "2019-10-01", fiscalYear: 2020, minimumCents: 2679, maximumCents: 51976, source: "[one source] FY2020 fee notice as published by a trade law firm"),
        MPFBounds(effective: "2020-10-01", fiscalYear: 2021, minimumCents: 2723, maximumCents: 52833, source: "[firm] FY2021 fee notice as published by two brokers"),
        MPFBounds(effective: "2021-10-01", fiscalYear: 2022, minimumCents: 2775, maximumCents: 53840, source: "[firm] CSMS 48938836"),
        MPFBounds(effective: "2022-10-01", fiscalYear: 2023, minimumCents: 2966, maximumCents: 57535, source: "[one source] FY2023 fee notice as published by a forwarder"),
        MPFBounds(effective: "2023-10-01", fiscalYear: 2024, minimumCents: 3167, maximumCents: 61435, source: "[firm] 88 FR 48900"),
        MPFBounds(effective: "2024-10-01", fiscalYear: 2025, minimumCents: 3271, maximumCents: 63462, source: "[firm] 89 FR 59126; CSMS 61572319"),
        MPFBounds(effective: "2025-10-01", fiscalYear: 2026, minimumCents: 3358, maximumCents: 65150, source: "[firm] FR 2025-13869 (CBP Dec. 25-10)"),
    ]

    /// The last day the newest rows of the fee tables are known to apply: the end of FY2026.
    /// Entries dated later (FY2027 began on 1 October 2026) are computed with the FY2026
    /// figures, carried forward, until the next year's notice is added to these tables (a
    /// rules change: raise ``version``, and entries written before it verify with notices).
    /// **[unsure]**: the FY2027 figures were not available offline.
    public static let feeTablesEnd = "2026-09-30"

    /// Whether an entry dated `date` is past the newest fiscal year of the fee tables.
    public static func feeTablesCarriedForward(on date: String) -> Bool { date > feeTablesEnd }

    /// The MPF bounds for an entry dated `date` (`YYYY-MM-DD`), or nil when the table has no
    /// figures for it (before 2018). Past ``feeTablesEnd`` the newest row is carried forward.
    public static func mpfBounds(on date: String) -> MPFBounds? {
        mpfBounds.last { $0.effective <= date }
    }

    /// Entry types that pay the ad valorem MPF (class 499). Formal consumption entries and
    /// warehouse withdrawals for consumption; a warehouse entry (21, 22) pays on withdrawal,
    /// not on entry into the warehouse; TIB, DCASR and government entries are left out.
    /// **[unsure]** for 06 (the zone's weekly-entry rules are not modelled), 21/22, 23, 51, 52.
    public static let mpfEntryTypes: Set<String> = ["01", "02", "03", "06", "07", "31", "32", "34", "38"]

    /// Special programs whose originating goods are exempt from MPF. 19 CFR 24.23(c) lists
    /// such exemptions, but the reference at hand does not say firmly which SPI codes they are,
    /// so none is applied **[unsure]**: a broker claiming one must wait for a rules change.
    public static let mpfExemptSPIs: Set<String> = []

    // MARK: Informal entries (class 311)

    /// Informal entry types. **[one source]**
    public static let informalEntryTypes: Set<String> = ["11", "12"]

    /// The most an informal entry (type 11) may be worth: $2,500. **[firm]** 19 CFR 143.21(a).
    public static let informalValueLimitCents: Int64 = 250_000

    /// The informal MPF (class 311, "automated, not prepared by CBP") in force from a date.
    public struct FlatFee: Sendable, Equatable {
        public let effective: String
        public let fiscalYear: Int
        public let amountCents: Int64
        public let source: String
    }

    /// Informal MPF by effective date. FY2021 and FY2023 are not known here: entries dated in
    /// those years are refused until they are added. Past ``feeTablesEnd`` the newest row is
    /// carried forward. **[firm]** except where marked.
    public static let informalMPF: [FlatFee] = [
        FlatFee(effective: "2018-10-01", fiscalYear: 2019, amountCents: 210, source: "[firm] 83 FR 37509 as published by two brokers"),
        FlatFee(effective: "2019-10-01", fiscalYear: 2020, amountCents: 214, source: "[one source] FY2020 fee notice"),
        FlatFee(effective: "2021-10-01", fiscalYear: 2022, amountCents: 222, source: "[firm] CSMS 48938836"),
        FlatFee(effective: "2023-10-01", fiscalYear: 2024, amountCents: 253, source: "[one source] 88 FR 48900"),
        FlatFee(effective: "2024-10-01", fiscalYear: 2025, amountCents: 262, source: "[firm] 89 FR 59126"),
        FlatFee(effective: "2025-10-01", fiscalYear: 2026, amountCents: 269, source: "[firm] FR 2025-13869 (CBP Dec. 25-10)"),
    ]

    /// The informal MPF for an entry dated `date`, or nil when the table has no figure for
    /// that fiscal year.
    public static func informalMPF(on date: String) -> FlatFee? {
        guard let fee = informalMPF.last(where: { $0.effective <= date }) else { return nil }
        if feeTablesCarriedForward(on: date) { return fee }
        let fyStart = "\(fee.fiscalYear - 1)-10-01", fyEnd = "\(fee.fiscalYear)-09-30"
        return date >= fyStart && date <= fyEnd ? fee : nil
    }

    // MARK: Harbor maintenance fee (class 501)

    /// HMF rate in hundred-thousandths of the value: 0.125 %, no minimum or maximum. **[firm]**
    /// 19 CFR 24.24(a).
    public static let hmfRatePerHundredThousand: Int64 = 125

    /// Modes that pay HMF at an HMF port: vessel. Mode 12 (border, water-borne) is **[unsure]**
    /// and is not charged unless the clerk types an HMF figure.
    public static let hmfModes: Set<String> = ["10", "11"]

    /// Schedule D codes of ports listed in 19 CFR 24.24(b) (the major U.S. seaports). The
    /// regulation lists ports by name; this mapping to Schedule D codes and its completeness are
    /// **[unsure]**. At a vessel port not listed here, an HMF figure the clerk types is still
    /// checked against the rate, but none is required.
    public static let hmfPorts: Set<String> = [
        "0101", "0401", "0502", "1001", "1101", "1303", "1401", "1601", "1703", "1801", "1803",
        "2002", "2704", "2709", "2809", "2811", "2904", "3001", "3002", "4601", "5201", "5203", "5301", "5306",
    ]

    // MARK: Fee classes

    /// Where a fee class is reported.
    public enum FeeLevel: String, Sendable { case line, summary }

    /// One accounting class code of a user fee.
    public struct FeeClass: Sendable, Equatable {
        public let code: String
        public let name: String
        public let level: FeeLevel
        /// Whether the ledger computes the amount (else it is taken as typed **[unsure]**).
        public let computed: Bool
        public let source: String
    }

    /// The fee class codes EntryLedger knows. **[firm]** for 499, 501; **[one source]** for the rest.
    public static let feeClasses: [FeeClass] = [
        FeeClass(code: "499", name: "merchandise processing fee", level: .line, computed: true, source: "[firm] 19 CFR 24.23(b)(1)"),
        FeeClass(code: "501", name: "harbor maintenance fee", level: .line, computed: true, source: "[firm] 19 CFR 24.24"),
        FeeClass(code: "056", name: "cotton fee", level: .line, computed: false, source: "[one source] CATAIR AE 40 field text"),
        FeeClass(code: "311", name: "informal entry MPF", level: .summary, computed: true, source: "[firm] 19 CFR 24.23(b)(2)"),
        FeeClass(code: "500", name: "manual entry surcharge", level: .summary, computed: false, source: "[one source] 19 CFR 24.23(b)(2)"),
        FeeClass(code: "496", name: "dutiable mail fee", level: .summary, computed: false, source: "[one source] 19 CFR 24.23(b)(2)"),
    ]

    /// The fee class with this code, or nil.
    public static func feeClass(_ code: String) -> FeeClass? { feeClasses.first { $0.code == code } }

    // MARK: Special program indicators

    /// One special program indicator (trade-agreement claim).
    public struct SpecialProgram: Sendable, Equatable {
        public let code: String
        public let name: String
        /// The claim makes the chapter 1-97 number duty-free (the declared rate must be free).
        public let dutyFree: Bool
    }

    /// SPI codes the ledger knows. Values **[unsure]** (take the current list from the CATAIR
    /// AE Table 8); format (2 characters, may end in `+` or `*`) **[firm]**.
    public static let specialPrograms: [SpecialProgram] = [
        SpecialProgram(code: "S", name: "USMCA", dutyFree: true),
        SpecialProgram(code: "S+", name: "USMCA (textile tariff preference level)", dutyFree: true),
        SpecialProgram(code: "A", name: "GSP", dutyFree: true),
        SpecialProgram(code: "A+", name: "GSP least-developed beneficiary", dutyFree: true),
        SpecialProgram(code: "AU", name: "Australia FTA", dutyFree: true),
        SpecialProgram(code: "IL", name: "Israel FTA", dutyFree: true),
        SpecialProgram(code: "JO", name: "Jordan FTA", dutyFree: true),
        SpecialProgram(code: "SG", name: "Singapore FTA", dutyFree: true),
        SpecialProgram(code: "CL", name: "Chile FTA", dutyFree: true),
        SpecialProgram(code: "KR", name: "Korea FTA", dutyFree: true),
    ]

    /// The special program with this code, or nil.
    public static func specialProgram(_ code: String) -> SpecialProgram? { specialPrograms.first { $0.code == code } }

    // MARK: Chapter 99

    /// The order of chapter 99 numbers on a line, by 8-digit prefix group: Section 301 first,
    /// then IEEPA, then Section 232/201, then everything else (replacement duties, quotas).
    /// **[firm]** for the order (CSMS 18-000624, 18-000657); the prefixes of each group are
    /// **[unsure]** (from the HTS chapter 99 subchapter III headings).
    public static let chapter99Order: [(rank: Int, name: String, prefixes: [String])] = [
        (1, "Section 301", ["990388", "990391"]),
        (2, "IEEPA", ["990301", "990302"]),
        (3, "Section 232 or 201", ["990380", "990381", "990385", "990394", "990345"]),
    ]

    /// The rank of a chapter 99 number in CBP's order (1 first; 4 for numbers of no known group).
    public static func chapter99Rank(_ hts: String) -> (rank: Int, name: String) {
        for group in chapter99Order where group.prefixes.contains(where: { hts.hasPrefix($0) }) {
            return (group.rank, group.name)
        }
        return (4, "other chapter 99")
    }

    /// Chapter 99 numbers have no statistical suffix: 8 digits (AE 50 3-12 is left-justified).
    /// 10 digits are accepted too. **[firm]** for the 8-digit form of the HTS.
    public static let chapter99Form = "99999999"

    /// Most tariff numbers on one line (AE 50 records). **[one source]**
    public static let maximumTariffsPerLine = 32

    // MARK: AD/CVD

    /// Entry types for goods subject to AD/CVD: every line carries at least one case. **[firm]**
    public static let adcvdEntryTypes: Set<String> = ["03", "07", "34", "38"]

    /// Case number form: `A` or `C`, 3-digit country, 3-digit case, 3-digit company. **[firm]**
    public static let adcvdCaseForms = ["A999999999", "C999999999"]

    /// Deposit claim codes: `B` bond, `C` cash. **[firm]**
    public static let adcvdClaims: [String: String] = ["B": "secured by bond", "C": "cash deposit"]

    /// Deposit rate types: `A` ad valorem, `S` specific. **[firm]**
    public static let adcvdRateTypes: [String: String] = ["A": "ad valorem", "S": "specific"]

    // MARK: IR tax

    /// HTS headings whose goods carry federal excise (IR) tax collected by CBP: beer, wine,
    /// other fermented beverages, spirits (26 U.S.C. 5001, 5041, 5051). **[unsure]** (no
    /// CATAIR list of IR tax class codes was available; the class code is taken as typed).
    public static let irTaxHeadings: Set<String> = ["2203", "2204", "2205", "2206", "2208"]

    // MARK: Other entry-type rules

    /// Foreign-trade-zone entry type: needs the zone id and each line's zone status. **[one source]**
    public static let ftzEntryTypes: Set<String> = ["06"]
    /// FTZ line status: privileged foreign, non-privileged foreign, domestic. **[firm]**
    public static let ftzStatuses: [String: String] = ["P": "privileged foreign", "N": "non-privileged foreign", "D": "domestic"]
    /// FTZ id: up to 9 letters or digits (AE 11 63-71). **[firm]**
    public static let ftzIDWidth = 9

    /// Warehouse entry types: their cargo release names the bonded warehouse's FIRMS code
    /// (SE11), and a re-warehouse entry (22) its originating warehouse entry. **[one source]**
    public static let warehouseEntryTypes: Set<String> = ["21", "22"]
    /// Warehouse withdrawals: their entry summary names the warehouse entry withdrawn from
    /// (AE 30). **[one source]**
    public static let warehouseWithdrawalEntryTypes: Set<String> = ["31", "32", "34", "38"]

    /// Formal entry types that need a bond (continuous or single transaction), 19 CFR 142.4.
    /// Government (51, 52) entries are left out. **[unsure]** for the exceptions.
    public static let bondedEntryTypes: Set<String> = [
        "01", "02", "03", "04", "05", "06", "07", "08", "21", "22", "23", "24", "25", "26", "31", "32", "34", "38",
    ]

    /// The least a single-transaction bond must be: the entered value plus duties, taxes, fees
    /// and AD/CVD deposits. **[unsure]** (CBP's STB guidance; goods under other agencies' rules
    /// may need up to three times the value, which the ledger does not check).
    public static func singleTransactionBondMinimum(enteredValueCents: Int64, chargesCents: Int64) -> Int64 {
        enteredValueCents + chargesCents
    }

    // MARK: Dates

    /// How far after the day a record is written the arrival date may be: 15 days (a project
    /// rule; an entry is filed around arrival, so a later date is a typing error). **[unsure]**
    public static let arrivalFutureWindowDays = 15
}
