/// A key file that cannot be used, and why, in words a broker can act on.
public enum KeyError: Error, Equatable, CustomStringConvertible, Sendable {
    case missing(path: String)
    case unreadable(path: String, reason: String)
    case tooOpen(path: String, mode: UInt32)
    case corrupt(path: String, reason: String)
    case passphraseRequired(path: String)
    case wrongPassphrase(path: String)
    case exists(path: String)
    case cannotWrite(path: String, reason: String)
    /// A folder was given where a key file belongs.
    case isFolder(path: String)
    /// A public key file was given where the private key belongs.
    case publicNotPrivate(path: String)
    /// A private key file was given where the public key belongs.
    case privateNotPublic(path: String)

    public var description: String {
        switch self {
        case .missing(let p): return "key file \(p) does not exist"
        case .unreadable(let p, let r): return "key file \(p) cannot be read: \(r)"
        case .tooOpen(let p, let mode):
            return "key file \(p) can be read by other users (mode \(String(mode & 0o777, radix: 8))); a private key must be mode 600: run `chmod 600 \(p)`"
        case .corrupt(let p, let r): return "key file \(p) is not a valid EntryLedger key: \(r)"
        case .passphraseRequired(let p): return "key file \(p) is sealed with a passphrase; a passphrase is needed"
        case .wrongPassphrase(let p): return "wrong passphrase for key file \(p) (or the file was changed)"
        case .exists(let p): return "\(p) already exists; refusing to overwrite a key"
        case .cannotWrite(let p, let r): return "cannot write \(p): \(r)"
        case .isFolder(let p): return "\(p) is a folder, not a key file: give the key file `entryledger key new` wrote"
        case .publicNotPrivate(let p):
            return "key file \(p) is a public key: signing needs the private key file (the one without .pub, from `entryledger key new`)"
        case .privateNotPublic(let p):
            return "key file \(p) is a private key: give the public key file (PATH.pub) here, and keep the private key to yourself"
        }
    }
}
