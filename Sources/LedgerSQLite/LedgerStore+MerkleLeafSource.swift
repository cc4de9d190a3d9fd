import LedgerFormat

// MARK: the ledger's Merkle tree

/// The store is the ledger's leaf source: leaf `i` is the record hash of seq `i`, read from the
/// store in large ranges into one contiguous buffer, so roots and proofs never load the ledger.
extension LedgerStore: MerkleLeafSource {
    public func leafCount() throws -> UInt64 { UInt64(max(0, try self.count())) }

    public func leafHashes(from start: UInt64, count: Int) throws -> [[UInt8]] {
        guard count > 0, start < UInt64(Int64.max) else { return [] }
        let lo = Int64(start)
        let hi = lo.addingReportingOverflow(Int64(count))
        return try hashes(in: lo ..< (hi.overflow ? Int64.max : hi.partialValue))
    }

    /// The hashes of seq `start ..< start + count`, end to end. A large range (a quarter of the
    /// ledger or more) is read from the `hash` column's UNIQUE index, which holds every hash
    /// beside its seq in a fortieth of the table's pages, and each hash is put at its seq's
    /// place; a smaller one is read from the table by seq. Either way a hash that is not 32
    /// bytes, a seq given twice or one missing makes the answer short (`sourceShort`).
    public func leafBytes(from start: UInt64, count: Int) throws -> [UInt8] {
        guard count > 0, start < UInt64(Int64.max) else { return [] }
        let lo = Int64(start)
        let (sum, overflow) = lo.addingReportingOverflow(Int64(count))
        let hi = overflow ? Int64.max : sum
        let width = MerkleHash.size
        let fromIndex = try count >= Self.leafIndexScanMinimum && Int64(count) * 4 >= self.count()
        let sql = fromIndex
            ? "SELECT seq, hash FROM records INDEXED BY sqlite_autoindex_records_1 WHERE seq >= ? AND seq < ?"
            : "SELECT seq, hash FROM records WHERE seq >= ? AND seq < ? ORDER BY seq"
        var out = [UInt8](repeating: 0, count: count * width)
        var filled = [Bool](repeating: false, count: count)
        var rows = 0
        try wrap {
            let st = try db.cached(sql)
            try st.bind([.int(lo), .int(hi)])
            defer { st.reset() }
            try out.withUnsafeMutableBytes { buf in
                while try st.step() {
                    let at = Int(st.int64(0) - lo)
                    let ok = st.withBlob(1) { hash -> Bool in
                        guard hash.count == width, at >= 0, at < count, !filled[at] else { return false }
                        buf.baseAddress!.advanced(by: at * width).copyMemory(from: hash.baseAddress!, byteCount: width)
                        return true
                    }
                    guard ok else { return }
                    filled[at] = true
                    rows += 1
                }
            }
        }
        guard rows == count else { return Array(out.prefix(min(rows, count) * width)) }
        return out
    }

    /// Ranges of at least this many leaves may be read from the hash index.
    static let leafIndexScanMinimum = 1 << 14
}
