import LedgerFormat
import LedgerSQLite
import Foundation

/// The full accounting of the incident: for every entry, where it stands between the clerk's
/// log, CBP's paper release, the replay batches and ACE's answers; and the incident itself.
///
/// ```swift
/// let a = try Accounting.load(ledger, now: Timestamp.parse("2026-12-01T00:00:00Z")!)
/// print(a.counts, a.unaccounted.map(\.number))
/// ```
public struct Accounting: Sendable {
    /// One application's standing (SE cargo release, AE entry summary).
    public struct Transmission: Sendable {
        public let application: ABIApplication
        public let batchID: String?
        public let action: ABIAction?
        public let ace: String?
        public let rejected: Bool
        public let messages: [String]
        /// What still has to happen, if anything (from the replay plan).
        public let pending: String?
    }

    /// One entry of the accounting: its state, what was sent to ACE for it, and when its entry summary is due.
    public struct Line: Sendable {
        public let state: EntryState
        public let transmissions: [Transmission]
        public let summaryDue: Int64?

        public var number: String { state.number.formatted }

        /// Accounted for: voided and never needing ACE, or every application in ACE and accepted
        /// (or deleted), with nothing left to send.
        public var accountedFor: Bool {
            transmissions.allSatisfy { t in
                t.pending == nil && !t.rejected && (t.batchID == nil ? state.voided != nil : t.ace != nil)
            }
        }

        public var standing: String {
            if accountedFor { return state.voided != nil ? "voided, accounted for" : "in ACE, accepted" }
            if transmissions.contains(where: \.rejected) { return "rejected by ACE" }
            if transmissions.contains(where: { $0.pending != nil }) { return "to send" }
            return "sent, awaiting ACE"
        }
    }

    public let origin: String
    public let broker: String
    public let records: Int64
    public let rootHash: [UInt8]
    public let lines: [Line]
    public let incident: IncidentTimeline
    public let deadlines: [ComplianceClock.Status]
    public let batches: [(seq: Int64, body: BatchBody)]
    /// The last checkpoint recorded in the ledger: what this accounting can be checked against.
    public let latestCheckpoint: (seq: Int64, size: Int64, root: String)?
    public let now: Int64
    /// The rule used for entry summaries coming due (configurable in ComplianceRules).
    public let summaryRule: DeadlineRule

    public var unaccounted: [Line] { lines.filter { !$0.accountedFor } }

    public var counts: [(String, Int)] {
        [("logged", lines.count),
         ("released on paper", lines.filter { $0.state.release != nil }.count),
         ("sent to ACE", lines.filter { $0.transmissions.contains { $0.batchID != nil } }.count),
         ("accepted by ACE", lines.filter { l in !l.transmissions.isEmpty && l.transmissions.allSatisfy { $0.ace != nil && !$0.rejected } }.count),
         ("rejected by ACE", lines.filter { $0.transmissions.contains(where: \.rejected) }.count),
         ("voided", lines.filter { $0.state.voided != nil }.count),
         ("not yet accounted for", lines.filter { !$0.accountedFor }.count)]
    }

    /// The accounting as of `now` (Unix seconds), folded from every record of the ledger.
    public static func load(_ ledger: Ledger, now: Int64) throws -> Accounting {
        let history = try ReplayHistory.load(ledger)
        let plan = try ReplayPlanner.plan(ledger, history: history)
        let book = try EntryBook.load(ledger)
        let summaryRule = ComplianceRules.rule("entry-summary")!
        var lines: [Line] = []
        for e in book {
            let n = e.number.formatted
            var apps = ReplayPlanner.applications(of: e.entry)
            for app in ABIApplication.allCases where !apps.contains(app) && history.lastSent(n, app) != nil { apps.append(app) }
            let txs: [Transmission] = apps.sorted().map { app in
                let sent = history.lastSent(n, app)
                let result = sent.flatMap { history.lastResult(n, app, after: $0.batchSeq) }
                let pending = plan.items.first { $0.entry.number == e.number && $0.application == app }.map { "\($0.action.rawValue): \($0.reason)" }
                return Transmission(application: app, batchID: sent?.batchID, action: sent?.tx.action, ace: result?.outcome,
                                    rejected: result?.rejected ?? false, messages: result?.messages ?? [], pending: pending)
            }
            var due: Int64?
            if e.entry.entrySummary != nil, e.voided == nil,
               !(txs.first { $0.application == .entrySummary }.map { $0.ace != nil && !$0.rejected } ?? false),
               let start = Timestamp.parse((e.release?.release.date ?? e.entry.arrivalDate) + "T00:00:00Z") {
                due = ComplianceRules.due(summaryRule, from: start)
            }
            lines.append(Line(state: e, transmissions: txs, summaryDue: due))
        }
        let count = try ledger.store.count()
        let timeline = try IncidentTimeline.load(ledger)
        var latest: (seq: Int64, size: Int64, root: String)?
        if let seq = try ledger.store.seqs(ofKind: RecordKind.checkpoint.rawValue).last, let r = try ledger.store.record(at: seq),
           let h = try? RecordHeader(payload: r.record.payload), let c = try? CheckpointBody(json: h.body) {
            latest = (seq, Int64(c.size), Base64.encode(c.root))
        }
        return Accounting(origin: ledger.origin, broker: ledger.genesis.broker, records: count,
                          rootHash: try MerkleTree(source: ledger.store).root(size: UInt64(count)), lines: lines, incident: timeline,
                          deadlines: timeline.deadlines(now: now), batches: history.batches, latestCheckpoint: latest, now: now, summaryRule: summaryRule)
    }
}

