import LedgerFormat
/// Reads an entry's JSON into a ``CustomsEntry`` while collecting every problem: wrong types,
/// missing and unknown members, and every rule of docs/customs-facts.md section 3. It only ever looks at
/// the members it knows, so hostile input (deep nesting, huge strings) costs linear time and
/// never crashes.
struct EntryDecoder {
    /// The ledger's filer code, checked against the entry number's when given.
    let ledgerFilerCode: String?
    private(set) var problems: [EntryProblem] = []

    init(ledgerFilerCode: String?) { self.ledgerFilerCode = ledgerFilerCode }

    // MARK: Member names

    static let entryMembers = [
        "entry_number", "entry_type", "port_of_entry", "importer", "bond", "mode_of_transport", "carrier_code",
        "conveyance_name", "voyage", "arrival_date", "port_of_unlading", "foreign_port_of_lading", "firms_code",
        "bills_of_lading", "parties", "lines", "cargo_release", "entry_summary",
    ]
    static let importerMembers = ["qualifier", "number", "sealed"]
    static let bondMembers = ["type", "surety_code", "amount_cents"]
    static let billMembers = ["type", "issuer", "number", "quantity"]
    static let partyMembers = ["entity", "name", "id_qualifier", "id", "address"]
    static let lineMembers = ["line_number", "hts", "country_of_origin", "description", "value_cents", "quantity", "entry_summary"]
    static let quantityMembers = ["amount", "scale", "unit"]
    static let lineSummaryMembers = [
        "mid", "country_of_export", "export_date", "gross_weight_kg", "charges_cents", "duty_cents", "related_party",
        "spi", "rate", "chapter_99", "adcvd", "adcvd_non_reimbursement", "ir_tax", "fees", "ftz",
    ]
    static let cargoReleaseMembers = ["estimated_value_cents", "split_shipment", "warehouse_firms", "originating_entry"]
    static let entrySummaryMembers = ["broker_reference", "consignee_number", "entry_date", "ftz_id", "fees", "totals", "warehouse_entry"]
    static let totalsMembers = [
        "entered_value_cents", "duty_cents", "fees_cents", "taxes_cents", "ad_duty_cents", "cv_duty_cents", "total_cents",
    ]

    /// Longest text of a code field (entry numbers, ports, ...), beyond which it is reported as too long.
    static let codeWidth = 15
    /// MIDs longer than this are reported as too long; up to it, ``EntryValidator/midProblem(_:)``
    /// explains what is wrong (including more than 15 characters).
    static let midWidth = 40

    // MARK: The entry

