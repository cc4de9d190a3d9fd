import EntryLedger
import Foundation

/// `entry add` on a terminal with no file: asks for the 3461 fields one by one, as a clerk
/// would read them off the paper form, then (if the clerk has it) the 7501 data of each line:
/// rates, chapter 99 numbers, SPI, AD/CVD, IR tax and fees as typed on the form. The totals are
/// the sums of what was typed. Validation happens after, with every problem reported at once
/// (a typed figure that differs from the computed one is shown with both).
enum GuidedEntry {
    static func ask(_ prompt: String, default value: String? = nil, optional: Bool = false) -> String? {
        let hint = value.map { " [\($0)]" } ?? (optional ? " (Enter to skip)" : "")
        Output.err("\(prompt)\(hint): ")
        guard let line = readLine() else { return value }
        let t = line.trimmingCharacters(in: .whitespaces)
        return t.isEmpty ? value : t
    }

    static func number(_ s: String?) -> JSONValue {
        guard let s, let v = Int64(s) else { return .string(s ?? "") }
        return .int(v)
    }

    static func cents(_ s: String?) -> JSONValue {
        guard let s else { return .null }
        let parts = s.replacingOccurrences(of: ",", with: "").split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let dollars = Int64(parts[0]) else { return .string(s) }
        let c = parts.count == 2 ? Int64((String(parts[1]) + "00").prefix(2)) ?? 0 : 0
        return .int(dollars * 100 + c)
    }

    /// A decimal typed by the clerk as an integer with `places` implied decimals
    /// (`"2.5"` with 2 places is 250); text that is not a decimal is kept for the validator to name.
    static func scaled(_ s: String?, places: Int) -> JSONValue {
        guard let s else { return .null }
        let parts = s.replacingOccurrences(of: ",", with: "").split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int64(parts[0]), places <= 6 else { return .string(s) }
        let frac = parts.count == 2 ? String(parts[1]) : ""
        guard frac.count <= places, frac.allSatisfy(\.isNumber) else { return .string(s) }
        var v = whole
        for _ in 0..<places { v *= 10 }
        var f: Int64 = Int64(frac.isEmpty ? "0" : frac) ?? 0
        for _ in frac.count..<places { f *= 10 }
        return .int(v + f)
    }

    static func int(_ v: JSONValue) -> Int64 { if case .int(let i) = v { i } else { 0 } }

    /// A rate as the HTS states it: "2.5" (percent), "6.3c/L" (cents per unit), or "2.5+6.3c/L".
    static func rate(_ text: String?) -> JSONValue {
        var o: [String: JSONValue] = [:]
        for part in (text ?? "").split(separator: "+") {
            let p = part.trimmingCharacters(in: .whitespaces)
            if let slash = p.firstIndex(of: "/"), p[..<slash].hasSuffix("c") {
                o["specific_hundredth_cents"] = scaled(String(p[..<p.index(before: slash)]), places: 2)
                o["specific_unit"] = .string(String(p[p.index(after: slash)...]))
            } else {
                o["ad_valorem_bp"] = scaled(p.replacingOccurrences(of: "%", with: ""), places: 2)
            }
        }
        return .object(o)
    }

    /// The 7501 data of one line, as typed; adds the line's figures to `sums`.
    static func askLineSummary(_ sums: inout [String: Int64]) -> JSONValue {
        var es: [String: JSONValue] = [
            "mid": .string(ask("  MID (manufacturer id)") ?? ""), "country_of_export": .string(ask("  Country of export (ISO)") ?? ""),
            "export_date": .string(ask("  Export date") ?? ""), "gross_weight_kg": number(ask("  Gross weight (kg)", default: "0")),
            "charges_cents": cents(ask("  Charges", default: "0")), "related_party": .bool(false),
        ]
        if let spi = ask("  SPI (S USMCA, A GSP ...)", optional: true) { es["spi"] = .string(spi) }
        es["rate"] = rate(ask("  Rate of duty (2.5 for 2.5 %, 6.3c/L, or 2.5+6.3c/L)", default: "0"))
        es["duty_cents"] = cents(ask("  Duty", default: "0"))
        sums["duty", default: 0] += int(es["duty_cents"]!)
        var ch99: [JSONValue] = []
        while let hts = ask("  Chapter 99 number, in CBP's order (301, IEEPA, 232 ...)", optional: true) {
            let duty = cents(ask("    Its duty"))
            sums["duty", default: 0] += int(duty)
            ch99.append(["hts": .string(hts), "rate": rate(ask("    Its rate")), "duty_cents": duty])
        }
        if !ch99.isEmpty { es["chapter_99"] = .array(ch99) }
        if let caseNumber = ask("  AD/CVD case number (A570909000: no hyphens)", optional: true) {
            let duty = cents(ask("    Deposit"))
            sums[caseNumber.hasPrefix("A") ? "ad" : "cv", default: 0] += int(duty)
            es["adcvd"] = [["case_number": .string(caseNumber), "claim": .string(ask("    Bond (B) or cash (C)", default: "C") ?? "C"),
                            "rate_type": "A", "deposit_rate": scaled(ask("    Deposit rate (%)"), places: 2), "duty_cents": duty]]
            es["adcvd_non_reimbursement"] = .bool((ask("    Non-reimbursement statement? (Y/n)", default: "y") ?? "y").lowercased().hasPrefix("y"))
        }
        if let classCode = ask("  IR tax class code", optional: true) {
            let amount = cents(ask("    IR tax"))
            sums["taxes", default: 0] += int(amount)
            es["ir_tax"] = ["class_code": .string(classCode), "rate_hundredth_cents": scaled(ask("    Rate (cents per unit)"), places: 2),
                            "quantity": ["amount": scaled(ask("    Quantity (2 decimals)"), places: 2), "scale": 2,
                                         "unit": .string(ask("    Unit", default: "GAL") ?? "GAL")],
                            "amount_cents": amount]
        }
        var fees: [JSONValue] = []
        for (code, name) in [("499", "MPF"), ("501", "HMF")] {
            if let v = ask("  \(name) (\(code))", optional: true) {
                let amount = cents(v)
                sums["fees", default: 0] += int(amount)
                fees.append(["class_code": .string(code), "amount_cents": amount])
            }
        }
        if !fees.isEmpty { es["fees"] = .array(fees) }
        return .object(es)
    }

