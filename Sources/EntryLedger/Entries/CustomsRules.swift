import LedgerFormat
/// Every customs fact that the entry validator uses and that docs/customs-facts.md marks **[one source]** or
/// **[check]** (and the [firm] facts they sit beside), kept in this one table so that each can
/// be corrected in one place. Each constant cites its docs/customs-facts.md marker.
///
/// Code forms are written as templates: `9` a digit, `A` a letter A-Z, `X` a letter or a
/// digit, any other character itself (see ``matches(_:form:)``).
public enum CustomsRules {
    // MARK: Version

    /// The version of these rules. Every entry record names the version it was checked under
    /// (`rules_version`; a record without it is version 1, the rules before money was
    /// computed). Raise it whenever a rule or table here changes what an entry may hold.
    /// Version 2: duty from declared rates, fees by class (MPF with the fiscal-year bounds,
    /// informal MPF, HMF), AD/CVD, IR tax, SPI, chapter 99, entry-type rules, date order.
    public static let version = 2

    // MARK: Entry numbers (docs/customs-facts.md section 3)

    /// The value of one character of an entry number in the check-digit sum: digits as
    /// themselves, A-I 1-9, J-R 1-9, S-Z 2-9. **[one source, and it equals Luhn]**
    public static func entryNumberLetterValue(_ c: Unicode.Scalar) -> Int? {
        switch c {
        case "0"..."9": return Int(c.value - 48)
        case "A"..."I": return Int(c.value - 65) + 1
        case "J"..."R": return Int(c.value - 74) + 1
        case "S"..."Z": return Int(c.value - 83) + 2
        default: return nil
        }
    }

    // MARK: Entry types (docs/customs-facts.md section 3)

    /// Entry types an entry summary (CBP Form 7501) may carry. **[firm]**
    public static let entrySummaryEntryTypes: [String] = [
        "01", "02", "03", "04", "05", "06", "07", "08", "11", "12",
        "21", "22", "23", "24", "25", "26", "31", "32", "34", "38", "51", "52",
    ]

    /// Entry types Cargo Release (CBP Form 3461, ABI `SE`) accepts. **[one source]**
    public static let cargoReleaseEntryTypes: [String] = [
        "01", "02", "03", "06", "07", "11", "12", "21", "22", "23", "52", "86",
    ]

    /// Every entry type the ledger accepts at all: the union of the two lists above.
    public static var entryTypes: [String] {
        Array(Set(entrySummaryEntryTypes).union(cargoReleaseEntryTypes)).sorted()
    }

    // MARK: Bonds (docs/customs-facts.md section 3)

    /// Bond types and what they mean. **[one source]**
    public static let bondTypes: [String: String] = [
        "0": "none required",
        "8": "continuous",
        "9": "single transaction",
    ]

    /// Bond types that need a surety code and a bond amount. **[one source]**
    public static let bondTypesNeedingSuretyAndAmount: Set<String> = ["9"]

    /// Bond types that take no surety code or amount (there is no bond). Project rule
    /// following from "none required". **[check]**
    public static let bondTypesWithoutSurety: Set<String> = ["0"]

    /// Surety code: 3 digits (AE 31 positions 6-8). **[one source]**
    public static let suretyCodeForm = "999"

    // MARK: Modes of transport (docs/customs-facts.md section 3)

    /// Modes of transport and what they mean. **[one source]**
    public static let modesOfTransport: [String: String] = [
        "10": "vessel, non-container", "11": "vessel, container", "12": "border, water-borne",
        "20": "rail, non-container", "21": "rail, container",
        "30": "truck, non-container", "31": "truck, container", "32": "auto", "33": "pedestrian",
        "34": "road, other", "40": "air, non-container", "41": "air, container", "50": "mail",
        "60": "passenger, hand-carried", "70": "fixed transport installation (pipeline)",
    ]

    /// Air modes, whose carrier is a 2-3 character IATA code rather than a SCAC. **[one source]**
    public static let airModes: Set<String> = ["40", "41"]

    /// Modes whose entries must name a carrier (SE 16 carrier code). The others (auto,
    /// pedestrian, road other, mail, hand-carried, pipeline) may leave it out. Project rule. **[check]**
    public static let modesNeedingCarrier: Set<String> = ["10", "11", "12", "20", "21", "30", "31", "40", "41"]

    // MARK: Carriers (docs/customs-facts.md section 3)

    /// SCAC: 4 letters. **[one source]**
    public static let scacForm = "AAAA"

    /// IATA airline designators: 2 or 3 letters or digits (air modes). **[one source]**
    public static let iataForms = ["XX", "XXX"]

