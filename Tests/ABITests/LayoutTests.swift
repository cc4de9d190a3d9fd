import EntryLedger
import Foundation
import Testing

@Suite("Layouts: one table per record, the generated document, classes and fill")
struct LayoutTests {
    @Test("Every table lies inside 80 columns, in order, without overlaps, each field with its source and confidence")
    func tablesAreWellFormed() {
        for l in ABILayouts.all + ACEResponseLayouts.all {
            #expect(l.isWellFormed, "\(l.key)")
            #expect(l.fields.allSatisfy { $0.source?.isEmpty == false && $0.confidence != nil }, "\(l.key)")
            let labels = Set(ABISource.all.map(\.label))
            for f in l.fields { #expect(f.source!.split(separator: " ").allSatisfy { labels.contains(String($0)) }, "\(l.key) \(f.name): \(f.source!)") }
        }
        #expect(Set(ABILayouts.all.map(\.key)).count == ABILayouts.all.count)
        #expect(Set(ACEResponseLayouts.all.map(\.key)).count == ACEResponseLayouts.all.count)
    }

    @Test("schemas/abi-layouts.md is exactly what the tables generate")
    func documentMatchesTheTables() throws {
        let path = Repo.url("schemas/abi-layouts.md").path
        if ProcessInfo.processInfo.environment["ENTRYLEDGER_WRITE_LAYOUTS"] == "1" {
            try ABILayoutDocument.markdown.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let file = try String(contentsOfFile: path, encoding: .utf8)
        #expect(file == ABILayoutDocument.markdown, "regenerate with ENTRYLEDGER_WRITE_LAYOUTS=1 swift test --filter LayoutTests")
        for l in ABILayouts.all { #expect(file.contains("### `\(l.key)` ")) }
    }

    @Test("The README lists every [unsure] fact the document lists")
    func readmeListsEveryUnsureFact() throws {
        let readme = try String(contentsOf: Repo.url("README.md"), encoding: .utf8)
        #expect(!ABILayoutDocument.unsureList.isEmpty)
        for u in ABILayoutDocument.unsureList { #expect(readme.contains("- " + u), "README lacks: \(u)") }
    }

    @Test("The README carries the replay decision table row for row")
    func readmeCarriesTheDecisionTable() throws {
        let readme = try String(contentsOf: Repo.url("README.md"), encoding: .utf8)
        for d in ReplayPlanner.decisionTable { #expect(readme.contains("| \(d.state) | \(d.event) | \(d.action) |"), "\(d.state) / \(d.event)") }
    }

    @Test("N fields are right-justified and zero-filled; AN, A and X left-justified and space-filled")
    func fill() throws {
        var r = ABIRecord(ABILayouts.se60)
        try r.set("HTS number", text: "8471300100")
        try r.set("line value", number: 48_120)
        #expect(r.line == "SE6084713001000000048120" + String(repeating: " ", count: 56))
        var c = ABIRecord(ABILayouts.se13)
        try c.set("contact name", text: "DANA WHITFIELD")
        #expect(cols(c.line, 5, 44) == "DANA WHITFIELD" + String(repeating: " ", count: 26))
    }

    @Test("A value outside its field's class is refused, naming record, field and class")
    func classes() throws {
        var r = ABIRecord(ABILayouts.se13)
        let e = #expect(throws: ABIError.self) { try r.set("contact phone", text: "312-555-0142") }
        #expect(e?.description.contains("SE13") == true && e?.description.contains("contact phone") == true && e?.description.contains("class AN") == true)
        var a = ABIRecord(ABILayouts.se30)
        #expect(throws: ABIError.self) { try a.set("entity code", text: "M1") }      // class A
        var n = ABIRecord(ABILayouts.se10)
        #expect(throws: ABIError.self) { try n.set("estimated value", text: "12A") }
        #expect(throws: ABIError.self) { try n.set("estimated value", number: -1) }
        let o = #expect(throws: ABIError.self) { try n.set("filer code", text: "EL77") }
        #expect(o?.description.contains("never truncated") == true)
        #expect(throws: ABIError.self) { try n.set("record id", text: "XX10") }
        var x = ABIRecord(ABILayouts.se15)
        try x.set("bill number", text: "MAEU/254")                                // X takes any printable
        #expect(throws: ABIError.self) { try x.set("bill number", text: "maeu") }   // but not lower case
    }

    @Test("Whole dollars round half up; negative amounts are refused")
    func wholeDollars() {
        #expect(ABIRules.wholeDollars(cents: 12_349) == 123)
        #expect(ABIRules.wholeDollars(cents: 12_350) == 124)
        #expect(ABIRules.wholeDollars(cents: 0) == 0)
        #expect(ABIRules.wholeDollars(cents: -1) == nil)
    }
}
