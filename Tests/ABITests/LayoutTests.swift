import EntryLedger
import Testing

/// The positions docs/customs-facts.md section 2 gives, copied here by hand so that the layout tables are
/// checked against the spec, not against themselves.
let domainPositions: [String: [(String, Int, Int)]] = [
    "A": [("site code", 2, 5), ("sender id", 6, 8), ("password", 9, 14), ("date", 15, 20), ("application id", 26, 27),
          ("office code", 38, 39), ("user data", 60, 80)],
    "B": [("port", 4, 7), ("filer code", 8, 10), ("application id", 11, 12), ("office code", 45, 46), ("filer user data", 60, 80)],
    "Y": [("port", 4, 7), ("filer code", 8, 10), ("application id", 11, 12), ("office code", 45, 46)],
    "Z": [("site code", 2, 5), ("sender id", 6, 8), ("date", 15, 20), ("office code", 38, 39)],
    "SE10": [("action code", 5, 5), ("filer code", 6, 8), ("entry number", 11, 18), ("entry type", 20, 21),
             ("importer id qualifier", 22, 24), ("importer number", 25, 36), ("mode of transport", 37, 38), ("bond type", 39, 39),
             ("estimated value", 40, 49), ("port of entry", 50, 54), ("split shipment", 55, 55), ("port of unlading", 56, 60)],
    "SE11": [("entry date election", 5, 5), ("elected entry date", 6, 11), ("FIRMS code", 12, 15), ("exam site", 16, 19),
             ("conveyance name", 20, 39), ("voyage", 40, 44)],
    "SE15": [("bill type", 5, 5), ("issuer code", 6, 9), ("bill number", 10, 59), ("quantity", 60, 67)],
    "SE16": [("carrier code", 5, 8), ("voyage", 9, 13), ("arrival date", 14, 19), ("quantity", 20, 27)],
    "SE30": [("entity code", 5, 7), ("name", 8, 42), ("id qualifier", 43, 45), ("id", 46, 65)],
    "SE50": [("entity code", 5, 7), ("name", 8, 42), ("id qualifier", 43, 45), ("id", 46, 65)],
    "SE40": [("line number", 5, 7), ("country of origin", 8, 9), ("description", 11, 80)],
    "SE60": [("HTS number", 5, 14), ("line value", 15, 24)],
    "10": [("action code", 3, 3), ("filer code", 4, 6), ("entry number", 9, 16), ("port", 18, 21), ("broker reference", 22, 30),
           ("entry type", 34, 35), ("mode of transport", 36, 37)],
    "11": [("importer number", 3, 14), ("consignee number", 15, 26)],
    "20": [("carrier code", 3, 6), ("port of unlading", 7, 10), ("estimated arrival date", 11, 16), ("FIRMS code", 17, 20),
           ("conveyance name", 21, 40)],
    "23": [("bill type", 3, 3), ("issuer code", 4, 7), ("bill number", 8, 19)],
    "31": [("bond type", 3, 3), ("surety code", 6, 8), ("bond amount", 9, 18)],
    "40": [("line number", 5, 7), ("country of origin", 9, 10), ("country of export", 11, 12), ("export date", 13, 18),
           ("charges", 27, 36), ("gross weight", 42, 51), ("related party", 56, 56)],
    "47": [("party type", 3, 3), ("identifier", 4, 18)],
    "50": [("HTS number", 3, 12), ("duty", 14, 23), ("value", 25, 34), ("quantity", 36, 47), ("unit", 48, 50)],
    "89": [],
    "90": [],
]

@Suite("Layout tables and the record builder")
struct LayoutTests {
    @Test("Every input layout has exactly the fields and positions docs/customs-facts.md gives, and nothing invented")
    func layoutsMatchDomain() {
        #expect(Set(ABILayouts.all.map(\.id)) == Set(domainPositions.keys))
        for layout in ABILayouts.all {
            let expected = domainPositions[layout.id] ?? [("missing", 0, 0)]
            let actual = layout.fields.dropFirst().map { ($0.name, $0.start, $0.end) }
            #expect(actual.count == expected.count, "\(layout.id)")
            for (a, e) in zip(actual, expected) {
                #expect(a.0 == e.0 && a.1 == e.1 && a.2 == e.2, "\(layout.id): \(a) != \(e)")
            }
            #expect(layout.fields[0].kind == .literal(layout.id))
            #expect(layout.isWellFormed, "\(layout.id)")
        }
    }

