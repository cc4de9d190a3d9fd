import Foundation
import Testing

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// The four refusals the issue names, each a sample changed the way a clerk gets it wrong,
/// with every other figure consistent so that exactly one problem is left.
enum MoneyCase: String, CaseIterable, CustomStringConvertible {
    case mpfBelowMinimum, informalOverLimit, exportAfterArrival, dutyNotRateTimesValue

    var description: String { rawValue }

    var json: JSONValue {
        switch self {
        case .mpfBelowMinimum:
            // $8,000 of wine: 0.3464 % is $27.71, below the FY minimum $33.58; the clerk typed $27.71.
            return Repo.sample("31-warehouse-withdrawal-summary-only.json")
                .setting("lines[0].value_cents", to: 800_000)
                .setting("lines[0].entry_summary.fees[0].amount_cents", to: 2771)
                .setting("lines[0].entry_summary.fees[1].amount_cents", to: 1000)
                .setting("entry_summary.totals.entered_value_cents", to: 800_000)
                .setting("entry_summary.totals.fees_cents", to: 3771)
                .setting("entry_summary.totals.total_cents", to: .int(6804 + 3771 + 30528))
        case .informalOverLimit:
            return Repo.sample("11-informal-truck.json")
                .setting("lines[0].value_cents", to: 250_000)
                .setting("cargo_release.estimated_value_cents", to: 312_000)
        case .exportAfterArrival:
            return Repo.sample(airSample).setting("lines[0].entry_summary.export_date", to: "2026-11-21")
        case .dutyNotRateTimesValue:
            // 1.75 % of $14,360.00 is $251.30; the clerk typed $250.00 (and carried it into the totals).
            return Repo.sample(airSample)
                .setting("lines[0].entry_summary.duty_cents", to: 25000)
                .setting("entry_summary.totals.duty_cents", to: 28815)
                .setting("entry_summary.totals.total_cents", to: 34544)
        }
    }

    /// The path, rule and what the message must show (both figures, or both dates).
    var expected: (path: String, rule: EntryRule, shows: [String]) {
        switch self {
        case .mpfBelowMinimum: return ("lines[0].entry_summary.fees[0].amount_cents", .fee, ["typed $27.71", "computed $33.58", "minimum $33.58"])
        case .informalOverLimit: return ("entry_type", .entryTypeRule, ["$2,500.00", "$3,120.00"])
        case .exportAfterArrival: return ("lines[0].entry_summary.export_date", .dateOrder, ["2026-11-21", "2026-11-20"])
        case .dutyNotRateTimesValue: return ("lines[0].entry_summary.duty_cents", .duty, ["typed $250.00", "computed $251.30", "1.75 %"])
        }
    }
}

