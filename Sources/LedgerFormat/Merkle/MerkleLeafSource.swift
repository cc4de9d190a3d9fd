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
}
