import LedgerFormat
/// Cargo Release (`SE`, CBP Form 3461 data) input records, 4-character record ids. Transaction
/// order: SE10, SE11, SE13, bill groupings (SE15 1-3, SE16, SE17), SE20, header parties (SE30,
/// SE35 1-3, SE36), lines (SE40, SE41, line parties SE50/SE55/SE56, SE60 1-32, SE61).
extension ABILayouts {
    /// SE10 header. **[firm]**
    public static let se10 = ABILayout(id: "SE10", title: "Cargo release header", source: "S1 S2 J1 CW", confidence: .firm, fields: [
        ABIField("action code", 5, 5, .a, .mandatory, "`A` add, `R` replace, `U` update, `D` cancel"),
        ABIField("filer code", 6, 8, .an, .mandatory, "= B 8-10"),
        ABIField("entry number", 11, 18, .an, .mandatory, "7-digit serial + check digit"),
        ABIField("entry type", 20, 21, .an, .mandatory, "01 02 03 06 07 11 12 21 22 23 52 86"),
        ABIField("importer type", 22, 24, .an, .conditional, "`EI`, `ANI`, `34`; C in v40, M in older revisions: always sent",
                 source: "S1 S2 CW", confidence: .unsure),
        ABIField("importer number", 25, 36, .x, .conditional, "hyphens kept; always sent", source: "S1 S2 CW", confidence: .unsure),
        ABIField("mode of transport", 37, 38, .an, .conditional, "required except type 06 without bills"),
        ABIField("bond type", 39, 39, .n, .mandatory, "`0` none, `8` continuous, `9` single transaction (then SE20 V1 and AMT)"),
        ABIField("estimated value", 40, 49, .n, .mandatory, "whole USD; type 11 at most 2,500, type 86 at most 800"),
        ABIField("planned port of entry", 50, 54, .an, .conditional,
                 "4-digit port + space; types 02 06 07 12 21 22 23 86, any in-bond or Non-AMS bill, every `D`", source: "S1", confidence: .oneSource),
        ABIField("split shipment release code", 55, 55, .an, .optional, "`1` hold all until complete, `2` incremental release"),
        ABIField("port of unlading", 56, 60, .an, .conditional, "4-digit port + space; required for MOT 50 60 70", source: "S1", confidence: .oneSource),
    ], notes: ["Mandatory, first record of every SE transaction."])

    /// SE11 additional header. **[firm]** (layout); rules **[one source]**.
    public static let se11 = ABILayout(id: "SE11", title: "Additional header (date election, location, conveyance, warehouse)", source: "S1 S2 CW", confidence: .firm, fields: [
        ABIField("entry date election", 5, 5, .x, .conditional, "`W` weekly, type 06 only"),
        ABIField("elected entry date", 6, 11, .n, .conditional, "MMDDYY, with `W`"),
        ABIField("location of goods", 12, 15, .an, .conditional, "FIRMS code"),
        ABIField("exam site", 16, 19, .an, .optional, "FIRMS code"),
        ABIField("conveyance name", 20, 39, .x, .conditional, "or the FTZ id on type 06"),
        ABIField("voyage", 40, 44, .x, .conditional, "voyage, flight or trip; not on type 06"),
        ABIField("general order number", 45, 64, .an, .optional),
        ABIField("bonded warehouse FIRMS", 65, 68, .an, .conditional, "mandatory on types 21 and 22", source: "S1 CW", confidence: .firm),
        ABIField("originating warehouse filer code", 69, 71, .an, .conditional, "mandatory on type 22", source: "S1 CW", confidence: .firm),
        ABIField("originating warehouse entry number", 72, 79, .an, .conditional, "mandatory on type 22 (a 21 or 22 entry)", source: "S1 CW", confidence: .firm),
        ABIField("immediate delivery", 80, 80, .x, .conditional, "`Y`/`N`; never on types 21, 22"),
    ], notes: ["Sent when any field is needed: types 21/22, FTZ type 06, a known location of goods, a conveyance name or voyage."])