@Suite("Money and entry-type rules (rules version 2)")
struct MoneyRuleTests {
    @Test("Each refusal names the field, the typed and the computed figure, and is the only problem", arguments: MoneyCase.allCases)
    func refused(_ c: MoneyCase) {
        let found = problems(c.json)
        #expect(found.count == 1, "\(found.map(\.description))")
        let e = c.expected
        #expect(found.first?.path == e.path && found.first?.rule == e.rule, "\(found.map(\.description))")
        for s in e.shows { #expect(found.first?.message.contains(s) == true, "\(s): \(found.map(\.description))") }
    }

    @Test("Duty is rate × value, × quantity, or both, rounded once, halves up")
    func dutyArithmetic() {
        let q = LineQuantity(amount: 108_000, scale: 2, unit: "L")
        #expect(MoneyCalculator.duty(rate: DutyRate(specificHundredthCents: 630, specificUnit: "L"), valueCents: 1, quantity: q) == 6804)
        #expect(MoneyCalculator.duty(rate: DutyRate(adValoremBasisPoints: 175), valueCents: 1_436_000, quantity: q) == 25130)
        // 2.5 % of $0.10 is 0.25¢ → 0; of $0.20 is 0.5¢ → 1 (half up).
        #expect(MoneyCalculator.duty(rate: DutyRate(adValoremBasisPoints: 250), valueCents: 10, quantity: q) == 0)
        #expect(MoneyCalculator.duty(rate: DutyRate(adValoremBasisPoints: 250), valueCents: 20, quantity: q) == 1)
        // Compound: the two parts are added before the one rounding (0.5¢ + 0.3¢ → 1¢; rounding each would give 1¢ + 0¢ too,
        // but 0.4¢ + 0.4¢ → 1¢ where rounding each would give 0¢).
        let one = LineQuantity(amount: 1, scale: 0, unit: "KG")
        #expect(MoneyCalculator.duty(rate: DutyRate(adValoremBasisPoints: 200, specificHundredthCents: 40, specificUnit: "KG"), valueCents: 20, quantity: one) == 1)
        #expect(CustomsRules.roundedCents(5, over: 10) == 1 && CustomsRules.roundedCents(4, over: 10) == 0)
    }

    @Test("MPF is held within the fiscal year's bounds of the entry date and spread over the lines by value")
    func mpfBounds() throws {
        let vessel = try CustomsEntry(json: Repo.sample(vesselSample))
        let m = vessel.money
        #expect(m.mpfBeforeBoundsCents == 73604)
        #expect(m.feeTotal("499") == 65150)  // the FY2026 maximum, carried forward
        #expect(m.lines.map { $0.fee("499") ?? 0 } == [56570, 7088, 1492])
        #expect(m.lines.map { $0.fee("499") ?? 0 }.reduce(0, +) == 65150)
        #expect(CustomsRules.mpfBounds(on: "2024-09-30")?.fiscalYear == 2024)
        #expect(CustomsRules.mpfBounds(on: "2024-10-01")?.minimumCents == 3271)
        #expect(CustomsRules.mpfBounds(on: "2017-06-01") == nil)
        // An entry of FY2025 pays that year's maximum.
        let fy2025 = try CustomsEntry(stored: Repo.sample(vesselSample).setting("arrival_date", to: "2025-03-01"))
        #expect(fy2025.money.feeTotal("499") == 63462)
    }

    @Test("The informal MPF is the flat fee of the entry's fiscal year, on the summary")
    func informalMPF() throws {
        #expect(CustomsRules.informalMPF(on: "2025-02-01")?.amountCents == 262)
        #expect(CustomsRules.informalMPF(on: "2021-02-01") == nil)  // FY2021 is not in the table
        #expect(CustomsRules.informalMPF(on: "2026-11-18")?.amountCents == 269)
    }

    @Test("The computed money of the AD/CVD sample: chapter 99 duty, AD deposits, fees by class, totals")
    func adcvdSampleMoney() throws {
        let e = try CustomsEntry(json: Repo.sample("03-adcvd-vessel-single-bond.json"))
        let m = e.money
        #expect(m.lines[0].tariffs.map(\.hts) == ["99038803", "7317005503"])
        #expect(m.lines[0].tariffs.map(\.valueCents) == [0, 9_630_000])
        #expect(m.lines[0].tariffs[0].dutyCents == 2_407_500)
        #expect(m.adCashCents == 16_336_736 && m.adBondedCents == 0 && m.cvDutyCents == 0)
        #expect(m.feeTotals.map(\.classCode) == ["499", "501"])
        #expect(m.totalCents == e.entrySummary?.totals.totalCents)
        #expect(m.dutyCents == e.entrySummary?.totals.dutyCents)
    }

    @Test("Other rules: SPI effect, chapter 99 order, AD/CVD data, IR tax, warehouse, FTZ, arrival window")
    func otherRules() {
        let canada = Repo.sample("01-truck-canada-province-mid.json")
        let dutiable = problems(canada.setting("lines[0].entry_summary.rate", to: ["ad_valorem_bp": 650]))
        #expect(dutiable.contains { $0.rule == .spi && $0.path == "lines[0].entry_summary.rate" })
        #expect(problems(canada.setting("lines[0].entry_summary.spi", to: "ZZ")).contains { $0.rule == .spi })

        let vessel = Repo.sample(vesselSample)
        let swapped = vessel.setting("lines[1].entry_summary.chapter_99", to: vessel.at("lines[1].entry_summary.chapter_99").map {
            JSONValue.array(($0.arrayValue ?? []).reversed())
        })
        #expect(problems(swapped).contains { $0.rule == .chapter99 && $0.path == "lines[1].entry_summary.chapter_99[1].hts" })

        let adcvd = Repo.sample("03-adcvd-vessel-single-bond.json")
        #expect(problems(adcvd.setting("lines[1].entry_summary.adcvd", to: nil)).contains { $0.rule == .adcvd && $0.path == "lines[1].entry_summary.adcvd" })
        #expect(problems(adcvd.setting("lines[0].entry_summary.adcvd_non_reimbursement", to: nil)).contains { $0.path == "lines[0].entry_summary.adcvd_non_reimbursement" })
        #expect(problems(adcvd.setting("lines[0].entry_summary.adcvd[0].case_number", to: "A-570-909")).contains { $0.rule == .adcvd })

        let wine = Repo.sample("31-warehouse-withdrawal-summary-only.json")
        #expect(problems(wine.setting("lines[0].entry_summary.ir_tax", to: nil)).contains { $0.rule == .irTax })
        #expect(problems(wine.setting("lines[0].entry_summary.ir_tax.amount_cents", to: 30000)).contains {
            $0.rule == .irTax && $0.message.contains("$300.00") && $0.message.contains("$305.28")
        })
        #expect(problems(wine.setting("entry_summary.warehouse_entry", to: nil)).contains { $0.rule == .warehouse && $0.path == "entry_summary.warehouse_entry" })
        #expect(problems(wine.setting("entry_summary.warehouse_entry.entry_number", to: "EL7-1000009-1")).contains { $0.message.contains("itself") })
        let warehouse = Repo.sample("21-warehouse-vessel.json")
        #expect(problems(warehouse.setting("cargo_release.warehouse_firms", to: nil)).contains { $0.rule == .warehouse && $0.path == "cargo_release.warehouse_firms" })
        let rewarehouse = problems(warehouse.setting("entry_type", to: "22"))
        #expect(rewarehouse.contains { $0.rule == .warehouse && $0.path == "cargo_release.originating_entry" })
        #expect(problems(warehouse.setting("entry_type", to: "22").setting("cargo_release.originating_entry", to: ["entry_number": "EL7-1000004-2", "port": "4601"])).isEmpty)
        #expect(problems(vessel.setting("cargo_release.warehouse_firms", to: "E104")).contains { $0.path == "cargo_release.warehouse_firms" })
        #expect(problems(vessel.setting("entry_type", to: "06")).contains { $0.rule == .ftz && $0.path == "entry_summary.ftz_id" })

