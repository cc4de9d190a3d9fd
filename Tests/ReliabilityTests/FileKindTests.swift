import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// FIFOs, devices and links where a command expects a regular file: refused at once with a
/// clear error (exit 2, or a verify problem), never read, never blocking.
@Suite struct FileKinds {
    /// Runs the binary; a child still running after 300 s is killed and the case fails as a
    /// hang (a guard against a test that never ends, not a time limit on speed).
    static func run(_ args: [String], in dir: String) throws -> CLI.Result {
        try CLI.run(args, in: dir, killAfter: 300)
    }

    @Test func aFIFOOrADeviceGivenAsAnInputFileIsRefusedWithoutBlocking() throws {
        let w = try Workspace()
        #expect(mkfifo(w.file("pipe"), 0o600) == 0)
        // Someone holds the FIFO open for writing and never writes: a blocking read would hang.
        let writer = open(w.file("pipe"), O_RDWR | O_NONBLOCK)
        defer { close(writer) }
        for input in ["pipe", "/dev/zero"] {
            let cases: [[String]] = [
                ["entry", "add", "--file", input, "--key", "alice.key"],
                ["entry", "import", "--file", input, "--key", "alice.key"],
                ["ack", "--file", input, "--key", "sup.key"],
                ["authorize", "--reference", "R", "--checkpoint", input, "--reviewer", "x+1+AA", "--key", "sup.key"],
                ["verify", "--trust", "sup.key.pub", "--checkpoint", input],
                ["verify", "--trust", input],
                ["clerk", "enroll", "--name", "Eve", "--public-key", input, "--key", "sup.key"],
                ["incident", "log", "--text", "x", "--key", input],
            ]
            for args in cases {
                let r = try Self.run(args, in: w.path)
                #expect(r.exited && r.status == 2, "\(args): exit \(r.status) \(r.stderr)")
                // A key file's mode is checked first: /dev/zero (mode 666) is refused for that.
                let named = r.stderr.contains("not a regular file") || (args.contains("--key") && args.last == input && r.stderr.contains("mode"))
                #expect(named, "\(args): \(r.stderr)")
            }
        }
        #expect(try Ledger.open(path: w.ledgerPath).store.count() == 3, "nothing was written")
    }

    @Test func aFIFOOrDeviceLinkAsTheLedgerOrTheBundleFilesIsRefused() throws {
        let w = try Workspace(notes: 2)
        #expect(try Self.run(["export", "--out", "bundle", "--ledger", w.ledgerPath], in: w.path).status == 0)
        let b = w.file("bundle")
        // ledger.jsonl a link to /dev/zero: refused as a link, exit 2.
        try FileManager.default.moveItem(atPath: b + "/ledger.jsonl", toPath: w.file("saved.jsonl"))
        try FileManager.default.createSymbolicLink(atPath: b + "/ledger.jsonl", withDestinationPath: "/dev/zero")
        var r = try Self.run(["verify", "--bundle", "bundle", "--trust", "sup.key.pub"], in: w.path)
        #expect(r.status == 2 && r.stderr.contains("symbolic link"), "\(r.stderr)")
        // A link to a good copy outside the bundle: refused too (nothing may point out of it).
        try FileManager.default.removeItem(atPath: b + "/ledger.jsonl")
        try FileManager.default.createSymbolicLink(atPath: b + "/ledger.jsonl", withDestinationPath: w.file("saved.jsonl"))
        r = try Self.run(["verify", "--bundle", "bundle", "--trust", "sup.key.pub"], in: w.path)
        #expect(r.status == 2 && r.stderr.contains("symbolic link"), "\(r.stderr)")
        // A FIFO as ledger.jsonl.
        try FileManager.default.removeItem(atPath: b + "/ledger.jsonl")
        #expect(mkfifo(b + "/ledger.jsonl", 0o600) == 0)
        r = try Self.run(["verify", "--bundle", "bundle", "--trust", "sup.key.pub"], in: w.path)
        #expect(r.status == 2 && r.stderr.contains("FIFO"), "\(r.stderr)")
        // The ledger file itself a FIFO.
        #expect(mkfifo(w.file("fifo.db"), 0o600) == 0)
        r = try Self.run(["status", "--ledger", "fifo.db"], in: w.path)
        #expect(r.status == 2 && r.stderr.contains("FIFO"), "\(r.stderr)")
    }

