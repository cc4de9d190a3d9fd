/// RFC 9162 Merkle tree hashes and proofs, computed by streaming leaves from a source.
///
/// Memory stays O(log n + chunk size): a subtree of at most `chunkSize` leaves is read as one
/// contiguous buffer and reduced in place; a larger one is fed a chunk at a time through a
/// `MerkleRange`. No node hash allocates. A size larger than the source holds is refused
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

    /// The default chunk: a million leaves (32 MiB), so that the root of a ledger of that size
    /// is one read of the source.
    public static var defaultChunkSize: Int { 1 << 20 }

    public init(source: Source, chunkSize: Int = Self.defaultChunkSize) {
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

    /// MTH(D[range]) for any range: one contiguous read reduced in place when it fits in a
    /// chunk, else streamed a chunk at a time through a `MerkleRange`.
    public func subtreeHash(_ range: Range<UInt64>) throws -> [UInt8] {
        guard chunkSize >= 1 else { throw MerkleError.badChunkSize(chunkSize) }
        let width = MerkleHash.size
        if range.count <= UInt64(chunkSize) {
            var leaves = try read(from: range.lowerBound, count: Int(range.count))
            return leaves.withUnsafeMutableBytes { MerkleHash.rootInPlace($0.baseAddress!, count: Int(range.count)) }
        }
        var acc = MerkleRange()
        var next = range.lowerBound
        while next < range.upperBound {
            let want = Int(min(UInt64(chunkSize), range.upperBound - next))
            let chunk = try read(from: next, count: want)
            chunk.withUnsafeBytes { buf in
                for i in 0..<want { acc.appendUnchecked(buf.baseAddress! + i * width) }
            }
            next += UInt64(want)
        }
        return acc.root
    }

    /// `count` leaves from `start`, end to end, checked: exactly that many, 32 bytes each.
    private func read(from start: UInt64, count: Int) throws -> [UInt8] {
        guard count > 0 else { return [] }
        let bytes = try source.leafBytes(from: start, count: count)
        guard bytes.count == count * MerkleHash.size else {
            throw MerkleError.sourceShort(start: start, expected: count, got: bytes.count / MerkleHash.size)
        }
        return bytes
    }

    private func requireLeaves(_ size: UInt64) throws {
        let available = try source.leafCount()
        guard size <= available else { throw MerkleError.sizeBeyondSource(size: size, available: available) }
    }
}

extension MerkleTree: Sendable where Source: Sendable {}
