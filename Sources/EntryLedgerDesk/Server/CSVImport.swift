import EntryLedger
import Foundation
import LedgerFormat

/// A CSV or spreadsheet export turned into entries: each column mapped once to an entry field;
/// rows with the same entry number make one entry with one line per row (without an entry-number
/// column every row is an entry of its own and takes the next reserved number).
enum CSVImport {
    /// What a column can be mapped to: the member's path and how its text is read.
    static let targets: [(path: String, label: String, kind: FormField.Kind)] = [
        ("entry_number", "entry number", .upper), ("entry_type", "entry type", .upper), ("port_of_entry", "port", .upper),
        ("importer.qualifier", "importer number qualifier", .upper), ("importer.number", "importer number", .upper),
        ("bond.type", "bond type", .upper), ("bond.surety_code", "surety code", .upper), ("bond.amount_cents", "bond amount ($)", .cents),
        ("mode_of_transport", "mode of transport", .upper), ("carrier_code", "carrier code", .upper),
        ("conveyance_name", "vessel name", .upper), ("voyage", "voyage/flight/trip", .upper), ("arrival_date", "arrival date", .date),
        ("port_of_unlading", "port of unlading", .upper), ("firms_code", "FIRMS code", .upper),
        ("bills_of_lading[0].type", "bill type", .upper), ("bills_of_lading[0].issuer", "bill issuer", .upper),
        ("bills_of_lading[0].number", "bill number", .upper), ("bills_of_lading[0].quantity", "manifest quantity", .int),
        ("parties[0].name", "manufacturer name (MF)", .upper), ("parties[0].id", "manufacturer ID (MID)", .upper),
        ("parties[1].name", "consignee name (CN)", .upper),
        ("line.hts", "line: HTS number", .upper), ("line.country_of_origin", "line: country of origin", .upper),
        ("line.description", "line: description", .upper), ("line.value_cents", "line: value ($)", .cents),
        ("line.quantity.amount", "line: quantity", .quantity), ("line.quantity.unit", "line: unit", .upper),
    ]