    // MARK: Importer numbers (docs/customs-facts.md sections 2 and 3)

    /// Importer number forms by the SE 10 qualifier (positions 22-24). EI: IRS employer
    /// number with a 2-character suffix; ANI: CBP-assigned number; 34: social security number
    /// (personal data: ``maskedImporterNumber(_:qualifier:)`` hides it in messages). **[one source]**
    public static let importerNumberForms: [String: String] = [
        "EI": "99-9999999XX",
        "ANI": "999999-99999",
        "34": "999-99-9999",
    ]

    /// Qualifiers whose numbers are personal data and are never echoed in full.
    public static let personalDataQualifiers: Set<String> = ["34"]

    // MARK: Parties (docs/customs-facts.md section 2, SE 30/SE 50)

    /// Party entity codes: manufacturer, seller, buyer, ship-to, consignee. **[one source]**
    public static let partyEntityCodes: [String: String] = [
        "MF": "manufacturer", "SE": "seller", "BY": "buyer", "ST": "ship-to", "CN": "consignee",
    ]

    /// Party identifier qualifiers the ledger accepts: the three importer-number qualifiers
    /// (the id is checked as an importer number) and `MID` (the id is checked as a MID).
    /// docs/customs-facts.md lists none for SE 30 positions 43-45; project choice. **[check]**
    public static let partyIDQualifiers: Set<String> = ["EI", "ANI", "34", "MID"]

    // MARK: Bills of lading (docs/customs-facts.md section 2, SE 15)

    /// Bill types: regular, master, house, T, in-bond. **[one source]**
    public static let billTypes: [String: String] = [
        "R": "regular", "M": "master", "H": "house", "T": "T", "I": "in-bond",
    ]

    // MARK: Ports and codes (docs/customs-facts.md section 3)

    /// Schedule D port: 4 digits. **[firm]**
    public static let scheduleDForm = "9999"
    /// Schedule K foreign port: 5 characters; the published codes are all digits. **[firm]**,
    /// digits-only **[check]**
    public static let scheduleKForm = "99999"
    /// FIRMS code: 4 characters (SE 11 positions 12-15). Letters or digits **[check]**
    public static let firmsForm = "XXXX"
    /// HTS number: 10 digits. **[firm]**
    public static let htsForm = "9999999999"

    // MARK: MID (docs/customs-facts.md section 3, 19 CFR 102 appendix)

    /// Longest MID. **[firm]**
    public static let midMaxLength = 15
    /// Country code that a MID never uses: Canada uses province codes. **[firm]**
    public static let midForbiddenCountryCodes: Set<String> = ["CA"]
    /// Canadian province and territory codes used in MIDs in place of `CA`. docs/customs-facts.md gives
    /// XO and XQ as examples; the rest follow CBP's 7501 instructions. **[check]**
    public static let canadianProvinceCodes: [String: String] = [
        "XA": "Alberta", "XC": "British Columbia", "XM": "Manitoba", "XB": "New Brunswick",
        "XW": "Newfoundland and Labrador", "XN": "Nova Scotia", "XT": "Northwest Territories",
        "XV": "Nunavut", "XO": "Ontario", "XP": "Prince Edward Island", "XQ": "Quebec",
        "XS": "Saskatchewan", "XY": "Yukon",
    ]
    /// Letters taken from the manufacturer's name: 3 from each of the first two words, fewer
    /// when a word is short or the name has one word. Bounds **[check]**
    public static let midNameLetters: ClosedRange<Int> = 2...6
    /// Digits from the largest number in the street address: at most 4, none when the
    /// address has no number. **[check]**
    public static let midAddressDigits: ClosedRange<Int> = 0...4
    /// Letters from the city: exactly 3. **[check]**
    public static let midCityLetters = 3
    /// Words skipped when taking letters from the name. **[check]**
    public static let midSkippedWords: Set<String> = ["A", "AN", "AND", "OF", "THE"]

    // MARK: Deadlines (docs/customs-facts.md section 3)

    /// Entry within this many calendar days of arrival. **[check]**
    public static let entryDeadlineCalendarDays = 15
    /// Entry summary within this many working days of entry/release (Monday to Friday;
    /// federal holidays are not counted out). **[check]**
    public static let entrySummaryDeadlineWorkingDays = 10

    /// The last day to file the entry for goods that arrived on `arrivalDate` (YYYY-MM-DD),
    /// or nil when the date is not a real calendar date.
    public static func entryDeadline(arrivalDate: String) -> String? {
        guard let days = CustomsDate.dayNumber(arrivalDate) else { return nil }
        return CustomsDate.format(dayNumber: days + Int64(entryDeadlineCalendarDays))
    }

