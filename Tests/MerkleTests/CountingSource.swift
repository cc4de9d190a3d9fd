@testable import LedgerFormat

/// A leaf source that records what it is asked for, and can lie about its size.
final class CountingSource: MerkleLeafSource, @unchecked Sendable {
    let leaves: [[UInt8]]
    let claimedCount: UInt64?
    var largestRequest = 0
    var leavesServed = 0

    init(_ leaves: [[UInt8]], claimedCount: UInt64? = nil) {
        self.leaves = leaves
        self.claimedCount = claimedCount
    }

    func leafCount() throws -> UInt64 { claimedCount ?? UInt64(leaves.count) }

    func leafHashes(from start: UInt64, count: Int) throws -> [[UInt8]] {
        largestRequest = max(largestRequest, count)
        guard start < UInt64(leaves.count) else { return [] }
        let chunk = Array(leaves[Int(start) ..< min(leaves.count, Int(start) + count)])
        leavesServed += chunk.count
        return chunk
    }
}
