import LedgerFormat

/// The entry versions one batch sends, read from their records in this run by seq and checked
/// against the record hash the batch names: a replay reads a batch's entries when it renders
/// the batch and lets them go with it, so that its memory is one
/// batch's entries, not the ledger's. It lives for one render only and is never written anywhere.
struct EntryVersions {
    private var byseq: [Int64: (hash: String, entry: CustomsEntry)] = [:]

    /// Reads each version (`seq`, record `hash`) from the store; one whose record is not there
    /// with that hash, or does not read as an entry, is left out (the render then refuses).
    init(_ ledger: Ledger, versions: [(seq: Int64, hash: String)]) throws {
        byseq.reserveCapacity(versions.count)
        for (seq, hash) in versions where byseq[seq] == nil {
            guard let stored = try ledger.store.record(at: seq), Hex.encode(stored.record.hash) == hash,
                let e = EntryRecordView(payload: stored.record.payload)?.storedEntry else { continue }
            byseq[seq] = (hash, e)
        }
    }

    /// The entry recorded at `seq`, if this run read it there with record hash `hash`.
    func entry(seq: Int64, hash: String) -> CustomsEntry? {
        guard let v = byseq[seq], v.hash == hash else { return nil }
        return v.entry
    }
}
