import LedgerFormat

// MARK: the ledger's Merkle tree

/// The store is the ledger's leaf source: leaf `i` is the record hash of seq `i`, read from the
/// store in chunks (one indexed query per chunk), so roots and proofs never load the ledger.
extension LedgerStore: MerkleLeafSource {
    public func leafCount() throws -> UInt64 { UInt64(max(0, try self.count())) }

    public func leafHashes(from start: UInt64, count: Int) throws -> [[UInt8]] {
        guard count > 0, start < UInt64(Int64.max) else { return [] }
        let lo = Int64(start)
        let hi = lo.addingReportingOverflow(Int64(count))
        return try hashes(in: lo ..< (hi.overflow ? Int64.max : hi.partialValue))
    }
}
