/// Supplies leaf hashes by range, so a tree over a million records can be hashed in chunks.
///
/// The ledger conforms its store (one SQL query per chunk); tests use `MerkleLeafArray`.
///
/// ```swift
/// struct StoreLeaves: MerkleLeafSource {
///     func leafCount() throws -> UInt64 { try store.count() }
///     func leafHashes(from start: UInt64, count: Int) throws -> [[UInt8]] {
///         try store.hashes(seq: start, limit: count)   // in seq order
///     }
/// }
/// ```
public protocol MerkleLeafSource {
    /// How many leaves the source holds; sizes beyond it are refused before any work.
    func leafCount() throws -> UInt64

    /// The 32-byte hashes of leaves `start ..< start + count`, in order. Returning fewer
    /// (or more) than `count` is reported as `MerkleError.sourceShort`.
    func leafHashes(from start: UInt64, count: Int) throws -> [[UInt8]]

    /// The same leaves as one buffer of 32-byte hashes end to end (`count * 32` bytes), for
    /// trees read in large ranges. The default gathers `leafHashes`; a hash that is not 32
    /// bytes is refused, and a short answer comes back short (reported as `sourceShort`).
    func leafBytes(from start: UInt64, count: Int) throws -> [UInt8]
}

extension MerkleLeafSource {
    public func leafBytes(from start: UInt64, count: Int) throws -> [UInt8] {
        let hashes = try leafHashes(from: start, count: count)
        guard hashes.count == count else { throw MerkleError.sourceShort(start: start, expected: count, got: hashes.count) }
        var out: [UInt8] = []
        out.reserveCapacity(count * MerkleHash.size)
        for h in hashes {
            try MerkleHash.check(h)
            out += h
        }
        return out
    }
}
