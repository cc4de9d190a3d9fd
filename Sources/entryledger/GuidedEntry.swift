import EntryLedger
import Foundation

/// `entry add` on a terminal with no file: asks for the 3461 fields one by one, as a clerk
/// would read them off the paper form, and builds the entry's JSON. Validation happens after,
/// with every problem reported at once.
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
        var lines: [JSONValue] = []
        var total: JSONValue = .int(0)
        repeat {
            let n = lines.count + 1
            Output.err("Line \(n):\n")
            let value = cents(ask("  Value"))
            if case .int(let v) = value, case .int(let t) = total { total = .int(t + v) }
            lines.append([
                "line_number": .int(Int64(n)), "hts": .string(ask("  HTS number (10 digits)") ?? ""),
                "country_of_origin": .string(ask("  Country of origin (ISO)") ?? ""), "description": .string(ask("  Description") ?? ""),
                "value_cents": value,
                "quantity": ["amount": number(ask("  Quantity (whole units)")), "scale": 0, "unit": .string(ask("  Unit", default: "PCS") ?? "PCS")],
            ])
        } while (ask("Another line? (y/N)", default: "n") ?? "n").lowercased().hasPrefix("y")
        o["lines"] = .array(lines)
        o["bills_of_lading"] = []
        o["parties"] = []
        o["cargo_release"] = ["estimated_value_cents": total, "split_shipment": false]
        return .object(o)
    }
}