    /// SE13 contact (and cancellation reason). **[firm]**
    public static let se13 = ABILayout(id: "SE13", title: "Contact, correction and cancellation", source: "S1 S2", confidence: .firm, fields: [
        ABIField("contact name", 5, 44, .an, .mandatory, "letters, digits, spaces (the ledger's `abi-contact` setting)"),
        ABIField("contact phone", 45, 59, .an, .mandatory, "digits only"),
        ABIField("cancellation reason", 60, 61, .an, .conditional, "mandatory on `D`: 01-12", source: "S1", confidence: .oneSource),
        ABIField("multiple cargo dispositions", 62, 62, .n, .optional, "`1`"),
        ABIField("DIS indicator", 63, 63, .n, .optional, "`1`, then SE20 `DIS`"),
        ABIField("split shipment indicator", 64, 64, .n, .optional, "`1`"),
    ], notes: ["Mandatory on every SE transaction (A, R, U, D); the Entry Summary chapter's SE13 is a different layout."])

    /// SE15 bill of lading. **[firm]**
    public static let se15 = ABILayout(id: "SE15", title: "Bill of lading", source: "S1 S2", confidence: .firm, fields: [
        ABIField("bill type", 5, 5, .a, .mandatory, "`R` regular, `M` master, `H` house, `T` express tracking, `I` in-bond"),
        ABIField("issuer code", 6, 9, .an, .conditional, "SCAC; spaces for `I`, air, MOT 32-34, 50, 60"),
        ABIField("bill number", 10, 59, .x, .mandatory, "no spaces, hyphens or slashes"),
        ABIField("quantity", 60, 67, .n, .conditional, "smallest external packing unit; never on `I`"),
        ABIField("non-AMS indicator", 73, 73, .x, .mandatory, "`N`; `Y` for MOT 32 33 34 50 60 70 (then SE16); never `Y` with `I` or `T`"),
    ], notes: ["Within a grouping the SE15s run R | T | M,H | I,R | I,M,H [one source: S1]."])

    /// SE16 conveyance. **[firm]**
    public static let se16 = ABILayout(id: "SE16", title: "Conveyance of a Non-AMS bill", source: "S1 S2", confidence: .firm, fields: [
        ABIField("carrier code", 5, 8, .an, .mandatory, "SCAC / IATA"),
        ABIField("voyage", 9, 13, .x, .mandatory, "voyage, flight or trip"),
        ABIField("arrival date", 14, 19, .n, .mandatory, "MMDDYY"),
        ABIField("quantity", 20, 27, .n, .mandatory, "quantity carried on this conveyance"),
        ABIField("unit of measure", 28, 32, .x, .optional),
        ABIField("conveyance name", 33, 52, .x, .conditional, "pipeline name for MOT 70"),
    ], notes: ["After the SE15s of its grouping; mandatory for a Non-AMS bill and only there; never on type 06."])

    /// SE20 reference. **[firm]**
    public static let se20 = ABILayout(id: "SE20", title: "Reference", source: "S1 S2 CW", confidence: .firm, fields: [
        ABIField("qualifier", 5, 7, .an, .mandatory, "`V1` surety, `AMT` bond amount, `CR` filer reference, `EN` `IB` `FTZ` replacement refs ..."),
        ABIField("value", 8, 57, .x, .mandatory, "`AMT`: whole USD, left-justified, no leading zeros"),
    ], notes: ["Bond type 9 needs `V1` and `AMT` [one source: S1]; a `D` with reason 02/03/04 needs `IB`/`EN`/`FTZ`."])

    private static func party(_ id: String, _ title: String) -> ABILayout {
        ABILayout(id: id, title: title, source: "S1 S2", confidence: .firm, fields: [
            ABIField("entity code", 5, 7, .a, .mandatory, "`MF` `SE` `BY` `ST` `CN` `LG` `CS` (`BKP` header only)"),
            ABIField("name", 8, 42, .x, .conditional, "name route: then 1-3 address records and one city record"),
            ABIField("identifier qualifier", 43, 45, .x, .conditional, "`EI` `ANI` `34`; identifier route, BY ST CN only"),
            ABIField("identifier", 46, 65, .x, .conditional, "importer-number format"),
        ], notes: ["Name or identifier, never both [one source: S1]; each entity code at most once per level."])
    }

