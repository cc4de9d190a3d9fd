import LedgerFormat

/// The customs rules added in rules version 2, checked on an entry that has been read: duty =
/// rate × value or quantity per tariff number, the fees by class, AD/CVD deposits, IR tax, the
/// special program claim, chapter 99 order, the totals against their breakdown, the entry-type
/// rules (informal limit, FTZ, warehouse, AD/CVD, bond) and the order of the dates. Every
/// money problem names the field, the figure typed and the figure computed.
enum EntryRulesCheck {
    /// Every problem of `entry` under the current rules. `recordDate` (`YYYY-MM-DD`, the day
    /// the record is written) enables the checks against the future; nil skips them.
    static func problems(in entry: CustomsEntry, recordDate: String?) -> [EntryProblem] {
        var c = Collector()
        let money = entry.money
        checkLines(entry, money, &c)
        checkSummaryFees(entry, money, &c)
        checkTotals(entry, money, &c)
        checkEntryType(entry, money, &c)
        checkDates(entry, recordDate: recordDate, &c)
        return c.problems
    }

    struct Collector {
        var problems: [EntryProblem] = []
        mutating func add(_ path: String, _ rule: EntryRule, _ value: String?, _ message: String) {
            problems.append(EntryProblem(path: path, value: value, rule: rule, message: message))
        }
    }

    static func usd(_ cents: Int64) -> String { EntryDecoder.money(cents) }

    /// A rate as a person reads it: `2.50 %`, `6.30¢/L`, `2.50 % + 6.30¢/L`.
    static func describe(_ rate: DutyRate) -> String {
        var parts: [String] = []
        if let bp = rate.adValoremBasisPoints { parts.append("\(decimal(bp, places: 2)) %") }
        if let hc = rate.specificHundredthCents { parts.append("\(decimal(hc, places: 2))¢/\(rate.specificUnit ?? "unit")") }
        return parts.joined(separator: " + ")
    }

    static func decimal(_ v: Int64, places: Int) -> String {
        let p = MoneyCalculator.pow10(places)
        let frac = String(v % p)
        return "\(v / p)." + String(repeating: "0", count: places - frac.count) + frac
    }

    static func quantityText(_ q: LineQuantity) -> String { "\(q.scale == 0 ? String(q.amount) : decimal(q.amount, places: q.scale)) \(q.unit)" }

    // MARK: Lines

