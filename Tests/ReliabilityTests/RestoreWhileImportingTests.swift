import Foundation
import Testing
import TestSupport

@testable import EntryLedger

/// `restore` over a live ledger works under SQLite's write lock on that same file: a clerk's
/// import that reports success keeps every entry (it committed before the restore, which then
/// refuses or, forced, lists them; or it waited and appended after the restored records).
@Suite(.serialized) struct RestoreWhileImporting {
    @Test func aClerksImportThatReportsSuccessIsNeverSilentlyLostToARestore() throws {
        var rng = SplitMix64(seed: 0x2E57_0AE1)
        let perImport = 150
        for round in 0..<8 {
            let w = try Workspace(notes: 2)
            let ledger = try Ledger.open(path: w.ledgerPath)
            try Backup.create(ledger: ledger, to: w.file("b.elbackup"), passphrase: "offsite pass", scrypt: .init(logN: 10, r: 8, p: 1))
            let file = w.file("import.jsonl")
            try KilledImports.importFile(file, first: 4_000_000 + round * perImport, count: perImport)
            let numbers = try (0..<perImport).map { try EntryNumber(filerCode: "EL7", serial: 4_000_000 + round * perImport + $0).formatted }
            let forced = round % 2 == 1
            let importer = try Binary.Child(["entry", "import", "--file", file, "--key", "alice.key"], in: w.path)
            usleep(UInt32(rng.int(0...400_000)))
            let restore = try CLI.run(["restore", "--from", "b.elbackup"] + (forced ? ["--force"] : []), in: w.path,
                                      env: ["ENTRYLEDGER_BACKUP_PASSPHRASE": "offsite pass"])
            let imported = importer.finish()
            let label = "seed 0x2E570AE1 round \(round)\(forced ? " --force" : "")"
            #expect(restore.status == 0 || restore.stderr.contains("holds records the backup lacks"), "\(label): \(restore.stderr)")
            let present = Set(try EntryBook.load(try Ledger.open(path: w.ledgerPath)).map(\.number.formatted))
            let kept = numbers.filter(present.contains).count
            if imported.status == 0 {
                let listedAsReplaced = forced && restore.stdout.contains("Replaced") && restore.stdout.contains("entry.add")
                #expect(kept == perImport || listedAsReplaced, "\(label): the import said it imported \(perImport); \(kept) are in the ledger\n\(restore.stdout)")
            }
            #expect(kept == 0 || kept == perImport, "\(label): \(kept)")
            #expect(try w.verify().ok, "\(label)")
        }
    }
}