    @Test("Response layouts are well formed and their ids distinct")
    func responseLayouts() {
        for layout in ACEResponseLayouts.all { #expect(layout.isWellFormed, "\(layout.id)") }
        #expect(Set(ACEResponseLayouts.all.map(\.id)).count == ACEResponseLayouts.all.count)
    }

    @Test("AE 89/90 carry no invented fields and say what was left out")
    func totalsLeftOut() {
        #expect(ABILayouts.ae89.fields.count == 1 && !ABILayouts.ae89.omitted.isEmpty)
        #expect(ABILayouts.ae90.fields.count == 1 && ABILayouts.ae90.omitted.contains("grand total"))
        #expect(ABIRecord(ABILayouts.ae90).line == "90" + String(repeating: " ", count: 78))
    }

    @Test("Alphanumeric fields are left-justified and space-padded, numeric right-justified and filled per ABIRules")
    func justification() throws {
        var r = ABIRecord(ABILayouts.se60)
        try r.set("HTS number", text: "8471300100")
        try r.set("line value", number: 481)
        let fill = String(UnicodeScalar(ABIRules.numericFill))
        #expect(fill == "0")   // the project's choice; change both together
        #expect(cols(r.line, 1, 4) == "SE60")
        #expect(cols(r.line, 15, 24) == String(repeating: fill, count: 7) + "481")
        var p = ABIRecord(ABILayouts.se30)
        try p.set("name", text: "ACME")
        #expect(cols(p.line, 8, 42) == "ACME" + String(repeating: " ", count: 31))
        #expect(r.line.utf8.count == 80 && p.line.utf8.count == 80)
        #expect(cols(r.line, 25, 80).allSatisfy { $0 == " " })
    }

    @Test("A value longer than its field is an error naming record and field, never truncated")
    func overflow() {
        var r = ABIRecord(ABILayouts.se11)
        #expect(throws: ABIError.overflow(record: "SE11", field: "voyage", positions: "positions 40-44", width: 5, length: 6)) {
            try r.set("voyage", text: "123456")
        }
        #expect(throws: ABIError.self) { try r.set("conveyance name", text: String(repeating: "X", count: 21)) }
        var n = ABIRecord(ABILayouts.se60)
        #expect(throws: ABIError.overflow(record: "SE60", field: "line value", positions: "positions 15-24", width: 10, length: 11)) {
            try n.set("line value", number: 10_000_000_000)
        }
        #expect(n.line == ABIRecord(ABILayouts.se60).line)   // nothing written
        var ok = ABIRecord(ABILayouts.se60)
        #expect(throws: Never.self) { try ok.set("line value", number: 9_999_999_999) }
    }

    @Test("Lower-case, non-ASCII and control characters are refused with the field named",
          arguments: ["acme", "CAFÉ", "TAB\tX", "NUL\u{0}", "EMOJI😀", "DEL\u{7F}"])
    func refusesNonUpperASCII(value: String) {
        var r = ABIRecord(ABILayouts.se30)
        do {
            try r.set("name", text: value)
            Issue.record("accepted \(value)")
        } catch {
            guard case .notUpperCaseASCII(let record, let field, _) = error else { Issue.record("\(error)"); return }
            #expect(record == "SE30" && field == "name")
            #expect(!error.description.contains(value), "the value must not be echoed")
        }
    }

    @Test("Numeric fields refuse negatives and non-digits; dates must be real; unknown fields are errors")
    func otherRefusals() {
        var r = ABIRecord(ABILayouts.ae50)
        #expect(throws: ABIError.self) { try r.set("duty", number: -1) }
        #expect(throws: ABIError.self) { try r.set("duty", text: "12A") }
        #expect(throws: ABIError.unknownField(record: "50", field: "nope")) { try r.set("nope", text: "X") }
        var d = ABIRecord(ABILayouts.se16)
        #expect(throws: ABIError.invalidDate(record: "SE16", field: "arrival date")) { try d.set("arrival date", date: "2026-02-30") }
        #expect(throws: Never.self) { try d.set("arrival date", date: "2026-11-16") }
        #expect(cols(d.line, 14, 19) == "111626")
    }

    @Test("Whole dollars round half up from cents")
    func rounding() {
        #expect(ABIRules.wholeDollars(cents: 12_349) == 123)
        #expect(ABIRules.wholeDollars(cents: 12_350) == 124)
        #expect(ABIRules.wholeDollars(cents: 12_399) == 124)
        #expect(ABIRules.wholeDollars(cents: 0) == 0)
        #expect(ABIRules.wholeDollars(cents: 49) == 0)
        #expect(ABIRules.wholeDollars(cents: -1) == nil)
    }
}