    static func checkLines(_ entry: CustomsEntry, _ money: EntryMoney, _ c: inout Collector) {
        for (i, line) in entry.lines.enumerated() {
            guard let s = line.summary else { continue }
            let path = "lines[\(i)].entry_summary"
            let lm = money.lines[i]

            // Rates and duty, per tariff number.
            if line.tariffs.count > CustomsRules.maximumTariffsPerLine {
                c.add(path + ".chapter_99", .chapter99, "\(line.tariffs.count) tariff numbers",
                      "a line carries at most \(CustomsRules.maximumTariffsPerLine) tariff numbers, found \(line.tariffs.count)")
            }
            // Words and paths are made only for a problem: every line of every entry is checked.
            var base: String { "value \(usd(line.valueCents)), quantity \(quantityText(line.quantity))" }
            func checkTariff(_ t: TariffLine, computed: Int64, at path: @autoclosure () -> String) {
                var p: String { path() }
                guard let rate = t.rate else {
                    c.add(p + "rate", .rate, nil, "the rate declared for HTS \(t.hts) is missing: the duty is computed from it (ad_valorem_bp, specific_hundredth_cents, or both)")
                    return
                }
                if let unit = rate.specificUnit, unit != line.quantity.unit {
                    c.add(p + "rate.specific_unit", .rate, unit,
                          "the specific rate of HTS \(t.hts) is per \(unit), but the line's quantity is in \(line.quantity.unit): state the quantity in the unit of the rate")
                    return
                }
                if computed != t.dutyCents {
                    c.add(p + "duty_cents", .duty, String(t.dutyCents),
                          "duty for HTS \(t.hts): typed \(usd(t.dutyCents)), computed \(usd(computed)) = \(describe(rate)) of \(base) (rounded to the cent, halves up)")
                }
            }
            for (k, t) in s.chapter99.enumerated() {
                checkTariff(t, computed: lm.tariffs[k].dutyCents, at: "\(path).chapter_99[\(k)].")
            }
            checkTariff(line.tariffs.last!, computed: lm.tariffs.last!.dutyCents, at: path + ".")

            // Chapter 99 order: Section 301, IEEPA, 232/201, others; no number twice.
            var lastRank = 0, seen: Set<String> = []
            for (k, t) in s.chapter99.enumerated() {
                let (rank, name) = CustomsRules.chapter99Rank(t.hts)
                if rank < lastRank {
                    c.add("\(path).chapter_99[\(k)].hts", .chapter99, t.hts,
                          "chapter 99 number \(t.hts) (\(name)) is out of CBP's order: Section 301 numbers first, then IEEPA, then Section 232/201, then the others")
                }
                if !seen.insert(t.hts).inserted {
                    c.add("\(path).chapter_99[\(k)].hts", .chapter99, t.hts, "chapter 99 number \(t.hts) appears twice on the line")
                }
                lastRank = max(lastRank, rank)
            }

            // Special program claim.
            if let spi = s.spi {
                if let program = CustomsRules.specialProgram(spi) {
                    if program.dutyFree, let rate = s.rate, !rate.isFree {
                        c.add(path + ".rate", .spi, describe(rate),
                              "the claim \(spi) (\(program.name)) makes HTS \(line.hts) duty-free, but the declared rate is \(describe(rate)): declare the special rate (free) or drop the claim")
                    }
                } else {
                    c.add(path + ".spi", .spi, spi,
                          "\"\(spi)\" is not a special program indicator EntryLedger knows (\(CustomsRules.specialPrograms.map { "\($0.code) \($0.name)" }.joined(separator: ", ")))")
                }
            }

            // AD/CVD.
            let isADCVDType = CustomsRules.adcvdEntryTypes.contains(entry.entryType)
            if isADCVDType && s.adcvd.isEmpty {
                c.add(path + ".adcvd", .adcvd, nil,
                      "entry type \(entry.entryType) is for goods subject to AD/CVD: every line names its case (case number, deposit rate, bond or cash, deposit)")
            }
            if !isADCVDType && !s.adcvd.isEmpty {
                c.add(path + ".adcvd", .entryTypeRule, entry.entryType,
                      "the line names an AD/CVD case, so the entry must be of an AD/CVD type (\(CustomsRules.adcvdEntryTypes.sorted().joined(separator: ", "))), not \(entry.entryType)")
            }
            if s.adcvd.filter(\.isAntidumping).count > 1 || s.adcvd.filter({ !$0.isAntidumping }).count > 1 {
                c.add(path + ".adcvd", .adcvd, "\(s.adcvd.count) cases", "a line carries at most one antidumping (A) and one countervailing (C) case")
            }
            for (k, d) in s.adcvd.enumerated() {
                let computed = lm.deposits[k].dutyCents
                if computed != d.dutyCents {
                    let how = d.rateType == "S"
                        ? "\(decimal(d.depositRate, places: 2)) $/unit × \(decimal(d.quantityTenThousandths ?? 0, places: 4)) units"
                        : "\(decimal(d.depositRate, places: 2)) % of \(usd(d.valueCents ?? line.valueCents))"
                    c.add("\(path).adcvd[\(k)].duty_cents", .adcvd, String(d.dutyCents),
                          "\(d.isAntidumping ? "antidumping" : "countervailing") deposit for case \(d.caseNumber): typed \(usd(d.dutyCents)), computed \(usd(computed)) = \(how)")
                }
            }
            if s.adcvd.contains(where: { $0.isAntidumping && $0.blanketDeclaration == nil }) && !s.adcvdNonReimbursement {
                c.add(path + ".adcvd_non_reimbursement", .adcvd, nil,
                      "a line with an antidumping case needs the importer's non-reimbursement statement (true) or a blanket declaration id on the case")
            }

            // IR tax.
            if CustomsRules.irTaxHeadings.contains(String(line.hts.prefix(4))) && s.irTax == nil {
                c.add(path + ".ir_tax", .irTax, nil,
                      "HTS \(line.hts) (heading \(line.hts.prefix(4))) carries federal excise (IR) tax collected by CBP: give its class code, rate, quantity and amount")
            }
            if let t = s.irTax, let computed = lm.irTaxCents, computed != t.amountCents {
                c.add(path + ".ir_tax.amount_cents", .irTax, String(t.amountCents),
                      "IR tax: typed \(usd(t.amountCents)), computed \(usd(computed)) = \(decimal(t.rateHundredthCents, places: 2))¢ × \(quantityText(t.quantity))")
            }

            // Line fees by class.
            checkFees(typed: s.fees, computed: lm.fees, at: path + ".fees", entry: entry, money: money, line: line, &c)

            // FTZ.
            if CustomsRules.ftzEntryTypes.contains(entry.entryType) && s.ftz == nil {
                c.add(path + ".ftz", .ftz, nil, "a foreign-trade-zone entry (type 06) gives each line's zone status (P, N or D) and quantity")
            }
            if !CustomsRules.ftzEntryTypes.contains(entry.entryType) && s.ftz != nil {
                c.add(path + ".ftz", .ftz, entry.entryType, "zone data belongs to foreign-trade-zone entries (type 06), not type \(entry.entryType)")
            }
        }
    }

