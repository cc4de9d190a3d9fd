/// The proof that whoever asks to enrol a public key holds its private key: the key's own
/// signature over `entryledger-key-proof-v1 || 0x00 || JCS({"name": NAME, "public_key": B64})`.
/// `entryledger key new` writes it into the public key file; the enrolment record carries it.
public enum ProofOfPossession {
    public static let tag = "entryledger-key-proof-v1"

    /// The bytes a key signs to prove it is held: its name and public key.
    public static func message(name: String, publicKey: [UInt8]) -> [UInt8] {
        var m = Array(tag.utf8)
        m.append(0)
        m.append(contentsOf: try! CanonicalJSON.encode(["name": .string(name), "public_key": .string(Base64.encode(publicKey))]))
        return m
    }

    /// `key`'s proof of possession, for its public key file and its enrolment.
    public static func make(_ key: LedgerSigningKey) -> [UInt8] {
        key.sign(message(name: key.name, publicKey: key.publicKey.raw))
    }

    /// True when `proof` shows that the holder of `key`'s private key made it.
    public static func isValid(_ proof: [UInt8], for key: LedgerPublicKey) -> Bool {
        key.isValidSignature(proof, for: message(name: key.name, publicKey: key.raw))
    }
}
