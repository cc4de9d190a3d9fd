import LedgerFormat
/// The ACE response records the reader knows, one table each, from the CATAIR response
/// chapters (sources and confidence per record). The reader reads a field only from the
/// positions these tables give. Envelope: ACE's output `A`, `B`, `Y`, `Z`; batch conditions
/// `X0`/`X1`; Cargo Release `SX` (the transaction's own records echoed, then `SE90`) and `SO`
/// notifications; Entry Summary `AX` (`E0`/`E1`) and `UC` notifications (whose `E1` is a
/// different record from the AX `E1`).
public enum ACEResponseLayouts {
    /// ACE's output `A`: the input layout, password positions blank, 60-80 echoing the input.
    public static let a = ABILayouts.a
    /// ACE's output `B`: 80 = `B` when ACE generated the header itself. **[firm]**
    public static let b = ABILayout(id: "B", key: "B (output)", title: "Block header (output)", source: "BB1 BB2", confidence: .firm, fields: [
        ABIField("port", 4, 7, .an, .mandatory),
        ABIField("filer code", 8, 10, .an, .mandatory),
        ABIField("application id", 11, 12, .an, .mandatory, "`SX` `SO` `AX` `UC`"),
        ABIField("statement data", 13, 44, .x, .conditional, "statement status, number, print date, payment type, importer, branch", source: "BB1", confidence: .oneSource),
        ABIField("office code", 45, 46, .an, .conditional),
        ABIField("filer user data", 60, 79, .x, .optional, "echo of the input B 60-80 (80 is the generated flag here)"),
        ABIField("generated", 80, 80, .x, .conditional, "`B` when ACE generated the record (everything else spaces)"),
    ])
    /// ACE's output `Y`: the count of records in the block. **[firm]**
    public static let y = ABILayout(id: "Y", key: "Y (output)", title: "Block trailer (output)", source: "BB1 BB2", confidence: .firm, fields: [
        ABIField("port", 4, 7, .an, .conditional),
        ABIField("filer code", 8, 10, .an, .conditional),
        ABIField("application id", 11, 12, .an, .conditional),
        ABIField("record count", 13, 17, .n, .mandatory, "records between this B and Y"),
        ABIField("generated", 80, 80, .x, .conditional, "`Y` when ACE generated the trailer"),
    ])
    /// ACE's output `Z`. **[firm]**
    public static let z = ABILayout(id: "Z", key: "Z (output)", title: "Batch trailer (output)", source: "BB1 BB2", confidence: .firm, fields: [
        ABIField("site code", 2, 5, .an, .conditional),
        ABIField("sender id", 6, 8, .an, .conditional),
        ABIField("generated", 80, 80, .x, .conditional, "`Z` when ACE generated the trailer"),
    ])

    /// `X0` condition reference: which block or transaction the following X1s concern. **[firm]**
    public static let x0 = ABILayout(id: "X0", title: "Batch condition reference", source: "BB1 BB2", confidence: .firm, fields: [
        ABIField("reference type", 4, 9, .an, .mandatory, "`BLOCK` or `TRNACT`"),
        ABIField("occurrence", 11, 16, .n, .mandatory, "which block or transaction, 1-based"),
        ABIField("ref id", 18, 24, .x, .mandatory, "constant `REF ID:`"),
        ABIField("reference", 26, 80, .x, .mandatory, "BLOCK: port, filer, office, application, user data; TRNACT: record position 26-32, column 34-35"),
    ])
    /// The `TRNACT` reference text of an X0. **[firm]** (BB2 layout, BB1 example)
    public static let x0Transaction = ABILayout(id: "X0", key: "X0 TRNACT", title: "X0 transaction reference text", source: "BB1 BB2", confidence: .firm, fields: [
        ABIField("reference type", 4, 9, .an, .mandatory, "`TRNACT`"),
        ABIField("occurrence", 11, 16, .n, .mandatory),
        ABIField("record position", 26, 32, .n, .mandatory, "the record's place in the input batch"),
        ABIField("column", 34, 35, .n, .conditional, "column of the record where the error was found"),
    ])
    /// The `BLOCK` reference text of an X0. **[firm]**
    public static let x0Block = ABILayout(id: "X0", key: "X0 BLOCK", title: "X0 block reference text", source: "BB2", confidence: .firm, fields: [
        ABIField("reference type", 4, 9, .an, .mandatory, "`BLOCK`"),
        ABIField("occurrence", 11, 16, .n, .mandatory),
        ABIField("port", 26, 29, .an, .mandatory),
        ABIField("filer code", 31, 33, .an, .mandatory),
        ABIField("office code", 35, 36, .an, .conditional),
        ABIField("application id", 38, 39, .an, .mandatory),
        ABIField("block user data", 41, 61, .x, .optional),
    ])
    /// `X1` condition / disposition. **[firm]**
    public static let x1 = ABILayout(id: "X1", title: "Batch condition / disposition", source: "BB1 BB2", confidence: .firm, fields: [
        ABIField("disposition", 3, 3, .an, .conditional, "space on a condition; `R` on the final record = rejected"),
        ABIField("severity", 4, 4, .an, .mandatory, "`F`"),
        ABIField("condition code", 5, 7, .an, .mandatory),
        ABIField("reason code", 10, 10, .an, .conditional),
        ABIField("narrative", 11, 50, .x, .mandatory),
    ])

