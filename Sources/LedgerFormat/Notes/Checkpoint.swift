/// The body of a C2SP tlog-checkpoint: "the ledger with origin O has N records and root R".
///
/// Lines: origin, decimal tree size (no leading zeros, within Int64), base64 root hash
/// (32 bytes), then optional non-empty extension lines; each line ends in a newline.
///
/// ```swift
/// let cp = try Checkpoint(origin: "acme.example/ledger", size: 42, rootHash: root)
/// let note = try cp.signed(by: supervisorKey, name: "acme.example/ledger")
/// let back = try Checkpoint(parsing: note.text)   // == cp
/// ```
public struct Checkpoint: Equatable, Sendable {
    public let origin: String
    public let size: UInt64
    public let rootHash: [UInt8]
    public let extensions: [String]

    public init(origin: String, size: UInt64, rootHash: [UInt8], extensions: [String] = []) throws(CheckpointError) {
        for (i, line) in ([origin] + extensions).enumerated() where !Self.isValidLine(line) {
            throw .badLine(i == 0 ? 0 : i + 2)
        }
        guard size <= UInt64(Int64.max) else { throw .badSize(String(size)) }
        guard rootHash.count == MerkleHash.size else { throw .badRootHash(Base64.encode(rootHash)) }
        self.origin = origin
        self.size = size
        self.rootHash = rootHash
        self.extensions = extensions
    }

    /// Parses a checkpoint body (a signed note's text) strictly.
    public init(parsing text: String) throws(CheckpointError) {
        guard text.utf8.last == 0x0A else { throw .missingFinalNewline }
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 3 else { throw .tooFewLines(lines.count) }
        for (i, line) in lines.enumerated() where !Self.isValidLine(line) { throw .badLine(i) }
        let sizeText = lines[1]
        guard sizeText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              sizeText == "0" || sizeText.utf8.first != 0x30,
              let size = Int64(sizeText), size >= 0
        else { throw .badSize(sizeText) }
        guard let root = Base64.decode(lines[2]), root.count == MerkleHash.size else { throw .badRootHash(lines[2]) }
        try self.init(origin: lines[0], size: UInt64(size), rootHash: root, extensions: Array(lines.dropFirst(3)))
    }

    /// The body text: origin, size, root and extension lines, each ending in a newline.
    public var text: String {
        ([origin, String(size), Base64.encode(rootHash)] + extensions).map { $0 + "\n" }.joined()
    }

    /// A signed note over this checkpoint, signed with Ed25519 by `key` as note key `name`
    /// (C2SP recommends the origin as the name).
    public func signed(by key: LedgerSigningKey, name: String) throws(NoteError) -> SignedNote {
        try SignedNote(text: text).signed(by: key, name: name)
    }

    private static func isValidLine(_ line: String) -> Bool {
        !line.isEmpty && !line.utf8.contains { $0 < 0x20 }
    }
}