    mutating func decodeEntry<N: JSONReadable>(_ json: N) -> CustomsEntry? {
        guard let o = members(json, at: "", known: Self.entryMembers, what: "an entry") else { return nil }
        let hasCargoRelease = o["cargo_release"] != nil
        let hasEntrySummary = o["entry_summary"] != nil

        let entryNumber = decodeEntryNumber(o)
        let entryType = code(o, "entry_type", at: "", required: true, rule: .entryType) { v in
            CustomsRules.entryTypes.contains(v) ? nil : "\(q(v)) is not an entry type (known: \(CustomsRules.entryTypes.joined(separator: ", ")))"
        }
        if let entryType, CustomsRules.entryTypes.contains(entryType) {
            if hasCargoRelease, !CustomsRules.cargoReleaseEntryTypes.contains(entryType) {
                report("entry_type", .entryType, entryType,
                       "entry type \(entryType) cannot be filed as a cargo release (3461); Cargo Release accepts \(CustomsRules.cargoReleaseEntryTypes.joined(separator: ", "))")
            }
            if hasEntrySummary, !CustomsRules.entrySummaryEntryTypes.contains(entryType) {
                report("entry_type", .entryType, entryType,
                       "entry type \(entryType) cannot be filed as an entry summary (7501); entry summary types are \(CustomsRules.entrySummaryEntryTypes.joined(separator: ", "))")
            }
        }
        let portOfEntry = code(o, "port_of_entry", at: "", required: true, rule: .port, check: Self.scheduleDProblem)
        let importer = decodeImporter(o["importer"], at: "importer")
        let bond = decodeBond(o["bond"], at: "bond")
        let mode = code(o, "mode_of_transport", at: "", required: true, rule: .modeOfTransport) { v in
            CustomsRules.modesOfTransport[v] != nil ? nil
                : "\(q(v)) is not a mode of transport (known: \(CustomsRules.modesOfTransport.keys.sorted().joined(separator: ", ")))"
        }
        let knownMode = mode.flatMap { CustomsRules.modesOfTransport[$0] != nil ? $0 : nil }
        if o["carrier_code"] == nil, let knownMode, CustomsRules.modesNeedingCarrier.contains(knownMode) {
            report("carrier_code", .required, nil,
                   "mode of transport \(knownMode) (\(CustomsRules.modesOfTransport[knownMode]!)) needs a carrier code")
        }
        let carrier = code(o, "carrier_code", at: "", required: false, rule: .carrier) { v in
            Self.carrierProblem(v, mode: knownMode, what: "carrier code")
        }
        let conveyance = text(o, "conveyance_name", at: "", required: false, width: CustomsRules.Width.conveyanceName)
        let voyage = text(o, "voyage", at: "", required: false, width: CustomsRules.Width.voyage)
        let arrival = date(o, "arrival_date", at: "", required: true)
        let unlading = code(o, "port_of_unlading", at: "", required: false, rule: .port, check: Self.scheduleDProblem)
        let lading = code(o, "foreign_port_of_lading", at: "", required: false, rule: .foreignPort) { v in
            CustomsRules.matches(v, form: CustomsRules.scheduleKForm) ? nil
                : "\(q(v)) is not a Schedule K foreign port code: 5 digits expected"
        }
        let firms = code(o, "firms_code", at: "", required: false, rule: .firms) { v in
            CustomsRules.matches(v, form: CustomsRules.firmsForm) ? nil
                : "\(q(v)) is not a FIRMS code: 4 letters or digits expected"
        }

        var bills: [BillOfLading]? = []
        if let items = array(o, "bills_of_lading", at: "", required: false) {
            for (i, item) in items.enumerated() {
                let bill = decodeBill(item, at: "bills_of_lading[\(i)]", mode: knownMode, entrySummary: hasEntrySummary)
                if let bill { bills?.append(bill) } else { bills = nil }
            }
        } else if o["bills_of_lading"] != nil { bills = nil }

        var parties: [EntryParty]? = []
        if let items = array(o, "parties", at: "", required: false) {
            for (i, item) in items.enumerated() {
                let party = decodeParty(item, at: "parties[\(i)]")
                if let party { parties?.append(party) } else { parties = nil }
            }
        } else if o["parties"] != nil { parties = nil }

        // Lines: values and duties are kept even when another member of the line is wrong,
        // so that the totals are still checked.
        var lines: [EntryLine]? = []
        var values: [Int64]? = []
        var duties: [Int64]? = []
        if let items = array(o, "lines", at: "", required: true) {
            if items.isEmpty { report("lines", .required, nil, "an entry needs at least one line") }
            if items.count > CustomsRules.Maximum.lineNumber {
                report("lines", .range, "\(items.count) lines", "an entry has at most \(CustomsRules.Maximum.lineNumber) lines, found \(items.count)")
            }
            for (i, item) in items.enumerated() {
                let draft = decodeLine(item, index: i, entrySummary: hasEntrySummary)
                if let line = draft.line { lines?.append(line) } else { lines = nil }
                if let v = draft.valueCents { values?.append(v) } else { values = nil }
                if let d = draft.dutyCents { duties?.append(d) } else { duties = nil }
            }
        } else { lines = nil; values = nil; duties = nil }

        let cargoRelease = o["cargo_release"].flatMap { decodeCargoRelease($0, at: "cargo_release", lineValues: values) }
        let entrySummary = o["entry_summary"].flatMap {
            decodeEntrySummary($0, at: "entry_summary", lineValues: values, lineDuties: duties)
        }
        if !hasCargoRelease && !hasEntrySummary {
            report("", .forms, nil,
                   "the entry has neither cargo release data (cargo_release, CBP Form 3461) nor entry summary data (entry_summary, CBP Form 7501)")
        }

        guard let entryNumber, let entryType, let portOfEntry, let importer, let bond, let mode, let arrival,
            let bills, let parties, let lines, problems.isEmpty,
            !hasCargoRelease || cargoRelease != nil, !hasEntrySummary || entrySummary != nil
        else { return nil }
        return CustomsEntry(
            entryNumber: entryNumber, entryType: entryType, portOfEntry: portOfEntry, importer: importer, bond: bond,
            modeOfTransport: mode, carrierCode: carrier, conveyanceName: conveyance, voyage: voyage, arrivalDate: arrival,
            portOfUnlading: unlading, foreignPortOfLading: lading, firmsCode: firms, billsOfLading: bills,
            parties: parties, lines: lines, cargoRelease: cargoRelease, entrySummary: entrySummary)
    }

    // MARK: Parts

    private mutating func decodeEntryNumber<N: JSONReadable>(_ o: N) -> EntryNumber? {
        guard let raw = text(o, "entry_number", at: "", required: true, width: 13) else { return nil }
        do {
            let number = try EntryNumber(parsing: raw)
            if let ledgerFilerCode, number.filerCode != ledgerFilerCode {
                report("entry_number", .filerCode, raw,
                       "entry number \(raw) has filer code \(number.filerCode), but this ledger is for filer code \(ledgerFilerCode)")
            }
            return number
        } catch {
            switch error {
            case .checkDigit(_, let expected):
                report("entry_number", .checkDigit, raw, "entry number \(raw): check digit should be \(expected)")
            case .format(let reason), .outOfRange(let reason):
                report("entry_number", .entryNumber, raw, reason)
            }
            return nil
        }
    }

