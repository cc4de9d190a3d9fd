import LedgerFormat

/// The entry versions one run of a command has read from the ledger's records, by seq and
/// record hash: a replay folds the entries once (``EntryBook``) and renders every batch from
/// them, instead of reading and decoding each version again per batch file. It lives for one
/// run only and is never written anywhere: a version is used only under the seq and hash the
/// batch names, both read from the records in this run.
struct EntryVersions {
    private var byseq: [Int64: (hash: String, entry: CustomsEntry)] = [:]

    init(_ book: [EntryState]) {
        byseq.reserveCapacity(book.count)
        for e in book { byseq[e.versionSeq] = (Hex.encode(e.versionHash), e.entry) }
    }

    /// The entry recorded at `seq`, if this run read it there with record hash `hash`.
    func entry(seq: Int64, hash: String) -> CustomsEntry? {
        guard let v = byseq[seq], v.hash == hash else { return nil }
        return v.entry
    }
}
