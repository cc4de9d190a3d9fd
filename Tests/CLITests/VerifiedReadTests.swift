import Foundation
import Testing

@_spi(Testing) @testable import LedgerSQLite
import TestSupport

/// `ack` signs over the ledger and `report` is what the broker hands CBP: both verify first and
/// refuse (exit 1) a ledger that does not. `status`, `entry list` and `entry show` show nothing
/// that the verification did not prove: on such a ledger they print the problems and exit 1.
/// Each writes nothing when it refuses; on the honest ledger each works.
@Suite struct VerifiedRead {
    struct Edit: CustomStringConvertible {
        let what: String
        let sql: String
        var description: String { what }
    }

    static let firstAdd = "(SELECT min(seq) FROM records WHERE kind = 'entry.add')"
    static let edits: [Edit] = [
        Edit(what: "a derived table row (an entry unvoided)", sql: "UPDATE entries SET voided_seq = NULL WHERE voided_seq IS NOT NULL"),
        Edit(what: "an index column (an entry.add's kind)", sql: "UPDATE records SET kind = 'incident.note' WHERE seq = \(firstAdd)"),
        Edit(what: "a record byte (the first entry's payload)",
             sql: "UPDATE records SET payload = CAST(replace(CAST(payload AS TEXT), '\"entry_type\":\"01\"', '\"entry_type\":\"11\"') AS BLOB) WHERE seq = \(firstAdd)"),
    ]

    /// The demo's folder, made once: entries, checkpoints, an authorisation, two batches, ACE's answers.
    static let demo: String = {
        let dir = NSTemporaryDirectory() + "el-verified-read-" + UUID().uuidString
        _ = try? CLI.run(["demo", "--dir", dir + "/demo"], in: NSTemporaryDirectory())
        return dir + "/demo"
    }()

    /// The commands, each with what its success looks like.
    static let commands: [[String]] = [
        ["ack", "--file", "ace-response-2-sx.txt", "--key", "keys/supervisor.key"],
        ["report", "--format", "csv", "--out", "report-after.csv"],
        ["status"],
        ["entry", "list"],
        ["entry", "show", "--number", "EL7-1000001-8"],
    ]

    func copy() throws -> String {
        let dir = NSTemporaryDirectory() + "el-verified-read-case-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: Self.demo, toPath: dir)
        return dir
    }

    @Test func onTheHonestLedgerEachCommandWorksAndTheReadsSayTheyVerified() throws {
        let dir = try copy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for args in Self.commands {
            let r = try CLI.run(["--ledger", dir + "/entryledger.db"] + args, in: dir)
            #expect(r.status == 0, "\(args): exit \(r.status): \(r.stderr)")
            if ["status", "entry"].contains(args[0]) {
                #expect(r.stdout.contains("Verified: "), "\(args) should print its verdict: \(r.stdout)")
            }
        }
        #expect(try CLI.run(["--ledger", dir + "/entryledger.db", "status"], in: dir).stdout.hasPrefix("Verified: "))
        #expect(FileManager.default.fileExists(atPath: dir + "/report-after.csv"))
        let json = try CLI.run(["--ledger", dir + "/entryledger.db", "status", "--json"], in: dir)
        #expect(json.stdout.contains("\"verified\":{"), "\(json.stdout)")
    }

    @Test(arguments: edits)
    func anEditedLedgerIsRefusedByEachCommandWhichWritesNothing(_ edit: Edit) throws {
        let dir = try copy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ledger = dir + "/entryledger.db"
        let store = try LedgerStore.open(path: ledger)
        try store.executeRawSQLForTamperTest("""
            DROP TRIGGER records_refuse_update; DROP TRIGGER records_refuse_delete; PRAGMA ignore_check_constraints = ON;
            BEGIN; \(edit.sql); COMMIT;
            """)
        let before = try store.count()
        let responses = try FileManager.default.contentsOfDirectory(atPath: dir + "/entryledger-responses").sorted()
        for args in Self.commands {
            let r = try CLI.run(["--ledger", ledger] + args, in: dir)
            #expect(r.status == 1, "\(edit): \(args) exited \(r.status): \(r.stdout) \(r.stderr)")
            #expect(r.stderr.contains("does not verify"), "\(edit): \(args) said \(r.stderr)")
            #expect(!r.stdout.contains("EL7-1000001-8"), "\(edit): \(args) showed entries it did not prove: \(r.stdout)")
            if edit.what.hasPrefix("a record byte") || edit.what.hasPrefix("an index") {
                #expect(r.stderr.contains("seq "), "\(edit): \(args) should name the seq: \(r.stderr)")
            }
        }
        #expect(try store.count() == before, "\(edit): a refused ack appended a record")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/entryledger-responses").sorted() == responses)
        #expect(!FileManager.default.fileExists(atPath: dir + "/report-after.csv"))
    }
}
