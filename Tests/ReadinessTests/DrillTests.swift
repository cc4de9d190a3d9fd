import Foundation
import Testing
import TestSupport

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite
@testable import entryledger

@Suite struct Drills {
    func runDrill() throws -> (OfficeFolder, Drill.Result) {
        let office = try OfficeFolder()
        let profile = try OfficeProfile.load(path: office.file(OfficeProfile.defaultPath))
        var pauses = 0
        let result = try Drill.run(in: office.file("drill"), profile: profile, pause: { _ in pauses += 1 }, say: { _ in })
        #expect(pauses == result.steps.count && result.steps.count == 12)
        return (office, result)
    }

    @Test func aDrillsReplayOutputIsMarkedTest() throws {
        let (_, result) = try runDrill()
        let batch = result.replayFolder + "/B0001"
        let names = try FileManager.default.contentsOfDirectory(atPath: batch).sorted()
        #expect(names == ["B0001-AE-TEST.abi", "B0001-SE-TEST.abi", "manifest.json"])
        let manifest = try JSONReader.parse(try String(contentsOfFile: batch + "/manifest.json", encoding: .utf8).trimmingCharacters(in: .newlines))
        #expect(manifest["test"] == .bool(true))
        var blocks = 0
        for name in names where name.hasSuffix(".abi") {
            for line in try String(contentsOfFile: batch + "/" + name, encoding: .utf8).split(separator: "\n") where line.hasPrefix("B") {
                #expect(Array(line)[59..<80].map(String.init).joined() == "DRILL" + String(repeating: " ", count: 16))
                blocks += 1
            }
        }
        #expect(blocks >= 2)
        let html = try String(contentsOfFile: result.reportPath, encoding: .utf8)
        #expect(html.contains("class=\"drill-banner\"") && html.contains("<title>DRILL - ") && html.contains("@media print"))
        // The story ends with every entry accounted for, as a real outage must.
        let accounting = try Accounting.load(try Ledger.open(path: result.ledgerPath), now: Int64(Date().timeIntervalSince1970))
        #expect(accounting.entries.count == 4 && accounting.unaccounted.isEmpty)
        let notice = try String(contentsOfFile: result.notices[0], encoding: .utf8)
        #expect(notice.hasPrefix("*** DRILL") && notice.contains("12-3456789AB"))
    }

    @Test func aDrillLedgerSaysSoInItsSignedGenesisAndVerifies() throws {
        let (office, result) = try runDrill()
        let ledger = try Ledger.open(path: result.ledgerPath)
        #expect(ledger.genesis.drill)
        #expect(ledger.genesis.broker == "Harbor Point Customs Brokerage LLC" && ledger.genesis.port == "4103")
        let v = try office.run(["--ledger", "drill/" + Drill.ledgerName, "verify", "--trust", "drill/keys/supervisor.key.pub", "--json"])
        v.expectStatus(0)
        #expect(try JSONReader.parse(v.stdout.trimmingCharacters(in: .newlines))["drill"] == .bool(true))
        // The names are the office's own.
        #expect(try ledger.store.keys().map(\.name).sorted() == ["Alice Moreno", "Bob Tanaka", "Dana Whitfield"])
    }

    @Test func removingTheDrillMarkFromTheGenesisBreaksItsSignature() throws {
        let (_, result) = try runDrill()
        let store = try LedgerStore.open(path: result.ledgerPath)
        let genesis = try #require(try store.record(at: 0))
        let text = String(decoding: genesis.record.payload, as: UTF8.self)
        #expect(text.contains("\"drill\":true,"))
        let real = text.replacingOccurrences(of: "\"drill\":true,", with: "")
        try store.executeRawSQLForTamperTest("DROP TRIGGER records_refuse_update; UPDATE records SET payload = x'\(Hex.encode(Array(real.utf8)))' WHERE seq = 0")
        let key = try KeyFile.loadPublic(result.supervisorPublicKey)
        let report = try Verifier(trusting: key).verify(store: try LedgerStore.open(path: result.ledgerPath))
        #expect(!report.ok)
        #expect(report.problems.compactMap(\.seq).min() == 0)
    }

    @Test func aGenesisWithDrillFalseIsMalformed() throws {
        let key = LedgerSigningKey(name: "Dana Whitfield")
        var body = GenesisBody(ledgerID: String(repeating: "ab", count: 16), filer: "EL7", port: "4103", broker: "B", supervisor: key.publicKey).json
        #expect(body["drill"] == nil)
        #expect(try GenesisBody(json: body).drill == false)
        if case .object(var o) = body { o["drill"] = .bool(false); body = .object(o) }
        #expect(throws: RecordFormatError.self) { try GenesisBody(json: body) }
    }

