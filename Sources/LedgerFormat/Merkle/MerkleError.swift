/// Why a Merkle tree operation or proof was refused, in words an operator can act on.
///
/// ```swift
/// do { try proof.verify(leafHash: leaf, root: root) }
/// catch let e as MerkleError { print(e) }   // e.g. "proof is too short for leaf 3 of 8"
/// ```
public enum MerkleError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A hash (leaf, root or proof element) that is not 32 bytes long.
    case badHashLength(Int)
    /// A leaf index that is not inside the tree (index >= size).
    case indexOutOfRange(index: UInt64, size: UInt64)
    /// A consistency proof from the empty tree, which RFC 9162 does not define.
    case emptyOldTree
    /// A consistency proof whose old size is larger than its new size.
    case oldSizeBeyondNew(old: UInt64, new: UInt64)
    /// A proof with more hashes than its sizes call for.
    case proofTooLong
    /// A proof with fewer hashes than its sizes call for.
    case proofTooShort
    /// The proof is well formed but does not lead to the root it was checked against.
    case rootMismatch
    /// A tree size larger than the leaf source holds.
    case sizeBeyondSource(size: UInt64, available: UInt64)
    /// The leaf source returned a different number of leaves than it was asked for.
    case sourceShort(start: UInt64, expected: Int, got: Int)
    /// A chunk size below one.
    case badChunkSize(Int)
    /// An accumulator that already holds 2^64 - 1 leaves.
    case treeFull

    public var description: String {
        switch self {
        case .badHashLength(let n): return "a Merkle hash must be 32 bytes, not \(n)"
        case .indexOutOfRange(let i, let s): return "leaf index \(i) is outside a tree of size \(s)"
        case .emptyOldTree: return "a consistency proof needs a non-empty old tree"
        case .oldSizeBeyondNew(let o, let n): return "old tree size \(o) is larger than new tree size \(n)"
        case .proofTooLong: return "the proof has more hashes than the tree sizes allow"
        case .proofTooShort: return "the proof has fewer hashes than the tree sizes need"
        case .rootMismatch: return "the proof does not lead to the expected root hash"
        case .sizeBeyondSource(let s, let a): return "tree size \(s) claimed, but only \(a) leaves exist"
        case .sourceShort(let start, let e, let g):
            return "asked the leaf source for \(e) leaves from \(start), got \(g)"
        case .badChunkSize(let n): return "chunk size must be at least 1, not \(n)"
        case .treeFull: return "the tree cannot grow beyond 2^64 - 1 leaves"
        }
    }
}