    private mutating func decodeImporter<N: JSONReadable>(_ value: N?, at path: String) -> ImporterNumber? {
        guard let value else {
            report(path, .required, nil, "the importer of record's number is missing")
            return nil
        }
        guard let o = members(value, at: path, known: Self.importerMembers, what: "the importer") else { return nil }
        let qualifier = code(o, "qualifier", at: path, required: true, rule: .importerNumber) { v in
            CustomsRules.importerNumberForms[v] != nil ? nil
                : "\(q(v)) is not an importer number qualifier (\(CustomsRules.importerNumberForms.keys.sorted().joined(separator: ", ")))"
        }
        if let sealed = o["sealed"] {
            // Personal data as a record stores it: its structure only (the value is sealed).
            if o["number"] != nil { report(Self.join(path, "number"), .importerNumber, nil, "a sealed importer number has no number in clear beside it") }
            if let qualifier, !CustomsRules.personalDataQualifiers.contains(qualifier) {
                report(Self.join(path, "sealed"), .importerNumber, nil, "only personal data (qualifier \(CustomsRules.personalDataQualifiers.sorted().joined(separator: ", "))) is sealed, not a \(qualifier) number")
            }
            do throws(SealedValue.Failure) {
                let value = try SealedValue(json: sealed.jsonValue, field: ImporterNumber.field)
                guard let qualifier else { return nil }
                return ImporterNumber(qualifier: qualifier, number: ImporterNumber.masked, sealed: value)
            } catch {
                report(Self.join(path, "sealed"), .importerNumber, nil, error.description)
                return nil
            }
        }
        let number = importerNumber(o, "number", at: path, required: true, qualifier: o["qualifier"]?.stringValue)
        guard let qualifier, let number else { return nil }
        return ImporterNumber(qualifier: qualifier, number: number)
    }

    /// An importer-style number checked against the form of its qualifier (or any importer
    /// form when `qualifier` is nil); SSNs are masked in messages.
    private mutating func importerNumber<N: JSONReadable>(_ o: N, _ key: String, at parent: String, required: Bool,
                                         qualifier: String?, anyForm: Bool = false) -> String? {
        var path: String { Self.join(parent, key) }  // made only for a problem
        // A consignee number has no qualifier and may be an SSN: it is always masked in messages.
        let maskAs = anyForm ? CustomsRules.personalDataQualifiers.first : qualifier
        guard let v = text(o, key, at: parent, required: required, width: Self.codeWidth, mask: maskAs) else { return nil }
        var shown: String { CustomsRules.maskedImporterNumber(v, qualifier: maskAs) }  // made only for a problem
        if anyForm {
            guard CustomsRules.importerNumberForms.values.contains(where: { CustomsRules.matches(v, form: $0) }) else {
                report(path, .importerNumber, shown,
                       "\(q(shown)) is not in an importer number form (\(Self.importerFormsText))")
                return nil
            }
            return v
        }
        guard let qualifier, let form = CustomsRules.importerNumberForms[qualifier] else { return v }
        guard CustomsRules.matches(v, form: form) else {
            report(path, .importerNumber, shown,
                   "\(q(shown)) does not have the form of a \(qualifier) importer number (\(Self.humanForm(form)))")
            return nil
        }
        return v
    }

    static var importerFormsText: String {
        CustomsRules.importerNumberForms.keys.sorted().map { "\($0) \(humanForm(CustomsRules.importerNumberForms[$0]!))" }
            .joined(separator: ", ")
    }

    /// `99-9999999XX` as `NN-NNNNNNNXX`, the notation of docs/customs-facts.md.
    static func humanForm(_ form: String) -> String {
        String(form.map { $0 == "9" ? "N" : $0 })
    }

    private mutating func decodeBond<N: JSONReadable>(_ value: N?, at path: String) -> EntryBond? {
        guard let value else {
            report(path, .required, nil, "the bond is missing (type 0 when none is required)")
            return nil
        }
        guard let o = members(value, at: path, known: Self.bondMembers, what: "the bond") else { return nil }
        let type = code(o, "type", at: path, required: true, rule: .bond) { v in
            CustomsRules.bondTypes[v] != nil ? nil
                : "\(q(v)) is not a bond type (\(CustomsRules.bondTypes.keys.sorted().map { "\($0) \(CustomsRules.bondTypes[$0]!)" }.joined(separator: ", ")))"
        }
        let surety = code(o, "surety_code", at: path, required: false, rule: .bond) { v in
            CustomsRules.matches(v, form: CustomsRules.suretyCodeForm) ? nil : "\(q(v)) is not a surety code: 3 digits expected"
        }
        let amount = integer(o, "amount_cents", at: path, required: false, range: 1...CustomsRules.Maximum.moneyCents)
        if let type, CustomsRules.bondTypesNeedingSuretyAndAmount.contains(type) {
            let name = CustomsRules.bondTypes[type]!
            if o["surety_code"] == nil {
                report(Self.join(path, "surety_code"), .bond, nil, "bond type \(type) (\(name)) needs a surety code")
            }
            if o["amount_cents"] == nil {
                report(Self.join(path, "amount_cents"), .bond, nil, "bond type \(type) (\(name)) needs a bond amount")
            }
        }
        if let type, CustomsRules.bondTypesWithoutSurety.contains(type) {
            let name = CustomsRules.bondTypes[type]!
            for key in ["surety_code", "amount_cents"] where o[key] != nil {
                report(Self.join(path, key), .bond, o[key].map(Self.show),
                       "bond type \(type) (\(name)) takes no \(key == "surety_code" ? "surety code" : "bond amount")")
            }
        }
        guard let type, o["surety_code"] == nil || surety != nil, o["amount_cents"] == nil || amount != nil else { return nil }
        return EntryBond(type: type, suretyCode: surety, amountCents: amount)
    }

