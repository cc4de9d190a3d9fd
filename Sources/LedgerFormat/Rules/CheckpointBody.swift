// MARK: the checkpoint record


/// The body of a `checkpoint` record: `{"size": N, "root": base64, "note": SIGNED_NOTE_TEXT}`.
/// `size` is the seq of the checkpoint record (it covers the records before it); `note` is the
/// exact signed note the supervisor sent out, whose checkpoint says the same size and root.
public struct CheckpointBody: Equatable, Sendable {
    public let size: UInt64
    public let root: [UInt8]
    public let note: String

    public init(size: UInt64, root: [UInt8], note: String) {
        self.size = size
        self.root = root
        self.note = note
    }

    public init(json: JSONValue) throws(RecordFormatError) {
        let r = try BodyReader(json, kind: "checkpoint", allowed: ["size", "root", "note"])
        let n = try r.int("size")
        guard n >= 0 else { throw RecordFormatError("checkpoint body: size must not be negative") }
        size = UInt64(n)
        root = try r.bytes("root", count: MerkleHash.size)
        note = try r.string("note", maxLength: 100_000)
    }

    public var json: JSONValue {
        ["size": .int(Int64(size)), "root": .string(Base64.encode(root)), "note": .string(note)]
    }
}

/// A state that can say the Merkle root of the ledger's first `size` records (nil if it does
