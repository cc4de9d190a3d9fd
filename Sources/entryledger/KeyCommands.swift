import ArgumentParser
import EntryLedger
import Foundation

struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "key", abstract: "Make Ed25519 key pairs.", subcommands: [KeyNew.self])
}

struct KeyNew: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Write a new key pair: PATH (private, mode 600) and PATH.pub (public).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Whose key this is (a clerk's name, the supervisor's name).") var name: String
    @Option(help: "Where to write the private key; the public key goes to PATH.pub.") var out: String
    @Flag(help: "Seal the private key with a passphrase (scrypt + ChaCha20-Poly1305).") var seal = false
    @OptionGroup var passphrase: PassphraseOptions

    func run() throws {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 100, !name.contains(where: { $0.isNewline }) else {
            throw InputError("key name \"\(name)\": should be 1 to 100 characters on one line")
        }
        var secret: String?
        if seal {
            guard let p = try passphrase.passphrase(.key, prompt: "New passphrase that will seal the private key \(out): ", confirm: true), !p.isEmpty else {
                throw InputError("--seal needs a passphrase: --passphrase-file, ENTRYLEDGER_KEY_PASSPHRASE or a terminal prompt")
            }
            if let problem = PassphrasePolicy.problem(p, for: "the private key") { throw InputError(problem) }
            secret = p
        }
        let key = LedgerSigningKey(name: trimmed)
        try KeyFile.write(key, to: out, passphrase: secret)
        print("Wrote \(out) (private, mode 600\(seal ? ", sealed with a passphrase" : "")) and \(out).pub")
        print("Key id \(key.keyID) for \(trimmed)")
    }
}
