import LedgerFormat
/// The layout of the ACE response records the reader accepts. **This table is the project's
/// own assumption**, not CATAIR: docs/customs-facts.md section 4 gives the record kinds and what they carry
/// (**[one source]**) but almost no positions. Correct it here, in one place, against the
/// CATAIR response chapters; `schemas/ace-responses.md` documents it and must change with it.
///
/// Conventions chosen to match the input records: entry numbers as the 8 characters serial +
/// check digit (like SE 10 11-18), filer codes 3 characters, dates MMDDYY (read as 20YY).
/// Control records `A`, `B`, `Y`, `Z` use the input layouts of ``ABILayouts`` (a response
/// block's application id is `SX`, `SO`, `AX`, `UC`, or the input `SE`/`AE` for batch errors).
public enum ACEResponseLayouts {
    /// X0 batch error pointer: the block and transaction of the input batch that the following
    /// X1 records concern. Block 00000 = the whole batch; transaction 00000 = the whole block.
    public static let x0 = ABILayout(id: "X0", fields: [
        ABIField("application id", 3, 4, .alphanumeric),          // SE or AE (the input)
        ABIField("port", 5, 8, .alphanumeric),
        ABIField("filer code", 9, 11, .alphanumeric),
        ABIField("block number", 12, 16, .numeric),               // 1-based, 5 digits
        ABIField("transaction number", 17, 21, .numeric),         // 1-based within the block
        ABIField("input record id", 22, 25, .alphanumeric),       // input record in error, or blank
        ABIField("entry number", 26, 33, .alphanumeric),          // serial + check, or blank
    ])

    /// X1 batch error condition: attaches to the X0 before it (batch level when none).
    public static let x1 = ABILayout(id: "X1", fields: [
        ABIField("severity", 3, 3, .alphanumeric),                // F, W, P, I
        ABIField("condition code", 4, 6, .alphanumeric),
        ABIField("narrative", 8, 80, .alphanumeric),
    ])

    /// SX10 cargo release response header: message type 01 rejected, 02 accepted, 03 accepted
    /// with warnings, 04 referred for review.
    public static let sx10 = ABILayout(id: "SX10", fields: [
        ABIField("message type", 5, 6, .alphanumeric),
        ABIField("filer code", 7, 9, .alphanumeric),
        ABIField("entry number", 11, 18, .alphanumeric),
        ABIField("port", 20, 23, .alphanumeric),
        ABIField("action code", 25, 25, .alphanumeric),           // echoed, or blank
    ])

    /// SX20 cargo release response condition: attaches to the SX10 before it.
    public static let sx20 = ABILayout(id: "SX20", fields: [
        ABIField("severity", 5, 5, .alphanumeric),
        ABIField("condition code", 6, 8, .alphanumeric),
        ABIField("narrative", 11, 80, .alphanumeric),
    ])

    /// SO10 cargo release status header: the entry the following SO60 records concern.
    public static let so10 = ABILayout(id: "SO10", fields: [
        ABIField("filer code", 6, 8, .alphanumeric),
        ABIField("entry number", 11, 18, .alphanumeric),
        ABIField("port", 20, 23, .alphanumeric),
    ])

    /// SO60 disposition: 98 released, 97 admissible, 04 detained, 23 cancelled (others kept as
    /// given).
    public static let so60 = ABILayout(id: "SO60", fields: [
        ABIField("disposition code", 5, 6, .alphanumeric),
        ABIField("date", 7, 12, .date),                           // or blank
        ABIField("narrative", 20, 80, .alphanumeric),
    ])

    /// E0 signpost (entry summary response `AX`): the input record (and line) the following E1
    /// records concern.
    public static let e0 = ABILayout(id: "E0", fields: [
        ABIField("input record id", 3, 4, .alphanumeric),         // e.g. 10, 40, 50
        ABIField("line number", 5, 7, .numeric),                  // or blank for header records
    ])

    /// E1 entry summary response: disposition A accepted / R rejected, severity F/W/P/I.
    public static let e1 = ABILayout(id: "E1", fields: [
        ABIField("disposition", 3, 3, .alphanumeric),
        ABIField("severity", 4, 4, .alphanumeric),
        ABIField("filer code", 5, 7, .alphanumeric),
        ABIField("entry number", 8, 15, .alphanumeric),
        ABIField("filer reference", 16, 24, .alphanumeric),       // AE 10 22-30 echoed
        ABIField("condition code", 25, 27, .alphanumeric),
        ABIField("narrative", 29, 80, .alphanumeric),
    ])

    /// UC10 entry summary status: a 2-character status code (kept as given) and a narrative.
    public static let uc10 = ABILayout(id: "UC10", fields: [
        ABIField("filer code", 5, 7, .alphanumeric),
        ABIField("entry number", 8, 15, .alphanumeric),
        ABIField("filer reference", 16, 24, .alphanumeric),
        ABIField("status code", 25, 26, .alphanumeric),
        ABIField("date", 27, 32, .date),                          // or blank
        ABIField("narrative", 35, 80, .alphanumeric),
    ])

    /// Every record the reader accepts, control records first.
    public static let all: [ABILayout] = ABILayouts.control + [x0, x1, sx10, sx20, so10, so60, e0, e1, uc10]

    /// The response application a record belongs in (a `B` block of another application may
    /// not hold it); nil for control records and batch errors, which go anywhere.
    public static func application(ofRecord id: String) -> String? {
        switch id {
        case "SX10", "SX20": return "SX"
        case "SO10", "SO60": return "SO"
        case "E0", "E1": return "AX"
        case "UC10": return "UC"
        default: return nil
        }
    }

    /// Application ids a response `B` record may name.
    public static let blockApplications: Set<String> = ["SE", "AE", "SX", "SO", "AX", "UC"]
}
