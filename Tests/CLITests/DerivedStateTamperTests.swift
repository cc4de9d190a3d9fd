import Foundation
import Testing

@testable import EntryLedger
@_spi(Testing) @testable import LedgerSQLite
import TestSupport

/// An attacker with write access to the ledger file edits one column of one table with SQL.
/// Whatever the column, `verify` reports it (exit 1), and the commands that sign, send or
/// export over the ledger refuse it (exit 1) and write nothing.
@Suite struct DerivedStateTamper {
    /// One edit: what it does, and the SQL that does it (run with the append-only triggers
    /// dropped and CHECK constraints off, as an attacker's own connection would).
    struct Edit: CustomStringConvertible {
        let table: String
        let column: String
        let sql: String
        var description: String { "\(table).\(column)" }
    }

    static let bob = "(SELECT key_id FROM keys WHERE name = 'Bob Tanaka')"
    static let firstAdd = "(SELECT min(seq) FROM records WHERE kind = 'entry.add')"
    static let firstBatch = "(SELECT min(seq) FROM records WHERE kind = 'replay.batch')"
    static let edits: [Edit] = [
        // records: every column; kind changes are the (an entry vanishes, a batch is forgotten).
        Edit(table: "records", column: "seq", sql: "UPDATE records SET seq = seq + 1000 WHERE seq = (SELECT max(seq) FROM records)"),
        Edit(table: "records", column: "seq (a row at -1)", sql: "INSERT INTO records SELECT -1, payload, signature, randomblob(32), kind, key_id, time FROM records WHERE seq = 5"),
        Edit(table: "records", column: "payload", sql: "UPDATE records SET payload = CAST(replace(CAST(payload AS TEXT), 'Downtime', 'Uptime') AS BLOB) WHERE kind = 'incident.note'"),
        Edit(table: "records", column: "signature", sql: "UPDATE records SET signature = zeroblob(64) WHERE seq = 5"),
        Edit(table: "records", column: "hash", sql: "UPDATE records SET hash = randomblob(32) WHERE seq = 5"),
        Edit(table: "records", column: "kind (entry.add)", sql: "UPDATE records SET kind = 'incident.note' WHERE seq = \(firstAdd)"),
        Edit(table: "records", column: "kind (replay.batch)", sql: "UPDATE records SET kind = 'incident.note' WHERE seq = \(firstBatch)"),
        Edit(table: "records", column: "key_id", sql: "UPDATE records SET key_id = \(bob) WHERE seq = \(firstAdd)"),
        Edit(table: "records", column: "time", sql: "UPDATE records SET time = '2026-01-01T00:00:00Z' WHERE seq = 5"),
        // keys: a clerk made supervisor, renamed, re-keyed, re-dated, revoked or unrevoked.
        Edit(table: "keys", column: "key_id", sql: "UPDATE keys SET key_id = '00000000000000000000000000000000' WHERE name = 'Bob Tanaka'"),
        Edit(table: "keys", column: "name", sql: "UPDATE keys SET name = 'Mallory' WHERE name = 'Bob Tanaka'"),
        Edit(table: "keys", column: "role", sql: "UPDATE keys SET role = 'supervisor' WHERE name = 'Bob Tanaka'"),
        Edit(table: "keys", column: "public_key", sql: "UPDATE keys SET public_key = randomblob(32) WHERE name = 'Bob Tanaka'"),
        Edit(table: "keys", column: "enrolled_seq", sql: "UPDATE keys SET enrolled_seq = 0 WHERE name = 'Bob Tanaka'"),
        Edit(table: "keys", column: "revoked_seq", sql: "UPDATE keys SET revoked_seq = 3 WHERE name = 'Bob Tanaka'"),
        Edit(table: "keys", column: "(a row added)", sql: "INSERT INTO keys VALUES ('11111111111111111111111111111111', 'Eve', 'supervisor', randomblob(32), 1, NULL)"),
        // entries: a number freed, moved, unvoided.
        Edit(table: "entries", column: "entry_number", sql: "UPDATE entries SET entry_number = 'EL7-1000099-2' WHERE added_seq = \(firstAdd)"),
        Edit(table: "entries", column: "added_seq", sql: "UPDATE entries SET added_seq = added_seq + 1 WHERE added_seq = \(firstAdd)"),
        Edit(table: "entries", column: "voided_seq", sql: "UPDATE entries SET voided_seq = NULL WHERE voided_seq IS NOT NULL"),
        Edit(table: "entries", column: "(a row deleted)", sql: "DELETE FROM entries WHERE added_seq = \(firstAdd)"),
        // reserved_ranges: every column.
        Edit(table: "reserved_ranges", column: "filer", sql: "UPDATE reserved_ranges SET filer = 'ZZ9'"),
        Edit(table: "reserved_ranges", column: "first_serial", sql: "UPDATE reserved_ranges SET first_serial = first_serial + 50"),
        Edit(table: "reserved_ranges", column: "last_serial", sql: "UPDATE reserved_ranges SET last_serial = last_serial + 1000"),
        Edit(table: "reserved_ranges", column: "seq", sql: "UPDATE reserved_ranges SET seq = seq + 1"),
    ]

