import Crypto

/// A trusted note key: name, signature type and Ed25519 public key, with its 4-byte key id
/// and its verifier-key string `<name>+<8 hex key id>+<base64(type || public key)>`.
///
/// ```swift
/// let peter = try NoteVerifierKey(vkey: "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
/// peter.keyID   // 0xc74f20a3
/// let mine = try NoteVerifierKey(name: "ledger.example/acme", key: supervisor.publicKey)
/// print(mine.vkey)
/// ```
public struct NoteVerifierKey: Equatable, Hashable, Sendable {
    public let name: String
    public let type: NoteSignatureType
    /// The 32 raw Ed25519 public-key bytes.
    public let publicKey: [UInt8]
    /// SHA-256(name || 0x0A || type || public key)[:4], big-endian.
    public let keyID: UInt32

    public init(name: String, type: NoteSignatureType = .ed25519, publicKey: [UInt8]) throws(NoteError) {
        guard Self.isValidName(name) else { throw .invalidName(name) }
        guard publicKey.count == 32, (try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey)) != nil else {
            throw .invalidVerifierKey("an Ed25519 public key is 32 bytes, not \(publicKey.count)")
        }
        self.name = name
        self.type = type
        self.publicKey = publicKey
        self.keyID = Self.keyID(name: name, type: type, publicKey: publicKey)
    }

    /// The note key of a ledger key, under the note key name `name`.
    public init(name: String, type: NoteSignatureType = .ed25519, key: LedgerPublicKey) throws(NoteError) {
        try self.init(name: name, type: type, publicKey: key.raw)
    }

    /// Parses a verifier key string strictly: lower-case hex id, canonical base64, known type,
    /// 32-byte key, and an id that matches the name and key.
    public init(vkey: String) throws(NoteError) {
        // Only the first two "+" separate fields: the base64 key may itself contain "+".
        let parts = vkey.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .invalidVerifierKey("expected name+keyid+key") }
        let name = String(parts[0])
        guard parts[1].utf8.count == 8, let idBytes = Hex.decode(String(parts[1])) else {
            throw .invalidVerifierKey("the key id must be 8 lower-case hex digits")
        }
        guard let material = Base64.decode(String(parts[2])), let typeByte = material.first else {
            throw .invalidVerifierKey("the key must be canonical base64")
        }
        guard let type = NoteSignatureType(rawValue: typeByte) else {
            throw .invalidVerifierKey("unknown signature type 0x\(Hex.encode([typeByte]))")
        }
        try self.init(name: name, type: type, publicKey: Array(material.dropFirst()))
        guard keyID == Self.uint32(idBytes) else {
            throw .invalidVerifierKey("key id \(parts[1]) does not match the name and key")
        }
    }

    /// `<name>+<8 hex key id>+<base64(type || public key)>`.
    public var vkey: String {
        "\(name)+\(Self.hex(keyID))+\(Base64.encode([type.rawValue] + publicKey))"
    }

    /// SHA-256(name || 0x0A || type || publicKey)[:4] as a big-endian integer.
    public static func keyID(name: String, type: NoteSignatureType, publicKey: [UInt8]) -> UInt32 {
        var h = SHA256()
        h.update(data: Array(name.utf8))
        h.update(data: [0x0A, type.rawValue])
        h.update(data: publicKey)
        return uint32(Array(h.finalize().prefix(4)))
    }

    /// A key name is non-empty and holds no Unicode space and no '+'.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && !name.unicodeScalars.contains { $0.properties.isWhitespace || $0 == "+" }
    }

    /// Checks `signature` (the bytes after the key id) over the note `text` for this key's type.
    public func isValidSignature(_ signature: [UInt8], text: [UInt8]) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        switch type {
        case .ed25519:
            return signature.count == 64 && key.isValidSignature(signature, for: text)
        case .cosignatureV1:
            guard signature.count == 72 else { return false }
            let timestamp = Self.uint64(Array(signature.prefix(8)))
            guard timestamp <= UInt64(Int64.max) else { return false }
            let message = Cosignature.message(timestamp: timestamp, text: text)
            return key.isValidSignature(Array(signature.suffix(64)), for: message)
        }
    }

    static func hex(_ id: UInt32) -> String { Hex.encode(bigEndian(id)) }

    static func bigEndian(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (24 - 8 * $0)) } }

    static func bigEndian(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: v >> (56 - 8 * $0)) } }

    static func uint32(_ b: [UInt8]) -> UInt32 { b.prefix(4).reduce(0) { $0 << 8 | UInt32($1) } }

    static func uint64(_ b: [UInt8]) -> UInt64 { b.prefix(8).reduce(0) { $0 << 8 | UInt64($1) } }
}
