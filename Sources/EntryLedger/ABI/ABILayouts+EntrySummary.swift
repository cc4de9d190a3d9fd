import LedgerFormat
/// Entry Summary (`AE`) transaction records, 2-character record ids (docs/customs-facts.md section 2).
///
/// Left out because docs/customs-facts.md gives no position for them (never invented; add a line to the
/// table when CATAIR confirms one):
/// - AE 10: the broker reference at 22-30 is **[one source]**; every other AE 10 field docs/customs-facts.md
///   lists is here.
/// - AE 31: bond type is **[firm]**, surety code and bond amount **[one source]**.
/// - AE 89 "fee totals by class" and AE 90 "grand totals of duty, fees, taxes" **[one source]**:
///   docs/customs-facts.md names the records and their content but **no positions**, so the records are
///   written with their record id only; the totals (fees, duty, taxes, total) are left out.
/// - Records 21, 22, 30, 32-36, 41-44, 51-54, 60-63 and 88: named as ranges, no layout given;
///   not written.
extension ABILayouts {
    /// AE 10: the entry summary header. **[firm]**, broker reference **[one source]**
    public static let ae10 = ABILayout(id: "10", fields: [
        ABIField("action code", 3, 3, .alphanumeric),             // A, R, D
        ABIField("filer code", 4, 6, .alphanumeric),
        ABIField("entry number", 9, 16, .alphanumeric),           // 7-digit serial + check digit
        ABIField("port", 18, 21, .alphanumeric),
        ABIField("broker reference", 22, 30, .alphanumeric),      // [one source]
        ABIField("entry type", 34, 35, .alphanumeric),
        ABIField("mode of transport", 36, 37, .alphanumeric),
    ])

    /// AE 11: importer and consignee. **[firm]**
    public static let ae11 = ABILayout(id: "11", fields: [
        ABIField("importer number", 3, 14, .alphanumeric),
        ABIField("consignee number", 15, 26, .alphanumeric),
    ])

    /// AE 20: carrier and arrival. **[firm]**
    public static let ae20 = ABILayout(id: "20", fields: [
        ABIField("carrier code", 3, 6, .alphanumeric),
        ABIField("port of unlading", 7, 10, .alphanumeric),
        ABIField("estimated arrival date", 11, 16, .date),
        ABIField("FIRMS code", 17, 20, .alphanumeric),
        ABIField("conveyance name", 21, 40, .alphanumeric),
    ])

    /// AE 23: one bill of lading. **[one source]**
    public static let ae23 = ABILayout(id: "23", fields: [
        ABIField("bill type", 3, 3, .alphanumeric),
        ABIField("issuer code", 4, 7, .alphanumeric),
        ABIField("bill number", 8, 19, .alphanumeric),
    ])

    /// AE 31: bond. Bond type **[firm]**; surety code and bond amount (whole dollars, see
    /// ``ABIRules/wholeDollars(cents:)``) **[one source]**.
    public static let ae31 = ABILayout(id: "31", fields: [
        ABIField("bond type", 3, 3, .alphanumeric),
        ABIField("surety code", 6, 8, .alphanumeric),
        ABIField("bond amount", 9, 18, .numeric),
    ])

    /// AE 40: a line. **[firm]** Charges in whole dollars (project choice, like every value
    /// but duty). **[check]**
    public static let ae40 = ABILayout(id: "40", fields: [
        ABIField("line number", 5, 7, .numeric),
        ABIField("country of origin", 9, 10, .alphanumeric),
        ABIField("country of export", 11, 12, .alphanumeric),
        ABIField("export date", 13, 18, .date),
        ABIField("charges", 27, 36, .numeric),
        ABIField("gross weight", 42, 51, .numeric),               // kilograms
        ABIField("related party", 56, 56, .alphanumeric),         // Y/N
    ])

    /// AE 47: a party of the line; the ledger writes the manufacturer (`M`, the MID). **[firm]**
    public static let ae47 = ABILayout(id: "47", fields: [
        ABIField("party type", 3, 3, .alphanumeric),
        ABIField("identifier", 4, 18, .alphanumeric),
    ])

    /// AE 50: tariff, duty, value and quantity of the line. **[firm]**
    public static let ae50 = ABILayout(id: "50", fields: [
        ABIField("HTS number", 3, 12, .alphanumeric),
        ABIField("duty", 14, 23, .numeric),                       // cents
        ABIField("value", 25, 34, .numeric),                      // whole dollars
        ABIField("quantity", 36, 47, .numeric),                   // 2 implied decimals
        ABIField("unit", 48, 50, .alphanumeric),
    ])

    /// AE 89: fee totals by class. **[one source]**, no positions given: record id only.
    public static let ae89 = ABILayout(id: "89", fields: [], omitted: ["fee totals by class"])

    /// AE 90: grand totals of duty, fees, taxes. **[one source]**, no positions given: record
    /// id only.
    public static let ae90 = ABILayout(id: "90", fields: [], omitted: ["duty total", "fees total", "taxes total", "grand total"])

    /// Every Entry Summary layout.
    public static let entrySummary: [ABILayout] = [ae10, ae11, ae20, ae23, ae31, ae40, ae47, ae50, ae89, ae90]
}
