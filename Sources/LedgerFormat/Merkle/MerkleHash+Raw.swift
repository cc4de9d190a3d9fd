import Crypto

extension MerkleHash {
    /// SHA-256(0x01 || left || right) of the 32-byte hashes at `left` and `right`, written to
    /// the 32 bytes at `out` (which may be either input): an interior node with no allocation,
    /// for trees of a million leaves.
    @inline(__always)
    static func node(_ left: UnsafeRawPointer, _ right: UnsafeRawPointer, into out: UnsafeMutableRawPointer) {
        withUnsafeTemporaryAllocation(byteCount: 1 + 2 * size, alignment: 8) { message in
            message[0] = 0x01
            let base = message.baseAddress!
            (base + 1).copyMemory(from: left, byteCount: size)
            (base + 1 + size).copyMemory(from: right, byteCount: size)
            var h = SHA256()
            h.update(bufferPointer: UnsafeRawBufferPointer(message))
            h.finalize().withUnsafeBytes { digest in
                out.copyMemory(from: digest.baseAddress!, byteCount: size)
            }
        }
    }

    /// MTH of `count` leaf hashes laid end to end at `leaves` (32 bytes each), computed in
    /// place: `leaves` is overwritten. Returns the root, or the empty-tree root for none.
    ///
    /// Each level of a perfect subtree is hashed pairwise into the front of its own span, and
    /// the RFC's split at the largest power of two is kept by reducing the left perfect part
    /// and the rest separately, so the work is the tree's `count - 1` node hashes and nothing else.
    static func rootInPlace(_ leaves: UnsafeMutableRawPointer, count: Int) -> [UInt8] {
        guard count > 0 else { return emptyRoot }
        reduce(leaves, count: count)
        return Array(UnsafeRawBufferPointer(start: leaves, count: size))
    }

    /// Leaves the MTH of the `count` (>= 1) hashes at `p` in the first 32 bytes at `p`.
    private static func reduce(_ p: UnsafeMutableRawPointer, count: Int) {
        var n = count
        // The right parts first, innermost out: MTH(D[k:n]) for the RFC's k, recursively, is
        // a chain of perfect subtrees of decreasing size; reduce each perfect one pairwise.
        if n & (n - 1) == 0 {
            while n > 1 {
                for i in 0..<(n / 2) { node(p + 2 * i * size, p + (2 * i + 1) * size, into: p + i * size) }
                n /= 2
            }
            return
        }
        let k = Int(split(UInt64(n)))
        reduce(p, count: k)
        reduce(p + k * size, count: n - k)
        node(p, p + k * size, into: p)
    }
}
