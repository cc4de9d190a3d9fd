/// A C2SP signed note: a text ending in a newline, a blank line, then one signature line per
/// signer (`— <name> base64(key id || signature)`).
///
/// Parsing is strict and bounded (at most `maxBytes` bytes and `maxSignatures` lines);
/// verification checks every line from a known key, ignores lines from unknown keys, and
/// fails when no known key signed.
///
/// ```swift
/// let note = try SignedNote(text: checkpoint.text).signed(by: supervisorKey, name: "acme.example/ledger")
/// let wire = note.serialized                       // send this out of band
/// let back = try SignedNote(parsing: Array(wire.utf8))
/// let signers = try back.verify(against: [supervisorNoteKey])
/// ```
public struct SignedNote: Equatable, Sendable {
    /// The largest note accepted by the parser: 1 MiB.
    public static let maxBytes = 1 << 20
    /// The most signature lines a note may carry.
    public static let maxSignatures = 100

    /// The signed text, final newline included, separating blank line excluded.
    public let text: String
    public private(set) var signatures: [NoteSignature]

    /// A note over `text`, which must end in a newline and hold no control character but newline.
    public init(text: String, signatures: [NoteSignature] = []) throws(NoteError) {
        guard text.utf8.last == 0x0A else { throw .malformed("the text must end in a newline") }
        guard !text.utf8.contains(where: { $0 < 0x20 && $0 != 0x0A }) else {
            throw .malformed("the text holds a control character")
        }
        guard signatures.count <= Self.maxSignatures else { throw .tooManySignatures }
        self.text = text
        self.signatures = signatures
    }

    /// Parses a note's bytes without verifying anything (see `verify(against:)`).
    public init(parsing bytes: [UInt8]) throws(NoteError) {
        guard bytes.count <= Self.maxBytes else { throw .tooLarge(bytes.count) }
        guard !bytes.contains(where: { $0 < 0x20 && $0 != 0x0A }) else {
            throw .malformed("the note holds a control character")
        }
        guard String(validating: bytes, as: UTF8.self) != nil else { throw .malformed("the note is not UTF-8") }
        // The text ends at the last blank line: find the last "\n\n".
        var split = bytes.count - 2
        while split >= 0 && !(bytes[split] == 0x0A && bytes[split + 1] == 0x0A) { split -= 1 }
        guard split >= 0 else { throw .malformed("no blank line before the signatures") }
        let textBytes = Array(bytes[...split])
        let block = bytes[(split + 2)...]
        guard let last = block.last, last == 0x0A else {
            throw .malformed("the signatures must be non-empty and end in a newline")
        }
        let lines = block.dropLast().split(separator: 0x0A, omittingEmptySubsequences: false)
        guard lines.count <= Self.maxSignatures else { throw .tooManySignatures }
        var signatures: [NoteSignature] = []
        for line in lines { signatures.append(try Self.parseLine(Array(line))) }
        try self.init(text: String(decoding: textBytes, as: UTF8.self), signatures: signatures)
    }

    /// Parses a note held in a string.
    public init(parsing string: String) throws(NoteError) {
        try self.init(parsing: Array(string.utf8))
    }

    /// The note as it is sent: text, blank line, signature lines.
    public var serialized: String { text + "\n" + signatures.map(\.line).joined() }

    /// The UTF-8 bytes of `serialized`.
    public var bytes: [UInt8] { Array(serialized.utf8) }

    /// Adds (or replaces, for the same name and key id) a signature line.
    public mutating func add(_ signature: NoteSignature) throws(NoteError) {
        signatures.removeAll { $0.name == signature.name && $0.keyID == signature.keyID }
        guard signatures.count < Self.maxSignatures else { throw .tooManySignatures }
        signatures.append(signature)
    }

    /// This note with an Ed25519 signature by `key` under the note key name `name`.
    public func signed(by key: LedgerSigningKey, name: String) throws(NoteError) -> SignedNote {
        let verifier = try NoteVerifierKey(name: name, type: .ed25519, key: key.publicKey)
        var copy = self
        try copy.add(NoteSignature(name: name, keyID: verifier.keyID, signature: key.sign(Array(text.utf8))))
        return copy
    }

    /// Verifies the note against trusted keys and returns those whose signatures verified, in
    /// line order. Lines from unknown keys (name or key id not both matching) are ignored.
    /// Throws `invalidSignature` if a known key's line fails, `ambiguousKey` if two trusted keys
    /// share a name and id, and `noKnownSignature` if no trusted key signed.
    public func verify(against known: [NoteVerifierKey]) throws(NoteError) -> [NoteVerifierKey] {
        let textBytes = Array(text.utf8)
        var verified: [NoteVerifierKey] = []
        for sig in signatures {
            let matches = known.filter { $0.name == sig.name && $0.keyID == sig.keyID }
            guard let key = matches.first else { continue }
            guard matches.allSatisfy({ $0 == key }) else { throw .ambiguousKey(name: sig.name, keyID: sig.keyID) }
            guard key.isValidSignature(sig.signature, text: textBytes) else {
                throw .invalidSignature(name: sig.name, keyID: sig.keyID)
            }
            if !verified.contains(key) { verified.append(key) }
        }
        guard !verified.isEmpty else { throw .noKnownSignature }
        return verified
    }

    private static let prefix: [UInt8] = Array("\u{2014} ".utf8)

    private static func parseLine(_ line: [UInt8]) throws(NoteError) -> NoteSignature {
        guard line.starts(with: prefix) else { throw .malformed("a signature line must start with an em dash and a space") }
        let rest = line.dropFirst(prefix.count)
        guard let space = rest.firstIndex(of: 0x20) else { throw .malformed("a signature line needs a name and a signature") }
        let name = String(decoding: rest[..<space], as: UTF8.self)
        guard NoteVerifierKey.isValidName(name) else { throw .invalidName(name) }
        let encoded = String(decoding: rest[(space + 1)...], as: UTF8.self)
        guard let raw = Base64.decode(encoded) else { throw .malformed("signature of \(name) is not canonical base64") }
        guard raw.count >= 5 else { throw .malformed("signature of \(name) is too short") }
        return try NoteSignature(name: name, keyID: NoteVerifierKey.uint32(raw), signature: Array(raw.dropFirst(4)))
    }
}