    /// The rows of RFC 4180 CSV text (quotes, doubled quotes, CRLF); nil for an unclosed quote.
    static func rows(_ text: String) -> [[String]]? {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false, afterQuote = false
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { chars.removeFirst(); field.unicodeScalars.append(c) } else { quoted = false; afterQuote = true }
                } else { field.unicodeScalars.append(c) }
                continue
            }
            switch c {
            case "\"" where field.isEmpty && !afterQuote: quoted = true
            case ",": row.append(field); field = ""; afterQuote = false
            case "\r": continue
            case "\n":
                row.append(field); field = ""; afterQuote = false
                if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
                row = []
            default: field.unicodeScalars.append(c)
            }
        }
        if quoted { return nil }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    struct Built {
        var entries: [JSONValue] = []
        var labels: [String] = []
        var problems: [String] = []
        var nextNumber = false
    }

    /// The entries of `csv` under `mapping` (column name to target path), or every problem.
    static func build(csv: String, mapping: [String: String]) -> Built {
        var out = Built()
        guard let all = rows(csv) else { out.problems = ["the CSV has a quote that is never closed"]; return out }
        guard let header = all.first, all.count > 1 else { out.problems = ["the CSV needs a header row and at least one row"]; return out }
        guard all.count <= 10_001 else { out.problems = ["at most 10,000 rows at once"]; return out }
        let known = Dictionary(uniqueKeysWithValues: targets.map { ($0.path, $0.kind) })
        var columns: [(Int, String, FormField.Kind)] = []
        for (name, path) in mapping where !path.isEmpty {
            guard let i = header.firstIndex(of: name) else { out.problems.append("column \"\(name)\" is not in the header row"); continue }
            guard let kind = known[path] else { out.problems.append("column \"\(name)\": \(path) is not a field an import can fill"); continue }
            columns.append((i, path, kind))
        }
        guard out.problems.isEmpty else { return out }
        guard columns.contains(where: { $0.1.hasPrefix("line.") }) else { out.problems = ["map at least the line columns (HTS number, value ...)"]; return out }
        let numberColumn = columns.first { $0.1 == "entry_number" }?.0
        out.nextNumber = numberColumn == nil

        // Group the rows: by entry number, in the order they first appear.
        var groups: [(key: String, rows: [(Int, [String])])] = []
        var index: [String: Int] = [:]
        for (n, row) in all.dropFirst().enumerated() {
            let key = numberColumn.map { $0 < row.count ? row[$0].trimmingCharacters(in: .whitespaces).uppercased() : "" } ?? "row \(n + 2)"
            if let g = index[key] { groups[g].rows.append((n + 2, row)) } else {
                index[key] = groups.count
                groups.append((key, [(n + 2, row)]))
            }
        }
        for g in groups {
            var entry: [String: JSONValue] = [:]
            var lines: [JSONValue] = []
            var problems: [String] = []
            for (rowNumber, row) in g.rows {
                var line: [String: JSONValue] = ["line_number": .int(Int64(lines.count + 1))]
                for (i, path, kind) in columns {
                    let text = i < row.count ? row[i].trimmingCharacters(in: .whitespaces) : ""
                    if text.isEmpty { continue }
                    let value: JSONValue
                    switch kind {
                    case .cents, .fee, .percent:
                        guard let c = Money.cents(text) else { problems.append("row \(rowNumber), \(header[i]): \"\(text)\" is not dollars and cents"); continue }
                        value = .int(c)
                    case .int:
                        guard let v = Int64(text) else { problems.append("row \(rowNumber), \(header[i]): \"\(text)\" is not a whole number"); continue }
                        value = .int(v)
                    case .quantity:
                        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
                        guard parts.count <= 2, let a = Int64(parts.joined()), parts.allSatisfy({ !$0.isEmpty }) else {
                            problems.append("row \(rowNumber), \(header[i]): \"\(text)\" is not a quantity"); continue
                        }
                        value = .object(["amount": .int(a), "scale": .int(Int64(parts.count == 2 ? parts[1].count : 0))])
                    default: value = .string(text.uppercased())
                    }
                    if path.hasPrefix("line.") {
                        let member = String(path.dropFirst(5))
                        if member == "quantity.amount", case .object(let q) = value {
                            var existing = line["quantity"]?.objectValue ?? [:]
                            existing.merge(q) { _, b in b }
                            line["quantity"] = .object(existing)
                        } else if member == "quantity.unit" {
                            var existing = line["quantity"]?.objectValue ?? [:]
                            existing["unit"] = value
                            line["quantity"] = .object(existing)
                        } else { line[member] = value }
                    } else if lines.isEmpty {
                        set(&entry, path, value)
                    }
                }
                lines.append(.object(line))
            }
            let first = g.rows.first!.0, last = g.rows.last!.0
            let label = first == last ? "row \(first)" : "rows \(first)-\(last)"
            if !problems.isEmpty { out.problems += problems; continue }
            if case .array(var parties)? = entry["parties"] {
                for (k, entity) in ["MF", "CN"].enumerated() where k < parties.count {
                    if case .object(var p) = parties[k] {
                        p["entity"] = .string(entity)
                        if entity == "MF", p["id"] != nil { p["id_qualifier"] = "MID" }
                        parties[k] = .object(p)
                    }
                }
                entry["parties"] = .array(parties.filter { $0 != .null })
            }
            entry["lines"] = .array(lines)
            let total = lines.reduce(Int64(0)) { $0 + ($1["value_cents"]?.intValue ?? 0) }
            entry["cargo_release"] = .object(["estimated_value_cents": .int(total)])
            out.entries.append(.object(entry))
            out.labels.append(label + (numberColumn == nil ? "" : " (\(g.key))"))
        }
        return out
    }

    /// Sets `a.b[0].c` in a JSON object.
    static func set(_ o: inout [String: JSONValue], _ path: String, _ value: JSONValue) {
        var parts = path.split(separator: ".").map(String.init)
        let head = parts.removeFirst()
        var key = head, index: Int?
        if let b = head.firstIndex(of: "[") {
            key = String(head[..<b])
            index = Int(head[head.index(after: b)...].dropLast())
        }
        func inner(_ existing: JSONValue?) -> JSONValue {
            if parts.isEmpty { return value }
            var sub = existing?.objectValue ?? [:]
            set(&sub, parts.joined(separator: "."), value)
            return .object(sub)
        }
        if let index {
            var array = o[key]?.arrayValue ?? []
            while array.count <= index { array.append(.null) }
            array[index] = inner(array[index] == .null ? nil : array[index])
            o[key] = .array(array)
        } else {
            o[key] = inner(o[key])
        }
    }
}
