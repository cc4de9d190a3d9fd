import Crypto

/// What a verifier folded from a ledger's first `size` records (the keys, entry numbers,
/// ranges, the replay re-derivation's state and every walk check's lists), signed by the
/// supervisor's key when `checkpoint` signs a checkpoint of that size after verifying the
/// ledger. A later verification before acting loads it instead of folding those records
/// again: it still reads and hashes every one of them, checks their index columns and chain,
/// and compares their Merkle root with this snapshot's (which must also be the signed
/// checkpoint record's); only the fold is taken from here.
///
/// A local cache, no part of the ledger format: `entryledger verify`, the Python verifier and
/// a bundle never read it. Anything wrong with it (not the supervisor's signature, another
/// ledger, another size, another root, another program version, a state that does not parse)
/// and it is not used: the verification folds every record as if it were not there.
///
/// The file: the line `entryledger-fold-snapshot 1`, then (``FoldWriter``) origin, size,
/// root, program, state, and the Ed25519 signature of ``signedMessage``.
public struct FoldSnapshot: Sendable {
    /// The ledger's origin.
    public let origin: String
    /// How many records were folded (the checkpoint's size).
    public let size: Int64
    /// The Merkle root of those records.
    public let root: [UInt8]
    /// The program (and fold layout) that folded them: another program's snapshot is stale.
    public let program: String
    /// The folded state, as ``Verifier/foldState()`` wrote it.
    let state: [UInt8]
    public let signature: [UInt8]

    static let magic = Array("entryledger-fold-snapshot 1\n".utf8)
    /// Bumped whenever what a verifier folds, or how it is written, changes.
    public static let layout = 1
    /// At most this many bytes are read from a snapshot file.
    public static let maxBytes = 1 << 30

    /// A snapshot of `state`, signed with `signer` (the supervisor's key).
    public init(origin: String, size: Int64, root: [UInt8], program: String, state: [UInt8], signer: LedgerSigningKey) {
        self.origin = origin
        self.size = size
        self.root = root
        self.program = program
        self.state = state
        self.signature = signer.sign(Self.signedMessage(origin: origin, size: size, root: root, program: program, state: state))
    }

    /// What the signature covers: a context line (so that no other signed message of the
    /// supervisor's can pass for a snapshot) and the SHA-256 of every field but the signature.
    static func signedMessage(origin: String, size: Int64, root: [UInt8], program: String, state: [UInt8]) -> [UInt8] {
        let fields = fieldsWriter(origin: origin, size: size, root: root, program: program, state: state)
        return Array("entryledger fold snapshot \(layout), not a record, not a checkpoint\n".utf8) + Array(SHA256.hash(data: fields.bytes))
    }

    /// Every field but the signature, in the file's order (what the signature's hash covers).
    private static func fieldsWriter(origin: String, size: Int64, root: [UInt8], program: String, state: [UInt8]) -> FoldWriter {
        var w = FoldWriter()
        w.string(origin)
        w.int(size)
        w.data(root)
        w.string(program)
        w.data(state)
        return w
    }

    /// The snapshot file's bytes.
    public var serialized: [UInt8] {
        var w = Self.fieldsWriter(origin: origin, size: size, root: root, program: program, state: state)
        w.data(signature)
        return Self.magic + w.bytes
    }

    /// Reads a snapshot file's bytes (its signature is checked by ``verifies(with:)``, not here).
    public init(serialized bytes: [UInt8]) throws(FoldSnapshotError) {
        guard bytes.starts(with: Self.magic) else { throw FoldSnapshotError("not a fold snapshot (no entryledger-fold-snapshot 1 line)") }
        var r = FoldReader(Array(bytes[Self.magic.count...]))
        origin = try r.string()
        size = try r.int()
        root = try r.data()
        program = try r.string()
        state = try r.data()
        signature = try r.data()
        guard r.atEnd, size > 0, root.count == MerkleHash.size, signature.count == 64 else {
            throw FoldSnapshotError("the snapshot's fields are not a size, a 32-byte root and a 64-byte signature, and nothing after")
        }
    }

    /// True when `key` signed exactly these fields.
    public func verifies(with key: LedgerPublicKey) -> Bool {
        key.isValidSignature(signature, for: Self.signedMessage(origin: origin, size: size, root: root, program: program, state: state))
    }
}
