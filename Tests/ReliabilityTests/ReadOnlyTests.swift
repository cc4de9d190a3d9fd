import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// An auditor with a read-only copy (a read-only file in a read-only folder, no `-wal` or
/// `-shm`) can run every reading command, and nothing is written: no `-wal` or `-shm`
/// appears, the file's bytes and mtime are unchanged.
///
/// The tests run as root, for whom chmod stops no write; the commands run as `nobody`
/// through `setpriv`, for whom it does.
@Suite struct ReadOnlyCopies {
    static let setpriv = "/usr/bin/setpriv"
    static let asNobody = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]

    @Test func anAuditorCanVerifyListReportAndExportFromAReadOnlyCopy() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.setpriv), "setpriv is needed to run a command as an unprivileged user")
        let w = try Workspace(notes: 3)
        do {
            let ledger = try Ledger.open(path: w.ledgerPath)
            try ledger.addEntries([try JSONReader.parse([UInt8](Data(contentsOf: EntryWrites.sampleURL)))], signer: w.alice)
        }
        try w.checkpoint()
        let ro = w.file("ro")
        try FileManager.default.createDirectory(atPath: ro, withIntermediateDirectories: false)
        try FileManager.default.copyItem(atPath: w.ledgerPath, toPath: ro + "/entryledger.db")
        try FileManager.default.copyItem(atPath: w.file("sup.key.pub"), toPath: ro + "/sup.key.pub")
        let out = w.file("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        #expect(chmod(w.path, 0o755) == 0 && chmod(out, 0o777) == 0)
        #expect(chmod(ro + "/entryledger.db", 0o444) == 0 && chmod(ro + "/sup.key.pub", 0o444) == 0 && chmod(ro, 0o555) == 0)
        defer { _ = chmod(ro, 0o755) }
        let db = ro + "/entryledger.db"
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let mtime = try FileManager.default.attributesOfItem(atPath: db)[.modificationDate] as? Date
        #expect(!FileManager.default.fileExists(atPath: db + "-wal"))

        let commands: [[String]] = [
            ["verify", "--trust", ro + "/sup.key.pub"],
            ["status"],
            ["entry", "list"],
            ["entry", "show", "--number", "EL7-1000001-8"],
            ["report", "--format", "csv"],
            ["clerk", "list"],
            ["incident", "show"],
            ["export", "--out", out + "/bundle"],
        ]
        for args in commands {
            let r = try Measured.run(["--ledger", db] + args, in: w.path, prefix: Self.asNobody)
            #expect(r.status == 0, "\(args): exit \(r.status): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: db + "-wal") && !FileManager.default.fileExists(atPath: db + "-shm"),
                    "\(args) left a -wal or -shm file beside the read-only copy")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before, "the copy's bytes changed")
        #expect(try FileManager.default.attributesOfItem(atPath: db)[.modificationDate] as? Date == mtime)
        // The bundle exported from the read-only copy verifies.
        let v = try Measured.run(["verify", "--bundle", out + "/bundle", "--trust", ro + "/sup.key.pub"], in: w.path)
        #expect(v.status == 0, "\(v.stdout) \(v.stderr)")
        // A writing command is refused cleanly, and writes nothing either.
        let write = try Measured.run(["--ledger", db, "incident", "log", "--text", "x", "--key", "alice.key"], in: w.path, prefix: Self.asNobody)
        #expect(write.status == 2, "\(write.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }

    /// A live ledger (its folder writable, a writer's `-wal` present) is read through SQLite's
    /// locks, not as immutable: records a clerk committed a moment ago are seen.
    @Test func aReadOnlyOpenOfALiveLedgerSeesWhatTheWALHolds() throws {
        let w = try Workspace(notes: 2)
        let writer = try Ledger.open(path: w.ledgerPath)
        try writer.note("committed just now, still in the WAL", signer: w.alice)
        #expect(FileManager.default.fileExists(atPath: w.ledgerPath + "-wal"))
        #expect(LedgerStore.readOnlyMode(w.ledgerPath) == .readOnly)
        let reader = try LedgerStore.open(path: w.ledgerPath, readOnly: true)
        #expect(try reader.count() == 6)
        #expect(throws: StoreError.self) { try reader.executeRawSQLForTamperTest("INSERT INTO extra VALUES (1)") }
    }
}
