/// An in-memory `MerkleLeafSource` over an array of leaf hashes (tests, small trees).
///
/// ```swift
/// let tree = MerkleTree(source: MerkleLeafArray(records.map(\.hash)))
/// let root = try tree.root(size: UInt64(records.count))
/// ```
public struct MerkleLeafArray: MerkleLeafSource, Sendable {
    public let leaves: [[UInt8]]

    public init(_ leaves: [[UInt8]]) {
        self.leaves = leaves
    }

    public func leafCount() throws -> UInt64 { UInt64(leaves.count) }

    public func leafHashes(from start: UInt64, count: Int) throws -> [[UInt8]] {
        guard start < UInt64(leaves.count), count > 0 else { return [] }
        let lo = Int(start)
        return Array(leaves[lo ..< min(leaves.count, lo + min(count, leaves.count - lo))])
    }
}
