import LedgerFormat
/// Entry Summary (`AE`, CBP Form 7501 data) input records, 2-character record ids. Transaction
/// order: 10, 11, 20, manifest groupings (22 then its 23s), 30, 31, 34, then per line 40, 44,
/// 47, the 50s (chapter 99 numbers first), 53, 60, 62, then the totals 88, 89, 90. A delete is
/// the 10 record alone.
extension ABILayouts {
    /// AE 10 header control. **[firm]**
    public static let ae10 = ABILayout(id: "10", title: "Entry summary header control", source: "A1 B1 CW", confidence: .firm, fields: [
        ABIField("action code", 3, 3, .a, .mandatory, "`A` add, `R` replace, `D` delete"),
        ABIField("filer code", 4, 6, .an, .mandatory),
        ABIField("entry number", 9, 16, .an, .mandatory, "7-digit serial + check digit"),
        ABIField("port", 18, 21, .an, .mandatory, "district/port of entry"),
        ABIField("broker reference", 22, 30, .x, .conditional, "echoed in E0/E1; the entry's broker reference"),
        ABIField("entry type", 34, 35, .an, .mandatory),
        ABIField("mode of transport", 36, 37, .an, .conditional),
        ABIField("bond waiver", 38, 38, .an, .conditional, "`0` no bond required; space when a bond applies (then a 31)"),
        ABIField("electronic signature", 39, 39, .an, .conditional, "`X`, mandatory on A and R"),
        ABIField("certify for cargo release", 40, 40, .an, .conditional, "`A`; EntryLedger does not certify (space)"),
        ABIField("EIP indicator", 41, 41, .an, .conditional, "`Y`"),
        ABIField("consolidated summary", 42, 42, .an, .conditional, "`Y` (then 32 records)"),
        ABIField("shipment usage", 43, 43, .an, .conditional, "`P` personal, `X` commercial sample"),
        ABIField("live entry", 44, 44, .an, .conditional, "`Y`"),
        ABIField("deferred IR tax", 45, 45, .an, .conditional, "`1` conventional, `2` EFT"),
        ABIField("reconciliation flag", 46, 46, .an, .conditional, "`Y`"),
        ABIField("reconciliation issue", 47, 49, .an, .conditional, "`001`-`007`"),
        ABIField("payment type", 51, 51, .an, .conditional, "`1` individual; `2` `3` `5` daily statement; `6` `7` `8` monthly"),
        ABIField("statement print date", 52, 57, .d, .conditional, "with payment types 2-8"),
        ABIField("statement month", 58, 59, .an, .conditional, "MM, with 6-8"),
        ABIField("statement branch", 60, 61, .an, .conditional),
        ABIField("bond waiver reason", 62, 64, .an, .conditional, "with 38 = `0` when required"),
        ABIField("PSC indicator", 65, 65, .an, .conditional, "`Y`"),
        ABIField("accelerated liquidation", 66, 66, .an, .conditional, "`Y`, PSC only"),
        ABIField("known importer", 67, 67, .an, .optional, "`Y`"),
        ABIField("PGA data included", 68, 68, .an, .conditional, "`Y`"),
        ABIField("TIB declaration", 69, 69, .an, .conditional, "`Y`, type 23"),
        ABIField("consolidated express informal", 70, 70, .an, .conditional, "`Y`", source: "A1 B1"),
    ], notes: ["Mandatory, first record. A `D` carries 3-35 only (36-80 spaces) and no other record."])

    /// AE 11 header content. **[firm]**
    public static let ae11 = ABILayout(id: "11", title: "Entry summary header content", source: "A1 B1 CW", confidence: .firm, fields: [
        ABIField("importer number", 3, 14, .x, .mandatory, "importer of record, hyphens kept"),
        ABIField("consignee number", 15, 26, .x, .conditional),
        ABIField("notify party number", 27, 38, .x, .conditional),
        ABIField("estimated entry date", 42, 47, .d, .conditional, "required when certifying"),
        ABIField("date of importation", 48, 53, .d, .conditional, "arrival date"),
        ABIField("state of destination", 61, 62, .an, .conditional),
        ABIField("FTZ id", 63, 71, .an, .conditional, "type 06"),
    ], notes: ["Mandatory on A and R."])

