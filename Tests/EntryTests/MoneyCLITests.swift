import Foundation
import Testing
import TestSupport

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// The money refusals and the rules-version notices through the real `entryledger` binary.
@Suite(.serialized) struct MoneyThroughTheCLI {
    /// A ledger made in process, with the clerk's key and the supervisor's public key as files.
    static func workspace() throws -> EntryLedgerFixture {
        let f = try EntryLedgerFixture()
        try KeyFile.write(f.clerk, to: f.dir + "/alice.key")
        try KeyFile.write(f.supervisor, to: f.dir + "/sup.key")
        return f
    }

    @Test("Each refusal exits 2, names the field and both figures, and writes nothing", arguments: MoneyCase.allCases)
    func refusedThroughTheCLI(_ c: MoneyCase) throws {
        let f = try Self.workspace()
        let file = f.dir + "/entry.json"
        try CanonicalJSON.encodeString(c.json).write(toFile: file, atomically: true, encoding: .utf8)
        let before = try f.count()
        let r = try CLI.run(["entry", "add", "--file", "entry.json", "--key", "alice.key"], in: f.dir)
        #expect(r.status == 2, "\(r.stdout) \(r.stderr)")
        let e = c.expected
        #expect(r.stderr.contains(e.path), "\(r.stderr)")
        for s in e.shows { #expect(r.stderr.contains(s), "\(s): \(r.stderr)") }
        #expect(r.stdout.isEmpty)
        #expect(try f.count() == before)
    }

    @Test func theSamplesAreAcceptedThroughTheCLI() throws {
        let f = try Self.workspace()
        for name in ["03-adcvd-vessel-single-bond.json", "01-truck-canada-province-mid.json", vesselSample, "31-warehouse-withdrawal-summary-only.json"] {
            let r = try CLI.run(["entry", "add", "--file", Repo.root.appendingPathComponent("samples/entries/\(name)").path, "--key", "alice.key"], in: f.dir)
            #expect(r.status == 0, "\(name): \(r.stderr)")
        }
    }

    @Test func verifyPrintsNoticesForAnOlderRulesVersionAndStillExitsZero() throws {
        let f = try Self.workspace()
        let seq = try f.forgeEntryAdd(["entry": versionOneEntry()])
        let text = try CLI.run(["verify", "--trust", "sup.key.pub"], in: f.dir)
        #expect(text.status == 0, "\(text.stdout) \(text.stderr)")
        #expect(text.stdout.contains("OK:"))
        #expect(text.stdout.contains("notice(s)") && text.stdout.contains("seq \(seq): checked under customs rules version 1"), "\(text.stdout)")
        let json = try CLI.run(["verify", "--trust", "sup.key.pub", "--json"], in: f.dir)
        #expect(json.status == 0)
        let report = try JSONReader.parse(Array(json.stdout.utf8))
        #expect(report["ok"] == .bool(true))
        #expect((report["notices"]?.arrayValue?.count ?? 0) > 0)
        #expect(report["problems"]?.arrayValue?.isEmpty == true)
    }
}