    static func ask(nextNumber: Bool) throws -> JSONValue {
        Output.err("New entry (CBP Form 3461 data). Amounts in dollars, dates YYYY-MM-DD.\n")
        var o: [String: JSONValue] = [:]
        if !nextNumber, let n = ask("Entry number (FFF-NNNNNNN-C)") { o["entry_number"] = .string(n) }
        o["entry_type"] = .string(ask("Entry type", default: "01") ?? "01")
        o["port_of_entry"] = .string(ask("Port of entry (Schedule D)") ?? "")
        o["importer"] = ["qualifier": .string(ask("Importer number qualifier (EI, ANI, 34)", default: "EI") ?? "EI"),
                         "number": .string(ask("Importer number") ?? "")]
        let bondType = ask("Bond type (0 none, 8 continuous, 9 single)", default: "8") ?? "8"
        var bond: [String: JSONValue] = ["type": .string(bondType)]
        if bondType == "9" {
            bond["surety_code"] = .string(ask("Surety code") ?? "")
            bond["amount_cents"] = cents(ask("Bond amount"))
        }
        o["bond"] = .object(bond)
        o["mode_of_transport"] = .string(ask("Mode of transport (10 vessel, 40 air, 30 truck, ...)") ?? "")
        for (key, prompt) in [("carrier_code", "Carrier SCAC (air: IATA code)"), ("conveyance_name", "Vessel or conveyance name"),
                              ("voyage", "Voyage or flight"), ("port_of_unlading", "Port of unlading"), ("firms_code", "FIRMS code")] {
            if let v = ask(prompt, optional: true) { o[key] = .string(v) }
        }
        o["arrival_date"] = .string(ask("Arrival date") ?? "")
        let summary = (ask("Entry summary (7501) data too? (y/N)", default: "n") ?? "n").lowercased().hasPrefix("y")
        var sums: [String: Int64] = [:]
        var lines: [JSONValue] = []
        var total: JSONValue = .int(0)
        repeat {
            let n = lines.count + 1
            Output.err("Line \(n):\n")
            let value = cents(ask("  Value"))
            if case .int(let v) = value, case .int(let t) = total { total = .int(t + v) }
            var line: JSONValue = [
                "line_number": .int(Int64(n)), "hts": .string(ask("  HTS number (10 digits)") ?? ""),
                "country_of_origin": .string(ask("  Country of origin (ISO)") ?? ""), "description": .string(ask("  Description") ?? ""),
                "value_cents": value,
                "quantity": ["amount": number(ask("  Quantity (whole units)")), "scale": 0, "unit": .string(ask("  Unit", default: "PCS") ?? "PCS")],
            ]
            if summary, case .object(var l) = line { l["entry_summary"] = askLineSummary(&sums); line = .object(l) }
            lines.append(line)
        } while (ask("Another line? (y/N)", default: "n") ?? "n").lowercased().hasPrefix("y")
        o["lines"] = .array(lines)
        o["bills_of_lading"] = []
        o["parties"] = []
        o["cargo_release"] = ["estimated_value_cents": total, "split_shipment": false]
        if summary {
            var es: [String: JSONValue] = [:]
            if ["31", "32", "34", "38"].contains(o["entry_type"]?.stringValue ?? ""),
               let w = ask("Warehouse entry withdrawn from (FFF-NNNNNNN-C)") {
                es["warehouse_entry"] = ["entry_number": .string(w), "port": .string(ask("Its port") ?? "")]
            }
            if let d = ask("Entry date", optional: true) { es["entry_date"] = .string(d) }
            var summaryFees: [JSONValue] = []
            if let v = ask("Informal MPF (311), informal entries only", optional: true) {
                sums["fees", default: 0] += int(cents(v))
                summaryFees.append(["class_code": "311", "amount_cents": cents(v)])
            }
            if !summaryFees.isEmpty { es["fees"] = .array(summaryFees) }
            let duty = sums["duty"] ?? 0, fees = sums["fees"] ?? 0, taxes = sums["taxes"] ?? 0, ad = sums["ad"] ?? 0, cv = sums["cv"] ?? 0
            var totals: [String: JSONValue] = ["entered_value_cents": total, "duty_cents": .int(duty), "fees_cents": .int(fees),
                                               "taxes_cents": .int(taxes), "total_cents": .int(duty + fees + taxes + ad + cv)]
            if ad != 0 { totals["ad_duty_cents"] = .int(ad) }
            if cv != 0 { totals["cv_duty_cents"] = .int(cv) }
            es["totals"] = .object(totals)
            o["entry_summary"] = .object(es)
        }
        return .object(o)
    }
}
