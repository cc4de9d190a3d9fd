import Foundation
import Testing

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

private let fast = KeyFile.ScryptParameters(logN: 10, r: 8, p: 1)

@Suite struct Backups {
    func workspaceWithEvidence() throws -> Workspace {
        let w = try Workspace()
        try w.open()
        for i in 0..<20 { try w.ledger.note("note \(i)", signer: w.clerk) }
        let f = w.path + "/scan.txt"
        try Data("clean scan 2026-11-28".utf8).write(to: URL(fileURLWithPath: f))
        try w.ledger.addEvidence(file: f, description: "EDR scan", signer: w.supervisor)
        return w
    }

    @Test func aBackupRestoresToALedgerThatVerifiesWithItsEvidence() throws {
        let w = try workspaceWithEvidence()
        let archive = w.path + "/offsite.elbackup"
        let s = try Backup.create(ledger: w.ledger, to: archive, passphrase: "tide pool 42", scrypt: fast)
        #expect(s.records == 24 && s.files == 2)
        let dest = w.path + "/restored/entryledger.db"
        try FileManager.default.createDirectory(atPath: w.path + "/restored", withIntermediateDirectories: true)
        try Backup.restore(from: archive, to: dest, passphrase: "tide pool 42", trusting: w.supervisor.publicKey)
        let restored = try Ledger.open(path: dest)
        let v = Verifier(trusting: w.supervisor.publicKey, evidenceFolder: Evidence.folder(forLedger: dest))
        let r = try v.verify(store: restored.store)
        #expect(r.ok && r.records == 24)
        // Over a ledger that holds nothing the backup lacks: restored, nothing lost.
        try Backup.restore(from: archive, to: dest, passphrase: "tide pool 42")
        #expect(try Ledger.open(path: dest).store.count() == 24)
        // Over a ledger that holds more: refused, naming what would be lost; forced, replaced.
        try restored.note("logged after the backup", signer: w.supervisor)
        let e = #expect(throws: BackupError.self) { try Backup.restore(from: archive, to: dest, passphrase: "tide pool 42") }
        #expect(e?.description.contains("seq 24 incident.note") == true, "\(e?.description ?? "")")
        #expect(try Ledger.open(path: dest).store.count() == 25, "nothing restored")
        let forced = try Backup.restore(from: archive, to: dest, passphrase: "tide pool 42", force: true)
        #expect(forced.replaced.count == 1 && forced.replaced[0].hasPrefix("seq 24 incident.note"))
        #expect(try Ledger.open(path: dest).store.count() == 24)
        let again = Verifier(trusting: w.supervisor.publicKey, evidenceFolder: Evidence.folder(forLedger: dest))
        let after = try again.verify(store: try LedgerStore.open(path: dest))
        #expect(after.ok, "\(after.problems)")
    }

    @Test func theArchiveHoldsNoPlaintextAndNoPassphrase() throws {
        let w = try workspaceWithEvidence()
        let archive = w.path + "/b.elbackup"
        try Backup.create(ledger: w.ledger, to: archive, passphrase: "tide pool 42", scrypt: fast)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: archive))
        for needle in ["tide pool 42", "note 1", "SQLite format", "clean scan", "EL7"] {
            #expect(bytes.range(of: Data(needle.utf8)) == nil, "\(needle)")
        }
    }

    @Test func aWrongPassphraseOrAnyChangedByteIsRefusedAndNothingIsWritten() throws {
        let w = try workspaceWithEvidence()
        let archive = w.path + "/b.elbackup"
        try Backup.create(ledger: w.ledger, to: archive, passphrase: "right", scrypt: fast)
        let original = try Data(contentsOf: URL(fileURLWithPath: archive))
        let dest = w.path + "/r/entryledger.db"
        try FileManager.default.createDirectory(atPath: w.path + "/r", withIntermediateDirectories: true)
        #expect(throws: BackupError.wrongPassphrase) { try Backup.restore(from: archive, to: dest, passphrase: "wrong") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: w.path + "/r").isEmpty)

        // Every byte position class: magic, header, first chunk, tag of the last chunk; plus a sample.
        var rng = SystemRandomNumberGenerator()
        var positions = [0, 9, 12, 40, original.count / 2, original.count - 1]
        positions += (0..<40).map { _ in Int.random(in: 0..<original.count, using: &rng) }
        for pos in positions {
            var tampered = original
            tampered[pos] ^= 0x01
            try tampered.write(to: URL(fileURLWithPath: archive))
            #expect(throws: (any Error).self, "byte \(pos)") { try Backup.restore(from: archive, to: dest, passphrase: "right") }
            #expect(try FileManager.default.contentsOfDirectory(atPath: w.path + "/r").isEmpty, "byte \(pos)")
        }
        // Cut short, or with bytes appended.
        for bad in [original.prefix(original.count - 1), original.prefix(original.count - 17), original + Data([0])] {
            try Data(bad).write(to: URL(fileURLWithPath: archive))
            #expect(throws: BackupError.self) { try Backup.restore(from: archive, to: dest, passphrase: "right") }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: w.path + "/r").isEmpty)
        try original.write(to: URL(fileURLWithPath: archive))
        try Backup.restore(from: archive, to: dest, passphrase: "right")
    }

    @Test func aTamperedLedgerIsNotBackedUp() throws {
        let w = try workspaceWithEvidence()
        try w.ledger.store.executeRawSQLForTamperTest("DROP TRIGGER records_refuse_delete; DELETE FROM records WHERE seq = 7")
        let archive = w.path + "/b.elbackup"
        let e = #expect(throws: BackupError.self) { try Backup.create(ledger: w.ledger, to: archive, passphrase: "pw", scrypt: fast) }
        #expect(e?.description.contains("seq 7") == true && e?.description.contains("does not verify") == true)
        #expect(!FileManager.default.fileExists(atPath: archive))
    }

    @Test func aChangedEvidenceFileIsNotBackedUp() throws {
        let w = try workspaceWithEvidence()
        let folder = Evidence.folder(forLedger: w.ledger.store.path)
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first)
        try Data("cut sho".utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
        let archive = w.path + "/b.elbackup"
        let e = #expect(throws: BackupError.self) { try Backup.create(ledger: w.ledger, to: archive, passphrase: "pw", scrypt: fast) }
        #expect(e?.description.contains("has changed") == true)
        #expect(!FileManager.default.fileExists(atPath: archive))
    }
}

/// Issue 15: what a killed backup or restore leaves is removed by the next one, and said.
@Suite("Backup temporaries")
struct BackupTemporaryTests {
    @Test func leftoversOfADeadProcessAreSweptAndALiveOnesAreKept() throws {
        let dir = NSTemporaryDirectory() + "el-tmp-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A process id that cannot be running (above the kernel's limit), and an old-style name.
        for name in [".entryledger-tmp-2147483646-aa", ".entryledger-tmp-0123456789abcdef"] {
            try FileManager.default.createDirectory(atPath: dir + "/" + name + "/unpacked", withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: dir + "/" + name + "/unpacked/ledger.db", contents: Data("x".utf8))
        }
        let mine = try TemporaryFolder(near: dir + "/dest.elbackup")
        defer { mine.remove() }
        let removed = TemporaryFolder.sweep(near: dir + "/dest.elbackup")
        #expect(removed.count == 2)
        #expect(FileManager.default.fileExists(atPath: mine.path))  // in use by this process: kept
        let mode = try FileManager.default.attributesOfItem(atPath: mine.path)[.posixPermissions] as? Int
        #expect(mode == 0o700)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(".entryledger-tmp-") } == [URL(fileURLWithPath: mine.path).lastPathComponent])
    }
}