    /// `SE90` Cargo Release error / disposition (in `SX`). **[one source]**
    public static let se90 = ABILayout(id: "SE90", title: "Cargo release error / disposition", source: "S1", confidence: .oneSource, fields: [
        ABIField("message type", 5, 6, .an, .mandatory, "`01` rejected, `02` accepted, `03` accepted with warnings, `04` human review; record level `11`, `13`"),
        ABIField("condition code", 7, 9, .an, .conditional),
        ABIField("narrative", 10, 49, .x, .mandatory),
    ])

    /// `SO10` status header. **[firm]**
    public static let so10 = ABILayout(id: "SO10", title: "Cargo release status header", source: "S1 CW", confidence: .firm, fields: [
        ABIField("port", 5, 8, .n, .conditional),
        ABIField("filer code", 9, 11, .an, .mandatory),
        ABIField("entry number", 14, 21, .an, .mandatory),
        ABIField("entry type", 23, 24, .n, .mandatory),
        ABIField("importer number", 25, 36, .x, .mandatory),
        ABIField("carrier code", 37, 40, .an, .conditional),
        ABIField("vessel name", 41, 60, .an, .conditional),
        ABIField("voyage", 61, 65, .x, .conditional),
        ABIField("arrival date", 66, 71, .n, .conditional),
        ABIField("split shipment release code", 72, 72, .an, .optional),
        ABIField("correction response", 73, 73, .x, .conditional),
    ])
    /// `SO20` reference. **[firm]**
    public static let so20 = ABILayout(id: "SO20", title: "Status reference", source: "S1 CW", confidence: .firm, fields: [
        ABIField("qualifier", 5, 7, .an, .mandatory, "`CR` `RSN` `CMT` `RRN`"),
        ABIField("value", 8, 57, .x, .mandatory),
    ])
    /// `SO30` line. **[firm]**
    public static let so30 = ABILayout(id: "SO30", title: "Status line", source: "S1 CW", confidence: .firm, fields: [
        ABIField("line number", 5, 7, .n, .mandatory),
        ABIField("country of origin", 8, 9, .a, .mandatory),
        ABIField("HTS number", 10, 19, .an, .mandatory),
    ])
    /// `SO40` bill. **[one source]**
    public static let so40 = ABILayout(id: "SO40", title: "Status bill of lading", source: "S1", confidence: .oneSource, fields: [
        ABIField("bill type", 5, 5, .a, .mandatory),
        ABIField("issuer code", 6, 9, .an, .conditional),
        ABIField("bill number", 10, 59, .x, .mandatory),
        ABIField("quantity", 60, 67, .n, .conditional),
        ABIField("unit", 68, 72, .x, .conditional),
        ABIField("manifested quantity", 73, 80, .x, .conditional),
    ])
    /// `SO42` in-bond. **[one source]**
    public static let so42 = ABILayout(id: "SO42", title: "Status in-bond", source: "S1", confidence: .oneSource, fields: [
        ABIField("in-bond number", 5, 16, .an, .mandatory),
        ABIField("in-bond type", 17, 18, .n, .mandatory),
        ABIField("port of departure", 19, 22, .n, .mandatory),
        ABIField("port of arrival", 23, 26, .n, .mandatory),
        ABIField("create date", 27, 32, .n, .mandatory),
        ABIField("arrival date", 33, 38, .n, .conditional),
        ABIField("quantity", 39, 46, .n, .conditional),
    ])
    /// `SO50` bill match disposition. **[firm]**
    public static let so50 = ABILayout(id: "SO50", title: "Bill match disposition", source: "S1 CW", confidence: .firm, fields: [
        ABIField("date", 5, 10, .n, .mandatory, "MMDDYY"),
        ABIField("time", 11, 14, .n, .mandatory, "HHMM"),
        ABIField("disposition code", 15, 16, .an, .mandatory, "91-95, 51-63, 74"),
        ABIField("narrative", 17, 56, .x, .mandatory),
        ABIField("split indicator", 57, 57, .a, .mandatory),
        ABIField("carrier code", 58, 61, .an, .conditional),
        ABIField("voyage", 62, 66, .x, .conditional),
        ABIField("arrival date", 67, 72, .n, .conditional),
        ABIField("arrival port", 73, 76, .n, .conditional),
    ])
    /// `SO60` cargo release disposition. **[firm]**
    public static let so60 = ABILayout(id: "SO60", title: "Cargo release disposition", source: "S1 CW", confidence: .firm, fields: [
        ABIField("date", 5, 10, .n, .mandatory, "MMDDYY"),
        ABIField("time", 11, 14, .n, .mandatory, "HHMM"),
        ABIField("disposition code", 15, 16, .an, .mandatory, "`98` released, `97` admissible, `04` detained, `23` cancelled ..."),
        ABIField("narrative", 17, 56, .x, .mandatory),
        ABIField("release date", 57, 62, .n, .conditional, "with 22 and 98"),
        ABIField("release origin", 63, 64, .n, .conditional),
        ABIField("document type", 65, 70, .an, .conditional),
    ])
    /// `SO70` PGA disposition (also in `UC`). **[one source]**
    public static let so70 = ABILayout(id: "SO70", title: "PGA processing disposition", source: "S1 UC", confidence: .oneSource, fields: [
        ABIField("agency code", 5, 7, .an, .mandatory),
        ABIField("program code", 8, 10, .an, .conditional),
        ABIField("date", 11, 16, .n, .conditional),
        ABIField("time", 17, 20, .n, .conditional),
        ABIField("status code", 21, 22, .an, .conditional),
        ABIField("status message", 23, 50, .x, .conditional),
    ])
    /// `SO71` PGA reference. **[one source]**
    public static let so71 = ABILayout(id: "SO71", title: "PGA reference", source: "S1 UC", confidence: .oneSource, fields: [
        ABIField("qualifier", 5, 6, .an, .conditional),
        ABIField("reference", 7, 18, .x, .conditional),
    ])
    /// `SO72` PGA comments. **[one source]**
    public static let so72 = ABILayout(id: "SO72", title: "PGA comments", source: "S1 UC", confidence: .oneSource, fields: [
        ABIField("comments", 5, 80, .x, .conditional),
    ])