    /// Typed fees against computed ones, class by class.
    static func checkFees(typed: [EntryFee], computed: [EntryFee], at path: String, entry: CustomsEntry, money: EntryMoney,
                          line: EntryLine?, _ c: inout Collector) {
        let classes = Set(typed.map(\.classCode)).union(computed.map(\.classCode)).sorted()
        for code in classes {
            let t = typed.first { $0.classCode == code }?.amountCents ?? 0
            let k = computed.first { $0.classCode == code }?.amountCents ?? 0
            guard t != k else { continue }
            let index = typed.firstIndex { $0.classCode == code }
            let p = index.map { "\(path)[\($0)].amount_cents" } ?? path
            let name = CustomsRules.feeClass(code)?.name ?? code
            c.add(p, .fee, index == nil ? nil : String(t),
                  "fee \(code) (\(name)): typed \(index == nil ? "none" : usd(t)), computed \(k == 0 ? "none" : usd(k)) — \(feeReason(code, entry: entry, money: money, line: line))")
        }
    }

    static func feeReason(_ code: String, entry: CustomsEntry, money m: EntryMoney, line: EntryLine?) -> String {
        switch code {
        case "499":
            guard CustomsRules.mpfEntryTypes.contains(entry.entryType) else {
                return CustomsRules.informalEntryTypes.contains(entry.entryType)
                    ? "an informal entry pays the flat informal MPF (311) on the summary, not the ad valorem MPF"
                    : "entry type \(entry.entryType) pays no ad valorem MPF under these rules"
            }
            guard let b = m.mpfBounds else {
                return "no MPF minimum and maximum are known for the entry date \(m.feeDate) (the table starts \(CustomsRules.mpfBounds.first!.effective)): add the fiscal year's figures to the rules first"
            }
            let year = CustomsRules.feeTablesCarriedForward(on: m.feeDate)
                ? "FY\(b.fiscalYear) (the newest in these rules, carried forward past \(CustomsRules.feeTablesEnd))" : "FY\(b.fiscalYear)"
            var text = "0.3464 % of each line's value"
            if let line { text += " (this line \(usd(line.valueCents)))" }
            text += "; the entry's MPF \(usd(m.mpfBeforeBoundsCents))"
            if m.mpfBeforeBoundsCents < b.minimumCents {
                text += " is below the \(year) minimum \(usd(b.minimumCents)), so the minimum is due, spread over the lines by value (the last line takes the rest)"
            } else if m.mpfBeforeBoundsCents > b.maximumCents {
                text += " is above the \(year) maximum \(usd(b.maximumCents)), so the maximum is due, spread over the lines by value (the last line takes the rest)"
            } else {
                text += " is within the \(year) minimum \(usd(b.minimumCents)) and maximum \(usd(b.maximumCents))"
            }
            return text + " (entry date \(m.feeDate))"
        case "501":
            let port = entry.portOfUnlading ?? entry.portOfEntry
            guard CustomsRules.hmfModes.contains(entry.modeOfTransport) else {
                return "HMF is due only on vessel cargo (modes \(CustomsRules.hmfModes.sorted().joined(separator: ", "))), not mode \(entry.modeOfTransport)"
            }
            guard entry.entrySummary != nil, CustomsRules.hmfPorts.contains(port) || m.lines.contains(where: { $0.fee("501") != nil }) else {
                return "port \(port) is not among the HMF ports this ledger knows; leave HMF out or type the 0.125 % figure"
            }
            return "0.125 % of the line value\(line.map { " (\(usd($0.valueCents)))" } ?? "") for vessel cargo unladen at port \(port)"
        case "311":
            guard CustomsRules.informalEntryTypes.contains(entry.entryType) else {
                return "the flat informal MPF is for informal entries (\(CustomsRules.informalEntryTypes.sorted().joined(separator: ", "))) only"
            }
            guard let fee = CustomsRules.informalMPF(on: m.feeDate) else {
                return "no informal MPF is known for the entry date \(m.feeDate): add the fiscal year's figure to the rules first"
            }
            let carried = CustomsRules.feeTablesCarriedForward(on: m.feeDate) ? ", the newest in these rules, carried forward past \(CustomsRules.feeTablesEnd)" : ""
            return "the FY\(fee.fiscalYear) informal MPF for an automated entry is \(usd(fee.amountCents))\(carried) (entry date \(m.feeDate))"
        default:
            return "taken as typed"
        }
    }

