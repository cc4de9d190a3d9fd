import EntryLedger
import Testing

/// One row of the rule table: set `path` of a valid sample to `value` (nil removes it) and
/// expect either no problem at all or a problem of `rule` at `at` (default: `path`).
struct RuleCase: Sendable, CustomTestStringConvertible {
    let base: String
    let path: String
    let value: JSONValue?
    let rule: EntryRule?
    let at: String?

    init(_ path: String, _ value: JSONValue?, _ rule: EntryRule?, at: String? = nil, base: String = vesselSample) {
        self.base = base
        self.path = path
        self.value = value
        self.rule = rule
        self.at = at
    }

    var testDescription: String {
        let shown = value.map { (try? CanonicalJSON.encodeString($0)) ?? "?" } ?? "(removed)"
        return "\(path) = \(shown) -> \(rule.map(\.rawValue) ?? "valid")"
    }
}

let otherFilerNumber = try! EntryNumber(filerCode: "EL8", serial: 1_000_001).formatted

let ruleTable: [RuleCase] = [
    // Entry number: format, check digit, filer code of the ledger.
    RuleCase("entry_number", "EL7-1000001-8", nil),
    RuleCase("entry_number", "EL710000018", nil),
    RuleCase("entry_number", "EL7-1000001-5", .checkDigit),
    RuleCase("entry_number", "EL7-100001-8", .entryNumber),
    RuleCase("entry_number", "EL7 1000001 8", .entryNumber),
    RuleCase("entry_number", "el7-1000001-8", .abiText),
    RuleCase("entry_number", .string(otherFilerNumber), .filerCode),
    RuleCase("entry_number", 10_000_018, .type),
    RuleCase("entry_number", nil, .required),
    // Entry types, and the forms they may be filed on.
    RuleCase("entry_type", "02", nil),
    RuleCase("entry_type", "03", .adcvd, at: "lines[0].entry_summary.adcvd"),  // AD/CVD type: every line names its case
    RuleCase("entry_type", "99", .entryType),
    RuleCase("entry_type", "1", .entryType),
    RuleCase("entry_type", "04", .entryType),  // entry summary only, but the entry has cargo release data
    RuleCase("entry_type", "86", .entryType),  // cargo release only, but the entry has entry summary data
    RuleCase("entry_type", "31", nil, base: "31-warehouse-withdrawal-summary-only.json"),
    RuleCase("entry_type", "86", nil, base: "11-informal-truck.json"),
    RuleCase("entry_type", "31", .entryType, base: "11-informal-truck.json"),
    // Ports: Schedule D 4 digits, Schedule K 5.
    RuleCase("port_of_entry", "2709", nil),
    RuleCase("port_of_entry", "270", .port),
    RuleCase("port_of_entry", "27O4", .port),
    RuleCase("port_of_entry", "27044", .port),
    RuleCase("port_of_unlading", "ABCD", .port),
    RuleCase("port_of_unlading", nil, nil),
    RuleCase("foreign_port_of_lading", "57078", nil),
    RuleCase("foreign_port_of_lading", "5703", .foreignPort),
    RuleCase("foreign_port_of_lading", "CNSHA", .foreignPort),
    // Importer number by qualifier.
    RuleCase("importer", ["qualifier": "EI", "number": "95-4218736AB"], nil),
    RuleCase("importer", ["qualifier": "ANI", "number": "261503-00417"], nil),
    RuleCase("importer", ["qualifier": "34", "number": "123-45-6789"], nil),
    RuleCase("importer.number", "954218736", .importerNumber),
    RuleCase("importer.number", "95-42187360", .importerNumber),
    RuleCase("importer", ["qualifier": "ANI", "number": "95-421873600"], .importerNumber, at: "importer.number"),
    RuleCase("importer", ["qualifier": "34", "number": "123456789"], .importerNumber, at: "importer.number"),
    RuleCase("importer.qualifier", "SSN", .importerNumber),
    RuleCase("importer", nil, .required),
    // Bonds.
    RuleCase("bond", ["type": "9", "surety_code": "457", "amount_cents": 30_000_000], nil),
    RuleCase("bond", ["type": "9", "surety_code": "457", "amount_cents": 10_000_000], .bond, at: "bond.amount_cents"),  // below value + charges
    RuleCase("bond", ["type": "8"], nil),
    RuleCase("bond", ["type": "0"], .bond, at: "bond.type"),  // a formal entry needs a bond
    RuleCase("bond", ["type": "0"], nil, base: "11-informal-truck.json"),
    RuleCase("bond", ["type": "9", "amount_cents": 10_000_000], .bond, at: "bond.surety_code"),
    RuleCase("bond", ["type": "9", "surety_code": "457"], .bond, at: "bond.amount_cents"),
    RuleCase("bond", ["type": "0", "surety_code": "457"], .bond, at: "bond.surety_code"),
    RuleCase("bond.type", "7", .bond),
    RuleCase("bond.type", 8, .type),
    RuleCase("bond.surety_code", "45", .bond),
    RuleCase("bond.amount_cents", 0, .range),
    // Mode of transport and carrier.
    RuleCase("mode_of_transport", "10", nil),
    RuleCase("mode_of_transport", "13", .modeOfTransport),
    RuleCase("mode_of_transport", "40", .carrier, at: "carrier_code"),  // air takes an IATA code, not a SCAC
    RuleCase("carrier_code", "MAE", .carrier),
    RuleCase("carrier_code", "MA3U", .carrier),
    RuleCase("carrier_code", nil, .required),
    RuleCase("carrier_code", "5X", nil, base: airSample),
    RuleCase("carrier_code", "DLH", nil, base: airSample),
    RuleCase("carrier_code", "LHAX", .carrier, base: airSample),
    RuleCase("bills_of_lading[0].issuer", "MAEUX", .carrier),
    RuleCase("carrier_code", nil, .required, base: "11-informal-truck.json"),  // mode 30 needs one
    // Dates.
    RuleCase("arrival_date", "2028-02-29", nil),
    RuleCase("arrival_date", "2026-02-29", .date),
    RuleCase("arrival_date", "2026-13-01", .date),
    RuleCase("arrival_date", "2026-04-31", .date),
    RuleCase("arrival_date", "11/16/2026", .date),
    RuleCase("arrival_date", "2026-11-16T00:00:00Z", .date),
    RuleCase("lines[0].entry_summary.export_date", "2026-09-31", .date),
    // HTS.
    RuleCase("lines[0].hts", "8471300150", nil),
    RuleCase("lines[0].hts", "8471.30.0100", .hts),
    RuleCase("lines[0].hts", "847130010", .hts),
    RuleCase("lines[0].hts", 8_471_300_100, .type),
    // Countries.
    RuleCase("lines[0].country_of_origin", "VN", nil),
    RuleCase("lines[0].country_of_origin", "XX", .country),
    RuleCase("lines[0].country_of_origin", "CHN", .country),
    RuleCase("lines[0].country_of_origin", "cn", .abiText),
    RuleCase("lines[0].entry_summary.country_of_export", "ZZ", .country),
    // MID.
    RuleCase("lines[0].entry_summary.mid", "XOMAPLEA4250MIS", nil),
    RuleCase("lines[0].entry_summary.mid", "CNSHEBRISHE", nil),
    RuleCase("lines[0].entry_summary.mid", "CAMAPLEA4250MIS", .mid),
    RuleCase("lines[0].entry_summary.mid", "ZZSHEBRI88SHE", .mid),
    RuleCase("lines[0].entry_summary.mid", "CNSHEBRI88 SHE", .mid),
    RuleCase("lines[0].entry_summary.mid", "CNSHEBRI12345SHE", .mid),
    RuleCase("lines[0].entry_summary.mid", "CNSHEBRIGH88SHE", .mid),
    RuleCase("lines[0].entry_summary.mid", "CNS88SHE", .mid),
    RuleCase("lines[0].entry_summary.mid", "CNSHEBRI88SH", .mid),
    RuleCase("lines[0].entry_summary.mid", "CNSHEBRI8A8SHE", .mid),
    RuleCase("parties[0].id", "CAMAPLEA4250MIS", .mid),
    // Upper-case ASCII text and field widths.
    RuleCase("parties[1].name", "BRIGHTWAY & SONS (HK) LTD.", nil),
    RuleCase("parties[1].name", "Brightway", .abiText),
    RuleCase("parties[1].name", "BRIGHTé", .abiText),
    RuleCase("parties[1].name", "BRIGHT\tWAY", .abiText),
    RuleCase("parties[1].name", " BRIGHTWAY", .abiText),
    RuleCase("parties[1].name", "", .abiText),
    RuleCase("parties[1].name", .string(String(repeating: "B", count: 36)), .length),
    RuleCase("lines[0].description", .string(String(repeating: "D", count: 70)), nil),
    RuleCase("lines[0].description", .string(String(repeating: "D", count: 71)), .length),
    RuleCase("conveyance_name", "MAERSK ESSEN EXPRESS 2", .length),
    RuleCase("voyage", "245EAST", .length),
    RuleCase("entry_summary.broker_reference", "K4471-2026", .length),
    // FIRMS.
    RuleCase("firms_code", "Y25", .firms),
    RuleCase("firms_code", "Y2-8", .firms),
    // Lines: numbering, values, quantities.
    RuleCase("lines[1].line_number", 3, .lineNumber),
    RuleCase("lines[0].line_number", 0, .range),
    RuleCase("lines[0].value_cents", -1, .range),
    RuleCase("lines[0].value_cents", "184500.00", .type),
    RuleCase("lines[0].quantity.scale", 3, .range),
    RuleCase("lines[0].quantity.unit", "kg", .abiText),
    RuleCase("lines[0].quantity.unit", "KILO", .quantity),
    RuleCase("lines[0].quantity", ["amount": 10_000_000_000, "scale": 0, "unit": "NO"], .range, at: "lines[0].quantity.amount"),
    RuleCase("lines", [], .required),
    // Bills of lading.
    RuleCase("bills_of_lading[0].type", "R", nil),
    RuleCase("bills_of_lading[0].type", "X", .billType),
    RuleCase("bills_of_lading[0].quantity", 0, .range),
    RuleCase("bills_of_lading[0].number", "MAEU254812907", .length),  // AE 23 holds 12
    RuleCase("bills_of_lading[0].number", "MAEU254812907", nil, base: "01-truck-mexico-3461.json"),
    // Parties.
    RuleCase("parties[1].entity", "XX", .party),
    RuleCase("parties[1].id_qualifier", "MID", .party, at: "parties[1].id"),
    RuleCase("parties[2].id_qualifier", nil, .party, at: "parties[2].id_qualifier"),
    RuleCase("parties[2].id", "95-42187360", .importerNumber),
    RuleCase("parties[2].id_qualifier", "DUNS", .party),
    // Totals: declared totals against the lines.
    RuleCase("cargo_release.estimated_value_cents", 21_248_001, .totals),
    RuleCase("entry_summary.totals.entered_value_cents", 1, .totals),
    RuleCase("entry_summary.totals.duty_cents", 12_394, .totals),
    RuleCase("entry_summary.totals.total_cents", 1, .totals),
    RuleCase("lines[2].value_cents", 486_001, .totals, at: "cargo_release.estimated_value_cents"),
    RuleCase("lines[2].entry_summary.duty_cents", 12_000, .totals, at: "entry_summary.totals.duty_cents"),
    // Forms and line summary data.
    RuleCase("lines[2].entry_summary", nil, .lineSummary),
    RuleCase("lines[0].entry_summary", ["mid": "CNSHEBRI88SHE"], .lineSummary, base: "01-truck-mexico-3461.json"),
    RuleCase("cargo_release", nil, .forms, at: "", base: "11-informal-truck.json"),
    // Unknown members and wrong types.
    RuleCase("carrier_cod", "MAEU", .unknownMember),
    RuleCase("lines[0].htss", "8471300100", .unknownMember),
    RuleCase("bond.amount", 100, .unknownMember),
    RuleCase("importer", "95-421873600", .type),
    RuleCase("lines", "three", .type),
    RuleCase("parties[0]", ["MF", "ACME"], .type),
    RuleCase("cargo_release.split_shipment", "N", .type),
]

