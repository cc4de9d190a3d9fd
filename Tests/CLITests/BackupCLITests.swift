import Foundation
import Testing
import TestSupport

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

@Suite(.serialized) struct BackupThroughTheCLI {
    @Test func aBackupTakenWhileAnotherProcessAppendsHoldsEveryRecordCommittedBeforeIt() throws {
        let w = try CLIWorkspace()
        let (writer, out) = try CLI.start(["stress-append", "--count", "600", "--key", "alice.key"], in: w.path)
        var seen = ""
        var committedBefore: [Int64] = []
        while committedBefore.count < 40 {
            let chunk = out.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            seen += String(decoding: chunk, as: UTF8.self)
            committedBefore = seen.split(separator: "\n", omittingEmptySubsequences: true).dropLast(seen.hasSuffix("\n") ? 0 : 1).compactMap { Int64($0) }
        }
        #expect(committedBefore.count >= 40)
        let env = ["ENTRYLEDGER_BACKUP_PASSPHRASE": "harbor fog 7"]
        let backup = try CLI.run(["backup", "--out", "offsite.elbackup"], in: w.path, env: env)
        #expect(backup.status == 0, "\(backup.stderr)")
        writer.waitUntilExit()
        _ = out.fileHandleForReading.readDataToEndOfFile()
        #expect(writer.terminationStatus == 0)

        try FileManager.default.createDirectory(atPath: w.file("restored"), withIntermediateDirectories: true)
        let restore = try CLI.run(["restore", "--from", "offsite.elbackup", "--trust", "sup.key.pub", "--ledger", "restored/entryledger.db"], in: w.path, env: env)
        #expect(restore.status == 0, "\(restore.stderr)")
        let restored = try LedgerStore.open(path: w.file("restored/entryledger.db"))
        let count = try restored.count()
        #expect(count > committedBefore.max()!)
        #expect(count < 603)  // the writer was still going: the snapshot is a moment, not the end
        for seq in committedBefore { #expect(try restored.record(at: seq) != nil) }
        let verify = try CLI.run(["verify", "--trust", "sup.key.pub", "--ledger", "restored/entryledger.db"], in: w.path)
        #expect(verify.status == 0, "\(verify.stdout)")
    }

    @Test func restoreRefusesAWrongPassphraseAndAnExistingLedger() throws {
        let w = try CLIWorkspace()
        try CLI.run(["backup", "--out", "b.elbackup"], in: w.path, env: ["ENTRYLEDGER_BACKUP_PASSPHRASE": "north pier lantern 9"]).expectSuccess()
        let wrong = try CLI.run(["restore", "--from", "b.elbackup", "--ledger", "new.db"], in: w.path, env: ["ENTRYLEDGER_BACKUP_PASSPHRASE": "south pier lantern 9"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("wrong passphrase"))
        #expect(!FileManager.default.fileExists(atPath: w.file("new.db")))
        // A ledger that holds records the backup lacks is not replaced; they are listed.
        try CLI.run(["incident", "log", "--text", "after the backup", "--key", "sup.key"], in: w.path).expectSuccess()
        let before = try w.ledgerDigest()
        let over = try CLI.run(["restore", "--from", "b.elbackup"], in: w.path, env: ["ENTRYLEDGER_BACKUP_PASSPHRASE": "north pier lantern 9"])
        #expect(over.status == 2)
        #expect(over.stderr.contains("holds records the backup lacks") && over.stderr.contains("incident.note") && over.stderr.contains("--force"), "\(over.stderr)")
        #expect(try w.ledgerDigest() == before)
        // The passphrase is never an argument: only a file, the environment or a prompt.
        let help = try CLI.run(["backup", "--help"], in: w.path)
        #expect(help.stdout.contains("--passphrase-file"))
        #expect(!help.stdout.contains("--passphrase <"))
        _ = FileManager.default.createFile(atPath: w.file("pass.txt"), contents: Data("north pier lantern 9\n".utf8), attributes: [.posixPermissions: 0o644])
        let open = try CLI.run(["restore", "--from", "b.elbackup", "--ledger", "new.db", "--passphrase-file", "pass.txt"], in: w.path)
        #expect(open.status == 2 && open.stderr.contains("chmod 600"), "\(open.stderr)")
        #expect(!FileManager.default.fileExists(atPath: w.file("new.db")))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: w.file("pass.txt"))
        try CLI.run(["restore", "--from", "b.elbackup", "--ledger", "new.db", "--passphrase-file", "pass.txt"], in: w.path).expectSuccess()
    }

    @Test func aBackupPassphraseMustBeStrongAndHaveItsOwnSource() throws {
        let w = try CLIWorkspace()
        for (weak, says) in [("x", "at least 12"), ("Password2026!", "common password"), ("password123456", "common password"),
                             ("qwertyuiopasdf", "common password"), ("aaaaaaaaaaaaab", "fewer than 5")] {
            let r = try CLI.run(["backup", "--out", "weak.elbackup"], in: w.path, env: ["ENTRYLEDGER_BACKUP_PASSPHRASE": weak])
            #expect(r.status == 2 && r.stderr.contains(says), "\(weak): \(r.stderr)")
            #expect(!r.stderr.contains(weak) || weak == "x")
            #expect(!FileManager.default.fileExists(atPath: w.file("weak.elbackup")))
        }
        // The key's passphrase never becomes the backup's.
        let keyOnly = try CLI.run(["backup", "--out", "k.elbackup"], in: w.path, env: ["ENTRYLEDGER_KEY_PASSPHRASE": "north pier lantern 9"])
        #expect(keyOnly.status == 2 && keyOnly.stderr.contains("ENTRYLEDGER_BACKUP_PASSPHRASE"), "\(keyOnly.stderr)")
        // The old shared name: honoured with a warning only while neither new name is set.
        let legacy = try CLI.run(["backup", "--out", "l.elbackup"], in: w.path, env: ["ENTRYLEDGER_PASSPHRASE": "north pier lantern 9"])
        #expect(legacy.status == 0 && legacy.stderr.contains("deprecated"), "\(legacy.stderr)")
        let ambiguous = try CLI.run(["backup", "--out", "a.elbackup"], in: w.path,
                                    env: ["ENTRYLEDGER_PASSPHRASE": "north pier lantern 9", "ENTRYLEDGER_KEY_PASSPHRASE": "east pier lantern 9"])
        #expect(ambiguous.status == 2 && ambiguous.stderr.contains("ignored"), "\(ambiguous.stderr)")
    }
}
