import ArgumentParser
import EntryLedger
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Options every command takes, before or after the subcommand name.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The ledger file (default: $ENTRYLEDGER_LEDGER or ./entryledger.db).")
    var ledger: String?

    var ledgerPath: String {
        ledger ?? ProcessInfo.processInfo.environment["ENTRYLEDGER_LEDGER"] ?? "entryledger.db"
    }

    func openLedger() throws -> Ledger { try Ledger.open(path: ledgerPath) }

    /// For commands that only read (verify, status, entry list and show, report, export): works
    /// on a read-only copy and never creates `-wal` or `-shm` files there.
    func openLedgerReadOnly() throws -> Ledger { try Ledger.open(path: ledgerPath, readOnly: true) }
}

/// What a passphrase unlocks: each use has its own environment variable, so that the key's
/// passphrase never silently becomes the backup's (or the other way round).
enum PassphraseUse {
    /// A sealed private key (`--key`, `key new --seal`): `ENTRYLEDGER_KEY_PASSPHRASE`.
    case key
    /// An encrypted backup (`backup`, `restore`): `ENTRYLEDGER_BACKUP_PASSPHRASE`.
    case backup

    var variable: String { self == .key ? "ENTRYLEDGER_KEY_PASSPHRASE" : "ENTRYLEDGER_BACKUP_PASSPHRASE" }
    var other: String { self == .key ? "ENTRYLEDGER_BACKUP_PASSPHRASE" : "ENTRYLEDGER_KEY_PASSPHRASE" }
    /// The old name, shared by both uses: honoured (with a warning) only when neither new name is set.
    static let legacyVariable = "ENTRYLEDGER_PASSPHRASE"
}

/// Where a passphrase comes from: a file (not readable by group or others), the environment
/// variable of its use, or a terminal prompt that says what it unlocks; never an argument, so
/// that it cannot be read from the process list.
struct PassphraseOptions: ParsableArguments {
    @Option(name: .long, help: "Read the passphrase from this file, mode 600 (else $ENTRYLEDGER_KEY_PASSPHRASE for a key, $ENTRYLEDGER_BACKUP_PASSPHRASE for a backup, else a prompt).")
    var passphraseFile: String?

    func passphrase(_ use: PassphraseUse, prompt: String, confirm: Bool = false) throws -> String? {
        if let path = passphraseFile { return try SecretFile.read(path, what: "passphrase file") }
        let env = ProcessInfo.processInfo.environment
        if let value = env[use.variable] { return value }
        if let legacy = env[PassphraseUse.legacyVariable] {
            if env[use.other] == nil {
                FileHandle.standardError.write(Data("warning: \(PassphraseUse.legacyVariable) is deprecated (one name for two secrets); set \(use.variable) instead\n".utf8))
                return legacy
            }
            FileHandle.standardError.write(Data("warning: \(PassphraseUse.legacyVariable) is ignored because \(use.other) is set; set \(use.variable)\n".utf8))
            _ = legacy
        }
        guard isatty(STDIN_FILENO) != 0 else { return nil }
        guard let first = getpass(prompt).map({ String(cString: $0) }) else { return nil }
        if confirm {
            guard let again = getpass("Again, to confirm: ").map({ String(cString: $0) }), again == first else {
                throw InputError("the two passphrases differ")
            }
        }
        return first
    }
}

/// A file holding a secret (a passphrase, the ABI password): refused when group or others may
/// read or write it, or when it is not a regular file.
enum SecretFile {
    static func read(_ path: String, what: String) throws -> String {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { throw InputError("cannot read the \(what) \(path)") }
        guard st.st_mode & 0o077 == 0 else {
            throw InputError("the \(what) \(path) is mode \(String(st.st_mode & 0o777, radix: 8)): others on this machine may read it; `chmod 600 \(path)` and try again")
        }
        guard let text = String(validating: try EntryLedgerFiles.read(path, limit: 4096), as: UTF8.self) else {
            throw InputError("the \(what) \(path) is not UTF-8 text")
        }
        return text.trimmingCharacters(in: .newlines)
    }
}

/// The signing key of a command.
struct KeyOptions: ParsableArguments {
    @Option(name: .long, help: "Your private key file (default: $ENTRYLEDGER_KEY).")
    var key: String?

    @OptionGroup var passphrase: PassphraseOptions

    func load() throws -> LedgerSigningKey {
        guard let path = key ?? ProcessInfo.processInfo.environment["ENTRYLEDGER_KEY"] else {
            throw InputError("no signing key: give --key PATH or set ENTRYLEDGER_KEY")
        }
        return try KeyFile.loadPrivate(path) { try passphrase.passphrase(.key, prompt: "Passphrase that unlocks the signing key \(path): ") }
    }
}

/// Printing for people and for `--json`.
///
/// Writes to standard output and standard error never stop the program: a full disk
/// (`2>/dev/full`) or a closed pipe loses the message, never a committed record's outcome
/// (Foundation's `FileHandle.write` traps on such errors; these use `write(2)` and ignore them).
enum Output {
    /// Writes `text` to standard error at once, ignoring a failed write.
    static func err(_ text: String) { raw(STDERR_FILENO, text) }

    /// Writes `text` to standard output at once (unbuffered), ignoring a failed write.
    static func out(_ text: String) {
        fflush(nil)  // anything print() buffered goes first
        raw(STDOUT_FILENO, text)
    }

    private static func raw(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            bytes = bytes.dropFirst(n)
        }
    }

    static func json(_ value: JSONValue) {
        print((try? CanonicalJSON.encodeString(value)) ?? "null")
    }

    static func table(_ header: [String], _ rows: [[String]]) {
        let widths = header.indices.map { i in ([header[i]] + rows.map { $0[i] }).map(\.count).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        print(line(header))
        rows.forEach { print(line($0)) }
    }
}

/// `--trust`: the supervisor's public key file, or the verifier key string `entryledger
/// checkpoint` printed (`origin+keyid+base64`), which carries the same Ed25519 public key.
func loadTrustedKey(_ value: String) throws -> LedgerPublicKey {
    let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
    if !FileManager.default.fileExists(atPath: value), text.contains("+"), let vk = try? NoteVerifierKey(vkey: text) {
        guard vk.type == .ed25519 else {
            throw InputError("--trust \(value): this is a cosigner's verifier key (the CBP reviewer's); --trust takes the supervisor's public key file or the verifier key `entryledger checkpoint` printed")
        }
        return try LedgerPublicKey(rawRepresentation: vk.publicKey, name: vk.name)
    }
    return try KeyFile.loadPublic(value)
}
