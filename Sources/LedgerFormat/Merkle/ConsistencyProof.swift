/// An RFC 9162 consistency proof that the tree of `oldSize` leaves is a prefix of the tree of
/// `newSize` leaves: the ledger only grew between two checkpoints.
///
/// ```swift
/// let proof = try tree.consistencyProof(from: yesterday.size, to: today.size)
/// try proof.verify(oldRoot: yesterday.rootHash, newRoot: today.rootHash)   // throws MerkleError
/// ```
public struct ConsistencyProof: Equatable, Sendable {
    public let oldSize: UInt64
    public let newSize: UInt64
    /// The proof hashes in RFC 9162 order (deepest first).
    public let hashes: [[UInt8]]

    public init(oldSize: UInt64, newSize: UInt64, hashes: [[UInt8]]) {
        self.oldSize = oldSize
        self.newSize = newSize
        self.hashes = hashes
    }

    /// Verifies the proof exactly as RFC 9162 section 2.1.4.2 gives it.
    ///
    /// Equal sizes need an empty proof and equal roots; an old size of 0 is refused.
    public func verify(oldRoot: [UInt8], newRoot: [UInt8]) throws(MerkleError) {
        try MerkleHash.check(oldRoot)
        try MerkleHash.check(newRoot)
        for hash in hashes { try MerkleHash.check(hash) }
        guard oldSize > 0 else { throw .emptyOldTree }
        guard oldSize <= newSize else { throw .oldSizeBeyondNew(old: oldSize, new: newSize) }
        if oldSize == newSize {
            guard hashes.isEmpty else { throw .proofTooLong }
            guard oldRoot == newRoot else { throw .rootMismatch }
            return
        }
        // 1. If consistency_path is an empty array, stop and fail the proof verification.
        guard !hashes.isEmpty else { throw .proofTooShort }
        // 2. If first is an exact power of 2, then prepend first_hash to the consistency_path.
        var path = hashes
        if oldSize & (oldSize - 1) == 0 { path.insert(oldRoot, at: 0) }
        // 3. Set fn to first - 1 and sn to second - 1.
        var fn = oldSize - 1, sn = newSize - 1
        // 4. If LSB(fn) is set, then right-shift both fn and sn equally until LSB(fn) is not set.
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        // 5. Set both fr and sr to the first value in the consistency_path array.
        var fr = path[0], sr = path[0]
        // 6. For each subsequent value c in the consistency_path array:
        for c in path.dropFirst() {
            // a. If sn is 0, then stop the iteration and fail the proof verification.
            guard sn != 0 else { throw .proofTooLong }
            // b. If LSB(fn) is set, or if fn is equal to sn, then:
            if fn & 1 == 1 || fn == sn {
                fr = MerkleHash.node(c, fr)
                sr = MerkleHash.node(c, sr)
                // ii. If LSB(fn) is not set, right-shift both until LSB(fn) is set or fn is 0.
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                sr = MerkleHash.node(sr, c)
            }
            // c. Finally, right-shift both fn and sn one time.
            fn >>= 1
            sn >>= 1
        }
        // 7. Verify that fr equals first_hash, sr equals second_hash, and sn is 0.
        guard sn == 0 else { throw .proofTooShort }
        guard fr == oldRoot, sr == newRoot else { throw .rootMismatch }
    }
}
