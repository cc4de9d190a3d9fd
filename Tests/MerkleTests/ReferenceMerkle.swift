import Crypto

/// A deliberately naive, recursive transcription of RFC 9162 section 2.1: MTH, PATH and PROOF
/// over a list of leaf hashes, written straight from the RFC text and sharing no code with the
/// library (only SHA-256 itself).
enum ReferenceMerkle {
    static func sha256(_ bytes: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: bytes)) }

    /// The RFC's leaf hash: SHA-256(0x00 || d).
    static func leafHash(_ data: [UInt8]) -> [UInt8] { sha256([0x00] + data) }

    /// The largest power of two smaller than n (n > 1).
    static func k(_ n: Int) -> Int {
        var k = 1
        while k * 2 < n { k *= 2 }
        return k
    }

    /// MTH(D[n]) where `d` already holds the leaf hashes.
    static func mth(_ d: ArraySlice<[UInt8]>) -> [UInt8] {
        let n = d.count
        if n == 0 { return sha256([]) }
        if n == 1 { return d[d.startIndex] }
        let k = k(n)
        return sha256([0x01] + mth(d.prefix(k)) + mth(d.dropFirst(k)))
    }

    /// PATH(m, D[n]).
    static func path(_ m: Int, _ d: ArraySlice<[UInt8]>) -> [[UInt8]] {
        let n = d.count
        if n == 1 { return [] }
        let k = k(n)
        if m < k { return path(m, d.prefix(k)) + [mth(d.dropFirst(k))] }
        return path(m - k, d.dropFirst(k)) + [mth(d.prefix(k))]
    }

    /// PROOF(m, D[n]) = SUBPROOF(m, D[n], true).
    static func proof(_ m: Int, _ d: ArraySlice<[UInt8]>) -> [[UInt8]] { subproof(m, d, true) }

    static func subproof(_ m: Int, _ d: ArraySlice<[UInt8]>, _ b: Bool) -> [[UInt8]] {
        let n = d.count
        if m == n { return b ? [] : [mth(d)] }
        let k = k(n)
        if m <= k { return subproof(m, d.prefix(k), b) + [mth(d.dropFirst(k))] }
        return subproof(m - k, d.dropFirst(k), false) + [mth(d.prefix(k))]
    }
}
