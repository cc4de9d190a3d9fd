import Foundation
import Testing
import TestSupport

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

@Suite(.serialized) struct CommandLineRuns {
    @Test func verifyExitsZeroOnAWholeLedgerAndOneOnATamperedOne() throws {
        let w = try CLIWorkspace()
        try CLI.run(["incident", "log", "--text", "SOC notified", "--key", "alice.key"], in: w.path).expectSuccess()
        let ok = try CLI.run(["verify", "--trust", "sup.key.pub"], in: w.path)
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("OK: 4 records"))
        let json = try CLI.run(["verify", "--trust", "sup.key.pub", "--json"], in: w.path)
        #expect(try JSONReader.parse(json.stdout.trimmingCharacters(in: .newlines))["ok"] == .bool(true))

        let store = try LedgerStore.open(path: w.file("entryledger.db"))
        try store.executeRawSQLForTamperTest("DROP TRIGGER records_refuse_delete; DELETE FROM records WHERE seq = 2")
        let bad = try CLI.run(["verify", "--trust", "sup.key.pub", "--json"], in: w.path)
        #expect(bad.status == 1)
        let report = try JSONReader.parse(bad.stdout.trimmingCharacters(in: .newlines))
        #expect(report["ok"] == .bool(false))
        #expect(report["problems"]?.arrayValue?.first?["seq"] == .int(2))
    }

    @Test func ledgerOptionWorksBeforeAndAfterTheSubcommand() throws {
        let w = try CLIWorkspace()
        try FileManager.default.moveItem(atPath: w.file("entryledger.db"), toPath: w.file("moved.db"))
        try CLI.run(["--ledger", "moved.db", "incident", "log", "--text", "before", "--key", "bob.key"], in: w.path).expectSuccess()
        try CLI.run(["incident", "log", "--text", "after", "--key", "bob.key", "--ledger", "moved.db"], in: w.path).expectSuccess()
        try CLI.run(["incident", "log", "--text", "env"], in: w.path, env: ["ENTRYLEDGER_LEDGER": "moved.db", "ENTRYLEDGER_KEY": "bob.key"]).expectSuccess()
        let list = try CLI.run(["clerk", "list", "--json", "--ledger", "moved.db"], in: w.path)
        #expect(list.status == 0)
        #expect(try JSONReader.parse(list.stdout.trimmingCharacters(in: .newlines)).arrayValue?.count == 3)
        #expect(try LedgerStore.open(path: w.file("moved.db")).count() == 6)
    }

    @Test func badInputExitsTwoWithAClearMessageAndChangesNothing() throws {
        let w = try CLIWorkspace()
        try FileManager.default.copyItem(atPath: w.file("alice.key"), toPath: w.file("open.key"))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: w.file("open.key"))
        _ = FileManager.default.createFile(atPath: w.file("corrupt.key"), contents: Data("{not a key".utf8), attributes: [.posixPermissions: 0o600])
        try CLI.run(["key", "new", "--name", "Sealed", "--out", "sealed.key", "--seal"], in: w.path, env: ["ENTRYLEDGER_KEY_PASSPHRASE": "north pier lantern 9"]).expectSuccess()
        try CLI.run(["clerk", "enroll", "--name", "Sealed", "--public-key", "sealed.key.pub", "--key", "sup.key"], in: w.path).expectSuccess()
        _ = FileManager.default.createFile(atPath: w.file("notaledger.db"), contents: Data("just text".utf8))
        let before = try w.ledgerDigest()

        let cases: [(args: [String], env: [String: String], says: String)] = [
            (["incident", "log", "--text", "x", "--key", "missing.key"], [:], "missing.key does not exist"),
            (["incident", "log", "--text", "x", "--key", "corrupt.key"], [:], "not a valid EntryLedger key"),
            (["incident", "log", "--text", "x", "--key", "open.key"], [:], "can be read by other users"),
            (["incident", "log", "--text", "x", "--key", "sealed.key"], ["ENTRYLEDGER_KEY_PASSPHRASE": "wrong"], "wrong passphrase"),
            (["incident", "log", "--text", "x", "--key", "sealed.key"], [:], "sealed with a passphrase"),
            (["incident", "log", "--text", "   ", "--key", "alice.key"], [:], "must not be empty"),
            (["incident", "log", "--text", "x", "--key", "alice.key", "--ledger", "notaledger.db"], [:], "not an EntryLedger ledger"),
            (["incident", "log", "--text", "x", "--key", "alice.key", "--ledger", "nope.db"], [:], "no ledger at nope.db"),
            (["clerk", "enroll", "--name", "Mallory", "--public-key", "bob.key.pub", "--key", "alice.key"], [:], "is for \"Bob\""),
            (["clerk", "revoke", "--name", "Bob", "--key", "alice.key"], [:], "may not sign key.revoke records"),
            (["init", "--filer", "EL7", "--port", "4103", "--broker", "X", "--key", "sup.key"], [:], "already exists"),
            (["verify", "--trust", "corrupt.key"], [:], "not a valid EntryLedger key"),
            (["incident", "log", "--key", "alice.key"], [:], "Missing expected argument '--text"),
            (["no-such-command"], [:], "Unexpected argument"),
        ]
        for c in cases {
            let r = try CLI.run(c.args, in: w.path, env: c.env)
            #expect(r.status == 2, "\(c.args): exit \(r.status) \(r.stderr)")
            #expect(r.stderr.contains(c.says), "\(c.args): \(r.stderr)")
        }
        #expect(try w.ledgerDigest() == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: w.file("notaledger.db"))) == Data("just text".utf8))
        // The sealed key works with its passphrase.
        try CLI.run(["incident", "log", "--text", "ok", "--key", "sealed.key"], in: w.path, env: ["ENTRYLEDGER_KEY_PASSPHRASE": "north pier lantern 9"]).expectSuccess()
    }

    @Test func helpExitsZero() throws {
        let r = try CLI.run(["--help"], in: NSTemporaryDirectory())
        #expect(r.status == 0)
        #expect(r.stdout.contains("verify"))
        #expect(!r.stdout.contains("stress-append"))
    }

    @Test func fourProcessesAppendingAtOnceMakeOneGaplessChain() throws {
        let w = try CLIWorkspace()
        let writers = try ["alice", "bob", "alice", "bob"].enumerated().map { i, who in
            try CLI.start(["stress-append", "--count", "60", "--label", "w\(i)", "--key", "\(who).key"], in: w.path)
        }
        var printed: [Int64] = []
        for (p, out) in writers {
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
            printed += text.split(separator: "\n").compactMap { Int64($0) }
        }
        #expect(printed.count == 240)
        #expect(Set(printed).count == 240)
        let store = try LedgerStore.open(path: w.file("entryledger.db"))
        #expect(try store.count() == 243)
        let r = try CLI.run(["verify", "--trust", "sup.key.pub"], in: w.path)
        #expect(r.status == 0, "\(r.stdout)")
    }

    @Test func theDemoRunsAndCatchesItsTamper() throws {
        let dir = NSTemporaryDirectory() + "el-demo-" + UUID().uuidString
        let r = try CLI.run(["demo", "--dir", dir], in: NSTemporaryDirectory())
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("FAILED, as it should"))
        // The record the demo edits is the one verify names first.
        let edited = try #require(r.stdout.firstMatch(of: /edits one byte of record (\d+)/)).1
        #expect(r.stdout.contains("seq \(edited): signature does not verify"))
        try? FileManager.default.removeItem(atPath: dir)
    }
}