    private mutating func decodeBill<N: JSONReadable>(_ value: N, at path: String, mode: String?, entrySummary: Bool) -> BillOfLading? {
        guard let o = members(value, at: path, known: Self.billMembers, what: "a bill of lading") else { return nil }
        let type = code(o, "type", at: path, required: true, rule: .billType) { v in
            CustomsRules.billTypes[v] != nil ? nil
                : "\(q(v)) is not a bill type (\(CustomsRules.billTypes.keys.sorted().map { $0 == CustomsRules.billTypes[$0]! ? $0 : "\($0) \(CustomsRules.billTypes[$0]!)" }.joined(separator: ", ")))"
        }
        let issuer = code(o, "issuer", at: path, required: true, rule: .carrier) { v in
            Self.carrierProblem(v, mode: mode, what: "issuer code")
        }
        let width = entrySummary ? CustomsRules.Width.billNumberEntrySummary : CustomsRules.Width.billNumber
        let number = text(o, "number", at: path, required: true, width: width,
                          widthNote: entrySummary ? " (the entry summary record AE 23 holds 12)" : "")
        let quantity = integer(o, "quantity", at: path, required: true, range: 1...CustomsRules.Maximum.billQuantity)
        guard let type, let issuer, let number, let quantity else { return nil }
        return BillOfLading(type: type, issuer: issuer, number: number, quantity: quantity)
    }

    private mutating func decodeParty<N: JSONReadable>(_ value: N, at path: String) -> EntryParty? {
        guard let o = members(value, at: path, known: Self.partyMembers, what: "a party") else { return nil }
        let entity = code(o, "entity", at: path, required: true, rule: .party) { v in
            CustomsRules.partyEntityCodes[v] != nil ? nil
                : "\(q(v)) is not a party entity code (\(CustomsRules.partyEntityCodes.keys.sorted().map { "\($0) \(CustomsRules.partyEntityCodes[$0]!)" }.joined(separator: ", ")))"
        }
        let name = text(o, "name", at: path, required: true, width: CustomsRules.Width.partyName)
        let qualifier = code(o, "id_qualifier", at: path, required: false, rule: .party) { v in
            CustomsRules.partyIDQualifiers.contains(v) ? nil
                : "\(q(v)) is not a party id qualifier (\(CustomsRules.partyIDQualifiers.sorted().joined(separator: ", ")))"
        }
        var id: String?
        let rawQualifier = o["id_qualifier"]?.stringValue
        if rawQualifier == "MID" {
            id = code(o, "id", at: path, required: false, rule: .mid, width: Self.midWidth, check: EntryValidator.midProblem)
        } else if let rawQualifier, CustomsRules.importerNumberForms[rawQualifier] != nil {
            id = importerNumber(o, "id", at: path, required: false, qualifier: rawQualifier)
        } else {
            id = text(o, "id", at: path, required: false, width: CustomsRules.Width.partyID)
        }
        if o["id_qualifier"] != nil && o["id"] == nil {
            report(Self.join(path, "id"), .party, nil, "a party with an id qualifier needs an id")
        }
        if o["id"] != nil && o["id_qualifier"] == nil {
            report(Self.join(path, "id_qualifier"), .party, nil, "a party id needs its qualifier (\(CustomsRules.partyIDQualifiers.sorted().joined(separator: ", ")))")
        }
        let address = o["address"].flatMap { decodeAddress($0, at: Self.join(path, "address")) }
        guard let entity, let name, o["id_qualifier"] == nil || qualifier != nil, o["id"] == nil || id != nil,
            (qualifier == nil) == (id == nil), o["address"] == nil || address != nil
        else { return nil }
        return EntryParty(entity: entity, name: name, idQualifier: qualifier, id: id, address: address)
    }

    private struct LineDraft {
        var line: EntryLine?
        var valueCents: Int64?
        var dutyCents: Int64?
    }

