import ArgumentParser
import EntryLedger
import Foundation

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "An encrypted backup of the live ledger and its evidence, to carry off-site.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The backup file to write (never overwritten).") var out: String
    @OptionGroup var passphrase: PassphraseOptions

    func run() throws {
        let ledger = try global.openLedger()
        guard let secret = try passphrase.passphrase(.backup, prompt: "New passphrase that will encrypt the backup \(out): ", confirm: true), !secret.isEmpty else {
            throw InputError("a backup needs a passphrase: --passphrase-file, ENTRYLEDGER_BACKUP_PASSPHRASE or a terminal prompt")
        }
        if let problem = PassphrasePolicy.problem(secret, for: "the backup") { throw InputError(problem) }
        let s = try Backup.create(ledger: ledger, to: out, passphrase: secret)
        for path in s.cleaned { print("Removed \(path), left by an interrupted backup or restore") }
        print("Verified, then backed up \(s.records) records and \(s.files - 1) evidence file(s) to \(out) (scrypt + ChaCha20-Poly1305)")
        print("Head hash \(s.headHash)")
    }
}

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Restore a backup: every byte checked and the ledger verified before it is put in place.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The backup file.") var from: String
    @Option(help: "The supervisor's public key to verify against (default: the key the backup's genesis names).") var trust: String?
    @Flag(help: "Replace a ledger at the destination even when it holds records the backup lacks (they are listed).") var force = false
    @OptionGroup var passphrase: PassphraseOptions

    func run() throws {
        let trusted = try trust.map(loadTrustedKey)
        guard FileManager.default.fileExists(atPath: from) else { throw InputError("backup file \(from) does not exist") }
        guard let secret = try passphrase.passphrase(.backup, prompt: "Passphrase that decrypts the backup \(from): "), !secret.isEmpty else {
            throw InputError("restore needs the backup's passphrase: --passphrase-file, ENTRYLEDGER_BACKUP_PASSPHRASE or a terminal prompt")
        }
        let s = try Backup.restore(from: from, to: global.ledgerPath, passphrase: secret, trusting: trusted, force: force)
        for path in s.cleaned { print("Removed \(path), left by an interrupted backup or restore") }
        if !s.replaced.isEmpty {
            print("Replaced, as --force asked, these records of the ledger that the backup lacked:")
            for line in s.replaced { print("  \(line)") }
        }
        print("Restored \(s.records) records to \(global.ledgerPath); the ledger verified\(trusted == nil ? " against the supervisor key its genesis names (give --trust to check that key too)" : "")")
    }
}
