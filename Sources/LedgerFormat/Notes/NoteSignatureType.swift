/// The signed-note signature type byte that goes into a key id and a verifier key.
///
/// ```swift
/// let key = try NoteVerifierKey(name: "reviewer.cbp.example", type: .cosignatureV1, publicKey: raw)
/// ```
public enum NoteSignatureType: UInt8, Sendable, CaseIterable {
    /// Ed25519 over the note text (C2SP signed-note).
    case ed25519 = 0x01
    /// Timestamped Ed25519 cosignature/v1 (C2SP tlog-cosignature).
    case cosignatureV1 = 0x04
}