    private mutating func decodeLine<N: JSONReadable>(_ value: N, index: Int, entrySummary: Bool) -> LineDraft {
        let path = "lines[\(index)]"
        guard let o = members(value, at: path, known: Self.lineMembers, what: "a line") else { return LineDraft() }
        let lineNumber = integer(o, "line_number", at: path, required: true, range: 1...Int64(CustomsRules.Maximum.lineNumber))
        if let lineNumber, lineNumber != Int64(index + 1) {
            report(Self.join(path, "line_number"), .lineNumber, String(lineNumber),
                   "line numbers must run 1, 2, 3 ... in order: this line should be \(index + 1), not \(lineNumber)")
        }
        let hts = code(o, "hts", at: path, required: true, rule: .hts) { v in
            CustomsRules.matches(v, form: CustomsRules.htsForm) ? nil
                : "\(q(v)) is not an HTS number: 10 digits expected, without dots"
        }
        let origin = country(o, "country_of_origin", at: path, required: true)
        let description = text(o, "description", at: path, required: true, width: CustomsRules.Width.description)
        let valueCents = integer(o, "value_cents", at: path, required: true, range: 0...CustomsRules.Maximum.moneyCents)
        let quantity = o["quantity"] == nil
            ? { report(Self.join(path, "quantity"), .required, nil, "the quantity is missing"); return nil }()
            : decodeQuantity(o["quantity"]!, at: Self.join(path, "quantity"))
        var summary: LineSummary?
        var duty: Int64?
        if let s = o["entry_summary"] {
            if entrySummary {
                (summary, duty) = decodeLineSummary(s, at: Self.join(path, "entry_summary"))
            } else {
                report(Self.join(path, "entry_summary"), .lineSummary, nil,
                       "the line has entry summary data but the entry has none (add entry_summary to the entry, or remove it here)")
            }
        } else if entrySummary {
            report(Self.join(path, "entry_summary"), .lineSummary, nil,
                   "the entry has entry summary data, so each line needs its entry summary data (MID, export, weight, charges, duty)")
        }
        var draft = LineDraft(valueCents: valueCents, dutyCents: entrySummary ? duty : 0)
        guard let lineNumber, let hts, let origin, let description, let valueCents, let quantity,
            summary != nil || !entrySummary
        else { return draft }
        draft.line = EntryLine(lineNumber: Int(lineNumber), hts: hts, countryOfOrigin: origin, description: description,
                               valueCents: valueCents, quantity: quantity, summary: summary)
        return draft
    }