    private static func address(_ id: String, _ title: String) -> ABILayout {
        ABILayout(id: id, title: title, source: "S1 S2 CW", confidence: .firm, fields: [
            ABIField("qualifier 1", 5, 6, .an, .mandatory, "`15` unstructured street address (EntryLedger's use)"),
            ABIField("address 1", 7, 41, .x, .mandatory),
            ABIField("qualifier 2", 42, 43, .an, .optional),
            ABIField("address 2", 44, 78, .x, .optional),
        ], notes: ["1-3 after a party given by name."])
    }

    private static func city(_ id: String, _ title: String) -> ABILayout {
        ABILayout(id: id, title: title, source: "S1 S2 CW", confidence: .firm, fields: [
            ABIField("city", 5, 39, .x, .mandatory),
            ABIField("subdivision", 40, 42, .an, .optional, "ISO 3166-2 part (`CA`), spaces if none"),
            ABIField("postal code", 49, 63, .x, .conditional),
            ABIField("country", 64, 65, .a, .mandatory, "ISO country code"),
        ], notes: ["Exactly one after a party given by name."])
    }

    /// SE30 header party. **[firm]**
    public static let se30 = party("SE30", "Header party")
    /// SE35 header party street address. **[firm]**
    public static let se35 = address("SE35", "Header party street address")
    /// SE36 header party city and country. **[firm]**
    public static let se36 = city("SE36", "Header party city and country")

    /// SE40 line. **[firm]**
    public static let se40 = ABILayout(id: "SE40", title: "Line item", source: "S1 S2 CW", confidence: .firm, fields: [
        ABIField("line number", 5, 7, .n, .mandatory, "001, +1 per SE40"),
        ABIField("country of origin", 8, 9, .a, .mandatory, "ISO"),
        ABIField("description", 11, 80, .x, .optional, "commercial description"),
    ])

    /// SE41 FTZ status and quantity. **[firm]**
    public static let se41 = ABILayout(id: "SE41", title: "FTZ status and quantity", source: "S1 CW", confidence: .firm, fields: [
        ABIField("zone status", 5, 5, .a, .mandatory, "`P` privileged foreign, `N` non-privileged foreign"),
        ABIField("privileged filing date", 6, 11, .n, .conditional, "MMDDYY, with `P` and an inactive HTS"),
        ABIField("FTZ quantity", 12, 19, .n, .mandatory, "whole units > 0"),
    ], notes: ["On every line of a type 06 entry, never otherwise [one source: S1]."])

    /// SE50 line party. **[firm]**
    public static let se50 = party("SE50", "Line party (manufacturer `MF` at line level)")
    /// SE55 line party street address. **[firm]**
    public static let se55 = address("SE55", "Line party street address")
    /// SE56 line party city and country. **[firm]**
    public static let se56 = city("SE56", "Line party city and country")

    /// SE60 tariff number. **[firm]** for 5-24.
    public static let se60 = ABILayout(id: "SE60", title: "Tariff number", source: "S1 S2 CW", confidence: .firm, fields: [
        ABIField("HTS number", 5, 14, .an, .mandatory, "10 digits"),
        ABIField("line value", 15, 24, .n, .conditional, "whole USD on the chapter 1-97 number only; spaces on chapter 99"),
    ], notes: ["1-32 per line; chapter 99 numbers first, the chapter 1-97 number last [firm: S1, CSMS]. Position 25: filler (v40) or sanction disclaim (CW): a space is sent [unsure]."])

    /// SE61 FTZ privileged-foreign current HTS. **[firm]**
    public static let se61 = ABILayout(id: "SE61", title: "FTZ privileged foreign: current HTS", source: "S1 A1 B1", confidence: .firm, fields: [
        ABIField("current HTS number", 5, 14, .an, .mandatory),
    ], notes: ["Only after an SE60 of a line whose SE41 is `P` with an inactive HTS."])

    /// Every Cargo Release layout, in transaction order.
    public static let cargoRelease: [ABILayout] = [se10, se11, se13, se15, se16, se20, se30, se35, se36, se40, se41, se50, se55, se56, se60, se61]
}