    /// `E0` condition reference (in `AX`). **[firm]**
    public static let e0 = ABILayout(id: "E0", title: "Entry summary condition reference", source: "A3 B1", confidence: .firm, fields: [
        ABIField("reference type", 4, 9, .an, .mandatory, "`SUMMRY` first, then `LINITM`, `TARIFF` ..."),
        ABIField("occurrence", 11, 16, .n, .mandatory),
        ABIField("ref id", 18, 24, .x, .mandatory, "constant `REF ID:`"),
        ABIField("reference", 26, 80, .x, .mandatory),
    ])
    /// The `SUMMRY` reference text of an E0. **[firm]**
    public static let e0Summary = ABILayout(id: "E0", key: "E0 SUMMRY", title: "E0 summary reference text", source: "B1 AP", confidence: .firm, fields: [
        ABIField("reference type", 4, 9, .an, .mandatory, "`SUMMRY`"),
        ABIField("occurrence", 11, 16, .n, .mandatory),
        ABIField("filer code", 26, 28, .an, .mandatory),
        ABIField("entry number", 30, 37, .an, .mandatory),
        ABIField("broker reference", 39, 50, .x, .conditional),
        ABIField("team", 52, 54, .an, .conditional),
    ])
    /// `E1` condition / disposition (in `AX`). **[firm]**
    public static let e1 = ABILayout(id: "E1", key: "E1 (AX)", title: "Entry summary condition / disposition", source: "A3 B1", confidence: .firm, fields: [
        ABIField("disposition", 3, 3, .an, .conditional, "space on a condition, `A` accepted / `R` rejected on the final record"),
        ABIField("severity", 4, 4, .an, .conditional, "`F` `W` `P` `I` or space"),
        ABIField("condition code", 5, 7, .an, .mandatory),
        ABIField("reason code", 8, 10, .an, .conditional),
        ABIField("narrative", 11, 50, .x, .mandatory),
        ABIField("filer code", 51, 53, .an, .conditional, "on the final E1"),
        ABIField("entry number", 56, 63, .an, .conditional, "on the final E1"),
        ABIField("version", 64, 68, .n, .conditional, "on an accepted add or replace"),
        ABIField("broker reference", 69, 77, .x, .conditional),
    ])
    /// `E1` of a `UC` notification: a different record from the AX E1. **[one source]**
    public static let ucE1 = ABILayout(id: "E1", key: "E1 (UC)", title: "Entry summary status notification", source: "UC", confidence: .oneSource, fields: [
        ABIField("disposition type", 3, 3, .an, .mandatory, "`1`-`8`, `P` `Q` `E` `R` `C` `D`; `4` rejected"),
        ABIField("source", 4, 4, .an, .conditional, "`1` manual, `2` automated"),
        ABIField("team", 5, 7, .an, .conditional),
        ABIField("reason", 8, 10, .an, .conditional, "types `4` and `R`: 001-023, 998"),
        ABIField("date", 11, 16, .d, .conditional),
        ABIField("filer code", 51, 53, .an, .mandatory),
        ABIField("entry number", 56, 63, .an, .mandatory),
        ABIField("line", 66, 68, .an, .conditional),
        ABIField("broker reference", 69, 77, .x, .conditional),
    ])
    /// `E2` CBP contact (in `UC`). **[one source]**
    public static let ucE2 = ABILayout(id: "E2", title: "CBP contact", source: "UC", confidence: .oneSource, fields: [
        ABIField("CBP user", 5, 34, .x, .conditional),
        ABIField("phone", 37, 46, .an, .conditional),
        ABIField("action id", 49, 60, .an, .conditional),
        ABIField("extension", 62, 65, .an, .conditional),
    ])
    /// `E3` CBP remarks (in `UC`). **[one source]**
    public static let ucE3 = ABILayout(id: "E3", title: "CBP remarks", source: "UC", confidence: .oneSource, fields: [
        ABIField("remarks", 3, 80, .x, .conditional),
    ])
    /// `E4` quota status (in `UC`). **[one source]**
    public static let ucE4 = ABILayout(id: "E4", title: "Quota status", source: "UC", confidence: .oneSource, fields: [
        ABIField("line", 3, 5, .an, .conditional),
        ABIField("quota status", 6, 8, .an, .conditional),
        ABIField("description", 12, 41, .x, .conditional),
    ])

    /// Every response table, for the layout document and the tests.
    public static let all: [ABILayout] = [b, y, z, x0, x0Block, x0Transaction, x1, se90, so10, so20, so30, so40, so42, so50, so60, so70, so71, so72,
                                          e0, e0Summary, e1, ucE1, ucE2, ucE3, ucE4]

    /// The record ids each response application's blocks may hold. SX echoes the input SE
    /// records of each transaction.
    public static let recordIDs: [String: Set<String>] = [
        "SX": Set(ABILayouts.cargoRelease.map(\.id) + ["SE17", "SE31", "SE51", "SF10"] + ["SE90", "X0", "X1"]),
        "SO": ["SO10", "SO20", "SO30", "SO40", "SO42", "SO50", "SO60", "SO70", "SO71", "SO72", "X0", "X1"],
        "AX": ["E0", "E1", "X0", "X1"],
        "UC": ["E1", "E2", "E3", "E4", "SO70", "SO71", "SO72", "X0", "X1"],
    ]
}
