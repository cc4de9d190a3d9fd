import LedgerFormat

/// The entry versions one run of a command has read from the ledger's records, by seq and
/// record hash: a replay folds the entries once (``EntryBook``) and renders every batch from
/// them, instead of reading and decoding each version again per batch file. It lives for one
/// run only and is never written anywhere: a version is used only under the seq and hash the
/// batch names, both read from the records in this run.
struct EntryVersions {
    private var byseq: [Int64: SharedEntryState] = [:]

    init(_ book: [EntryState]) {
        byseq.reserveCapacity(book.count)
        for e in book { byseq[e.versionSeq] = SharedEntryState(e) }
    }

    /// The versions a plan sends, sharing the plan's copies (nothing else of the fold is kept).
    init(_ plan: ReplayPlan) {
        for item in plan.items { byseq[item.versionSeq] = item.shared }
    }

    /// The entry recorded at `seq`, if this run read it there with record hash `hash`.
    func entry(seq: Int64, hash: String) -> CustomsEntry? {
        guard let v = byseq[seq]?.state, v.versionSeq == seq, Hex.encode(v.versionHash) == hash else { return nil }
        return v.entry
    }
}
