import Crypto
import Foundation

/// A personal value (an SSN) as a record stores it: encrypted to the supervisor's
/// ``PersonalDataKey``, with a salted commitment a verifier can check the structure of without
/// the secret (spec section 5.12):
///
///     {"alg": "X25519-HKDF-SHA256-ChaCha20Poly1305", "to": B64(recipient X25519 key),
///      "epk": B64(ephemeral X25519 key), "nonce": B64(12 bytes),
///      "ciphertext": B64(ChaCha20-Poly1305(salt(16) || value) || tag), "commitment": HEX(SHA-256(salt || value))}
///
/// key = HKDF-SHA256(ikm: X25519(ephemeral, to), salt: epk || to, info: "entryledger-personal-data-v1", L: 32);
/// associated data = "entryledger-personal-data-v1" || 0x00 || FIELD || 0x00 || commitment (32 bytes).
/// Nothing of the value (not its last four digits) is stored in clear.
public struct SealedValue: Sendable, Equatable, Hashable {
    public static let algorithm = "X25519-HKDF-SHA256-ChaCha20Poly1305"
    static let context = "entryledger-personal-data-v1"
    public static let members: Set<String> = ["alg", "to", "epk", "nonce", "ciphertext", "commitment"]

    public let recipient: [UInt8]
    public let ephemeral: [UInt8]
    public let nonce: [UInt8]
    public let ciphertext: [UInt8]
    public let commitment: [UInt8]

    /// Why a sealed value cannot be opened or is malformed.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Reads and checks the structure (lengths, encodings); `field` names it in messages.
    public init(json: JSONValue, field: String) throws(Failure) {
        guard case .object(let o) = json else { throw Failure(description: "\(field): a sealed value should be an object") }
        if let extra = o.keys.sorted().first(where: { !Self.members.contains($0) }) { throw Failure(description: "\(field).\(extra): unknown member of a sealed value") }
        guard o["alg"]?.stringValue == Self.algorithm else { throw Failure(description: "\(field).alg: should be \(Self.algorithm)") }
        func b64(_ k: String, _ count: Int?) throws(Failure) -> [UInt8] {
            guard let s = o[k]?.stringValue, let b = Base64.decode(s), Base64.encode(b) == s, count.map({ b.count == $0 }) ?? (b.count >= 16 + 16 + 1 && b.count <= 16 + 16 + 64) else {
                throw Failure(description: "\(field).\(k): should be base64 of \(count.map { "\($0) bytes" } ?? "33 to 96 bytes")")
            }
            return b
        }
        recipient = try b64("to", 32)
        ephemeral = try b64("epk", 32)
        nonce = try b64("nonce", 12)
        ciphertext = try b64("ciphertext", nil)
        guard let c = o["commitment"]?.stringValue, c.utf8.count == 64, let bytes = Hex.decode(c), Hex.encode(bytes) == c else {
            throw Failure(description: "\(field).commitment: should be 64 lower-case hex characters (SHA-256)")
        }
        commitment = bytes
    }

    init(recipient: [UInt8], ephemeral: [UInt8], nonce: [UInt8], ciphertext: [UInt8], commitment: [UInt8]) {
        self.recipient = recipient
        self.ephemeral = ephemeral
        self.nonce = nonce
        self.ciphertext = ciphertext
        self.commitment = commitment
    }

    public var json: JSONValue {
        ["alg": .string(Self.algorithm), "to": .string(Base64.encode(recipient)), "epk": .string(Base64.encode(ephemeral)),
         "nonce": .string(Base64.encode(nonce)), "ciphertext": .string(Base64.encode(ciphertext)), "commitment": .string(Hex.encode(commitment))]
    }

    /// Seals `value` of `field` (e.g. `importer.number`) to `recipient`'s X25519 public key.
    /// `salt`, `ephemeralPrivate` and `nonce` are random unless given (the test vectors).
    public static func seal(_ value: String, field: String, to recipient: [UInt8], salt: [UInt8]? = nil,
                            ephemeralPrivate: [UInt8]? = nil, nonce: [UInt8]? = nil) throws -> SealedValue {
        let salt = salt ?? KeyFile.randomBytes(16)
        let eph = try ephemeralPrivate.map { try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: $0) } ?? Curve25519.KeyAgreement.PrivateKey()
        let to = try Curve25519.KeyAgreement.PublicKey(rawRepresentation: recipient)
        let epk = [UInt8](eph.publicKey.rawRepresentation)
        let key = try Self.key(shared: eph.sharedSecretFromKeyAgreement(with: to), epk: epk, to: recipient)
        let commitment = [UInt8](SHA256.hash(data: salt + Array(value.utf8)))
        let n = nonce ?? KeyFile.randomBytes(12)
        let box = try ChaChaPoly.seal(salt + Array(value.utf8), using: key, nonce: ChaChaPoly.Nonce(data: n),
                                      authenticating: aad(field: field, commitment: commitment))
        return SealedValue(recipient: recipient, ephemeral: epk, nonce: n, ciphertext: [UInt8](box.ciphertext + box.tag), commitment: commitment)
    }

    /// Opens the value with the recipient's key and checks it against the commitment.
    public func open(with key: PersonalDataKey, field: String) throws(Failure) -> String {
        guard key.publicKey == recipient else { throw Failure(description: "\(field): sealed to another key than this one") }
        do {
            let k = try Self.key(shared: key.privateKey.sharedSecretFromKeyAgreement(with: Curve25519.KeyAgreement.PublicKey(rawRepresentation: ephemeral)),
                                 epk: ephemeral, to: recipient)
            let box = try ChaChaPoly.SealedBox(nonce: ChaChaPoly.Nonce(data: nonce), ciphertext: ciphertext.dropLast(16), tag: ciphertext.suffix(16))
            let plain = [UInt8](try ChaChaPoly.open(box, using: k, authenticating: Self.aad(field: field, commitment: commitment)))
            guard plain.count > 16, [UInt8](SHA256.hash(data: plain)) == commitment, let value = String(bytes: plain.dropFirst(16), encoding: .utf8) else {
                throw Failure(description: "\(field): the opened value does not match its commitment")
            }
            return value
        } catch let f as Failure {
            throw f
        } catch {
            throw Failure(description: "\(field): the sealed value does not open with this key (changed, or sealed to another)")
        }
    }

    static func key(shared: SharedSecret, epk: [UInt8], to: [UInt8]) -> SymmetricKey {
        shared.hkdfDerivedSymmetricKey(using: SHA256.self, salt: epk + to, sharedInfo: Array(context.utf8), outputByteCount: 32)
    }

    static func aad(field: String, commitment: [UInt8]) -> [UInt8] {
        Array(context.utf8) + [0] + Array(field.utf8) + [0] + commitment
    }
}
