import Foundation
import Testing
import TestSupport

@testable import EntryLedger
@testable import LedgerFormat

@Suite(.serialized) struct EntriesThroughTheCLI {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("samples/entries")

    @Test func twoProcessesAddingTheSameEntryNumberAtOnceGiveExactlyOneEntry() throws {
        let w = try CLIWorkspace()
        let sample = Self.samples.appendingPathComponent("01-vessel-continuous-3461-7501.json").path
        for round in 0..<3 {
            let text = try String(contentsOfFile: sample, encoding: .utf8).replacingOccurrences(of: "EL7-1000001-8", with: try EntryNumber(filerCode: "EL7", serial: 4000000 + round).formatted)
            try text.write(toFile: w.file("e\(round).json"), atomically: true, encoding: .utf8)
            let a = try CLI.start(["entry", "add", "--file", "e\(round).json", "--key", "alice.key"], in: w.path)
            let b = try CLI.start(["entry", "add", "--file", "e\(round).json", "--key", "bob.key"], in: w.path)
            for (p, _) in [a, b] { p.waitUntilExit() }
            let codes = [a.0.terminationStatus, b.0.terminationStatus].sorted()
            #expect(codes == [0, 2], "round \(round)")
        }
        let list = try CLI.run(["entry", "list", "--json"], in: w.path)
        #expect(try JSONReader.parse(list.stdout.trimmingCharacters(in: .newlines)).arrayValue?.count == 3)
        #expect(try CLI.run(["verify", "--trust", "sup.key.pub"], in: w.path).status == 0)
    }

    @Test func twoProcessesTakingNextNumbersGetDifferentNumbers() throws {
        let w = try CLIWorkspace()
        try CLI.run(["entry", "reserve", "--first", "EL7-2000001-\(try EntryNumber(filerCode: "EL7", serial: 2000001).checkDigit)",
                     "--last", try EntryNumber(filerCode: "EL7", serial: 2000100).formatted, "--key", "sup.key"], in: w.path).expectSuccess()
        var json = try JSONReader.parse(Array(try Data(contentsOf: Self.samples.appendingPathComponent("11-informal-truck.json"))))
        if case .object(var o) = json { o["entry_number"] = nil; json = .object(o) }
        try CanonicalJSON.encodeString(json).write(toFile: w.file("n.json"), atomically: true, encoding: .utf8)
        // The same goods four times, on purpose: the retry guard is told so.
        let procs = try (0..<4).map { i in
            try CLI.start(["entry", "add", "--next-number", "--allow-duplicate-goods", "--file", "n.json", "--key", i % 2 == 0 ? "alice.key" : "bob.key"], in: w.path)
        }
        var numbers: [String] = []
        for (p, out) in procs {
            numbers.append(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
        }
        #expect(Set(numbers).count == 4)
        #expect(Set(numbers) == Set((2000001...2000004).map { try! EntryNumber(filerCode: "EL7", serial: $0).formatted }))
    }

    @Test func addPrintsTheNumberAndBadInputNamesEveryProblemWithExitTwo() throws {
        let w = try CLIWorkspace()
        let sample = Self.samples.appendingPathComponent("21-warehouse-vessel.json").path
        let ok = try CLI.run(["entry", "add", "--file", sample, "--key", "alice.key"], in: w.path)
        #expect(ok.status == 0)
        #expect(try EntryNumber(parsing: ok.stdout.trimmingCharacters(in: .whitespacesAndNewlines)).filerCode == "EL7")
        let stdin = try CLI.run(["entry", "add", "--key", "bob.key"], in: w.path, stdin: String(contentsOfFile: Self.samples.appendingPathComponent("11-informal-truck.json").path, encoding: .utf8))
        #expect(stdin.status == 0, "\(stdin.stderr)")
        let before = try w.ledgerDigest()
        let bad = #"{"entry_number":"EL7-1000001-5","entry_type":"99","port_of_entry":"27O4","extra":1}"#
        let r = try CLI.run(["entry", "add", "--key", "alice.key"], in: w.path, stdin: bad)
        #expect(r.status == 2)
        for needle in ["check digit should be 8", "entry_type", "port_of_entry", "extra"] { #expect(r.stderr.contains(needle), "\(needle): \(r.stderr)") }
        let float = try CLI.run(["entry", "add", "--key", "alice.key"], in: w.path, stdin: #"{"value": 1.5}"#)
        #expect(float.status == 2 && float.stderr.contains("floating-point"))
        try "\(try String(contentsOfFile: sample, encoding: .utf8).replacingOccurrences(of: "\n", with: " "))\nnot json\n".write(toFile: w.file("bad.jsonl"), atomically: true, encoding: .utf8)
        let imp = try CLI.run(["entry", "import", "--file", "bad.jsonl", "--key", "alice.key"], in: w.path)
        #expect(imp.status == 2 && imp.stderr.contains("line 2"))
        #expect(try w.ledgerDigest() == before)
        let show = try CLI.run(["entry", "show", "--number", ok.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "--json"], in: w.path)
        #expect(try JSONReader.parse(show.stdout.trimmingCharacters(in: .newlines))["status"] == "logged")
    }
}
