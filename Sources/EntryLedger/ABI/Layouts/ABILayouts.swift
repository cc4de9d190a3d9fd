import LedgerFormat
/// The ABI record layouts, one table per record type (1-based, inclusive positions; every
/// position not in a field is filler and written as spaces). This file: the batch envelope
/// `A`, `B`, `Y`, `Z` **[firm]**. Cargo Release (`SE`) and Entry Summary (`AE`) transaction
/// records are in the extensions beside it; the response records in ``ACEResponseLayouts``.
///
/// The input `Y` and `Z` carry no record counts or control totals **[firm]**.
public enum ABILayouts {
    static let envelope = "BB1 BB2"

    /// `A` batch control header. **[firm]**
    public static let a = ABILayout(id: "A", title: "Batch control header", source: envelope, confidence: .firm, fields: [
        ABIField("site code", 2, 5, .an, .mandatory, "sender site code assigned by CBP"),
        ABIField("sender id", 6, 8, .an, .mandatory, "filer code"),
        ABIField("password", 9, 14, .an, .mandatory, "communication password (spaces in ACE's output A)"),
        ABIField("date", 15, 20, .d, .optional, "transmission date"),
        ABIField("application id", 26, 27, .an, .mandatory, "`SE` or `AE`; one application per batch"),
        ABIField("office code", 38, 39, .an, .conditional, "sender office code, if agreed with CBP"),
        ABIField("user data", 60, 80, .x, .optional, "echoed in ACE's output A: EntryLedger writes the replay batch id"),
    ], notes: ["One per batch, first record."])

    /// `B` block control header. **[firm]**
    public static let b = ABILayout(id: "B", title: "Block control header", source: envelope, confidence: .firm, fields: [
        ABIField("port", 4, 7, .an, .mandatory, "processing district/port"),
        ABIField("filer code", 8, 10, .an, .mandatory, "= the filer code of every transaction in the block"),
        ABIField("application id", 11, 12, .an, .mandatory, "= A 26-27"),
        ABIField("office code", 45, 46, .an, .conditional, "processing filer office code"),
        ABIField("preparer port", 47, 50, .an, .conditional, "remote location filing only"),
        ABIField("preparer filer code", 51, 53, .an, .conditional, "remote location filing only"),
        ABIField("preparer office code", 54, 55, .an, .conditional, "remote location filing only"),
        ABIField("preparer indicator", 56, 56, .an, .conditional, "`1` when 47-55 are given", source: "BB1", confidence: .oneSource),
        ABIField("filer user data", 60, 80, .x, .optional, "echoed back; EntryLedger writes the replay batch id"),
    ], notes: ["One per processing port and filer; closed by a Y."])

    /// `Y` block control trailer (input). **[firm]**
    public static let y = ABILayout(id: "Y", title: "Block control trailer", source: envelope, confidence: .firm, fields: [
        ABIField("port", 4, 7, .an, .mandatory, "= B"),
        ABIField("filer code", 8, 10, .an, .mandatory, "= B"),
        ABIField("application id", 11, 12, .an, .mandatory, "= B"),
        ABIField("office code", 45, 46, .an, .conditional, "= B"),
    ], notes: ["The input Y carries no count (ACE's output Y does, see the response layouts)."])

    /// `Z` batch control trailer (input). **[firm]**
    public static let z = ABILayout(id: "Z", title: "Batch control trailer", source: envelope, confidence: .firm, fields: [
        ABIField("site code", 2, 5, .an, .mandatory, "= A"),
        ABIField("sender id", 6, 8, .an, .mandatory, "= A"),
        ABIField("date", 15, 20, .d, .conditional, "= A"),
        ABIField("office code", 38, 39, .an, .conditional, "= A"),
    ], notes: ["No password, no counts."])

    /// The control record layouts.
    public static let control: [ABILayout] = [a, b, y, z]

    /// Every input layout: control, Cargo Release, Entry Summary.
    public static var all: [ABILayout] { control + cargoRelease + entrySummary }
}
