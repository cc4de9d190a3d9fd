import Foundation

/// The full accounting of the incident, the one a licensed broker signs and CBP reads: who
/// files and where, CBP's authorisation, every entry with its whole life and where it stands
/// with ACE, its money and the totals, the communications and deadlines, the evidence, and
/// what is not yet accounted for. ``Report`` renders it; `status` summarises it.
///
/// ```swift
/// let a = try Accounting.load(ledger, now: Timestamp.parse("2026-12-01T00:00:00Z")!)
/// print(a.totals.dutyCents, a.unaccounted.map(\.number))
/// ```
public struct Accounting: Sendable {
    /// Who files, where, and what the accounting was made from.
    public struct Header: Sendable {
        public let broker: String
        public let filer: String
        /// The office's port (the ledger's genesis).
        public let officePort: String
        /// Every port the entries name (entry and paper release), the office's first.
        public let ports: [String]
        public let origin: String
        /// The licensed broker: the supervisor key's holder.
        public let supervisor: String
        public let records: Int64
        public let rootHash: [UInt8]
        /// First and last moment the accounting covers: the discovery (or the first record) to
        /// the incident's closing (or now).
        public let periodStart: Int64?
        public let periodEnd: Int64
        public let periodOpen: Bool
    }

    /// A checkpoint recorded in the ledger.
    public struct CheckpointMark: Sendable {
        public let seq: Int64
        public let time: String
        public let size: Int64
        public let root: String
    }

    /// A record of the replay side (authorisation, batch, ACE response) with when and by whom.
    public struct Recorded<Body: Sendable>: Sendable {
        public let seq: Int64
        public let time: String
        public let author: String
        public let body: Body
    }

    /// A deadline, incident-wide or of one entry, with where it stands.
    public struct Deadline: Sendable {
        public let ruleID: String
        public let title: String
        public let due: Int64?
        public let state: DeadlineState
        /// The entry it concerns (entry-summary deadlines).
        public let entryNumber: String?
        /// When it was met and the record that met it.
        public let met: (at: Int64, seq: Int64)?
        /// What is left, or how late it was met: a few words.
        public let note: String

        /// Where it stands in a few words, times in the office's zone.
        public func detail(_ clock: OfficeClock) -> String {
            guard let met else { return note }
            return "met at \(clock.both(met.at)), seq \(met.seq)" + (note.isEmpty ? "" : ", \(note)")
        }
    }

    public let header: Header
    public let checkpoints: [CheckpointMark]
    public let authorizations: [Recorded<AuthorizationBody>]
    public let batches: [Recorded<BatchBody>]
    public let responses: [Recorded<ResponseBody>]
    public let entries: [EntryAccount]
    public let incident: IncidentTimeline
    /// Every deadline, incident and entry summaries, sorted by due time (none last).
    public let deadlines: [Deadline]
    public let now: Int64
    /// The rule entry summaries fall due by.
    public let summaryRule: DeadlineRule
    /// The cutoff replay uses: entries logged at or after it are not covered.
    public let cutoff: Int64

    public var latestCheckpoint: CheckpointMark? { checkpoints.last }
    public var unaccounted: [EntryAccount] { entries.filter { !$0.accountedFor } }

    /// The sum of every entry not voided.
    public var totals: AccountMoney { entries.filter(\.countsInTotals).map(\.money).reduce(.zero, +) }

    /// How many entries stand in each state, every state listed (zeros included).
    public var standingCounts: [(EntryStanding, Int)] {
        var c: [EntryStanding: Int] = [:]
        for e in entries { c[e.standing, default: 0] += 1 }
        return EntryStanding.allCases.map { ($0, c[$0] ?? 0) }
    }

    /// Logged, released on paper, voided, ever rejected by ACE, accounted for: the headline numbers.
    public var counts: [(String, Int)] {
        [("logged", entries.count),
         ("released on paper", entries.filter { $0.state.release != nil }.count),
         ("voided", entries.filter { $0.state.voided != nil }.count),
         ("ever rejected by ACE", entries.filter { !$0.rejections.isEmpty }.count),
         ("accounted for", entries.filter(\.accountedFor).count),
         ("not yet accounted for", entries.filter { !$0.accountedFor }.count)]
    }

