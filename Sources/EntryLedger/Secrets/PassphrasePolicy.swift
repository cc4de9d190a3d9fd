import Foundation

/// The rules a new passphrase (a sealed key's, a backup's) must meet: at least
/// ``minimumLength`` characters, and not a common password. The common passwords ship as data
/// (`Resources/common-passwords.txt`, embedded in the library); a passphrase is compared with
/// them lower-case, and again with trailing digits and symbols removed ("Password2026!" is
/// "password"). Opening an existing key or backup applies no rule: it only needs the right one.
public enum PassphrasePolicy {
    /// The shortest passphrase accepted.
    public static let minimumLength = 12

    /// The common passwords, lower-case, from the embedded list.
    public static let commonPasswords: Set<String> = {
        let text = String(decoding: PackageResources.common_passwords_txt, as: UTF8.self)
        return Set(text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty })
    }()

    /// Why `passphrase` may not protect `what` (for example "the backup"), or nil when it may.
    /// Never echoes the passphrase.
    public static func problem(_ passphrase: String, for what: String) -> String? {
        let length = passphrase.count
        if length < minimumLength {
            return "the passphrase for \(what) must be at least \(minimumLength) characters; the one given has \(length) (not shown)"
        }
        let lower = passphrase.lowercased()
        let core = String(lower.reversed().drop(while: { !$0.isLetter }).reversed())
        let folded = String(lower.filter { !$0.isWhitespace })
        if commonPasswords.contains(lower) || commonPasswords.contains(core) || commonPasswords.contains(folded) {
            return "the passphrase for \(what) is a common password (or one with digits or symbols added): choose another of at least \(minimumLength) characters, e.g. several unrelated words"
        }
        if Set(lower).count < 5 {
            return "the passphrase for \(what) uses fewer than 5 different characters: choose another of at least \(minimumLength) characters"
        }
        return nil
    }
}