    /// The last day to file the entry summary after release on `releaseDate` (YYYY-MM-DD),
    /// counting working days Monday to Friday, or nil when the date is not a real date.
    public static func entrySummaryDeadline(releaseDate: String) -> String? {
        guard var day = CustomsDate.dayNumber(releaseDate) else { return nil }
        var left = entrySummaryDeadlineWorkingDays
        while left > 0 {
            day += 1
            if !CustomsDate.isWeekend(dayNumber: day) { left -= 1 }
        }
        return CustomsDate.format(dayNumber: day)
    }

    // MARK: ABI field widths (docs/customs-facts.md section 2)

    /// Longest text each entry field may hold, from the ABI record positions it goes into.
    /// SE 10/11/40 and AE 10/11/40/50 widths are **[firm]**; SE 15, SE 30 and AE 23 **[one source]**.
    public enum Width {
        /// SE 30/50 positions 8-42.
        public static let partyName = 35
        /// SE 30/50 positions 46-65.
        public static let partyID = 20
        /// SE 40 positions 11-80.
        public static let description = 70
        /// SE 11 positions 20-39.
        public static let conveyanceName = 20
        /// SE 11 positions 40-44.
        public static let voyage = 5
        /// SE 15 positions 10-59.
        public static let billNumber = 50
        /// AE 23 positions 8-19: the bill number when the entry has entry summary data.
        public static let billNumberEntrySummary = 12
        /// AE 10 positions 22-30. **[one source]**
        public static let brokerReference = 9
        /// AE 50 positions 48-50.
        public static let unit = 3
    }

    /// Largest values of the numeric fields, from the widths of the ABI fields they go into.
    public enum Maximum {
        /// A money amount in cents whose whole dollars fit 10 digits (SE 10 40-49, SE 60 15-24,
        /// AE 50 25-34).
        public static let moneyCents: Int64 = 999_999_999_999
        /// Duty in cents, 10 digits (AE 50 14-23).
        public static let dutyCents: Int64 = 9_999_999_999
        /// Gross weight in kilograms, 10 digits (AE 40 42-51).
        public static let grossWeightKilograms: Int64 = 9_999_999_999
        /// Bill quantity, 8 digits (SE 15 60-67). **[one source]**
        public static let billQuantity: Int64 = 99_999_999
        /// Quantity with 2 implied decimals, 12 digits (AE 50 36-47).
        public static let quantityHundredths: Int64 = 999_999_999_999
        /// Line numbers, 3 digits (SE 40 5-7, AE 40 5-7).
        public static let lineNumber = 999
        /// Decimal places a quantity may state: AE 50 carries 2, so no rounding is ever needed.
        public static let quantityScale: Int64 = 2
    }

    // MARK: Helpers

    /// Whether `value` has the shape of `form` (`9` digit, `A` letter, `X` letter or digit).
    public static func matches(_ value: String, form: String) -> Bool {
        // Byte by byte when both are ASCII (every form is; nearly every value), without arrays.
        if value.utf8.allSatisfy({ $0 < 0x80 }), form.utf8.allSatisfy({ $0 < 0x80 }) {
            guard value.utf8.count == form.utf8.count else { return false }
            for (c, p) in zip(value.utf8, form.utf8) {
                switch p {
                case UInt8(ascii: "9"): guard c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") else { return false }
                case UInt8(ascii: "A"): guard c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") else { return false }
                case UInt8(ascii: "X"):
                    guard (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) else { return false }
                default: guard c == p else { return false }
                }
            }
            return true
        }
        let v = Array(value.unicodeScalars)
        let f = Array(form.unicodeScalars)
        guard v.count == f.count else { return false }
        for (c, p) in zip(v, f) {
            switch p {
            case "9": guard ("0"..."9").contains(c) else { return false }
            case "A": guard ("A"..."Z").contains(c) else { return false }
            case "X": guard ("0"..."9").contains(c) || ("A"..."Z").contains(c) else { return false }
            default: guard c == p else { return false }
            }
        }
        return true
    }

    /// An importer number fit to show in a message: digits of personal-data numbers (SSN)
    /// are hidden except the last four.
    public static func maskedImporterNumber(_ number: String, qualifier: String?) -> String {
        guard let qualifier, personalDataQualifiers.contains(qualifier) else { return number }
        let scalars = Array(number.unicodeScalars)
        let keep = max(0, scalars.count - 4)
        return String(String.UnicodeScalarView(scalars.enumerated().map { i, c in
            i < keep && ("0"..."9").contains(c) ? "*" : c
        }))
    }
}
