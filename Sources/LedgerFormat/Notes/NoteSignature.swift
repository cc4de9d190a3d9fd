/// One signature line of a signed note: `— <name> base64(key id || signature)`.
///
/// ```swift
/// let sig = note.signatures[0]
/// print(sig.name, String(sig.keyID, radix: 16), sig.signature.count)   // e.g. 64 for Ed25519
/// ```
public struct NoteSignature: Equatable, Hashable, Sendable {
    public let name: String
    /// The big-endian 4-byte key id at the front of the signature bytes.
    public let keyID: UInt32
    /// The signature bytes after the key id (64 for Ed25519, 72 for a cosignature).
    public let signature: [UInt8]

    public init(name: String, keyID: UInt32, signature: [UInt8]) throws(NoteError) {
        guard NoteVerifierKey.isValidName(name) else { throw .invalidName(name) }
        guard !signature.isEmpty else { throw .malformed("empty signature") }
        self.name = name
        self.keyID = keyID
        self.signature = signature
    }

    /// base64(key id || signature).
    public var base64: String { Base64.encode(NoteVerifierKey.bigEndian(keyID) + signature) }

    /// The whole line, em dash to newline.
    public var line: String { "\u{2014} \(name) \(base64)\n" }
}