    /// The accounting as of `now` (Unix seconds), folded from every record of the ledger.
    public static func load(_ ledger: Ledger, now: Int64) throws -> Accounting {
        try ledger.store.snapshot { try loadSnapshot(ledger, now: now) }
    }

    static func loadSnapshot(_ ledger: Ledger, now: Int64) throws -> Accounting {
        let keys = try ledger.store.keys()
        let names = Dictionary(keys.map { ($0.keyID, $0.name) }, uniquingKeysWith: { a, _ in a })
        let history = try ReplayHistory.load(ledger)
        let book = try EntryBook.load(ledger)
        let plan = try ReplayPlanner.plan(ledger, history: history, book: book)
        let summaryRule = ComplianceRules.rule("entry-summary")!

        // One pass over the records of the replay side, with their times.
        var checkpoints: [CheckpointMark] = []
        var authorizations: [Recorded<AuthorizationBody>] = []
        var batches: [Recorded<BatchBody>] = []
        var responses: [Recorded<ResponseBody>] = []
        try ledger.store.forEachRecord(ofKinds: [.checkpoint, .reconnectAuthorize, .replayBatch, .aceResponse]) { r in
            guard let h = try? RecordHeader(payload: r.record.payload, checkCanonical: false) else { return }
            let kind = h.kind
            let author = names[h.keyID] ?? h.keyID
            switch kind {
            case .checkpoint:
                if let c = try? CheckpointBody(json: h.body) { checkpoints.append(.init(seq: r.seq, time: h.time, size: Int64(c.size), root: Base64.encode(c.root))) }
            case .reconnectAuthorize:
                if let b = try? AuthorizationBody(json: h.body) { authorizations.append(.init(seq: r.seq, time: h.time, author: author, body: b)) }
            case .replayBatch:
                if let b = try? BatchBody(json: h.body) { batches.append(.init(seq: r.seq, time: h.time, author: author, body: b)) }
            case .aceResponse:
                if let b = try? ResponseBody(json: h.body) { responses.append(.init(seq: r.seq, time: h.time, author: author, body: b)) }
            default: break
            }
        }

        // Sends and answers by entry, in ledger order; an answer belongs to the last send before it.
        var sends: [String: [EntryEvent]] = [:]
        for b in batches {
            for t in b.body.transactions {
                sends[t.entryNumber, default: []].append(EntryEvent(seq: b.seq, time: b.time, author: b.author,
                                                                    what: .sent(batchID: b.body.batchID, application: t.application, action: t.action)))
            }
        }
        var answers: [String: [EntryEvent]] = [:]
        for r in responses {
            for x in r.body.results {
                answers[x.entryNumber, default: []].append(EntryEvent(seq: r.seq, time: r.time, author: r.author, what: .answered(
                    file: r.body.fileName, application: x.application, outcome: x.outcome, rejected: x.rejected, messages: x.messages)))
            }
        }
        let pending = Dictionary(plan.items.map { ("\($0.entry.number.formatted) \($0.application.rawValue)", $0) }, uniquingKeysWith: { a, _ in a })
        let excluded = Set(plan.excludedAfterCutoff)

        var entries: [EntryAccount] = []
        entries.reserveCapacity(book.count)
        for e in book {
            let n = e.number.formatted
            var events: [EntryEvent] = []
            var versionSeq: Int64?
            for c in e.history {
                switch c.kind {
                case .entryAdd: events.append(EntryEvent(seq: c.seq, time: c.time, author: c.author, what: .logged)); versionSeq = c.seq
                case .entryAmend:
                    // Only amended entries read their versions again: the diff of each to the one before.
                    let changes = try versionSeq.map { try FieldChange.diff(old: entryJSON(ledger, at: $0), new: entryJSON(ledger, at: c.seq)) } ?? []
                    versionSeq = c.seq
                    let reason = c.summary.hasPrefix("amended: ") ? String(c.summary.dropFirst("amended: ".count)) : c.summary
                    events.append(EntryEvent(seq: c.seq, time: c.time, author: c.author, what: .amended(reason: reason, changes: changes.map(masked))))
                case .entryVoid:
                    events.append(EntryEvent(seq: c.seq, time: c.time, author: c.author, what: .voided(reason: e.voided?.reason ?? "")))
                case .entryRelease:
                    if let r = e.release, r.seq == c.seq {
                        events.append(EntryEvent(seq: c.seq, time: c.time, author: c.author,
                                                 what: .releasedOnPaper(date: r.release.date, port: r.release.port, reference: r.release.reference)))
                    }
                default: break
                }
            }
            events += sends[n] ?? []
            events += answers[n] ?? []
            events.sort { $0.seq < $1.seq }

            var apps = ReplayPlanner.applications(of: e.entry)
            for app in ABIApplication.allCases where !apps.contains(app) && history.lastSent(n, app) != nil { apps.append(app) }
            let txs = apps.sorted().map { app in
                transmission(e, app, history: history, pending: pending["\(n) \(app.rawValue)"], excluded: excluded.contains(n))
            }
            var due: Int64?
            let summaryInACE = txs.first { $0.application == .entrySummary }.map { $0.standing == .inACE } ?? false
            if e.entry.entrySummary != nil, e.voided == nil, !summaryInACE,
               let start = Timestamp.parse((e.release?.release.date ?? e.entry.arrivalDate) + "T00:00:00Z") {
                due = ComplianceRules.due(summaryRule, from: start)
            }
            entries.append(EntryAccount(state: e, events: events, transmissions: txs, money: AccountMoney(e.entry), summaryDue: due))
        }

        let incident = try IncidentTimeline.load(ledger)
        var deadlines: [Deadline] = incident.deadlines(now: now).map(Deadline.init(incident:))
        for a in entries {
            guard let due = a.summaryDue else { continue }
            deadlines.append(Deadline(ruleID: summaryRule.id, title: "Entry summary of \(a.number)", due: due,
                                      state: DeadlineState.of(due: due, now: now, warnBefore: summaryRule.warnBeforeSeconds),
                                      entryNumber: a.number, met: nil, note: a.standing.label))
        }
        // "At once" deadlines (no due time) are the most urgent: first.
        deadlines.sort { ($0.due ?? .min, $0.entryNumber ?? "") < ($1.due ?? .min, $1.entryNumber ?? "") }

        let count = try ledger.store.count()
        var ports = [ledger.genesis.port]
        for e in book {
            for p in [e.entry.portOfEntry, e.release?.release.port].compactMap({ $0 }) where !ports.contains(p) { ports.append(p) }
        }
        ports = [ports[0]] + ports.dropFirst().sorted()
        let closedTime = incident.closed.flatMap { c in incident.events.first { $0.seq == c.seq }?.recorded }.flatMap(Timestamp.parse)
        let start = incident.opened.flatMap { Timestamp.parse($0.body.discoveredAt) } ?? book.first.flatMap { Timestamp.parse($0.addedAt) }
        let supervisor = keys.first { $0.role == .supervisor }?.name ?? ""
        let header = Header(broker: ledger.genesis.broker, filer: ledger.genesis.filer, officePort: ledger.genesis.port, ports: ports,
                            origin: ledger.origin, supervisor: supervisor, records: count,
                            rootHash: try MerkleTree(source: ledger.store).root(size: UInt64(count)),
                            periodStart: start, periodEnd: closedTime ?? now, periodOpen: closedTime == nil)
        return Accounting(header: header, checkpoints: checkpoints, authorizations: authorizations, batches: batches, responses: responses,
                          entries: entries, incident: incident, deadlines: deadlines, now: now, summaryRule: summaryRule, cutoff: plan.cutoff)
    }

