import LedgerFormat
import LedgerSQLite

extension Ledger {
    /// An inclusion proof of record `seq` against a checkpoint of this ledger, after checking
    /// that the checkpoint is this ledger's, signed by its supervisor, and matches the tree.
    public func inclusionProof(seq: UInt64, checkpoint cp: CheckpointInput) throws -> InclusionProofFile {
        try requireMatches(cp)
        let size = cp.checkpoint.size
        guard seq < size else { throw LedgerError.invalidInput(["record \(seq) is not covered by the checkpoint of \(size) records"]) }
        guard let stored = try store.record(at: Int64(seq)) else { throw LedgerError.notFound("there is no record \(seq)") }
        let proof = try tree.inclusionProof(index: seq, size: size)
        return InclusionProofFile(origin: origin, seq: seq, treeSize: size, root: cp.checkpoint.rootHash, record: stored.record, hashes: proof.hashes)
    }

    /// A consistency proof between two checkpoints of this ledger.
    public func consistencyProof(old: CheckpointInput, new: CheckpointInput) throws -> ConsistencyProofFile {
        try requireMatches(old)
        try requireMatches(new)
        guard old.checkpoint.size >= 1, old.checkpoint.size <= new.checkpoint.size else {
            throw LedgerError.invalidInput(["the old checkpoint (size \(old.checkpoint.size)) must be non-empty and no larger than the new one (size \(new.checkpoint.size))"])
        }
        let p = try tree.consistencyProof(from: old.checkpoint.size, to: new.checkpoint.size)
        return ConsistencyProofFile(origin: origin, oldSize: old.checkpoint.size, oldRoot: old.checkpoint.rootHash,
                                    newSize: new.checkpoint.size, newRoot: new.checkpoint.rootHash, hashes: p.hashes)
    }

    /// The seq of the `entry.add` record of an entry number (a scan of `entry.add` records).
    public func entryAddSeq(number: String) throws -> Int64? {
        for seq in try store.seqs(ofKind: RecordKind.entryAdd.rawValue) {
            guard let r = try store.record(at: seq), let h = try? RecordHeader(payload: r.record.payload) else { continue }
            if h.body["entry"]?["entry_number"]?.stringValue == number { return seq }
        }
        return nil
    }

    func requireMatches(_ cp: CheckpointInput) throws {
        guard cp.checkpoint.origin == origin else {
            throw LedgerError.invalidInput(["checkpoint \(cp.label) is for \(cp.checkpoint.origin), not this ledger (\(origin))"])
        }
        do { _ = try cp.note.verify(against: [try checkpointVerifierKey()]) } catch {
            throw LedgerError.invalidInput(["checkpoint \(cp.label) is not signed by this ledger's supervisor: \(error)"])
        }
        let size = cp.checkpoint.size
        guard size <= (try store.leafCount()) else {
            throw ProofFileError("checkpoint \(cp.label) says \(size) records; this ledger holds only \(try store.leafCount()): it was cut short", failed: true)
        }
        guard try tree.root(size: size) == cp.checkpoint.rootHash else {
            throw ProofFileError("checkpoint \(cp.label) does not match this ledger's first \(size) records: verify the ledger against it", failed: true)
        }
    }
}
