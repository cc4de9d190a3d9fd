/// A compact-range accumulator: appends leaf hashes one at a time in O(log n) memory and
/// gives the RFC 9162 root of all leaves appended so far.
///
/// It keeps one perfect-subtree hash per set bit of `size`, largest first.
///
/// ```swift
/// var range = MerkleRange()
/// for record in records { try range.append(record.hash) }
/// let root = range.root      // MTH of every record so far
/// ```
public struct MerkleRange: Equatable, Sendable {
    /// The number of leaves appended.
    public private(set) var size: UInt64 = 0
    /// Roots of the perfect subtrees that make up the tree, largest (leftmost) first.
    private var peaks: [[UInt8]] = []

    public init() {}

    /// Appends the next leaf hash (32 bytes).
    public mutating func append(_ leafHash: [UInt8]) throws(MerkleError) {
        try MerkleHash.check(leafHash)
        guard size < UInt64.max else { throw .treeFull }
        var hash = leafHash
        var bits = size
        while bits & 1 == 1 {
            hash = MerkleHash.node(peaks.removeLast(), hash)
            bits >>= 1
        }
        peaks.append(hash)
        size += 1
    }

    /// MTH of the leaves appended so far (the empty-tree root when there are none).
    public var root: [UInt8] {
        guard var hash = peaks.last else { return MerkleHash.emptyRoot }
        for peak in peaks.dropLast().reversed() {
            hash = MerkleHash.node(peak, hash)
        }
        return hash
    }
}
