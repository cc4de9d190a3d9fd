/// A C2SP tlog-cosignature (cosignature/v1, Ed25519): a reviewer's timestamped statement that
/// it verified a checkpoint, carried as one more signature line on the checkpoint's note.
///
/// Key id: SHA-256(name || 0x0A || 0x04 || public key)[:4]. Signed message:
/// "cosignature/v1\ntime <seconds>\n" followed by the checkpoint body. Line payload:
/// key id || 8-byte big-endian timestamp || 64-byte Ed25519 signature.
///
/// ```swift
/// let cosig = try Cosignature.sign(checkpoint, key: reviewerKey, name: "cbp.example/reviewer", timestamp: now)
/// var note = supervisorNote; try note.add(cosig.noteSignature)
/// let reviewer = try NoteVerifierKey(name: "cbp.example/reviewer", type: .cosignatureV1, key: reviewerKey.publicKey)
/// _ = try note.verify(against: [reviewer])   // or: try cosig.verify(checkpoint, key: reviewer)
/// ```
public struct Cosignature: Equatable, Sendable {
    /// The header line that separates this signature's domain.
    public static let header = "cosignature/v1"

    public let name: String
    public let keyID: UInt32
    /// POSIX seconds when the cosignature was made (at most 2^63 - 1).
    public let timestamp: UInt64
    /// The 64-byte Ed25519 signature over `message(timestamp:text:)`.
    public let signature: [UInt8]

    public init(name: String, keyID: UInt32, timestamp: UInt64, signature: [UInt8]) throws(NoteError) {
        guard NoteVerifierKey.isValidName(name) else { throw .invalidName(name) }
        guard timestamp <= UInt64(Int64.max) else { throw .malformedCosignature("timestamp beyond 2^63 - 1") }
        guard signature.count == 64 else { throw .malformedCosignature("an Ed25519 signature is 64 bytes") }
        self.name = name
        self.keyID = keyID
        self.timestamp = timestamp
        self.signature = signature
    }

    /// Reads a cosignature out of a note signature line (72 bytes after the key id).
    public init(_ line: NoteSignature) throws(NoteError) {
        guard line.signature.count == 72 else {
            throw .malformedCosignature("expected 72 bytes after the key id, found \(line.signature.count)")
        }
        try self.init(name: line.name, keyID: line.keyID, timestamp: NoteVerifierKey.uint64(line.signature),
                      signature: Array(line.signature.suffix(64)))
    }

    /// The note signature line that carries this cosignature.
    public var noteSignature: NoteSignature {
        // Name and length were checked in init, so this cannot fail.
        try! NoteSignature(name: name, keyID: keyID, signature: NoteVerifierKey.bigEndian(timestamp) + signature)
    }

    /// "cosignature/v1\ntime <timestamp>\n" followed by the checkpoint body `text`.
    public static func message(timestamp: UInt64, text: [UInt8]) -> [UInt8] {
        Array("\(header)\ntime \(timestamp)\n".utf8) + text
    }

    /// Cosigns `checkpoint` with `key` as cosigner `name` at `timestamp` (POSIX seconds).
    public static func sign(_ checkpoint: Checkpoint, key: LedgerSigningKey, name: String,
                            timestamp: UInt64) throws(NoteError) -> Cosignature {
        let verifier = try NoteVerifierKey(name: name, type: .cosignatureV1, key: key.publicKey)
        guard timestamp <= UInt64(Int64.max) else { throw .malformedCosignature("timestamp beyond 2^63 - 1") }
        let sig = key.sign(message(timestamp: timestamp, text: Array(checkpoint.text.utf8)))
        return try Cosignature(name: name, keyID: verifier.keyID, timestamp: timestamp, signature: sig)
    }

    /// Checks this cosignature over `checkpoint` against the cosigner's key (type `.cosignatureV1`).
    public func verify(_ checkpoint: Checkpoint, key: NoteVerifierKey) throws(NoteError) {
        guard key.type == .cosignatureV1, key.name == name, key.keyID == keyID,
              key.isValidSignature(NoteVerifierKey.bigEndian(timestamp) + signature, text: Array(checkpoint.text.utf8))
        else { throw .invalidSignature(name: name, keyID: keyID) }
    }
}