    mutating func decodeQuantity<N: JSONReadable>(_ value: N, at path: String) -> LineQuantity? {
        guard let o = members(value, at: path, known: Self.quantityMembers, what: "a quantity") else { return nil }
        let amount = integer(o, "amount", at: path, required: true, range: 0...CustomsRules.Maximum.quantityHundredths)
        let scale = integer(o, "scale", at: path, required: true, range: 0...CustomsRules.Maximum.quantityScale)
        let unit = code(o, "unit", at: path, required: true, rule: .quantity) { v in
            v.count <= CustomsRules.Width.unit && v.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) })
                ? nil : "\(q(v)) is not a unit of measure: 1 to 3 letters or digits expected (NO, KG, DOZ, X ...)"
        }
        guard let amount, let scale, let unit else { return nil }
        let quantity = LineQuantity(amount: amount, scale: Int(scale), unit: unit)
        guard quantity.hundredths <= CustomsRules.Maximum.quantityHundredths else {
            report(Self.join(path, "amount"), .range, String(amount),
                   "the quantity is too large for the entry summary (at most \(CustomsRules.Maximum.quantityHundredths) hundredths)")
            return nil
        }
        return quantity
    }

    private mutating func decodeLineSummary<N: JSONReadable>(_ value: N, at path: String) -> (LineSummary?, Int64?) {
        guard let o = members(value, at: path, known: Self.lineSummaryMembers, what: "a line's entry summary data") else {
            return (nil, nil)
        }
        let mid = code(o, "mid", at: path, required: true, rule: .mid, width: Self.midWidth, check: EntryValidator.midProblem)
        let export = country(o, "country_of_export", at: path, required: true)
        let exportDate = date(o, "export_date", at: path, required: true)
        let weight = integer(o, "gross_weight_kg", at: path, required: true, range: 0...CustomsRules.Maximum.grossWeightKilograms)
        let charges = integer(o, "charges_cents", at: path, required: true, range: 0...CustomsRules.Maximum.moneyCents)
        let duty = integer(o, "duty_cents", at: path, required: true, range: 0...CustomsRules.Maximum.dutyCents)
        let related = boolean(o, "related_party", at: path, required: false)
        let spi = text(o, "spi", at: path, required: false, width: 2)
        let rate = o["rate"].flatMap { decodeRate($0, at: Self.join(path, "rate")) }
        var chapter99: [TariffLine]? = []
        if let items = array(o, "chapter_99", at: path, required: false) {
            for (i, item) in items.enumerated() {
                if let t = decodeChapter99(item, at: Self.join(path, "chapter_99[\(i)]")) { chapter99?.append(t) } else { chapter99 = nil }
            }
        } else if o["chapter_99"] != nil { chapter99 = nil }
        var adcvd: [ADCVDDeposit]? = []
        if let items = array(o, "adcvd", at: path, required: false) {
            for (i, item) in items.enumerated() {
                if let d = decodeADCVD(item, at: Self.join(path, "adcvd[\(i)]")) { adcvd?.append(d) } else { adcvd = nil }
            }
        } else if o["adcvd"] != nil { adcvd = nil }
        let nonReimbursement = boolean(o, "adcvd_non_reimbursement", at: path, required: false)
        let irTax = o["ir_tax"].flatMap { decodeIRTax($0, at: Self.join(path, "ir_tax")) }
        let fees = decodeFees(o, at: path, level: .line)
        let ftz = o["ftz"].flatMap { decodeFTZ($0, at: Self.join(path, "ftz")) }
        // The line's duty for the totals: its chapter 1-97 number and its chapter 99 numbers.
        // Read from the JSON, so that a chapter 99 number with another problem still counts.
        var lineDuty = duty
        for item in o["chapter_99"]?.items ?? [] {
            guard let d = item["duty_cents"]?.intValue, (0...CustomsRules.Maximum.dutyCents).contains(d) else { lineDuty = nil; break }
            lineDuty = lineDuty.map { $0 + d }
        }
        guard let mid, let export, let exportDate, let weight, let charges, let duty,
            o["related_party"] == nil || related != nil, o["spi"] == nil || spi != nil, o["rate"] == nil || rate != nil,
            let chapter99, let adcvd, o["adcvd_non_reimbursement"] == nil || nonReimbursement != nil,
            o["ir_tax"] == nil || irTax != nil, let fees, o["ftz"] == nil || ftz != nil
        else { return (nil, lineDuty) }
        return (LineSummary(mid: mid, countryOfExport: export, exportDate: exportDate, grossWeightKilograms: weight,
                            chargesCents: charges, dutyCents: duty, relatedParty: related ?? false, spi: spi, rate: rate,
                            chapter99: chapter99, adcvd: adcvd, adcvdNonReimbursement: nonReimbursement ?? false,
                            irTax: irTax, fees: fees, ftz: ftz), lineDuty)
    }

    private mutating func decodeCargoRelease<N: JSONReadable>(_ value: N, at path: String, lineValues: [Int64]?) -> CargoRelease? {
        guard let o = members(value, at: path, known: Self.cargoReleaseMembers, what: "the cargo release data") else { return nil }
        let estimated = integer(o, "estimated_value_cents", at: path, required: true, range: 0...CustomsRules.Maximum.moneyCents)
        let split = boolean(o, "split_shipment", at: path, required: false)
        if let estimated, let lineValues {
            let sum = lineValues.reduce(0, +)
            if sum != estimated {
                report(Self.join(path, "estimated_value_cents"), .totals, String(estimated),
                       "the estimated value \(Self.money(estimated)) differs from the sum of the line values \(Self.money(sum))")
            }
        }
        let warehouseFirms = firms(o, "warehouse_firms", at: path)
        let originating = o["originating_entry"].flatMap { decodeWarehouseEntry($0, at: Self.join(path, "originating_entry")) }
        guard let estimated, o["split_shipment"] == nil || split != nil, o["warehouse_firms"] == nil || warehouseFirms != nil,
            o["originating_entry"] == nil || originating != nil else { return nil }
        return CargoRelease(estimatedValueCents: estimated, splitShipment: split ?? false, warehouseFirms: warehouseFirms,
                            originatingEntry: originating)
    }

    private mutating func decodeEntrySummary<N: JSONReadable>(_ value: N, at path: String, lineValues: [Int64]?,
                                             lineDuties: [Int64]?) -> EntrySummary? {
        guard let o = members(value, at: path, known: Self.entrySummaryMembers, what: "the entry summary data") else { return nil }
        let reference = text(o, "broker_reference", at: path, required: false, width: CustomsRules.Width.brokerReference)
        let consignee = importerNumber(o, "consignee_number", at: path, required: false, qualifier: nil, anyForm: true)
        let entryDate = date(o, "entry_date", at: path, required: false)
        let ftzID = code(o, "ftz_id", at: path, required: false, rule: .ftz) { v in
            v.count <= CustomsRules.ftzIDWidth && v.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) })
                ? nil : "\"\(Self.cut(v))\" is not a foreign-trade-zone id: up to \(CustomsRules.ftzIDWidth) letters or digits"
        }
        let fees = decodeFees(o, at: path, level: .summary)
        let warehouse = o["warehouse_entry"].flatMap { decodeWarehouseEntry($0, at: Self.join(path, "warehouse_entry")) }
        var totals: EntrySummaryTotals?
        let totalsPath = Self.join(path, "totals")
        if let t = o["totals"] {
            totals = decodeTotals(t, at: totalsPath, lineValues: lineValues, lineDuties: lineDuties)
        } else {
            report(totalsPath, .required, nil, "the entry summary totals are missing")
        }
        guard let totals, o["broker_reference"] == nil || reference != nil, o["consignee_number"] == nil || consignee != nil,
              o["entry_date"] == nil || entryDate != nil, o["ftz_id"] == nil || ftzID != nil, let fees,
              o["warehouse_entry"] == nil || warehouse != nil
        else { return nil }
        return EntrySummary(brokerReference: reference, consigneeNumber: consignee, entryDate: entryDate, ftzID: ftzID,
                            fees: fees, totals: totals, warehouseEntry: warehouse)
    }

    private mutating func decodeTotals<N: JSONReadable>(_ value: N, at path: String, lineValues: [Int64]?,
                                       lineDuties: [Int64]?) -> EntrySummaryTotals? {
        guard let o = members(value, at: path, known: Self.totalsMembers, what: "the totals") else { return nil }
        let max = CustomsRules.Maximum.moneyCents
        let entered = integer(o, "entered_value_cents", at: path, required: true, range: 0...max)
        let duty = integer(o, "duty_cents", at: path, required: true, range: 0...max)
        let fees = integer(o, "fees_cents", at: path, required: true, range: 0...max)
        let taxes = integer(o, "taxes_cents", at: path, required: true, range: 0...max)
        let ad = o["ad_duty_cents"] == nil ? 0 : integer(o, "ad_duty_cents", at: path, required: false, range: 0...max)
        let cv = o["cv_duty_cents"] == nil ? 0 : integer(o, "cv_duty_cents", at: path, required: false, range: 0...max)
        let total = integer(o, "total_cents", at: path, required: true, range: 0...max)
        if let entered, let lineValues, lineValues.reduce(0, +) != entered {
            report(Self.join(path, "entered_value_cents"), .totals, String(entered),
                   "the total entered value \(Self.money(entered)) differs from the sum of the line values \(Self.money(lineValues.reduce(0, +)))")
        }
        if let duty, let lineDuties, lineDuties.reduce(0, +) != duty {
            report(Self.join(path, "duty_cents"), .totals, String(duty),
                   "the total duty \(Self.money(duty)) differs from the sum of the line duties \(Self.money(lineDuties.reduce(0, +)))")
        }
        if let duty, let fees, let taxes, let ad, let cv, let total, duty + fees + taxes + ad + cv != total {
            let parts = ad + cv == 0 ? "duty + fees + taxes" : "duty + fees + taxes + AD + CV duty"
            report(Self.join(path, "total_cents"), .totals, String(total),
                   "the grand total \(Self.money(total)) differs from \(parts) = \(Self.money(duty + fees + taxes + ad + cv))")
        }
        guard let entered, let duty, let fees, let taxes, let ad, let cv, let total else { return nil }
        return EntrySummaryTotals(enteredValueCents: entered, dutyCents: duty, feesCents: fees, taxesCents: taxes,
                                  adDutyCents: ad, cvDutyCents: cv, totalCents: total)
    }

    // MARK: Field readers

    mutating func report(_ path: String, _ rule: EntryRule, _ value: String?, _ message: String) {
        problems.append(EntryProblem(path: path, value: value.map { Self.cut($0) }, rule: rule, message: message))
    }

    static func join(_ parent: String, _ key: String) -> String { parent.isEmpty ? key : parent + "." + key }

    /// The members of an object, reporting a wrong type and every unknown member.
    mutating func members<N: JSONReadable>(_ value: N, at path: String, known: [String], what: String) -> N? {
        guard value.kind == .object else {
            report(path, .type, Self.show(value), "\(what) must be a JSON object, found \(Self.article(value.kind.name))")
            return nil
        }
        let unknown = value.memberNames(notIn: known)
        if !unknown.isEmpty {
            // In canonical order, as every problem list is.
            for key in CanonicalJSON.sortedKeys(unknown) {
                var message = "unknown member \(q(key))"
                if let guess = Self.nearest(key, in: known) { message += " (did you mean \(q(guess))?)" }
                report(Self.join(path, Self.cut(key)), .unknownMember, value[key].map { Self.show($0) }, message)
            }
        }
        return value
    }

    mutating func array<N: JSONReadable>(_ o: N, _ key: String, at parent: String, required: Bool) -> [N]? {
        var path: String { Self.join(parent, key) }  // made only for a problem
        guard let v = o[key] else {
            if required { report(path, .required, nil, "\(key) is missing") }
            return nil
        }
        guard let items = v.items else {
            report(path, .type, Self.show(v), "\(key) must be an array, found \(Self.article(v.kind.name))")
            return nil
        }
        return items
    }

    /// A string member that goes into an ABI record: upper-case printable ASCII, not blank,
    /// at most `width` characters.
    mutating func text<N: JSONReadable>(_ o: N, _ key: String, at parent: String, required: Bool, width: Int,
                       widthNote: String = "", mask: String? = nil) -> String? {
        var path: String { Self.join(parent, key) }  // made only for a problem
        guard let v = o[key] else {
            if required { report(path, .required, nil, "\(key) is missing") }
            return nil
        }
        guard let s = v.stringValue else {
            report(path, .type, Self.show(v), "\(key) must be a string, found \(Self.article(v.kind.name))")
            return nil
        }
        var ok = true
        if let problem = EntryValidator.abiTextProblem(s) {
            report(path, .abiText, CustomsRules.maskedImporterNumber(s, qualifier: mask), problem)
            ok = false
        }
        // Lengths count code points; a string of no more bytes than that fits without counting them.
        if s.utf8.count > width, case let count = s.unicodeScalars.count, count > width {
            report(path, .length, CustomsRules.maskedImporterNumber(s, qualifier: mask), "\(count) characters is too long: at most \(width)\(widthNote)")
            ok = false
        }
        return ok ? s : nil
    }

    /// A code member: ABI text, then `check` (a message when the value is wrong).
    mutating func code<N: JSONReadable>(_ o: N, _ key: String, at parent: String, required: Bool, rule: EntryRule,
                       width: Int = EntryDecoder.codeWidth, check: (String) -> String?) -> String? {
        guard let s = text(o, key, at: parent, required: required, width: width) else { return nil }
        if let problem = check(s) {
            report(Self.join(parent, key), rule, s, problem)
            return nil
        }
        return s
    }

    mutating func country<N: JSONReadable>(_ o: N, _ key: String, at parent: String, required: Bool) -> String? {
        code(o, key, at: parent, required: required, rule: .country) { v in
            CountryCode.isAssigned(v) ? nil : "\(q(v)) is not an ISO 3166 country code"
        }
    }

    mutating func date<N: JSONReadable>(_ o: N, _ key: String, at parent: String, required: Bool) -> String? {
        var path: String { Self.join(parent, key) }  // made only for a problem
        guard let v = o[key] else {
            if required { report(path, .required, nil, "\(key) is missing") }
            return nil
        }
        guard let s = v.stringValue else {
            report(path, .type, Self.show(v), "\(key) must be a date string YYYY-MM-DD, found \(Self.article(v.kind.name))")
            return nil
        }
        guard CustomsDate.isValid(s) else {
            report(path, .date, s, "\(q(s)) is not a real calendar date written YYYY-MM-DD")
            return nil
        }
        return s
    }

    mutating func integer<N: JSONReadable>(_ o: N, _ key: String, at parent: String, required: Bool,
                          range: ClosedRange<Int64>) -> Int64? {
        var path: String { Self.join(parent, key) }  // made only for a problem
        guard let v = o[key] else {
            if required { report(path, .required, nil, "\(key) is missing") }
            return nil
        }
        guard let i = v.intValue else {
            let hint = key.hasSuffix("_cents") ? " (money is written in integer cents)" : ""
            report(path, .type, Self.show(v), "\(key) must be an integer, found \(Self.article(v.kind.name))\(hint)")
            return nil
        }
        guard range.contains(i) else {
            report(path, .range, String(i), "\(i) is out of range: \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return i
    }

    mutating func boolean<N: JSONReadable>(_ o: N, _ key: String, at parent: String, required: Bool) -> Bool? {
        var path: String { Self.join(parent, key) }  // made only for a problem
        guard let v = o[key] else {
            if required { report(path, .required, nil, "\(key) is missing") }
            return nil
        }
        guard let b = v.boolValue else {
            report(path, .type, Self.show(v), "\(key) must be true or false, found \(Self.article(v.kind.name))")
            return nil
        }
        return b
    }

    // MARK: Rules shared by several fields

    static func scheduleDProblem(_ v: String) -> String? {
        CustomsRules.matches(v, form: CustomsRules.scheduleDForm) ? nil
            : "\(q(v)) is not a Schedule D port code: 4 digits expected (such as 4103)"
    }

    static func carrierProblem(_ v: String, mode: String?, what: String) -> String? {
        if let mode, CustomsRules.airModes.contains(mode) {
            return CustomsRules.iataForms.contains(where: { CustomsRules.matches(v, form: $0) }) ? nil
                : "\(q(v)) is not an IATA airline code: the \(what) of an air shipment (mode \(mode)) is 2 or 3 letters or digits"
        }
        return CustomsRules.matches(v, form: CustomsRules.scacForm) ? nil
            : "\(q(v)) is not a SCAC: the \(what) is 4 letters (air shipments use the 2-3 character IATA code)"
    }

    // MARK: Display

    /// A JSON value as shown in a problem.
    static func show<N: JSONReadable>(_ value: N) -> String {
        switch value.kind {
        case .null: return "null"
        case .bool: return value.boolValue == true ? "true" : "false"
        case .int: return String(value.intValue ?? 0)
        case .string: return cut(value.stringValue ?? "")
        case .array: return "[array of \(value.count)]"
        case .object: return "{object of \(value.count) members}"
        }
    }

    /// Text cut to 60 characters for messages.
    static func cut(_ s: String) -> String {
        var scalars = s.unicodeScalars.prefix(61).map { $0 }
        if scalars.count > 60 {
            scalars = Array(scalars.prefix(57))
            return String(String.UnicodeScalarView(scalars)) + "..."
        }
        return s
    }

    static func article(_ typeName: String) -> String {
        switch typeName {
        case "null": return "null"
        case "integer", "array", "object": return "an \(typeName)"
        default: return "a \(typeName)"
        }
    }

    /// `4812000` cents as `$48,120.00`.
    static func money(_ cents: Int64) -> String {
        let negative = cents < 0
        let m = cents.magnitude
        var whole = String(m / 100)
        var groups: [String] = []
        while whole.count > 3 {
            groups.insert(String(whole.suffix(3)), at: 0)
            whole = String(whole.dropLast(3))
        }
        groups.insert(whole, at: 0)
        let c = m % 100
        return (negative ? "-$" : "$") + groups.joined(separator: ",") + "." + (c < 10 ? "0" : "") + String(c)
    }

    /// The known member name closest to a typo (edit distance at most 2).
    static func nearest(_ key: String, in known: [String]) -> String? {
        let a = Array(key.unicodeScalars)
        guard a.count <= 40 else { return nil }
        var best: (String, Int)?
        for name in known {
            let b = Array(name.unicodeScalars)
            var prev = Array(0...b.count)
            for i in 1...max(a.count, 1) where !a.isEmpty {
                var cur = [i] + Array(repeating: 0, count: b.count)
                for j in stride(from: 1, through: b.count, by: 1) {
                    cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                }
                prev = cur
            }
            let d = a.isEmpty ? b.count : prev[b.count]
            if d <= 2, d < (best?.1 ?? Int.max) { best = (name, d) }
        }
        return best?.0
    }
}

/// A value in double quotes for a message, cut short when long.
private func q(_ s: String) -> String { "\"" + EntryDecoder.cut(s) + "\"" }