    /// The entry a `entry.add` or `entry.amend` record holds, as stored.
    static func entryJSON(_ ledger: Ledger, at seq: Int64) throws -> JSONValue? {
        guard let r = try ledger.store.record(at: seq), let h = try? RecordHeader(payload: r.record.payload, checkCanonical: false) else { return nil }
        return h.body["entry"]
    }

    /// Where one application of an entry stands, from the replay history and plan.
    static func transmission(_ e: EntryState, _ app: ABIApplication, history: ReplayHistory, pending: ReplayPlan.Item?, excluded: Bool) -> EntryAccount.Transmission {
        let n = e.number.formatted
        let sent = history.lastSent(n, app)
        let result = sent.flatMap { history.lastResult(n, app, after: $0.batchSeq) }
        func make(_ s: EntryStanding, _ why: String) -> EntryAccount.Transmission {
            .init(application: app, standing: s, batchID: sent?.batchID, action: sent?.tx.action, outcome: result?.outcome,
                  rejected: result?.rejected ?? false, pending: pending.map { "\($0.action.word) (\($0.action.rawValue)): \($0.reason)" }, reason: why)
        }
        if excluded && sent == nil {
            return e.voided != nil ? make(.voidedUnsent, "voided; logged after the authorised checkpoint and never sent")
                                   : make(.notCovered, "logged after the checkpoint CBP's authorisation covers; replay will not send it")
        }
        if let p = pending { return make(.toSend, "\(p.action.word): \(p.reason)") }
        guard let sent else { return make(e.voided != nil ? .voidedUnsent : .toSend, e.voided != nil ? "voided before it was ever sent" : "never sent") }
        if result?.rejected == true {
            return e.voided != nil ? make(.voidedUnsent, "rejected by ACE in batch \(sent.batchID), then voided: ACE never held it")
                                   : make(.rejected, "rejected by ACE in batch \(sent.batchID): amend it to send it again")
        }
        guard let result else { return make(.awaitingACE, "sent in batch \(sent.batchID), no answer from ACE yet") }
        if sent.tx.action == .delete { return make(.deletedInACE, "deleted in ACE by batch \(sent.batchID) (\(result.outcome))") }
        return make(.inACE, "sent in batch \(sent.batchID); ACE: \(result.outcome)")
    }

