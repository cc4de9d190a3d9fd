import LedgerFormat
/// The rule an ``EntryProblem`` breaks. The raw value is a stable identifier for reports
/// and `--json` output.
public enum EntryRule: String, Sendable, CaseIterable, Codable {
    /// The text is not JSON (or not the restricted profile: no floats, no duplicate names).
    case json = "json"
    /// A value of the wrong JSON type.
    case type = "type"
    /// A required member is missing.
    case required = "required"
    /// A member the entry format does not know (a typo must not be dropped silently).
    case unknownMember = "unknown-member"
    /// Text that goes into an ABI record must be printable upper-case ASCII, not blank, and
    /// not start or end with a space.
    case abiText = "abi-text"
    /// Text longer than the ABI field it goes into.
    case length = "length"
    /// A number outside the range of its field.
    case range = "range"
    /// Entry number shape.
    case entryNumber = "entry-number"
    /// Entry number check digit.
    case checkDigit = "check-digit"
    /// The entry number's filer code is not the ledger's.
    case filerCode = "filer-code"
    /// Entry type not known, or not allowed for the forms the entry carries.
    case entryType = "entry-type"
    /// Neither cargo release nor entry summary data.
    case forms = "forms"
    /// HTS number shape.
    case hts = "hts"
    /// Schedule D port code.
    case port = "port"
    /// Schedule K foreign port code.
    case foreignPort = "foreign-port"
    /// Importer number qualifier or its number's form.
    case importerNumber = "importer-number"
    /// Bond type, surety code and amount.
    case bond = "bond"
    /// Mode of transport.
    case modeOfTransport = "mode-of-transport"
    /// Carrier code (SCAC, or IATA for air).
    case carrier = "carrier"
    /// Bill of lading type.
    case billType = "bill-type"
    /// Party entity code or identifier.
    case party = "party"
    /// ISO country code.
    case country = "country"
    /// Manufacturer identification code structure.
    case mid = "mid"
    /// A date that is not a real `YYYY-MM-DD` calendar date.
    case date = "date"
    /// FIRMS code shape.
    case firms = "firms"
    /// Line numbers must run 1, 2, 3 ... in order.
    case lineNumber = "line-number"
    /// Quantity unit and scale.
    case quantity = "quantity"
    /// Declared totals differ from the sum of the lines.
    case totals = "totals"
    /// Line-level entry summary data present without entry summary data, or missing with it.
    case lineSummary = "line-summary"
    /// A rate of duty that is malformed, missing, or not what a claim allows.
    case rate = "rate"
    /// A typed duty that differs from rate × value (or quantity).
    case duty = "duty"
    /// A fee class or amount (MPF, HMF, informal MPF ...) that differs from the rules.
    case fee = "fee"
    /// AD/CVD case data missing, malformed, or its deposit not rate × value.
    case adcvd = "adcvd"
    /// IR (excise) tax missing where it applies, or not rate × quantity.
    case irTax = "ir-tax"
    /// Special program indicator unknown, or its effect not followed.
    case spi = "spi"
    /// Chapter 99 numbers missing, out of CBP's order, or too many tariff numbers on a line.
    case chapter99 = "chapter-99"
    /// A rule of the entry type (informal limit, FTZ, warehouse, AD/CVD ...).
    case entryTypeRule = "entry-type-rule"
    /// Foreign-trade-zone data.
    case ftz = "ftz"
    /// Warehouse entry reference or FIRMS code.
    case warehouse = "warehouse"
    /// Dates out of order (export after arrival, arrival far in the future ...).
    case dateOrder = "date-order"
    /// The rules version a record names.
    case rulesVersion = "rules-version"
}
