/// Why a signed note, a signature line, a verifier key or a cosignature was refused.
///
/// ```swift
/// do { _ = try note.verify(against: [supervisor]) }
/// catch NoteError.noKnownSignature { print("not signed by the supervisor") }
/// ```
public enum NoteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The note breaks the signed-note format; the reason says where.
    case malformed(String)
    /// The note is larger than `SignedNote.maxBytes`.
    case tooLarge(Int)
    /// The note has more than `SignedNote.maxSignatures` signature lines.
    case tooManySignatures
    /// A key name that is empty or holds a space or a plus sign.
    case invalidName(String)
    /// A verifier key string (`name+keyid+base64`) that cannot be used; the reason says why.
    case invalidVerifierKey(String)
    /// Two different known keys share one name and key id.
    case ambiguousKey(name: String, keyID: UInt32)
    /// A known key's signature that does not verify: the whole note is refused.
    case invalidSignature(name: String, keyID: UInt32)
    /// No known key signed the note.
    case noKnownSignature
    /// A cosignature line that is not key id || 8-byte timestamp || 64-byte signature, or
    /// whose timestamp exceeds 2^63 - 1.
    case malformedCosignature(String)

    public var description: String {
        switch self {
        case .malformed(let r): return "malformed signed note: \(r)"
        case .tooLarge(let n): return "signed note is \(n) bytes; the limit is \(SignedNote.maxBytes)"
        case .tooManySignatures: return "signed note has more than \(SignedNote.maxSignatures) signatures"
        case .invalidName(let n): return "invalid key name \"\(n)\": it must be non-empty, without spaces or '+'"
        case .invalidVerifierKey(let r): return "invalid verifier key: \(r)"
        case .ambiguousKey(let n, let id): return "two trusted keys are named \(n)+\(NoteVerifierKey.hex(id))"
        case .invalidSignature(let n, let id): return "signature by \(n)+\(NoteVerifierKey.hex(id)) does not verify"
        case .noKnownSignature: return "the note is not signed by any trusted key"
        case .malformedCosignature(let r): return "malformed cosignature: \(r)"
        }
    }
}
