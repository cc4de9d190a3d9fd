/// An RFC 9162 inclusion proof (audit path) that leaf `index` is in the tree of `size` leaves.
///
/// ```swift
/// let proof = try tree.inclusionProof(index: 3, size: 10)
/// try proof.verify(leafHash: record.hash, root: checkpoint.rootHash)   // throws MerkleError
/// ```
public struct InclusionProof: Equatable, Sendable {
    public let index: UInt64
    public let size: UInt64
    /// The audit path, deepest sibling first.
    public let hashes: [[UInt8]]

    public init(index: UInt64, size: UInt64, hashes: [[UInt8]]) {
        self.index = index
        self.size = size
        self.hashes = hashes
    }

    /// Verifies the proof exactly as RFC 9162 section 2.1.3.2 gives it.
    public func verify(leafHash: [UInt8], root: [UInt8]) throws(MerkleError) {
        try MerkleHash.check(leafHash)
        try MerkleHash.check(root)
        for hash in hashes { try MerkleHash.check(hash) }
        // 1. Compare leaf_index against tree_size.
        guard index < size else { throw .indexOutOfRange(index: index, size: size) }
        // 2. fn = leaf_index, sn = tree_size - 1. 3. r = hash.
        var fn = index, sn = size - 1
        var r = leafHash
        // 4. For each value p in the inclusion_path array:
        for p in hashes {
            // a. If sn is 0, stop the iteration and fail the proof verification.
            guard sn != 0 else { throw .proofTooLong }
            // b. If LSB(fn) is set, or if fn is equal to sn, then:
            if fn & 1 == 1 || fn == sn {
                r = MerkleHash.node(p, r)
                // ii. If LSB(fn) is not set, right-shift both until LSB(fn) is set or fn is 0.
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                r = MerkleHash.node(r, p)
            }
            // c. Finally, right-shift both fn and sn one time.
            fn >>= 1
            sn >>= 1
        }
        // 5. Compare sn to 0. Compare r against the root hash.
        guard sn == 0 else { throw .proofTooShort }
        guard r == root else { throw .rootMismatch }
    }
}