    /// AE 20 cargo reference. **[firm]**
    public static let ae20 = ABILayout(id: "20", title: "Cargo reference", source: "A1 CW", confidence: .firm, fields: [
        ABIField("carrier code", 3, 6, .an, .conditional, "SCAC; IATA for air"),
        ABIField("port of unlading", 7, 10, .an, .conditional),
        ABIField("estimated arrival date", 11, 16, .d, .conditional),
        ABIField("location of goods", 17, 20, .an, .conditional, "FIRMS code"),
        ABIField("conveyance name", 21, 40, .x, .conditional),
        ABIField("vessel code", 41, 47, .an, .conditional),
        ABIField("designated exam port", 48, 51, .an, .conditional),
        ABIField("in-bond date", 52, 57, .d, .conditional, "mandatory when a 23 holds an in-bond number"),
    ])

    /// AE 22 manifest quantity. **[one source]**
    public static let ae22 = ABILayout(id: "22", title: "Cargo manifest quantity", source: "A1", confidence: .oneSource, fields: [
        ABIField("manifested quantity", 3, 10, .sn, .mandatory),
        ABIField("unit of measure", 11, 15, .x, .mandatory, "EntryLedger writes `PCS` [unsure]"),
    ], notes: ["Starts a manifest grouping; every 23 follows a 22."])

    /// AE 23 bill of lading. **[one source]**
    public static let ae23 = ABILayout(id: "23", title: "Bill of lading / in-bond", source: "A1", confidence: .oneSource, fields: [
        ABIField("bill type", 3, 3, .an, .mandatory, "`I` in-bond, `M` master, `H` house, `S` sub-house"),
        ABIField("issuer code", 4, 7, .an, .conditional, "SCAC"),
        ABIField("bill number", 8, 19, .an, .mandatory),
    ], notes: ["Order inside a grouping: printed I,M,H,S; CERT observed M,H,S then I [unsure]; EntryLedger sends M,H,S then I."])

    /// AE 30 warehouse withdrawal. **[one source]**
    public static let ae30 = ABILayout(id: "30", title: "Warehouse withdrawal", source: "A1", confidence: .oneSource, fields: [
        ABIField("warehouse filer code", 3, 5, .an, .mandatory),
        ABIField("warehouse entry number", 8, 15, .an, .mandatory),
        ABIField("warehouse port", 17, 20, .an, .mandatory),
        ABIField("final withdrawal", 21, 21, .an, .conditional, "`Y`"),
    ], notes: ["Withdrawal types 31, 32, 34, 38."])

    /// AE 31 bond. **[firm]**
    public static let ae31 = ABILayout(id: "31", title: "Bond", source: "A1 B1 CW", confidence: .firm, fields: [
        ABIField("bond type", 3, 3, .an, .mandatory, "`8` continuous, `9` single transaction"),
        ABIField("bond designation", 4, 4, .an, .mandatory, "`B` basic, `A` additional, `U` substitution STB, `E` superseding STB"),
        ABIField("continuous bond indicator", 5, 5, .an, .conditional, "`Y` supersedes, `S` substitutes"),
        ABIField("surety code", 6, 8, .an, .mandatory),
        ABIField("bond amount", 9, 18, .sn, .conditional, "whole USD, single transaction bond only"),
        ABIField("surety reference", 19, 28, .an, .optional, "single transaction bond only"),
    ], notes: ["Whenever 10 pos 38 is not `0` [one source: CW]."])

    /// AE 34 header fees. **[firm]**
    public static let ae34 = ABILayout(id: "34", title: "Header fees", source: "A1 B1 CW", confidence: .firm, fields: [
        ABIField("class 1", 3, 5, .an, .mandatory, "`311` informal MPF, `500` manual surcharge, `496` dutiable mail"),
        ABIField("amount 1", 6, 13, .sn, .mandatory, "cents"),
        ABIField("class 2", 14, 16, .an, .conditional),
        ABIField("amount 2", 17, 24, .sn, .conditional, "cents"),
    ])

