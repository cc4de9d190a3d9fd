import LedgerFormat

/// Reading the money members of an entry (rates, chapter 99 numbers, AD/CVD, IR tax, fees,
/// FTZ data). Only their shape is checked here; what they must add up to is
/// checked by ``EntryRulesCheck`` once the whole entry is read.
extension EntryDecoder {
    static let rateMembers = ["ad_valorem_bp", "specific_hundredth_cents", "specific_unit"]
    static let chapter99Members = ["hts", "rate", "duty_cents"]
    static let adcvdMembers = [
        "case_number", "claim", "rate_type", "deposit_rate", "value_cents", "quantity_ten_thousandths", "duty_cents",
        "blanket_declaration",
    ]
    static let irTaxMembers = ["class_code", "rate_hundredth_cents", "quantity", "amount_cents"]
    static let feeMembers = ["class_code", "amount_cents"]
    static let ftzMembers = ["status", "privileged_filing_date", "quantity"]

    /// Largest ad valorem rate accepted: 999,999.99 % (the 8 digits of AE 53 14-21).
    static let maximumBasisPoints: Int64 = 99_999_999
    /// Largest specific rate: $999,999.9999 per unit.
    static let maximumHundredthCents: Int64 = 9_999_999_999

    mutating func decodeRate<N: JSONReadable>(_ value: N, at path: String) -> DutyRate? {
        guard let o = members(value, at: path, known: Self.rateMembers, what: "a rate of duty") else { return nil }
        let adValorem = integer(o, "ad_valorem_bp", at: path, required: false, range: 0...Self.maximumBasisPoints)
        let specific = integer(o, "specific_hundredth_cents", at: path, required: false, range: 0...Self.maximumHundredthCents)
        let unit = code(o, "specific_unit", at: path, required: false, rule: .rate) { v in
            Self.unitProblem(v)
        }
        if o["ad_valorem_bp"] == nil && o["specific_hundredth_cents"] == nil {
            report(path, .rate, nil, "a rate needs ad_valorem_bp (basis points: 6.5 % is 650), specific_hundredth_cents (6.3¢ per unit is 630), or both; a free rate is {\"ad_valorem_bp\": 0}")
            return nil
        }
        if (o["specific_hundredth_cents"] == nil) != (o["specific_unit"] == nil) {
            report(Self.join(path, o["specific_unit"] == nil ? "specific_unit" : "specific_hundredth_cents"), .rate, nil,
                   "a specific rate needs both its amount (specific_hundredth_cents) and its unit (specific_unit)")
            return nil
        }
        guard o["ad_valorem_bp"] == nil || adValorem != nil, o["specific_hundredth_cents"] == nil || specific != nil,
              o["specific_unit"] == nil || unit != nil else { return nil }
        return DutyRate(adValoremBasisPoints: adValorem, specificHundredthCents: specific, specificUnit: unit)
    }