    // MARK: Summary fees and totals

    static func checkSummaryFees(_ entry: CustomsEntry, _ money: EntryMoney, _ c: inout Collector) {
        guard let es = entry.entrySummary else { return }
        checkFees(typed: es.fees, computed: money.summaryFees, at: "entry_summary.fees", entry: entry, money: money, line: nil, &c)
    }

    static func checkTotals(_ entry: CustomsEntry, _ m: EntryMoney, _ c: inout Collector) {
        guard let es = entry.entrySummary else { return }
        let t = es.totals
        let typedFees = es.fees.reduce(0) { $0 + $1.amountCents } + entry.lines.reduce(0) { $0 + ($1.summary?.fees.reduce(0) { $0 + $1.amountCents } ?? 0) }
        let typedTaxes = entry.lines.reduce(0) { $0 + ($1.summary?.irTax?.amountCents ?? 0) }
        let deposits = entry.lines.flatMap { $0.summary?.adcvd ?? [] }
        let typedAD = deposits.filter(\.isAntidumping).reduce(0) { $0 + $1.dutyCents }
        let typedCV = deposits.filter { !$0.isAntidumping }.reduce(0) { $0 + $1.dutyCents }
        func check(_ key: String, _ typed: Int64, _ sum: Int64, _ what: String) {
            if typed != sum {
                c.add("entry_summary.totals.\(key)", .totals, String(typed), "\(what): typed \(usd(typed)), computed \(usd(sum)) (the sum of the \(what == "total fees" ? "line and summary fees" : what == "total IR tax" ? "lines' IR taxes" : "lines' deposits"))")
            }
        }
        check("fees_cents", t.feesCents, typedFees, "total fees")
        check("taxes_cents", t.taxesCents, typedTaxes, "total IR tax")
        check("ad_duty_cents", t.adDutyCents, typedAD, "total antidumping duty")
        check("cv_duty_cents", t.cvDutyCents, typedCV, "total countervailing duty")
    }

    // MARK: Entry types and bonds

