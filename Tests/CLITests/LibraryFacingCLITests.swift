import Foundation
import Testing
import TestSupport

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// What moved from the tool into the library, and what the tool adds to the library's words.
@Suite(.serialized) struct TheToolOverTheLibrary {
    @Test func authorizeRefusesACheckpointFileItCannotReadAsACheckpointAndRecordsNothing() throws {
        let w = try CLIWorkspace()
        try "not a signed note\n".write(toFile: w.file("cp.txt"), atomically: true, encoding: .utf8)
        try "reviewer+0badc0de+AAAA\n".write(toFile: w.file("reviewer.vkey"), atomically: true, encoding: .utf8)
        let before = try w.ledgerDigest()
        let r = try CLI.run(["authorize", "--reference", "CBP-RECON-1", "--checkpoint", "cp.txt", "--reviewer", "reviewer.vkey", "--key", "sup.key"], in: w.path)
        #expect(r.status == 2)
        #expect(r.stderr.contains("--checkpoint cp.txt"), "\(r.stderr)")
        #expect(r.stderr.contains("not a signed checkpoint note"), "\(r.stderr)")
        #expect(try w.ledgerDigest() == before)
    }

    @Test func theToolNamesItsOptionsWhereTheLibraryNamesFields() throws {
        let w = try CLIWorkspace()
        let r = try CLI.run(["authorize", "--reference", " ", "--date", "2026-02-30", "--key", "sup.key"], in: w.path)
        #expect(r.status == 2)
        #expect(r.stderr.contains("--reference: CBP's authorisation reference is needed"), "\(r.stderr)")
        #expect(r.stderr.contains("--date 2026-02-30: should be a real date"), "\(r.stderr)")
    }

    @Test func statusShowsTheBrokerNoSourcePathAndItsJSONComesFromTheLibrary() throws {
        let w = try CLIWorkspace()
        let text = try CLI.run(["status", "--at", "2026-12-01T00:00:00Z"], in: w.path)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(!text.stdout.contains("Sources/"))
        #expect(text.stdout.contains("19 CFR 142.12(b)"))
        let json = try CLI.run(["status", "--json", "--at", "2026-12-01T00:00:00Z"], in: w.path)
        let ledger = try Ledger.open(path: w.file("entryledger.db"))
        let expected = try Accounting.load(ledger, now: Timestamp.parse("2026-12-01T00:00:00Z")!).statusJSON
        guard case .object(var printed) = try JSONReader.parse(json.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            Issue.record("status --json printed no object")
            return
        }
        #expect(printed.removeValue(forKey: "notices") != nil)  // the office's notices, which the tool adds
        #expect(printed.removeValue(forKey: "verified")?["ok"] == true)  // and the verdict of the check before it read
        #expect(JSONValue.object(printed) == expected)
    }
}
