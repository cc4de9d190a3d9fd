import LedgerFormat
/// Cargo Release (`SE`) transaction records, 4-character record ids (docs/customs-facts.md section 2).
/// SE 10, SE 11, SE 40 and SE 60 are **[firm]**; SE 15, SE 16 and SE 30/SE 50 **[one source]**.
///
/// Left out: nothing; docs/customs-facts.md gives a position for every SE field it names. SE 11 entry date
/// election, elected entry date and exam site are in the table, but the ledger's entries do not
/// carry them, so they are written blank.
extension ABILayouts {
    /// SE 10: the entry header. **[firm]**
    public static let se10 = ABILayout(id: "SE10", fields: [
        ABIField("action code", 5, 5, .alphanumeric),
        ABIField("filer code", 6, 8, .alphanumeric),
        ABIField("entry number", 11, 18, .alphanumeric),          // 7-digit serial + check digit
        ABIField("entry type", 20, 21, .alphanumeric),
        ABIField("importer id qualifier", 22, 24, .alphanumeric), // EI, ANI, 34
        ABIField("importer number", 25, 36, .alphanumeric),
        ABIField("mode of transport", 37, 38, .alphanumeric),
        ABIField("bond type", 39, 39, .alphanumeric),
        ABIField("estimated value", 40, 49, .numeric),            // whole dollars
        ABIField("port of entry", 50, 54, .alphanumeric),
        ABIField("split shipment", 55, 55, .alphanumeric),
        ABIField("port of unlading", 56, 60, .alphanumeric),
    ])

    /// SE 11: entry date, location and conveyance. **[firm]**
    public static let se11 = ABILayout(id: "SE11", fields: [
        ABIField("entry date election", 5, 5, .alphanumeric),
        ABIField("elected entry date", 6, 11, .date),
        ABIField("FIRMS code", 12, 15, .alphanumeric),
        ABIField("exam site", 16, 19, .alphanumeric),
        ABIField("conveyance name", 20, 39, .alphanumeric),       // or FTZ id
        ABIField("voyage", 40, 44, .alphanumeric),                // voyage or flight
    ])

    /// SE 15: one bill of lading. **[one source]**
    public static let se15 = ABILayout(id: "SE15", fields: [
        ABIField("bill type", 5, 5, .alphanumeric),               // R, M, H, T, I
        ABIField("issuer code", 6, 9, .alphanumeric),             // SCAC
        ABIField("bill number", 10, 59, .alphanumeric),
        ABIField("quantity", 60, 67, .numeric),
    ])

    /// SE 16: carrier, voyage and arrival. **[one source]** The quantity (20-27) is not said to
    /// be of what; the project writes the total of the bills' quantities. **[check]**
    public static let se16 = ABILayout(id: "SE16", fields: [
        ABIField("carrier code", 5, 8, .alphanumeric),
        ABIField("voyage", 9, 13, .alphanumeric),
        ABIField("arrival date", 14, 19, .date),
        ABIField("quantity", 20, 27, .numeric),
    ])

    /// SE 30 and SE 50 share one party layout. **[one source]** The ledger writes SE 30
    /// (``ABIRules/cargoReleasePartyRecord``).
    private static let partyFields = [
        ABIField("entity code", 5, 7, .alphanumeric),             // MF, SE, BY, ST, CN
        ABIField("name", 8, 42, .alphanumeric),
        ABIField("id qualifier", 43, 45, .alphanumeric),
        ABIField("id", 46, 65, .alphanumeric),
    ]

    /// SE 30: a party. **[one source]**
    public static let se30 = ABILayout(id: "SE30", fields: partyFields)

    /// SE 50: a party (same layout as SE 30; not written by the ledger). **[one source]**
    public static let se50 = ABILayout(id: "SE50", fields: partyFields)

    /// SE 40: a line. **[firm]**
    public static let se40 = ABILayout(id: "SE40", fields: [
        ABIField("line number", 5, 7, .numeric),
        ABIField("country of origin", 8, 9, .alphanumeric),
        ABIField("description", 11, 80, .alphanumeric),
    ])

    /// SE 60: the line's tariff number and value. **[firm]**
    public static let se60 = ABILayout(id: "SE60", fields: [
        ABIField("HTS number", 5, 14, .alphanumeric),
        ABIField("line value", 15, 24, .numeric),                 // whole dollars
    ])

    /// Every Cargo Release layout.
    public static let cargoRelease: [ABILayout] = [se10, se11, se15, se16, se30, se50, se40, se60]
}