    /// AE 40 line header. **[firm]**
    public static let ae40 = ABILayout(id: "40", title: "Line item header", source: "A1 B1 CW", confidence: .firm, fields: [
        ABIField("line number", 5, 7, .x, .mandatory, "`001` ..."),
        ABIField("article set", 8, 8, .an, .conditional, "`X` set header, `V` component"),
        ABIField("country of origin", 9, 10, .x, .mandatory, "ISO; `**` if unknown"),
        ABIField("country of export", 11, 12, .an, .conditional),
        ABIField("export date", 13, 18, .d, .conditional),
        ABIField("textile export date", 19, 24, .d, .conditional),
        ABIField("SPI", 25, 26, .x, .conditional, "left-justified; may end in `+` or `*`"),
        ABIField("charges", 27, 36, .sn, .conditional, "whole USD; zeroes when not used"),
        ABIField("foreign port of lading", 37, 41, .an, .conditional, "Schedule K"),
        ABIField("gross weight", 42, 51, .sn, .conditional, "kg; zeroes when not used"),
        ABIField("textile category", 52, 54, .n, .conditional),
        ABIField("product claim", 55, 55, .an, .conditional),
        ABIField("related party", 56, 56, .an, .conditional, "`Y` / `N`"),
        ABIField("NAFTA net cost", 57, 57, .an, .conditional),
        ABIField("fee exemption", 58, 58, .an, .conditional, "`1` cotton, `2` other agriculture"),
        ABIField("AD/CVD non-reimbursement", 60, 60, .an, .conditional, "`Y` on a line carrying a 53", source: "CW", confidence: .oneSource),
    ], notes: ["One per line."])

    /// AE 44 commercial description. **[firm]**
    public static let ae44 = ABILayout(id: "44", title: "Commercial description", source: "A1 B1", confidence: .firm, fields: [
        ABIField("description", 3, 72, .x, .mandatory),
    ])

    /// AE 47 article party. **[firm]**
    public static let ae47 = ABILayout(id: "47", title: "Article party", source: "A1 B1 CW", confidence: .firm, fields: [
        ABIField("party type", 3, 3, .an, .mandatory, "`M` manufacturer (MID), `C` delivered-to, `S` sold-to, `E` exporter"),
        ABIField("identifier", 4, 18, .x, .mandatory, "MID up to 15"),
    ], notes: ["`M` on every formal line [one source: AT]."])

    /// AE 50 tariff, value, quantity. **[firm]**
    public static let ae50 = ABILayout(id: "50", title: "Tariff, duty, value, quantity", source: "A1 B1 CW", confidence: .firm, fields: [
        ABIField("HTS number", 3, 12, .an, .mandatory),
        ABIField("duty", 14, 23, .sn, .mandatory, "cents; zero if none"),
        ABIField("value", 25, 34, .sn, .mandatory, "whole USD; zero on chapter 99 numbers"),
        ABIField("quantity 1", 36, 47, .sn, .conditional, "2 implied decimals; spaces on chapter 99 numbers"),
        ABIField("unit 1", 48, 50, .an, .mandatory, "the HTS unit; spaces with no quantity [unsure]"),
        ABIField("quantity 2", 51, 62, .sn, .conditional),
        ABIField("unit 2", 63, 65, .an, .conditional),
        ABIField("quantity 3", 66, 77, .sn, .conditional),
        ABIField("unit 3", 78, 80, .an, .conditional),
    ], notes: ["1-32 per line; chapter 99 numbers each on their own 50 before the chapter 1-97 number [firm: CSMS]."])

    /// AE 53 AD/CVD case. **[firm]**
    public static let ae53 = ABILayout(id: "53", title: "AD/CVD case", source: "A2 B1 CW", confidence: .firm, fields: [
        ABIField("case number", 3, 12, .an, .mandatory, "`A`/`C` + country + case + company, no hyphens"),
        ABIField("bond or cash", 13, 13, .an, .mandatory, "`B` bond, `C` cash deposit"),
        ABIField("deposit rate", 14, 21, .sn, .mandatory, "2 implied decimals"),
        ABIField("rate type", 22, 22, .an, .mandatory, "`A` ad valorem, `S` specific"),
        ABIField("AD/CVD value", 25, 34, .sn, .conditional, "whole USD; zeroes when not used"),
        ABIField("AD/CVD quantity", 35, 46, .sn, .conditional, "4 implied decimals; zeroes when not used"),
        ABIField("AD/CVD duty", 47, 56, .sn, .mandatory, "cents"),
        ABIField("blanket declaration id", 57, 66, .an, .conditional, "AD only"),
    ], notes: ["0-2 per line (one AD, one CV)."])

