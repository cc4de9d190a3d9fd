/// The entry form's fields, block by block as on CBP Form 3461 (blocks 1 to 26) and Form 7501
/// (the line and summary data). Each field names the member of the entry JSON it fills
/// (`schemas/entry.schema.json`), so that the validator's problems land beside the right field.
struct FormField: Sendable {
    enum Kind: String, Sendable {
        /// Text the desk upper-cases as it is typed (ABI text is upper-case ASCII).
        case upper
        case date
        /// Dollars and cents typed, integer cents sent.
        case cents
        case int
        /// A decimal quantity typed, amount and scale sent.
        case quantity
        /// A rate typed in percent (`1.75`), basis points sent (175).
        case percent
        /// A fee of the class in `feeClass`, typed in dollars, sent as `{class_code, amount_cents}`.
        case fee
        case bool
        case select
    }
    let block: String
    let label: String
    let path: String
    let kind: Kind
    var options: [(String, String)] = []
    var hint: String = ""
    var size = 14
    var feeClass = ""

    init(_ block: String, _ label: String, _ path: String, _ kind: Kind = .upper, options: [(String, String)] = [], hint: String = "", size: Int = 14,
         feeClass: String = "") {
        self.feeClass = feeClass
        self.block = block
        self.label = label
        self.path = path
        self.kind = kind
        self.options = options
        self.hint = hint
        self.size = size
    }
}

enum EntryFormLayout {
    static let entryTypes: [(String, String)] = [("", ""), ("01", "01 consumption, free and dutiable"), ("02", "02 consumption, quota/visa"),
        ("03", "03 consumption, AD/CVD"), ("06", "06 consumption, FTZ"), ("11", "11 informal"), ("21", "21 warehouse"),
        ("31", "31 warehouse withdrawal for consumption"), ("52", "52 government, dutiable")]
    static let modes: [(String, String)] = [("", ""), ("10", "10 vessel, non-container"), ("11", "11 vessel, container"), ("20", "20 rail, non-container"),
        ("21", "21 rail, container"), ("30", "30 truck, non-container"), ("31", "31 truck, container"), ("40", "40 air, non-container"),
        ("41", "41 air, container"), ("50", "50 mail"), ("60", "60 passenger, hand-carried"), ("70", "70 fixed installation")]
    static let bondTypes: [(String, String)] = [("", ""), ("0", "0 no bond"), ("8", "8 continuous"), ("9", "9 single transaction")]
    static let qualifiers: [(String, String)] = [("", ""), ("EI", "EI employer number"), ("34", "34 SSN"), ("ANI", "ANI CBP-assigned")]
    static let entities: [(String, String)] = [("", ""), ("CN", "CN consignee"), ("BY", "BY buyer"), ("SE", "SE seller"), ("MF", "MF manufacturer"), ("ST", "ST ship to")]
    static let partyIDs: [(String, String)] = [("", ""), ("EI", "EI"), ("34", "34"), ("ANI", "ANI"), ("MID", "MID")]
    static let billTypes: [(String, String)] = [("", ""), ("M", "M master bill"), ("H", "H house bill"), ("I", "I in-bond"), ("R", "R rail"), ("T", "T truck")]

    /// Header blocks of the 3461, in the form's order.
    static let header: [[FormField]] = [
        [FormField("1", "Arrival date", "arrival_date", .date, hint: "YYYY-MM-DD"),
         FormField("3", "Entry type", "entry_type", .select, options: entryTypes),
         FormField("4", "Entry number", "entry_number", hint: "FFF-NNNNNNN-C", size: 16)],
        [FormField("5", "Port", "port_of_entry", hint: "4 digits", size: 6),
         FormField("6", "Bond type", "bond.type", .select, options: bondTypes),
         FormField("6", "Surety code", "bond.surety_code", size: 5),
         FormField("6", "Bond amount ($)", "bond.amount_cents", .cents, size: 12)],
        [FormField("9", "Importer number qualifier", "importer.qualifier", .select, options: qualifiers),
         FormField("9", "Importer number", "importer.number", hint: "NN-NNNNNNNNN", size: 16)],
        [FormField("12", "Carrier code", "carrier_code", size: 6),
         FormField("13", "Voyage/flight/trip", "voyage", size: 8),
         FormField("14", "Location of goods (FIRMS)", "firms_code", size: 6),
         FormField("15", "Vessel name", "conveyance_name", size: 20)],
        [FormField("15", "Mode of transport", "mode_of_transport", .select, options: modes),
         FormField("16", "U.S. port of unlading", "port_of_unlading", size: 6),
         FormField("19", "Total value ($)", "cargo_release.estimated_value_cents", .cents, hint: "the lines' values add up to it", size: 12)],
    ]

    /// Blocks 10, 11 and 26: the parties (two rows on the page).
    static func party(_ i: Int) -> [FormField] {
        [FormField("10", "Party", "parties[\(i)].entity", .select, options: entities),
         FormField("11", "Name", "parties[\(i)].name", size: 28),
         FormField("26", "ID type", "parties[\(i)].id_qualifier", .select, options: partyIDs),
         FormField("26", "ID", "parties[\(i)].id", size: 16)]
    }

