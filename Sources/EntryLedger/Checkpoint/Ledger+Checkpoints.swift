import Foundation
import LedgerFormat
import LedgerSQLite

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
        var fold: (size: Int64, root: [UInt8], state: [UInt8])?
        let r = try appendBuilt([{ _ in
            let proof = try self.requireVerified(excusingMissingBatchFiles: false, keepingFold: true)
            fold = proof.foldState.map { (proof.records, proof.treeRoot, $0) }
            let cp = try Checkpoint(origin: self.origin, size: UInt64(proof.records), rootHash: proof.treeRoot)
            let note = try cp.signed(by: signer, name: self.checkpointKeyName)
            made = (cp, note)
            return (.checkpoint, CheckpointBody(size: cp.size, root: cp.rootHash, note: note.serialized).json)
        }], signer: signer, time: time)[0]
        // Committed: the fold of the records just verified, signed, for the next verification
        // before acting (a local cache; see ``FoldSnapshot``).
        if let fold { writeFoldSnapshot(size: fold.size, root: fold.root, state: fold.state, signer: signer) }
        return MadeCheckpoint(checkpoint: made!.0, note: made!.1, record: r, verifierKey: noteKey)
    }
}
