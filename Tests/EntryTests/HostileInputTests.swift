import EntryLedger
import Testing
import TestSupport

@Suite("Hostile input never crashes")
struct HostileInputTests {
    static let wrongValues: [JSONValue] = [.null, true, 7, "X", [], [:], [[[["deep"]]]]]

    @Test("A value of another type anywhere in a sample is reported as a problem at that path",
          arguments: [vesselSample, airSample, "31-warehouse-withdrawal-summary-only.json"])
    func wrongTypesEverywhere(base: String) {
        let sample = Repo.sample(base)
        var checked = 0
        for path in sample.allPaths() {
            guard let original = sample.at(path) else { continue }
            for value in Self.wrongValues where value.typeName != original.typeName {
                let found = problems(sample.setting(path, to: value))
                #expect(found.contains { $0.path == path && $0.rule == .type }, "\(path) = \(value.typeName): \(found)")
                checked += 1
            }
        }
        #expect(checked > 300)
    }

    @Test("Removing any member of a sample is either fine (optional) or reported")
    func removals() {
        let sample = Repo.sample(vesselSample)
        let optional: Set<String> = ["cargo_release", "carrier_code", "conveyance_name", "voyage", "port_of_unlading", "foreign_port_of_lading",
                                     "firms_code", "bills_of_lading", "parties"]
        for path in sample.allPaths() where !path.hasSuffix("]") {
            let found = problems(sample.setting(path, to: nil))
            let key = String(path.split(separator: ".").last!)
            let isOptional = optional.contains(path) || ["surety_code", "related_party", "split_shipment", "broker_reference",
                                                        "consignee_number", "id", "id_qualifier", "address", "subdivision", "postal_code"].contains(key)
            if !isOptional { #expect(!found.isEmpty, "removing \(path) went unnoticed") }
        }
    }

    @Test("The entry itself must be an object", arguments: wrongValues.filter { $0.objectValue == nil })
    func topLevel(value: JSONValue) {
        let found = problems(value)
        #expect(found.count == 1)
        #expect(found.first?.path == "" && found.first?.rule == .type)
    }

    @Test("Huge strings are reported briefly, with the value cut short")
    func hugeStrings() {
        let huge = String(repeating: "Ä", count: 1_000_000)
        let json = Repo.sample(vesselSample)
            .setting("lines[0].description", to: .string(huge))
            .setting("entry_number", to: .string(huge))
            .setting(String(repeating: "k", count: 100_000), to: .string(huge))
        let found = problems(json)
        #expect(found.contains { $0.path == "lines[0].description" && $0.rule == .length })
        #expect(found.contains { $0.path == "lines[0].description" && $0.rule == .abiText })
        #expect(found.contains { $0.rule == .unknownMember })
        for p in found {
            #expect((p.value ?? "").count <= 60)
            #expect(p.description.count < 400)
        }
    }

    @Test("Deep nesting is refused by the reader, or ignored past the members the entry knows")
    func deepNesting() {
        var deep: JSONValue = "bottom"
        for _ in 0..<10_000 { deep = [deep] }
        let found = problems(Repo.sample(vesselSample).setting("lines[0].quantity", to: deep).setting("extra", to: deep))
        #expect(found.contains { $0.path == "lines[0].quantity" && $0.rule == .type })
        #expect(found.contains { $0.path == "extra" && $0.rule == .unknownMember })
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let fromText = EntryValidator.problems(inJSONText: Array(text.utf8), ledgerFilerCode: ledgerFiler)
        #expect(fromText.map(\.rule) == [.json])
    }

    @Test("Text that is not JSON of the profile is one problem, never a crash", arguments: [
        "", "{", "nul", #"{"lines": 1.5}"#, #"{"a":1,"a":2}"#, "\u{FEFF}{}", #"{"x":"\ud800"}"#, "[1e400]", "99999999999999999999",
    ])
    func notJSON(text: String) {
        let found = EntryValidator.problems(inJSONText: Array(text.utf8), ledgerFilerCode: ledgerFiler)
        #expect(found.count == 1 && found.first?.rule == .json)
        #expect(throws: EntryValidationError.self) { try EntryValidator.validate(jsonText: Array(text.utf8), ledgerFilerCode: "EL7") }
    }

    @Test("Integers at the edges of the profile are range problems, not overflows")
    func extremeIntegers() {
        for v: Int64 in [JSONValue.maxSafeInteger, -JSONValue.maxSafeInteger, Int64.max, Int64.min] {
            let json = Repo.sample(vesselSample)
                .setting("lines[0].value_cents", to: .int(v))
                .setting("lines[1].value_cents", to: .int(v))
                .setting("lines[0].quantity.amount", to: .int(v))
                .setting("lines[0].line_number", to: .int(v))
                .setting("entry_summary.totals.total_cents", to: .int(v))
                .setting("entry_summary.totals.duty_cents", to: .int(v))
                .setting("entry_summary.totals.fees_cents", to: .int(v))
            let found = problems(json)
            #expect(found.contains { $0.path == "lines[0].value_cents" && $0.rule == .range })
            #expect(found.contains { $0.path == "lines[0].line_number" && $0.rule == .range })
        }
    }

    @Test("Thousands of random mutations of a sample never crash and are reported")
    func randomMutations() {
        var rng = SplitMix64(seed: 0x5EED)
        let sample = Repo.sample(vesselSample)
        let paths = sample.allPaths()
        let values: [JSONValue] = Self.wrongValues + [
            "", " ", "é", "0", "00", "9", "CA", "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ",
            .int(-1), .int(0), .int(JSONValue.maxSafeInteger), .int(Int64.min), "2026-02-29", "\u{0}",
        ]
        var reported = 0
        for _ in 0..<3000 {
            var json = sample
            for _ in 0..<Int(rng.next() % 4 + 1) {
                let path = paths[Int(rng.next() % UInt64(paths.count))]
                guard json.at(path) != nil else { continue }
                let value = rng.next() % 5 == 0 ? nil : values[Int(rng.next() % UInt64(values.count))]
                json = json.setting(path, to: value)
            }
            let found = problems(json)
            if json != sample && !found.isEmpty { reported += 1 }
            if found.isEmpty { #expect(throws: Never.self) { try CustomsEntry(json: json) } }
        }
        #expect(reported > 2500)
    }
}

