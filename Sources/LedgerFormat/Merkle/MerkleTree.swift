/// RFC 9162 Merkle tree hashes and proofs, computed by streaming leaves from a source.
///
/// Memory stays O(log n + chunk size): every subtree hash is computed by feeding its leaves,
/// a chunk at a time, through a `MerkleRange`. A size larger than the source holds is refused
/// before any leaf is read, and a source that comes up short mid-way is an error, never a hang.
///
/// ```swift
/// let tree = MerkleTree(source: MerkleLeafArray(hashes))
/// let root = try tree.root(size: 8)
/// let proof = try tree.inclusionProof(index: 5, size: 8)
/// try proof.verify(leafHash: hashes[5], root: root)
/// ```
public struct MerkleTree<Source: MerkleLeafSource> {
    public let source: Source
    /// How many leaf hashes are asked of the source at once.
    public let chunkSize: Int

    public init(source: Source, chunkSize: Int = 4096) {
        self.source = source
        self.chunkSize = chunkSize
    }

    /// MTH(D[0:size]): the root of the first `size` leaves.
    public func root(size: UInt64) throws -> [UInt8] {
        try requireLeaves(size)
        return try subtreeHash(0 ..< size)
    }

    /// PATH(index, D[0:size]) (RFC 9162 2.1.3.1): the audit path of leaf `index`, deepest first.
    public func inclusionProof(index: UInt64, size: UInt64) throws -> InclusionProof {
        guard index < size else { throw MerkleError.indexOutOfRange(index: index, size: size) }
        try requireLeaves(size)
        var topDown: [[UInt8]] = []
        var offset: UInt64 = 0, n = size, m = index
        while n > 1 {
            let k = MerkleHash.split(n)
            if m < k {
                topDown.append(try subtreeHash(offset + k ..< offset + n))
                n = k
            } else {
                topDown.append(try subtreeHash(offset ..< offset + k))
                offset += k
                m -= k
                n -= k
            }
        }
        return InclusionProof(index: index, size: size, hashes: topDown.reversed())
    }

    /// PROOF(oldSize, D[0:newSize]) (RFC 9162 2.1.4.1); empty when the sizes are equal.
    public func consistencyProof(from oldSize: UInt64, to newSize: UInt64) throws -> ConsistencyProof {
        guard oldSize > 0 else { throw MerkleError.emptyOldTree }
        guard oldSize <= newSize else { throw MerkleError.oldSizeBeyondNew(old: oldSize, new: newSize) }
        try requireLeaves(newSize)
        var topDown: [[UInt8]] = []
        var offset: UInt64 = 0, m = oldSize, n = newSize
        var wholeOldTree = true   // the RFC's b: still inside the subtree that is the old tree
        while m != n {
            let k = MerkleHash.split(n)
            if m <= k {
                topDown.append(try subtreeHash(offset + k ..< offset + n))
                n = k
            } else {
                topDown.append(try subtreeHash(offset ..< offset + k))
                offset += k
                m -= k
                n -= k
                wholeOldTree = false
            }
        }
        if !wholeOldTree {
            topDown.append(try subtreeHash(offset ..< offset + m))
        }
        return ConsistencyProof(oldSize: oldSize, newSize: newSize, hashes: topDown.reversed())
    }

    /// MTH(D[range]) for any range, streaming its leaves through a `MerkleRange`.
    public func subtreeHash(_ range: Range<UInt64>) throws -> [UInt8] {
        guard chunkSize >= 1 else { throw MerkleError.badChunkSize(chunkSize) }
        var acc = MerkleRange()
        var next = range.lowerBound
        while next < range.upperBound {
            let want = Int(min(UInt64(chunkSize), range.upperBound - next))
            let chunk = try source.leafHashes(from: next, count: want)
            guard chunk.count == want else {
                throw MerkleError.sourceShort(start: next, expected: want, got: chunk.count)
            }
            for hash in chunk { try acc.append(hash) }
            next += UInt64(want)
        }
        return acc.root
    }

    private func requireLeaves(_ size: UInt64) throws {
        let available = try source.leafCount()
        guard size <= available else { throw MerkleError.sizeBeyondSource(size: size, available: available) }
    }
}

extension MerkleTree: Sendable where Source: Sendable {}
