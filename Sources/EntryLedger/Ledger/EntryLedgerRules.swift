import LedgerFormat

extension RecordRuleBook {
    /// Every kind an EntryLedger ledger holds: the ledger's own, entries, the incident, replay.
    /// The folders, when given, are where verify finds the evidence and batch files.
    public static func entryLedger(evidenceFolder: String? = nil, batchFolder: String? = nil, responseFolder: String? = nil) -> RecordRuleBook {
        RecordRuleBook([EntryRules(), IncidentRules(evidenceFolder: evidenceFolder), ReplayRules(batchFolder: batchFolder, responseFolder: responseFolder)])
    }
}

extension Verifier {
    /// A verifier of an EntryLedger ledger: every kind's rules, and the evidence and batch
    /// files checked when their folders are given.
    public convenience init(trusting supervisor: LedgerPublicKey, evidenceFolder: String? = nil, batchFolder: String? = nil,
                            responseFolder: String? = nil) {
        self.init(trusting: supervisor, rules: .entryLedger(evidenceFolder: evidenceFolder, batchFolder: batchFolder, responseFolder: responseFolder))
    }

    /// The replay batches the walk saw (for re-rendering their files after it).
    var replayBatches: [(seq: Int64, body: BatchBody)] {
        checks.compactMap { ($0 as? ReplayWalkCheck)?.audit?.batches }.first ?? []
    }

    /// The SE13 contact in force at each batch the walk saw.
    var replayContacts: [Int64: ABIContact] {
        checks.compactMap { ($0 as? ReplayWalkCheck)?.audit?.contacts }.first ?? [:]
    }
}
