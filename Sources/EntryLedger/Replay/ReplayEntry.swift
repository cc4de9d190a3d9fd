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

    init(number: EntryNumber, addedSeq: Int64, version: (seq: Int64, hash: [UInt8]), voided: (seq: Int64, reason: String)?, read r: Read) {
        self.number = number
        self.addedSeq = addedSeq
        versionSeq = version.seq
        versionHash = version.hash
        self.voided = voided
        applications = r.applications
        entryType = r.entryType
        brokerReference = r.brokerReference
    }

    /// What the plan takes from a stored entry, read from its members as written (the values
    /// ``CustomsEntry/init(stored:)`` would give them), without checking the entry against the
    /// rules: the fold reads a ledger verified in the same run (every entry version checked
    /// then, or when the checkpoint covering it was signed), and each version sent is decoded
    /// and checked in full when its batch is rendered, which refuses one that does not read.
    struct Read {
        let number: EntryNumber
        let applications: [ABIApplication]
        let entryType: String
        let brokerReference: String?

        init?(_ entry: JSONNode) {
            guard entry.kind == .object, let text = entry["entry_number"]?.stringValue, let number = try? EntryNumber(parsing: text),
                  let entryType = entry["entry_type"]?.stringValue else { return nil }
            self.number = number
            self.entryType = entryType
            let summary = entry["entry_summary"]
            applications = (entry["cargo_release"] != nil ? [.cargoRelease] : []) + (summary != nil ? [.entrySummary] : [])
            brokerReference = summary?["broker_reference"]?.stringValue
        }
    }

    /// Every entry, in the order it was added, folded as ``EntryBook/load(_:below:)`` folds
    /// them (the same records), each version read for what the plan needs of it (``Read``),
    /// not decoded into a typed entry.
    static func loadAll(_ ledger: Ledger) throws -> [ReplayEntry] {
        var entries: [ReplayEntry] = []
        var index: [String: Int] = [:]
        try ledger.store.forEachRecord(ofKinds: [.entryAdd, .entryAmend, .entryVoid]) { stored in
            guard let h = EntryRecordView(payload: stored.record.payload) else { return }
            switch h.kind {
            case .entryAdd:
                guard let json = h.body["entry"], let e = Read(json) else { return }
                let n = e.number.formatted
                guard index[n] == nil else { return }
                index[n] = entries.count
                entries.append(ReplayEntry(number: e.number, addedSeq: stored.seq, version: (stored.seq, stored.record.hash), voided: nil, read: e))
            case .entryAmend:
                guard let n = h.body["entry_number"]?.stringValue, let i = index[n], let json = h.body["entry"], let e = Read(json) else { return }
                let s = entries[i]
                entries[i] = ReplayEntry(number: s.number, addedSeq: s.addedSeq, version: (stored.seq, stored.record.hash), voided: s.voided, read: e)
            case .entryVoid:
                guard let n = h.body["entry_number"]?.stringValue, let i = index[n] else { return }
                entries[i].voided = (stored.seq, h.body["reason"]?.stringValue ?? "")
            default: return
            }
        }
        return entries
    }
}
