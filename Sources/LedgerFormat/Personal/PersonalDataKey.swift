import Crypto
import Foundation

/// The supervisor's X25519 key for personal data (an importer's SSN): derived from the
/// supervisor's Ed25519 seed, so that whoever holds the supervisor's key file (and no one
/// else) can open what clerks sealed to it. Its public half is in the genesis body
/// (`personal_data_key`), signed by the supervisor.
///
/// Derivation (spec section 5.12): `x25519_private = HKDF-SHA256(ikm: ed25519_seed,
/// salt: "entryledger-personal-data-key-v1", info: "x25519", L: 32)`.
public struct PersonalDataKey: Sendable {
    let privateKey: Curve25519.KeyAgreement.PrivateKey

    /// The 32-byte X25519 public key.
    public var publicKey: [UInt8] { [UInt8](privateKey.publicKey.rawRepresentation) }

    /// The key of a supervisor's signing key.
    public init(deriving signingKey: LedgerSigningKey) {
        let raw = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: signingKey.seed), salt: Array("entryledger-personal-data-key-v1".utf8),
                                         info: Array("x25519".utf8), outputByteCount: 32)
        privateKey = try! Curve25519.KeyAgreement.PrivateKey(rawRepresentation: raw.withUnsafeBytes { [UInt8]($0) })
    }

    /// A key from its 32 raw private bytes (the spec's test vectors).
    public init(rawPrivate: [UInt8]) throws {
        privateKey = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: rawPrivate)
    }
}

extension LedgerSigningKey {
    /// The personal-data key this signing key opens (see ``PersonalDataKey``).
    public var personalDataKey: PersonalDataKey { PersonalDataKey(deriving: self) }
}
