import LedgerFormat

/// What a replay plan needs of one entry, folded from the ledger's entry records: its number,
/// where it was added, its current version (seq and record hash), whether it was voided, and
/// which applications it has. The typed entry itself is not kept: a batch's entries are read
/// again from their version records when the batch is rendered (``EntryVersions``), so a
/// replay of 100,000 entries holds a few hundred bytes per entry, not the whole entries.
public struct ReplayEntry: Sendable {
    public let number: EntryNumber
    public let addedSeq: Int64
    /// The seq and record hash of the current version (its `entry.add` or latest `entry.amend`).
    public let versionSeq: Int64
    public let versionHash: [UInt8]
    public internal(set) var voided: (seq: Int64, reason: String)?
    /// Cargo release (SE) and entry summary (AE), as the current version has them.
    public let applications: [ABIApplication]
    /// The current version's entry type and filer reference (what ACE echoes in its answers).
    public let entryType: String
    public let brokerReference: String?

    init(_ s: EntryState) {
        number = s.number
        addedSeq = s.addedSeq
        versionSeq = s.versionSeq
        versionHash = s.versionHash
        voided = s.voided
        applications = ReplayPlanner.applications(of: s.entry)
        entryType = s.entry.entryType
        brokerReference = s.entry.entrySummary?.brokerReference
    }

    init(number: EntryNumber, addedSeq: Int64, version: (seq: Int64, hash: [UInt8]), voided: (seq: Int64, reason: String)?, entry: CustomsEntry) {
        self.number = number
        self.addedSeq = addedSeq
        versionSeq = version.seq
        versionHash = version.hash
        self.voided = voided
        applications = ReplayPlanner.applications(of: entry)
        entryType = entry.entryType
        brokerReference = entry.entrySummary?.brokerReference
    }

    /// Every entry, in the order it was added, folded as ``EntryBook/load(_:below:)`` folds
    /// them (the same records, the same reading of each version), each typed entry let go as
    /// soon as its summary is taken.
    static func loadAll(_ ledger: Ledger) throws -> [ReplayEntry] {
        var entries: [ReplayEntry] = []
        var index: [String: Int] = [:]
        try ledger.store.forEachRecord(ofKinds: [.entryAdd, .entryAmend, .entryVoid]) { stored in
            guard let h = EntryRecordView(payload: stored.record.payload) else { return }
            switch h.kind {
            case .entryAdd:
                guard let e = h.storedEntry else { return }
                let n = e.entryNumber.formatted
                guard index[n] == nil else { return }
                index[n] = entries.count
                entries.append(ReplayEntry(number: e.entryNumber, addedSeq: stored.seq, version: (stored.seq, stored.record.hash), voided: nil, entry: e))
            case .entryAmend:
                guard let n = h.body["entry_number"]?.stringValue, let i = index[n], let e = h.storedEntry else { return }
                let s = entries[i]
                entries[i] = ReplayEntry(number: s.number, addedSeq: s.addedSeq, version: (stored.seq, stored.record.hash), voided: s.voided, entry: e)
            case .entryVoid:
                guard let n = h.body["entry_number"]?.stringValue, let i = index[n] else { return }
                entries[i].voided = (stored.seq, h.body["reason"]?.stringValue ?? "")
            default: return
            }
        }
        return entries
    }
}