    /// AE 60 IR tax. **[firm]**
    public static let ae60 = ABILayout(id: "60", title: "Internal revenue tax", source: "A2 B1", confidence: .firm, fields: [
        ABIField("class", 3, 5, .an, .mandatory, "accounting class"),
        ABIField("amount", 6, 15, .sn, .mandatory, "cents"),
    ])

    /// AE 62 line user fee. **[firm]**
    public static let ae62 = ABILayout(id: "62", title: "Line user fee", source: "A2 B1 CW", confidence: .firm, fields: [
        ABIField("class", 3, 5, .an, .mandatory, "`499` MPF, `501` HMF, `056` cotton"),
        ABIField("amount", 6, 13, .sn, .mandatory, "cents"),
    ], notes: ["One per fee class per line, 0-9."])

    /// AE 88 AD/CVD totals. **[firm]**
    public static let ae88 = ABILayout(id: "88", title: "AD/CVD totals", source: "A2 B1", confidence: .firm, fields: [
        ABIField("bonded AD", 3, 13, .sn, .conditional, "cents; zeroes when none"),
        ABIField("cash AD", 15, 25, .sn, .conditional, "cents; zeroes when none"),
        ABIField("bonded CV", 27, 37, .sn, .conditional, "cents; zeroes when none"),
        ABIField("cash CV", 39, 49, .sn, .conditional, "cents; zeroes when none"),
    ], notes: ["When any 53 is sent: the 53 duties summed by case prefix and bond/cash."])

    /// AE 89 fee totals. **[firm]**
    public static let ae89 = ABILayout(id: "89", title: "Fee totals by class", source: "A2 B1 CW", confidence: .firm, fields: [
        ABIField("class 1", 3, 5, .an, .mandatory),
        ABIField("total 1", 6, 16, .sn, .mandatory, "cents"),
        ABIField("class 2", 17, 19, .an, .conditional),
        ABIField("total 2", 20, 30, .sn, .conditional),
        ABIField("class 3", 31, 33, .an, .conditional),
        ABIField("total 3", 34, 44, .sn, .conditional),
        ABIField("class 4", 45, 47, .an, .conditional),
        ABIField("total 4", 48, 58, .sn, .conditional),
        ABIField("class 5", 59, 61, .an, .conditional),
        ABIField("total 5", 62, 72, .sn, .conditional),
    ], notes: ["Mandatory whenever a 34 or 62 is sent: one total per class, = the sum of that class's 34 and 62 amounts."])

    /// AE 90 grand totals. **[firm]**
    public static let ae90 = ABILayout(id: "90", title: "Grand totals", source: "A2 B1 CW", confidence: .firm, fields: [
        ABIField("duty", 3, 13, .sn, .mandatory, "cents, = sum of 50 duty; zeroes when none"),
        ABIField("user fees", 15, 25, .sn, .mandatory, "cents, = sum of the 89 totals"),
        ABIField("IR tax", 27, 37, .sn, .mandatory, "cents, = sum of 60"),
        ABIField("AD duty", 39, 49, .sn, .mandatory, "cents, = sum of `A` 53 duty"),
        ABIField("CV duty", 51, 61, .sn, .mandatory, "cents, = sum of `C` 53 duty"),
        ABIField("other revenue", 63, 73, .sn, .mandatory, "cents, = sum of 61"),
    ], notes: ["Mandatory on A and R, last record; all six zero-filled when nothing applies."])

    /// Every Entry Summary layout, in transaction order.
    public static let entrySummary: [ABILayout] = [ae10, ae11, ae20, ae22, ae23, ae30, ae31, ae34, ae40, ae44, ae47, ae50, ae53, ae60, ae62, ae88, ae89, ae90]
}
