/// One entry as the accounting sees it: its current state, its whole life, where each of its
/// applications (SE cargo release, AE entry summary) stands with ACE, and its money.
///
/// ```swift
/// for a in accounting.entries where !a.standing.accountedFor { print(a.number, a.standing.label) }
/// ```
public struct EntryAccount: Sendable {
    /// One application's standing with ACE.
    public struct Transmission: Sendable {
        public let application: ABIApplication
        public let standing: EntryStanding
        /// The last batch that carried it, and how.
        public let batchID: String?
        public let action: ABIAction?
        /// ACE's latest answer after that batch, if any.
        public let outcome: String?
        public let rejected: Bool
        /// What replay will send next, and why (nil: nothing).
        public let pending: String?
        /// Why it stands as it does, in a few words.
        public let reason: String
    }

    public let state: EntryState
    public let events: [EntryEvent]
    public let transmissions: [Transmission]
    public let money: AccountMoney
    /// When the entry summary falls due (entries with 7501 data not yet accepted by ACE).
    public let summaryDue: Int64?

    public var number: String { state.number.formatted }

    /// The most urgent standing of its applications.
    public var standing: EntryStanding {
        transmissions.map(\.standing).min() ?? (state.voided != nil ? .voidedUnsent : .toSend)
    }

    public var accountedFor: Bool { standing.accountedFor }

    /// Every answer in which ACE rejected it, even when a correction was accepted later.
    public var rejections: [EntryEvent] {
        events.filter { if case .answered(_, _, _, true, _) = $0.what { return true } else { return false } }
    }

    /// Importer number as shown to people (a social security number masked).
    public var importerDisplay: String { ImporterMask.display(state.entry.importer) }

    /// Counted in the money totals: every entry not voided.
    public var countsInTotals: Bool { state.voided == nil }

    /// The fields `entry list --json` and the report share for one entry.
    public var summaryJSON: [String: JSONValue] {
        let e = state.entry
        var o: [String: JSONValue] = [
            "entry_number": .string(number), "status": .string(state.status.rawValue), "state": .string(standing.rawValue),
            "state_label": .string(standing.label), "accounted_for": .bool(accountedFor), "version": .int(Int64(state.version)),
            "entry_type": .string(e.entryType), "port": .string(e.portOfEntry),
            "importer": ["qualifier": .string(e.importer.qualifier), "number": .string(importerDisplay), "masked": .bool(ImporterMask.isPersonal(e.importer))],
            "clerk": .string(state.addedBy), "logged_at": .string(state.addedAt), "logged_seq": .int(state.addedSeq),
            "money": money.json, "counts_in_totals": .bool(countsInTotals),
        ]
        if let d = summaryDue { o["entry_summary_due"] = .string(Timestamp.format(unixSeconds: d)) }
        return o
    }
}
