import Foundation
import Testing
import TestSupport

@testable import EntryLedger
@testable import LedgerFormat

/// `entry import` is one transaction: killed at any moment, it leaves all of its entries or none.
@Suite(.serialized) struct KilledImports {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("samples/entries/01-vessel-continuous-3461-7501.json")

    /// A JSON Lines file of `count` copies of the vessel sample, numbered from `first`.
    static func importFile(_ path: String, first: Int, count: Int) throws {
        guard case .object(let o) = try JSONReader.parse([UInt8](try Data(contentsOf: sample))) else { throw CocoaError(.fileReadCorruptFile) }
        var lines: [String] = []
        for i in 0..<count {
            var e = o
            e["entry_number"] = .string(try EntryNumber(filerCode: "EL7", serial: first + i).formatted)
            lines.append(try CanonicalJSON.encodeString(.object(e)))
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func anImportKilledAtRandomMomentsLeavesAllOfItsEntriesOrNone() throws {
        let w = try Workspace()
        var rng = SplitMix64(seed: 0x1A4B0127)
        let perImport = 200
        var expected = 0
        var whole = 0, none = 0
        // Time one import left alone, so that the kills spread over before and after its commit.
        let calibration = w.file("import-calibration.jsonl")
        try Self.importFile(calibration, first: 1_900_000, count: perImport)
        let started = Date()
        let full = try Binary.Child(["entry", "import", "--file", calibration, "--key", "alice.key"], in: w.path).finish()
        var micros = max(50_000, Int(Date().timeIntervalSince(started) * 1_000_000))
        #expect(full.status == 0, "\(full.err)")
        expected = try EntryBook.load(try Ledger.open(path: w.ledgerPath)).count
        #expect(expected == perImport)
        for round in 0..<max(10, KilledWriters.iterations / 4) {
            let file = w.file("import-\(round).jsonl")
            try Self.importFile(file, first: 2_000_000 + round * perImport, count: perImport)
            let child = try Binary.Child(["entry", "import", "--file", file, "--key", "alice.key"], in: w.path)
            usleep(UInt32(rng.int(0...(micros * 13 / 10))))
            child.kill()
            _ = child.finish()
            let book = try EntryBook.load(try Ledger.open(path: w.ledgerPath))
            let added = book.count - expected
            #expect(added == 0 || added == perImport, "round \(round): \(added) of \(perImport) entries were left")
            if added == perImport { whole += 1 } else { none += 1 }
            // On a loaded machine one calibration can mislead (an import now takes both cores):
            // widen the window while no import has committed yet, narrow it while every one has.
            if whole == 0 { micros = micros * 5 / 4 } else if none == 0 { micros = micros * 4 / 5 }
            expected = book.count
            let report = try w.verify()
            #expect(report.ok, "round \(round): \(report.problems.prefix(3))")
        }
        // Both outcomes happened, so the kills landed before and after the commit.
        #expect(whole > 0 && none > 0, "whole \(whole), none \(none)")
    }
}