    @Test func evidenceAndCheckpointLinksLeavingTheBundleAreProblemsNotReads() throws {
        let w = try Workspace()
        let ledger = try Ledger.open(path: w.ledgerPath)
        try ledger.openIncident(IncidentOpenBody(discoveredAt: "2026-11-27T06:10:00Z", summary: "Ransomware", systems: ["ABI server"], exposedImporters: []),
                                signer: w.supervisor)
        try "forensic report\n".write(toFile: w.file("report.txt"), atomically: true, encoding: .utf8)
        try ledger.addEvidence(file: w.file("report.txt"), description: "report", signer: w.supervisor)
        #expect(try Self.run(["export", "--out", "bundle", "--ledger", w.ledgerPath], in: w.path).status == 0)
        let evidence = w.file("bundle/evidence")
        let stored = try #require(try FileManager.default.contentsOfDirectory(atPath: evidence).first)
        // The same bytes, but through a link out of the bundle.
        try FileManager.default.moveItem(atPath: evidence + "/" + stored, toPath: w.file("outside"))
        try FileManager.default.createSymbolicLink(atPath: evidence + "/" + stored, withDestinationPath: w.file("outside"))
        let r = try Self.run(["verify", "--bundle", "bundle", "--trust", "sup.key.pub"], in: w.path)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.contains("symbolic link"), "\(r.stdout)")
        // A FIFO in the bundle's checkpoints/ is a problem, and verify goes on.
        try FileManager.default.createDirectory(atPath: w.file("bundle/checkpoints"), withIntermediateDirectories: true)
        #expect(mkfifo(w.file("bundle/checkpoints/cp-fifo.txt"), 0o600) == 0)
        let r2 = try Self.run(["verify", "--bundle", "bundle", "--trust", "sup.key.pub"], in: w.path)
        #expect(r2.status == 1 && r2.stdout.contains("cp-fifo.txt") && r2.stdout.contains("FIFO"), "\(r2.stdout)")
    }

    /// A ledger whose `records` is a recursive VIEW (reading it would never end), or which has
    /// a table or trigger the schema does not make, is refused on open, before any read.
    @Test func aLedgerWhoseSchemaIsNotTheLedgersIsRefusedOnOpen() throws {
        let cases: [(String, String)] = [
            ("a records VIEW", """
                DROP TABLE records;
                CREATE VIEW records(seq, payload, signature, hash, kind, key_id, time) AS
                  WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n) SELECT i, x'00', x'00', x'00', 'note', 'k', 't' FROM n;
                """),
            ("an extra trigger", "CREATE TRIGGER sneaky AFTER INSERT ON records BEGIN SELECT 1; END;"),
            ("an extra table", "CREATE TABLE extra (x INTEGER);"),
            ("a changed table", "DROP TABLE reserved_ranges; CREATE TABLE reserved_ranges (filer TEXT, first_serial INTEGER, last_serial INTEGER, seq INTEGER);"),
        ]
        for (name, sql) in cases {
            let w = try Workspace(notes: 1)
            try LedgerStore.open(path: w.ledgerPath).executeRawSQLForTamperTest(sql)
            #expect(throws: StoreError.self, "\(name)") { _ = try LedgerStore.open(path: w.ledgerPath) }
            #expect(throws: StoreError.self, "\(name), read-only") { _ = try LedgerStore.open(path: w.ledgerPath, readOnly: true) }
            let r = try Self.run(["verify", "--trust", "sup.key.pub"], in: w.path)
            #expect(r.status == 2 && r.stderr.contains("schemas/ledger.sql"), "\(name): \(r.stderr)")
        }
        // Dropped append-only triggers (how an attacker edits rows) still open: verify judges the rows.
        let w = try Workspace(notes: 1)
        try LedgerStore.open(path: w.ledgerPath).executeRawSQLForTamperTest("DROP TRIGGER records_refuse_update")
        #expect(try w.verify().ok)
    }
}
