/// A compact-range accumulator: appends leaf hashes one at a time in O(log n) memory and
/// gives the RFC 9162 root of all leaves appended so far.
///
/// It keeps one perfect-subtree hash per set bit of `size`, largest first, laid end to end in
/// one buffer, so appending a leaf hashes its nodes without allocating.
///
/// ```swift
/// var range = MerkleRange()
/// for record in records { try range.append(record.hash) }
/// let root = range.root      // MTH of every record so far
/// ```
public struct MerkleRange: Equatable, Sendable {
    /// The number of leaves appended.
    public private(set) var size: UInt64 = 0
    /// Roots of the perfect subtrees that make up the tree, largest (leftmost) first, 32 bytes
    /// each (one per set bit of `size`), with room for one more.
    private var peaks: [UInt8] = []

    public init() {}

    /// Appends the next leaf hash (32 bytes).
    public mutating func append(_ leafHash: [UInt8]) throws(MerkleError) {
        try MerkleHash.check(leafHash)
        guard size < UInt64.max else { throw .treeFull }
        leafHash.withUnsafeBytes { appendUnchecked($0.baseAddress!) }
    }

    /// Appends the 32-byte leaf hash at `leaf`; the caller has checked its length and that the
    /// tree is not full.
    mutating func appendUnchecked(_ leaf: UnsafeRawPointer) {
        let n = MerkleHash.size
        var count = size.nonzeroBitCount
        peaks.append(contentsOf: UnsafeRawBufferPointer(start: leaf, count: n))
        peaks.withUnsafeMutableBytes { buf in
            let p = buf.baseAddress!
            var bits = size
            // The new leaf is the last peak; merge it leftwards while the sizes pair up.
            while bits & 1 == 1 {
                MerkleHash.node(p + (count - 1) * n, p + count * n, into: p + (count - 1) * n)
                count -= 1
                bits >>= 1
            }
        }
        peaks.removeLast(peaks.count - (count + 1) * n)
        size += 1
    }

    /// MTH of the leaves appended so far (the empty-tree root when there are none).
    public var root: [UInt8] {
        let n = MerkleHash.size
        guard peaks.count >= n else { return MerkleHash.emptyRoot }
        var hash = Array(peaks[(peaks.count - n)...])
        var i = peaks.count / n - 1
        while i > 0 {
            i -= 1
            let left = Array(peaks[(i * n)..<((i + 1) * n)])
            left.withUnsafeBytes { l in
                hash.withUnsafeMutableBytes { h in MerkleHash.node(l.baseAddress!, h.baseAddress!, into: h.baseAddress!) }
            }
        }
        return hash
    }
}
