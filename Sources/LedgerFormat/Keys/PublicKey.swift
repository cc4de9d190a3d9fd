import Crypto
import Foundation

/// An Ed25519 public key with the name its owner was given and its stable key id.
///
/// The key id is the lower-case hex of the first 16 bytes of SHA-256 over the 32 raw
/// public-key bytes: it depends on the key alone, never on a name or a signature.
///
/// ```swift
/// let key = try LedgerPublicKey(rawRepresentation: bytes, name: "alice")
/// print(key.keyID)   // 32 hex characters
/// ```
public struct LedgerPublicKey: Equatable, Sendable {
    public let raw: [UInt8]
    public let name: String
    public let keyID: String
    let key: Curve25519.Signing.PublicKey

    /// A public key from its 32 raw bytes; throws if they are not an Ed25519 key.
    public init(rawRepresentation raw: [UInt8], name: String) throws {
        guard raw.count == 32 else { throw CryptoKitError.incorrectKeySize }
        self.key = try Curve25519.Signing.PublicKey(rawRepresentation: raw)
        self.raw = raw
        self.name = name
        self.keyID = Self.keyID(of: raw)
    }

    /// The key id of a raw public key (`schemas/ledger-format.md`, "Keys").
    public static func keyID(of raw: [UInt8]) -> String {
        Hex.encode(SHA256.hash(data: raw).prefix(16))
    }

    public var base64: String { Base64.encode(raw) }

    /// True when `signature` is this key's Ed25519 signature of `message`.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        signature.count == 64 && key.isValidSignature(signature, for: message)
    }

    public static func == (a: Self, b: Self) -> Bool { a.raw == b.raw && a.name == b.name }
}

/// An Ed25519 signing key held in memory, loaded from or written to a key file.
public struct LedgerSigningKey: Sendable {
    public let name: String
    let key: Curve25519.Signing.PrivateKey
    public let publicKey: LedgerPublicKey

    /// A new random signing key.
    public init(name: String) {
        self.init(name: name, key: Curve25519.Signing.PrivateKey())
    }

    /// A key from its 32-byte seed (RFC 8032 private key), as the spec's test vectors use.
    public init(name: String, seed: [UInt8]) throws {
        self.init(name: name, key: try Curve25519.Signing.PrivateKey(rawRepresentation: seed))
    }

    init(name: String, key: Curve25519.Signing.PrivateKey) {
        self.name = name
        self.key = key
        self.publicKey = try! LedgerPublicKey(rawRepresentation: [UInt8](key.publicKey.rawRepresentation), name: name)
    }

    public var keyID: String { publicKey.keyID }
    var seed: [UInt8] { [UInt8](key.rawRepresentation) }

    /// The Ed25519 signature of `message`.
    public func sign(_ message: [UInt8]) -> [UInt8] {
        // Signing only fails if BoringSSL cannot allocate; there is nothing to recover then.
        [UInt8](try! key.signature(for: message))
    }
}