    /// The demo's folder, made once: a whole outage with keys, entries, a reserved range,
    /// checkpoints, an authorisation, two batches and ACE's answers.
    static let demo: String = {
        let dir = NSTemporaryDirectory() + "el-derived-" + UUID().uuidString
        _ = try? CLI.run(["demo", "--dir", dir + "/demo"], in: NSTemporaryDirectory())
        return dir + "/demo"
    }()

    @Test(arguments: edits)
    func anEditOfAnyColumnIsReportedByVerifyAndRefusedByTheCommandsThatActOnTheLedger(_ edit: Edit) throws {
        let dir = NSTemporaryDirectory() + "el-derived-case-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: Self.demo, toPath: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ledger = dir + "/entryledger.db"
        try CLI.run(["--ledger", ledger, "verify", "--trust", "keys/supervisor.key.pub"], in: dir).expectSuccess()

        let store = try LedgerStore.open(path: ledger)
        try store.executeRawSQLForTamperTest("""
            DROP TRIGGER records_refuse_update; DROP TRIGGER records_refuse_delete; PRAGMA ignore_check_constraints = ON;
            BEGIN; \(edit.sql); COMMIT;
            """)
        let before = try store.count()

        let verify = try CLI.run(["--ledger", ledger, "verify", "--trust", "keys/supervisor.key.pub"], in: dir)
        #expect(verify.status == 1, "\(edit): verify exited \(verify.status): \(verify.stdout)")
        for args in [["checkpoint", "--key", "keys/supervisor.key", "--out", "cp-after.txt"], ["export", "--out", "bundle-after"]] {
            let r = try CLI.run(["--ledger", ledger] + args, in: dir)
            #expect(r.status == 1, "\(edit): \(args[0]) exited \(r.status): \(r.stderr)")
            #expect(r.stderr.contains("does not verify"), "\(edit): \(args[0]) said \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir + "/cp-after.txt"))
        }
        #expect(try store.count() == before, "\(edit): a refused command appended a record")
        #expect(!FileManager.default.fileExists(atPath: dir + "/bundle-after/ledger.jsonl"))
    }

    @Test func aRecordEditedInPlaceIsNamedBySeqWhenCheckpointRefuses() throws {
        let dir = NSTemporaryDirectory() + "el-derived-seq-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: Self.demo, toPath: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ledger = dir + "/entryledger.db"
        let store = try LedgerStore.open(path: ledger)
        try store.executeRawSQLForTamperTest("DROP TRIGGER records_refuse_update; UPDATE records SET kind = 'incident.note' WHERE seq = \(Self.firstAdd)")
        let seq = try #require(try store.seqs(ofKind: "incident.note").first { s in
            (try? store.record(at: s)).flatMap { $0.map { String(decoding: $0.record.payload, as: UTF8.self).contains("\"kind\":\"entry.add\"") } } == true
        })
        let r = try CLI.run(["--ledger", ledger, "checkpoint", "--key", "keys/supervisor.key", "--out", "cp.txt"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("seq \(seq):"), "checkpoint should name seq \(seq): \(r.stderr)")
    }
}
