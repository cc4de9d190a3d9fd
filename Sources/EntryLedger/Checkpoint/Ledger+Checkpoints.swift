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
        var lastError: Error?
        for _ in 0..<8 {
            let (size, root) = try store.snapshot { () throws -> (UInt64, [UInt8]) in
                let n = try store.leafCount()
                return (n, try tree.root(size: n))
            }
            let cp = try Checkpoint(origin: origin, size: size, rootHash: root)
            let note = try cp.signed(by: signer, name: checkpointKeyName)
            let body = CheckpointBody(size: size, root: root, note: note.serialized)
            do {
                let r = try append(.checkpoint, body: body.json, signer: signer, time: time)
                return MadeCheckpoint(checkpoint: cp, note: note, record: r, verifierKey: noteKey)
            } catch let e as LedgerError {
                lastError = e  // most likely a record appended meanwhile: try again
                if try store.leafCount() == size { throw e }
            }
        }
        throw lastError ?? LedgerError.invalidInput(["could not make a checkpoint"])
    }
}