    static func checkEntryType(_ entry: CustomsEntry, _ m: EntryMoney, _ c: inout Collector) {
        let type = entry.entryType
        if type == "11" && m.enteredValueCents > CustomsRules.informalValueLimitCents {
            c.add("entry_type", .entryTypeRule, type,
                  "an informal entry (type 11) is for shipments worth at most \(usd(CustomsRules.informalValueLimitCents)); this one is worth \(usd(m.enteredValueCents)) (the sum of the line values): file a formal entry (type 01)")
        }
        if let es = entry.entrySummary {
            if CustomsRules.ftzEntryTypes.contains(type) && es.ftzID == nil {
                c.add("entry_summary.ftz_id", .ftz, nil, "a foreign-trade-zone entry (type 06) names its zone (ftz_id)")
            }
            if !CustomsRules.ftzEntryTypes.contains(type), let id = es.ftzID {
                c.add("entry_summary.ftz_id", .ftz, id, "a zone id belongs to foreign-trade-zone entries (type 06), not type \(type)")
            }
        }
        // Warehouse data: the bonded warehouse's FIRMS and the originating entry on the 3461
        // (SE11), the warehouse entry withdrawn from on the 7501 (AE 30).
        let isWarehouse = CustomsRules.warehouseEntryTypes.contains(type)
        if let cr = entry.cargoRelease {
            if isWarehouse && cr.warehouseFirms == nil {
                c.add("cargo_release.warehouse_firms", .warehouse, nil, "a warehouse entry (type \(type)) names the bonded warehouse by its FIRMS code")
            }
            if !isWarehouse, let f = cr.warehouseFirms {
                c.add("cargo_release.warehouse_firms", .warehouse, f, "a bonded warehouse FIRMS code belongs to warehouse entries (21, 22), not type \(type)")
            }
            if type == "22" && cr.originatingEntry == nil {
                c.add("cargo_release.originating_entry", .warehouse, nil, "a re-warehouse entry (type 22) names the originating warehouse entry (entry_number, port)")
            }
            if type != "22", let o = cr.originatingEntry {
                c.add("cargo_release.originating_entry", .warehouse, o.entryNumber.formatted, "an originating warehouse entry belongs to re-warehouse entries (22), not type \(type)")
            }
        }
        if let es = entry.entrySummary {
            let withdraws = CustomsRules.warehouseWithdrawalEntryTypes.contains(type)
            if withdraws && es.warehouseEntry == nil {
                c.add("entry_summary.warehouse_entry", .warehouse, nil, "a warehouse withdrawal (type \(type)) names the warehouse entry it withdraws from (entry_number, port)")
            }
            if !withdraws, let w = es.warehouseEntry {
                c.add("entry_summary.warehouse_entry", .warehouse, w.entryNumber.formatted,
                      "only warehouse withdrawals (\(CustomsRules.warehouseWithdrawalEntryTypes.sorted().joined(separator: ", "))) name the warehouse entry withdrawn from, not type \(type)")
            }
            if let w = es.warehouseEntry, w.entryNumber == entry.entryNumber {
                c.add("entry_summary.warehouse_entry.entry_number", .warehouse, w.entryNumber.formatted, "an entry cannot withdraw from itself")
            }
        }
        if CustomsRules.bondedEntryTypes.contains(type) && entry.bond.type == "0" {
            c.add("bond.type", .bond, "0", "a formal entry of type \(type) needs a bond: continuous (8) or single transaction (9)")
        }
        if entry.bond.type == "9", let amount = entry.bond.amountCents {
            let charges = m.dutyCents + m.feesCents + m.taxesCents + m.adDutyCents + m.cvDutyCents
            let least = CustomsRules.singleTransactionBondMinimum(enteredValueCents: m.enteredValueCents, chargesCents: charges)
            if amount < least {
                c.add("bond.amount_cents", .bond, String(amount),
                      "single transaction bond: typed \(usd(amount)), at least \(usd(least)) is needed = entered value \(usd(m.enteredValueCents)) + duty, fees, taxes and AD/CVD \(usd(charges))")
            }
        }
    }

    // MARK: Dates

    static func checkDates(_ entry: CustomsEntry, recordDate: String?, _ c: inout Collector) {
        for (i, line) in entry.lines.enumerated() {
            if let s = line.summary, s.exportDate > entry.arrivalDate {
                c.add("lines[\(i)].entry_summary.export_date", .dateOrder, s.exportDate,
                      "export date \(s.exportDate) is after the arrival date \(entry.arrivalDate): goods are exported before they arrive")
            }
        }
        if let d = entry.entrySummary?.entryDate, d < entry.arrivalDate {
            c.add("entry_summary.entry_date", .dateOrder, d,
                  "entry date \(d) is before the arrival date \(entry.arrivalDate): the date of entry is never before the goods arrive")
        }
        guard let recordDate, let today = CustomsDate.dayNumber(recordDate),
              let latest = CustomsDate.format(dayNumber: today + Int64(CustomsRules.arrivalFutureWindowDays)) else { return }
        if entry.arrivalDate > latest {
            c.add("arrival_date", .dateOrder, entry.arrivalDate,
                  "arrival date \(entry.arrivalDate) is more than \(CustomsRules.arrivalFutureWindowDays) days after \(recordDate), the day this entry is recorded (latest \(latest))")
        }
        if let d = entry.entrySummary?.entryDate, d > latest {
            c.add("entry_summary.entry_date", .dateOrder, d,
                  "entry date \(d) is more than \(CustomsRules.arrivalFutureWindowDays) days after \(recordDate), the day this entry is recorded (latest \(latest))")
        }
    }
}