    static func unitProblem(_ v: String) -> String? {
        v.count <= CustomsRules.Width.unit && v.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) })
            ? nil : "\"\(cut(v))\" is not a unit of measure: 1 to 3 letters or digits expected (NO, KG, DOZ, L ...)"
    }

    mutating func decodeChapter99<N: JSONReadable>(_ value: N, at path: String) -> TariffLine? {
        guard let o = members(value, at: path, known: Self.chapter99Members, what: "a chapter 99 number") else { return nil }
        let hts = code(o, "hts", at: path, required: true, rule: .hts) { v in
            guard CustomsRules.matches(v, form: CustomsRules.htsForm) || CustomsRules.matches(v, form: CustomsRules.chapter99Form) else {
                return "\"\(Self.cut(v))\" is not a chapter 99 number: 8 digits (9903.88.03 is 99038803) or 10, without dots"
            }
            return v.hasPrefix("99") ? nil : "\(v) is not a chapter 99 number: only chapter 99 numbers go in chapter_99 (the line's own number is its hts)"
        }
        var rate: DutyRate?
        if let r = o["rate"] { rate = decodeRate(r, at: Self.join(path, "rate")) }
        else { report(Self.join(path, "rate"), .required, nil, "the rate declared for the chapter 99 number is missing") }
        let duty = integer(o, "duty_cents", at: path, required: true, range: 0...CustomsRules.Maximum.dutyCents)
        guard let hts, let rate, let duty else { return nil }
        return TariffLine(hts: hts, rate: rate, valueCents: 0, quantity: nil, dutyCents: duty)
    }

    mutating func decodeADCVD<N: JSONReadable>(_ value: N, at path: String) -> ADCVDDeposit? {
        guard let o = members(value, at: path, known: Self.adcvdMembers, what: "an AD/CVD case") else { return nil }
        let caseNumber = code(o, "case_number", at: path, required: true, rule: .adcvd) { v in
            CustomsRules.adcvdCaseForms.contains { CustomsRules.matches(v, form: $0) } ? nil
                : "\"\(Self.cut(v))\" is not an AD/CVD case number: 10 characters without hyphens, A (antidumping) or C (countervailing), then the 3-digit country, case and company (A-570-909-000 is A570909000)"
        }
        let claim = code(o, "claim", at: path, required: true, rule: .adcvd) { v in
            CustomsRules.adcvdClaims[v] != nil ? nil : "\"\(Self.cut(v))\" is not an AD/CVD claim: B (secured by bond) or C (cash deposit)"
        }
        let rateType = code(o, "rate_type", at: path, required: true, rule: .adcvd) { v in
            CustomsRules.adcvdRateTypes[v] != nil ? nil : "\"\(Self.cut(v))\" is not an AD/CVD rate type: A (ad valorem) or S (specific)"
        }
        let rate = integer(o, "deposit_rate", at: path, required: true, range: 0...Self.maximumBasisPoints)
        let value = integer(o, "value_cents", at: path, required: false, range: 0...CustomsRules.Maximum.moneyCents)
        let quantity = integer(o, "quantity_ten_thousandths", at: path, required: false, range: 0...999_999_999_999)
        let duty = integer(o, "duty_cents", at: path, required: true, range: 0...CustomsRules.Maximum.dutyCents)
        let blanket = text(o, "blanket_declaration", at: path, required: false, width: 10)
        if rateType == "S" && o["quantity_ten_thousandths"] == nil {
            report(Self.join(path, "quantity_ten_thousandths"), .adcvd, nil, "a specific (S) AD/CVD rate needs the AD/CVD quantity in ten-thousandths of a unit")
        }
        if let blanket, let caseNumber, !caseNumber.hasPrefix("A") {
            report(Self.join(path, "blanket_declaration"), .adcvd, blanket, "a blanket non-reimbursement declaration is for antidumping (A) cases only")
        }
        guard let caseNumber, let claim, let rateType, let rate, let duty,
              o["value_cents"] == nil || value != nil, o["quantity_ten_thousandths"] == nil || quantity != nil,
              o["blanket_declaration"] == nil || blanket != nil else { return nil }
        return ADCVDDeposit(caseNumber: caseNumber, claim: claim, rateType: rateType, depositRate: rate, valueCents: value,
                            quantityTenThousandths: quantity, dutyCents: duty, blanketDeclaration: blanket)
    }

    mutating func decodeIRTax<N: JSONReadable>(_ value: N, at path: String) -> IRTax? {
        guard let o = members(value, at: path, known: Self.irTaxMembers, what: "an IR tax") else { return nil }
        let classCode = code(o, "class_code", at: path, required: true, rule: .irTax) { v in
            CustomsRules.matches(v, form: "999") ? nil : "\"\(Self.cut(v))\" is not an accounting class code: 3 digits expected"
        }
        let rate = integer(o, "rate_hundredth_cents", at: path, required: true, range: 0...Self.maximumHundredthCents)
        var quantity: LineQuantity?
        if let q = o["quantity"] { quantity = decodeQuantity(q, at: Self.join(path, "quantity")) }
        else { report(Self.join(path, "quantity"), .required, nil, "the quantity the tax is levied on is missing") }
        let amount = integer(o, "amount_cents", at: path, required: true, range: 0...CustomsRules.Maximum.dutyCents)
        guard let classCode, let rate, let quantity, let amount else { return nil }
        return IRTax(classCode: classCode, rateHundredthCents: rate, quantity: quantity, amountCents: amount)
    }

    /// A list of fees; `level` says which classes belong here.
    mutating func decodeFees<N: JSONReadable>(_ o: N, at parent: String, level: CustomsRules.FeeLevel) -> [EntryFee]? {
        guard let items = array(o, "fees", at: parent, required: false) else { return o["fees"] == nil ? [] : nil }
        var fees: [EntryFee]? = []
        var seen: Set<String> = []
        for (i, item) in items.enumerated() {
            let path = Self.join(parent, "fees[\(i)]")
            guard let f = members(item, at: path, known: Self.feeMembers, what: "a fee") else { fees = nil; continue }
            let classCode = code(f, "class_code", at: path, required: true, rule: .fee) { v in
                guard let c = CustomsRules.feeClass(v) else {
                    return "\"\(Self.cut(v))\" is not a fee class code EntryLedger knows (\(CustomsRules.feeClasses.map { "\($0.code) \($0.name)" }.joined(separator: ", ")))"
                }
                guard c.level == level else {
                    return "\(v) (\(c.name)) is a \(c.level == .line ? "line fee: put it in the fees of each line" : "fee of the summary as a whole: put it in entry_summary.fees")"
                }
                return nil
            }
            let amount = integer(f, "amount_cents", at: path, required: true, range: 0...CustomsRules.Maximum.dutyCents)
            if let classCode, !seen.insert(classCode).inserted {
                report(Self.join(path, "class_code"), .fee, classCode, "fee class \(classCode) appears twice: one amount per class")
                fees = nil
                continue
            }
            if let classCode, let amount { fees?.append(EntryFee(classCode: classCode, amountCents: amount)) } else { fees = nil }
        }
        return fees
    }

    mutating func decodeFTZ<N: JSONReadable>(_ value: N, at path: String) -> FTZLineStatus? {
        guard let o = members(value, at: path, known: Self.ftzMembers, what: "the FTZ data of a line") else { return nil }
        let status = code(o, "status", at: path, required: true, rule: .ftz) { v in
            CustomsRules.ftzStatuses[v] != nil ? nil
                : "\"\(Self.cut(v))\" is not an FTZ status (\(CustomsRules.ftzStatuses.keys.sorted().map { "\($0) \(CustomsRules.ftzStatuses[$0]!)" }.joined(separator: ", ")))"
        }
        let date = date(o, "privileged_filing_date", at: path, required: false)
        let quantity = integer(o, "quantity", at: path, required: true, range: 1...9_999_999_999)
        guard let status, let quantity, o["privileged_filing_date"] == nil || date != nil else { return nil }
        return FTZLineStatus(status: status, privilegedFilingDate: date, quantity: quantity)
    }
}
