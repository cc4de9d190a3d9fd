import LedgerFormat

extension RecordRuleBook {
    /// Every kind an EntryLedger ledger holds: the ledger's own, entries, the incident, replay.
    /// The folders, when given, are where verify finds the evidence and batch files.
    public static func entryLedger(evidenceFolder: String? = nil, batchFolder: String? = nil) -> RecordRuleBook {
        RecordRuleBook([EntryRules(), IncidentRules(evidenceFolder: evidenceFolder), ReplayRules(batchFolder: batchFolder)])
    }
}

extension Verifier {
    /// A verifier of an EntryLedger ledger: every kind's rules, and the evidence and batch
    /// files checked when their folders are given.
    public convenience init(trusting supervisor: LedgerPublicKey, evidenceFolder: String? = nil, batchFolder: String? = nil) {
        self.init(trusting: supervisor, rules: .entryLedger(evidenceFolder: evidenceFolder, batchFolder: batchFolder))
    }
}
