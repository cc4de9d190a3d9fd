import Crypto

/// The RFC 9162 (section 2.1.1) hash functions of the ledger's Merkle tree.
///
/// A leaf hash is SHA-256(0x00 || data) (for a record, `SignedRecord.hash`); an interior node
/// is SHA-256(0x01 || left || right); the empty tree's root is SHA-256 of nothing.
///
/// ```swift
/// let a = MerkleHash.leaf(Array("a".utf8)), b = MerkleHash.leaf(Array("b".utf8))
/// let root = MerkleHash.node(a, b)   // the root of the two-leaf tree
/// ```
public enum MerkleHash {
    /// The length of every hash in the tree: 32 bytes.
    public static let size = 32

    /// MTH({}) = SHA-256(""): the root of the empty tree.
    public static let emptyRoot: [UInt8] = Array(SHA256.hash(data: [UInt8]()))

    /// SHA-256(0x00 || data): the hash of a leaf whose input is `data`.
    public static func leaf(_ data: [UInt8]) -> [UInt8] {
        var h = SHA256()
        h.update(data: [0x00])
        h.update(data: data)
        return Array(h.finalize())
    }

    /// SHA-256(0x01 || left || right): an interior node.
    public static func node(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        var h = SHA256()
        h.update(data: [0x01])
        h.update(data: left)
        h.update(data: right)
        return Array(h.finalize())
    }

    /// The largest power of two strictly smaller than `n` (the RFC's `k`); `n` must be at least 2.
    static func split(_ n: UInt64) -> UInt64 {
        precondition(n >= 2, "split needs at least two leaves")
        return UInt64(1) << (63 - UInt64((n - 1).leadingZeroBitCount))
    }

    /// Throws unless `hash` is exactly 32 bytes.
    static func check(_ hash: [UInt8]) throws(MerkleError) {
        guard hash.count == size else { throw .badHashLength(hash.count) }
    }
}