@Suite("Validation rules of docs/customs-facts.md section 3")
struct RuleTests {
    @Test("Each rule accepts its valid values and reports its invalid ones at their path", arguments: ruleTable)
    func rule(_ c: RuleCase) {
        let json = Repo.sample(c.base).setting(c.path, to: c.value)
        let found = problems(json)
        if let rule = c.rule {
            let at = c.at ?? c.path
            #expect(found.contains { $0.rule == rule && $0.path == at },
                    "expected \(rule.rawValue) at \(at), found: \(found.map(\.description))")
        } else {
            #expect(found.isEmpty, "expected no problem, found: \(found.map(\.description))")
        }
    }

    @Test("The check digit message names the digit it should be")
    func checkDigitMessage() {
        let json = Repo.sample(vesselSample).setting("entry_number", to: "ABC-1234567-5")
        let found = problems(json)
        #expect(found.map(\.description) == ["entry_number: entry number ABC-1234567-5: check digit should be 6"])
        #expect(found.first?.value == "ABC-1234567-5")
        #expect(found.first?.rule == .checkDigit)
    }

    @Test("A wrong filer code names both filer codes")
    func filerCodeMessage() {
        let json = Repo.sample(vesselSample).setting("entry_number", to: .string(otherFilerNumber))
        #expect(problems(json).map(\.message) == [
            "entry number \(otherFilerNumber) has filer code EL8, but this ledger is for filer code EL7",
        ])
        #expect(problems(json, filer: "EL8").isEmpty)
        #expect(problems(json, filer: nil).isEmpty)
    }

    @Test("The upper-case ASCII message says which character is wrong and where")
    func abiTextMessages() {
        let cases: [(String, String)] = [
            ("BRIGHTé", "parties[1].name: character 'é' at position 7 is not upper-case ASCII (U+00E9)"),
            ("BRIGHTWAy", "parties[1].name: character 'y' at position 9 is not upper-case ASCII (write 'Y')"),
            ("A\u{7}B", "parties[1].name: character U+0007 at position 2 is not upper-case ASCII (a control character)"),
            ("BRIGHTWAY ", "parties[1].name: must not start or end with a space"),
            ("CAFE\u{301} RIO", "parties[1].name: character 'E\u{301}' at position 4 is not upper-case ASCII (U+0045 U+0301)"),
        ]
        for (name, expected) in cases {
            let found = problems(Repo.sample(vesselSample).setting("parties[1].name", to: .string(name)))
            #expect(found.map(\.description) == [expected])
        }
    }

    @Test("A social security number is never echoed in full in a problem")
    func ssnMasked() {
        let json = Repo.sample(vesselSample).setting("importer", to: ["qualifier": "34", "number": "123456789"])
        let found = problems(json)
        #expect(found.count == 1)
        #expect(found.first?.value == "*****6789")
        #expect(!found.description.contains("12345"))
        let consignee = problems(Repo.sample(vesselSample).setting("entry_summary.consignee_number", to: "123-45-678"))
        #expect(consignee.map(\.path) == ["entry_summary.consignee_number"])
        #expect(consignee.first?.value == "***-**-678")
    }

    @Test("A misspelt member is reported with the name it probably meant")
    func typoSuggestion() {
        let json = Repo.sample(vesselSample).setting("lines[0].htss", to: "8471300100")
        let found = problems(json).filter { $0.rule == .unknownMember }
        #expect(found.map(\.description) == [#"lines[0].htss: unknown member "htss" (did you mean "hts"?)"#])
    }

    @Test("Every problem states its path, value, rule and a message in its description")
    func problemShape() {
        let json = Repo.sample(vesselSample).setting("lines[1].hts", to: "8473.30")
        let p = problems(json)
        #expect(p == [EntryProblem(path: "lines[1].hts", value: "8473.30", rule: .hts,
                                   message: #""8473.30" is not an HTS number: 10 digits expected, without dots"#)])
        #expect(p.first?.json["rule"] == "hts")
    }

    @Test("The rules table holds the lists docs/customs-facts.md gives")
    func rulesTableContents() {
        #expect(CustomsRules.entrySummaryEntryTypes.count == 22)
        #expect(CustomsRules.cargoReleaseEntryTypes == ["01", "02", "03", "06", "07", "11", "12", "21", "22", "23", "52", "86"])
        #expect(CustomsRules.entryTypes.contains("86") && CustomsRules.entryTypes.contains("38"))
        #expect(Set(CustomsRules.bondTypes.keys) == ["0", "8", "9"])
        #expect(CustomsRules.modesOfTransport.count == 15)
        #expect(CustomsRules.canadianProvinceCodes["XO"] == "Ontario")
        #expect(!CountryCode.isAssigned("XO") && CountryCode.isAssigned("CA") && CountryCode.all.count == 249)
    }

    @Test("Deadlines: entry 15 calendar days after arrival, entry summary 10 working days after release")
    func deadlines() {
        #expect(CustomsRules.entryDeadline(arrivalDate: "2026-11-16") == "2026-12-01")
        #expect(CustomsRules.entryDeadline(arrivalDate: "2026-12-20") == "2027-01-04")
        // 2026-11-20 is a Friday: ten working days later is Friday 2026-12-04.
        #expect(CustomsRules.entrySummaryDeadline(releaseDate: "2026-11-20") == "2026-12-04")
        #expect(CustomsRules.entrySummaryDeadline(releaseDate: "2026-11-21") == "2026-12-04")  // a Saturday
        #expect(CustomsRules.entryDeadline(arrivalDate: "2026-02-30") == nil)
        #expect(CustomsDate.abi("2026-11-16") == "111626")
    }
}