    /// An amendment's change, with any social security number masked.
    static func masked(_ c: FieldChange) -> FieldChange {
        func m(_ s: String?) -> String? {
            guard let s else { return nil }
            let inner = s.hasPrefix("\"") && s.hasSuffix("\"") && s.count >= 2 ? String(s.dropFirst().dropLast()) : s
            return ImporterMask.looksLikeSSN(inner) ? "\"" + ImporterMask.display(ImporterNumber(qualifier: "34", number: inner)) + "\"" : s
        }
        return FieldChange(path: c.path, old: m(c.old), new: m(c.new))
    }
}

/// Where a deadline stands, in the words `status` and the report print (README.md lists them).
public enum DeadlineState: String, CaseIterable, Sendable {
    case met = "MET"
    case late = "LATE"
    case open = "OPEN"
    case warning = "WARNING"
    case dueNow = "DUE NOW"
    case missed = "MISSED"

    /// What the word means, for the README and the report's legend.
    public var meaning: String {
        switch self {
        case .met: return "done on time"
        case .late: return "done, after the deadline"
        case .open: return "not done yet, time left"
        case .warning: return "not done yet, due soon (within the rule's warning time)"
        case .dueNow: return "not done yet, due at once (no fixed period)"
        case .missed: return "not done, past the deadline"
        }
    }

    /// Needs the broker's action.
    public var needsAction: Bool { self == .warning || self == .dueNow || self == .missed }

    static func of(due: Int64, now: Int64, warnBefore: Int64) -> DeadlineState {
        now > due ? .missed : due - now <= warnBefore ? .warning : .open
    }
}

extension Accounting.Deadline {
    init(incident s: ComplianceClock.Status) {
        let state: DeadlineState
        var met: (at: Int64, seq: Int64)?
        let note: String
        switch s.state {
        case .metOnTime(let at, let seq): state = .met; met = (at, seq); note = ""
        case .metLate(let at, let seq, let late): state = .late; met = (at, seq); note = "\(DurationWords.words(late)) late"
        case .pending(let remaining, let warning):
            state = remaining == nil ? .dueNow : warning ? .warning : .open
            note = remaining.map { "\(DurationWords.words($0)) left" } ?? "not yet done"
        case .missed(let over): state = .missed; note = "not done, \(DurationWords.words(over)) past the deadline"
        }
        self.init(ruleID: s.ruleID, title: s.title, due: s.due, state: state, entryNumber: nil, met: met, note: note)
    }
}
