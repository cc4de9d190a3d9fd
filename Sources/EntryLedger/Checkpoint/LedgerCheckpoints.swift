import Foundation

// MARK: the ledger's Merkle tree

/// The store is the ledger's leaf source: leaf `i` is the record hash of seq `i`, read from the
/// store in chunks (one indexed query per chunk), so roots and proofs never load the ledger.
extension LedgerStore: MerkleLeafSource {
    public func leafCount() throws -> UInt64 { UInt64(max(0, try self.count())) }

    public func leafHashes(from start: UInt64, count: Int) throws -> [[UInt8]] {
        guard count > 0, start < UInt64(Int64.max) else { return [] }
        let lo = Int64(start)
        let hi = lo.addingReportingOverflow(Int64(count))
        return try hashes(in: lo ..< (hi.overflow ? Int64.max : hi.partialValue))
    }
}

extension Ledger {
    /// The RFC 9162 tree over the ledger's record hashes, streamed from the store.
    public var tree: MerkleTree<LedgerStore> { MerkleTree(source: store) }

    /// The note key name of this ledger's checkpoints: the origin (as C2SP recommends).
    public var checkpointKeyName: String { origin }

    /// The supervisor's note verifier key for this ledger's checkpoints.
    public func checkpointVerifierKey() throws -> NoteVerifierKey {
        try NoteVerifierKey(name: checkpointKeyName, type: .ed25519, key: genesis.supervisor)
    }

    /// What `checkpoint` made: the signed note (to send out of band) and the record that holds it.
    public struct MadeCheckpoint: Sendable {
        public let checkpoint: Checkpoint
        public let note: SignedNote
        public let record: Appended
        public let verifierKey: NoteVerifierKey
    }

    /// Signs a checkpoint of every record so far and appends it as a `checkpoint` record.
    ///
    /// The checkpoint covers the records before the checkpoint record: its size is the
    /// checkpoint record's seq. If another writer appends between reading the tree and
    /// committing, the rules refuse the stale checkpoint and it is made again.
    public func appendCheckpoint(signer: LedgerSigningKey, time: String = Timestamp.now()) throws -> MadeCheckpoint {
        let noteKey = try checkpointVerifierKey()
        guard noteKey.publicKey == signer.publicKey.raw else {
            throw LedgerError.invalidInput(["only the supervisor (key \(genesis.supervisor.keyID)) signs checkpoints; this key is \(signer.keyID)"])
        }
        // The supervisor vouches for every record the checkpoint covers: verify them first,
        // under the write lock, and sign the root the verification computed from their bytes.
        var made: (Checkpoint, SignedNote)?
        let r = try appendBuilt([{ _ in
            let proof = try self.requireVerified()
            let cp = try Checkpoint(origin: self.origin, size: UInt64(proof.records), rootHash: proof.treeRoot)
            let note = try cp.signed(by: signer, name: self.checkpointKeyName)
            made = (cp, note)
            return (.checkpoint, CheckpointBody(size: cp.size, root: cp.rootHash, note: note.serialized).json)
        }], signer: signer, time: time)[0]
        return MadeCheckpoint(checkpoint: made!.0, note: made!.1, record: r, verifierKey: noteKey)
    }
}

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
/// not hold exactly that many). The append path asks the store; verify asks its own tree.
public protocol MerkleRootState {
    func treeRoot(size: UInt64) throws -> [UInt8]?
}

extension StoreTransaction: MerkleRootState {
    public func treeRoot(size: UInt64) throws -> [UInt8]? {
        guard try store.leafCount() == size else { return nil }
        return try MerkleTree(source: store).root(size: size)
    }
}

extension MemoryLedgerState: MerkleRootState {
    public func treeRoot(size: UInt64) throws -> [UInt8]? { tree.size == size ? tree.root : nil }
}

extension RecordRules {
    /// A checkpoint record: covers exactly the records before it, carries a note signed by the
    /// supervisor whose checkpoint has this ledger's origin, the same size and root, and the
    /// root is the tree's.
    static func checkCheckpointRecord(_ h: RecordHeader, state: LedgerState, genesis: GenesisBody?, into out: inout Outcome) throws {
        let body = try CheckpointBody(json: h.body)
        guard body.size == UInt64(h.seq) else {
            out.problems.append("checkpoint: a checkpoint record at seq \(h.seq) covers the \(h.seq) records before it, but its size is \(body.size)")
            return
        }
        let note: SignedNote
        let cp: Checkpoint
        do {
            note = try SignedNote(parsing: body.note)
            cp = try Checkpoint(parsing: note.text)
        } catch {
            out.problems.append("checkpoint: the note is not a signed checkpoint: \(error)")
            return
        }
        if cp.origin != h.origin { out.problems.append("checkpoint: the note's origin \(cp.origin) is not this ledger's (\(h.origin))") }
        if cp.size != body.size || cp.rootHash != body.root {
            out.problems.append("checkpoint: the note says size \(cp.size) and root \(Base64.encode(cp.rootHash)), the record body size \(body.size) and root \(Base64.encode(body.root))")
        }
        if !cp.extensions.isEmpty { out.problems.append("checkpoint: the note has extension lines, which this version does not write") }
        if let genesis {
            do {
                let key = try NoteVerifierKey(name: genesis.origin, type: .ed25519, key: genesis.supervisor)
                _ = try note.verify(against: [key])
            } catch {
                out.problems.append("checkpoint: the note is not signed by the supervisor as \(genesis.origin): \(error)")
            }
        }
        if let roots = state as? MerkleRootState {
            if let root = try roots.treeRoot(size: body.size) {
                if root != body.root {
                    out.problems.append("checkpoint: root \(Base64.encode(body.root)) is not the Merkle root of the \(body.size) records before it (\(Base64.encode(root)))")
                }
            } else {
                out.problems.append("checkpoint: the ledger does not hold exactly \(body.size) records before this one")
            }
        }
    }
}