    /// Blocks 21 to 23: a bill of lading or air waybill.
    static func bill(_ i: String) -> [FormField] {
        [FormField("21", "Code", "bills_of_lading[\(i)].type", .select, options: billTypes),
         FormField("22", "Issuer (SCAC/IATA)", "bills_of_lading[\(i)].issuer", size: 6),
         FormField("22", "Bill number", "bills_of_lading[\(i)].number", size: 16),
         FormField("23", "Manifest quantity", "bills_of_lading[\(i)].quantity", .int, size: 6)]
    }

    /// Blocks 20, 24, 25 and 26 of the 3461, and the 7501's line data (blocks 27 to 34).
    static func line(_ i: String) -> [[FormField]] {
        [[FormField("24", "HTS number", "lines[\(i)].hts", hint: "10 digits", size: 12),
          FormField("25", "Country of origin", "lines[\(i)].country_of_origin", size: 3),
          FormField("20", "Description", "lines[\(i)].description", size: 30)],
         [FormField("32", "Entered value ($)", "lines[\(i)].value_cents", .cents, size: 12),
          FormField("31", "Quantity", "lines[\(i)].quantity.amount", .quantity, size: 8),
          FormField("31", "Unit", "lines[\(i)].quantity.unit", size: 4)],
         [FormField("26", "Manufacturer ID (7501)", "lines[\(i)].entry_summary.mid", size: 16),
          FormField("14", "Country of export", "lines[\(i)].entry_summary.country_of_export", size: 3),
          FormField("15", "Export date", "lines[\(i)].entry_summary.export_date", .date, size: 10),
          FormField("30", "Gross weight (kg)", "lines[\(i)].entry_summary.gross_weight_kg", .int, size: 8)],
         [FormField("32", "Charges ($)", "lines[\(i)].entry_summary.charges_cents", .cents, size: 10),
          FormField("32", "Related party", "lines[\(i)].entry_summary.related_party", .bool),
          FormField("33", "SPI", "lines[\(i)].entry_summary.spi", size: 3)],
         [FormField("33", "HTS rate (%)", "lines[\(i)].entry_summary.rate.ad_valorem_bp", .percent, hint: "e.g. 1.75", size: 6),
          FormField("34", "Duty ($)", "lines[\(i)].entry_summary.duty_cents", .cents, hint: "computed", size: 10),
          FormField("39", "MPF, class 499 ($)", "lines[\(i)].entry_summary.fees.499", .fee, hint: "computed", size: 10, feeClass: "499"),
          FormField("39", "HMF, class 501 ($)", "lines[\(i)].entry_summary.fees.501", .fee, hint: "computed", size: 10, feeClass: "501")],
         [FormField("29", "Chapter 99 number", "lines[\(i)].entry_summary.chapter_99[0].hts", hint: "8 or 10 digits", size: 10),
          FormField("33", "Its rate (%)", "lines[\(i)].entry_summary.chapter_99[0].rate.ad_valorem_bp", .percent, size: 6),
          FormField("34", "Its duty ($)", "lines[\(i)].entry_summary.chapter_99[0].duty_cents", .cents, hint: "computed", size: 10)],
         [FormField("29", "Second chapter 99 number", "lines[\(i)].entry_summary.chapter_99[1].hts", size: 10),
          FormField("33", "Its rate (%)", "lines[\(i)].entry_summary.chapter_99[1].rate.ad_valorem_bp", .percent, size: 6),
          FormField("34", "Its duty ($)", "lines[\(i)].entry_summary.chapter_99[1].duty_cents", .cents, hint: "computed", size: 10)]]
    }

    /// The 7501's summary blocks.
    static let summary: [[FormField]] = [
        [FormField("24", "Reference number", "entry_summary.broker_reference", size: 12),
         FormField("22", "Consignee number", "entry_summary.consignee_number", size: 16)],
        [FormField("35", "Total entered value ($)", "entry_summary.totals.entered_value_cents", .cents, hint: "computed", size: 12),
         FormField("37", "Duty ($)", "entry_summary.totals.duty_cents", .cents, hint: "computed", size: 10),
         FormField("39", "Other fees ($)", "entry_summary.totals.fees_cents", .cents, hint: "computed: MPF, HMF", size: 10),
         FormField("38", "Taxes ($)", "entry_summary.totals.taxes_cents", .cents, hint: "computed", size: 10),
         FormField("37", "AD duty ($)", "entry_summary.totals.ad_duty_cents", .cents, hint: "computed", size: 10),
         FormField("37", "CVD duty ($)", "entry_summary.totals.cv_duty_cents", .cents, hint: "computed", size: 10),
         FormField("40", "Total ($)", "entry_summary.totals.total_cents", .cents, hint: "computed", size: 12)],
    ]
}