        let future = EntryValidator.problems(in: vessel, ledgerFilerCode: ledgerFiler, recordDate: "2026-10-01")
        #expect(future.contains { $0.rule == .dateOrder && $0.path == "arrival_date" && $0.message.contains("15 days") })
        #expect(EntryValidator.problems(in: vessel, ledgerFilerCode: ledgerFiler, recordDate: "2026-11-01").isEmpty)
    }

    @Test("A fee the entry does not owe is refused, and a missing one too")
    func feesByClass() {
        let air = Repo.sample(airSample)
        let hmfOnAir = air.setting("lines[0].entry_summary.fees", to: [["class_code": "499", "amount_cents": 4974], ["class_code": "501", "amount_cents": 1795]])
        #expect(problems(hmfOnAir).contains { $0.rule == .fee && $0.message.contains("vessel") })
        let noMPF = air.setting("lines[1].entry_summary.fees", to: nil)
        #expect(problems(noMPF).contains { $0.rule == .fee && $0.path == "lines[1].entry_summary.fees" && $0.message.contains("typed none") })
        #expect(problems(air.setting("lines[0].entry_summary.fees[0].class_code", to: "311")).contains { $0.rule == .fee })
    }

    @Test("The model round trip keeps every new member")
    func roundTrip() throws {
        for url in Repo.samples {
            let e = try CustomsEntry(json: Repo.json(url))
            #expect(try CustomsEntry(json: e.json) == e)
        }
    }
}

@Suite("Hostile money: the largest values never overflow")
struct HostileMoneyTests {
    @Test func theLargestRatesValuesAndQuantitiesAreComputedAndReportedWithoutOverflow() throws {
        var entry = try CustomsEntry(json: Repo.sample(vesselSample))
        let huge = DutyRate(adValoremBasisPoints: 99_999_999, specificHundredthCents: 9_999_999_999, specificUnit: "NO")
        let template = entry.lines[0]
        entry.lines = (1...999).map { n in
            var l = template
            l.lineNumber = n
            l.valueCents = CustomsRules.Maximum.moneyCents
            l.quantity = LineQuantity(amount: CustomsRules.Maximum.quantityHundredths, scale: 2, unit: "NO")
            l.summary?.rate = huge
            l.summary?.chapter99 = (0..<31).map { k in TariffLine(hts: "9903\(8000 + k)", rate: huge, dutyCents: 0) }
            l.summary?.adcvd = [ADCVDDeposit(caseNumber: "A570909000", claim: "C", rateType: "A", depositRate: 99_999_999, dutyCents: 0),
                                ADCVDDeposit(caseNumber: "C570909000", claim: "B", rateType: "S", depositRate: 99_999_999,
                                             quantityTenThousandths: 999_999_999_999, dutyCents: 0)]
            return l
        }
        let m = entry.money
        #expect(m.lines.count == 999)
        #expect(m.lines[0].tariffs.allSatisfy { $0.dutyCents == CustomsRules.computedCentsCeiling })
        #expect(m.totalCents > 0)
        let found = EntryRulesCheck.problems(in: entry, recordDate: nil)
        #expect(found.contains { $0.rule == .duty && $0.message.contains("computed $1,000,000,000,000.00") })
    }
}