    @Test func theRealReplayOfADrillLedgerIsRefusedAndDrillIsRefusedOnARealLedger() throws {
        let (office, _) = try runDrill()
        let env = ["ENTRYLEDGER_ABI_PASSWORD": "XPASS1"]
        let refused = try CLI.run(["--ledger", "drill/" + Drill.ledgerName, "replay", "--out", "r", "--site", "EL01", "--key", "drill/keys/supervisor.key"], in: office.path, env: env)
        refused.expectStatus(2)
        #expect(refused.stderr.contains("DRILL ledger") && refused.stderr.contains("--drill"))
        #expect(!FileManager.default.fileExists(atPath: office.file("r")))
        _ = try Demo.run(in: office.file("demo")) { _ in }
        let real = try CLI.run(["--ledger", "demo/entryledger.db", "replay", "--drill", "--out", "r2", "--site", "EL01", "--key", "demo/keys/supervisor.key"], in: office.path, env: env)
        real.expectStatus(2)
        #expect(real.stderr.contains("is a real ledger"))
        // The real ledger's batches carry no mark.
        let demoBatch = office.file("demo/replay-1/B0001")
        #expect(try FileManager.default.contentsOfDirectory(atPath: demoBatch).sorted() == ["B0001-AE.abi", "B0001-SE.abi", "manifest.json"])
        #expect(try JSONReader.parse(try String(contentsOfFile: demoBatch + "/manifest.json", encoding: .utf8).trimmingCharacters(in: .newlines))["test"] == nil)
    }

    @Test func theDrillCommandRunsStraightThroughAndRefusesAFolderInUse() throws {
        let office = try OfficeFolder()
        let r = try office.run(["drill", "--dir", "d", "--non-interactive"])
        r.expectStatus(0)
        #expect(r.stdout.contains("Time per step:") && r.stdout.contains("Step 12."))
        #expect(!r.stdout.contains("Press Enter"))
        let again = try office.run(["drill", "--dir", "d", "--non-interactive"])
        again.expectStatus(2)
        // Interactive: waits at each step for a line on standard input.
        let interactive = try office.run(["drill", "--dir", "d2"], stdin: String(repeating: "\n", count: 12))
        interactive.expectStatus(0)
        #expect(interactive.stdout.components(separatedBy: "Press Enter").count - 1 == 12)
    }
}

@Suite struct InitFromProfile {
    @Test func initTakesBrokerFilerPortAndClerksFromTheProfile() throws {
        let office = try OfficeFolder()
        try FileManager.default.createDirectory(atPath: office.file("keys"), withIntermediateDirectories: true)
        for (name, file) in [("Dana Whitfield", "supervisor"), ("Alice Moreno", "alice"), ("Bob Tanaka", "bob")] {
            try office.run(["key", "new", "--name", name, "--out", "keys/\(file).key"]).expectStatus(0)
        }
        try office.run(["profile", "check"]).expectStatus(0)
        let r = try office.run(["init", "--profile", OfficeProfile.defaultPath, "--key", "keys/supervisor.key"])
        r.expectStatus(0)
        let ledger = try Ledger.open(path: office.file("entryledger.db"))
        #expect(ledger.genesis.filer == "EL7" && ledger.genesis.port == "4103" && ledger.genesis.broker == "Harbor Point Customs Brokerage LLC" && !ledger.genesis.drill)
        #expect(try ledger.store.keys().filter { $0.role == .clerk }.map(\.name).sorted() == ["Alice Moreno", "Bob Tanaka"])
        let note = try #require(try IncidentTimeline.load(ledger).events.last)
        #expect(note.headline.contains("cbp-soc: CBP Security Operations Center") && note.headline.contains("SHA-256"))
    }

    @Test func initWithAMissingClerkKeyWritesNothing() throws {
        let office = try OfficeFolder()
        try FileManager.default.createDirectory(atPath: office.file("keys"), withIntermediateDirectories: true)
        try office.run(["key", "new", "--name", "Dana Whitfield", "--out", "keys/supervisor.key"]).expectStatus(0)
        let r = try office.run(["init", "--profile", OfficeProfile.defaultPath, "--key", "keys/supervisor.key"])
        r.expectStatus(2)
        #expect(r.stderr.contains("people[1].public_key \"keys/alice.key.pub\"") && r.stderr.contains("people[2].public_key \"keys/bob.key.pub\""))
        #expect(!FileManager.default.fileExists(atPath: office.file("entryledger.db")))
    }
}
