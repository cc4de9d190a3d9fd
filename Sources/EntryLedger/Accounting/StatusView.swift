/// What `status` prints: by default one screen however many entries (counts, what needs action
/// today, the deadlines by due time, grouped); with `all`, every entry and every deadline.
///
/// ```swift
/// for line in StatusView.lines(accounting, clock: .machine, all: false, ledgerPath: "entryledger.db") { print(line) }
/// ```
public enum StatusView {
    /// At most this many entry numbers are named on one line of the short view.
    static let namesPerLine = 3
    /// At most this many deadline lines in the short view.
    static let deadlineLines = 4

    /// One thing the broker has to do today.
    public struct Action: Sendable {
        /// A ``DeadlineState`` word (`MISSED`), or an ``EntryStanding`` raw value (`rejected`).
        public let word: String
        public let text: String
        public let entries: [String]
    }

    /// What needs action today (until the end of the office's day), most urgent first.
    public static func actions(_ a: Accounting, clock: OfficeClock) -> [Action] {
        var out: [Action] = []
        for d in a.deadlines where d.entryNumber == nil && d.state.needsAction {
            out.append(Action(word: d.state.rawValue, text: "\(d.title)" + (d.due.map { ", due \(clock.both($0))" } ?? "") + ": \(d.detail(clock))", entries: []))
        }
        let endOfDay = clock.endOfDay(a.now)
        let summaries = a.deadlines.filter { $0.entryNumber != nil }
        let missed = summaries.filter { $0.state == .missed }
        if !missed.isEmpty {
            out.append(Action(word: "MISSED", text: "\(missed.count) entry summar\(missed.count == 1 ? "y" : "ies") past due (earliest \(clock.both(missed[0].due!)))",
                              entries: missed.compactMap(\.entryNumber)))
        }
        let today = summaries.filter { $0.state != .missed && ($0.due ?? .max) <= endOfDay }
        if !today.isEmpty {
            out.append(Action(word: "WARNING", text: "\(today.count) entry summar\(today.count == 1 ? "y" : "ies") due by the end of today", entries: today.compactMap(\.entryNumber)))
        }
        let authorised = !a.authorizations.isEmpty
        for s in [EntryStanding.rejected, .notCovered, .toSend] {
            let es = a.entries.filter { $0.standing == s }
            guard !es.isEmpty else { continue }
            let what = s == .toSend && !authorised ? "replay once CBP authorises reconnection (authorize)" : s.action
            out.append(Action(word: s.rawValue, text: "\(es.count) entr\(es.count == 1 ? "y" : "ies") \(s.label): \(what)", entries: es.map(\.number)))
        }
        let waiting = a.entries.filter { $0.standing == .awaitingACE }
        if !waiting.isEmpty {
            out.append(Action(word: EntryStanding.awaitingACE.rawValue, text: "\(waiting.count) entr\(waiting.count == 1 ? "y" : "ies") \(EntryStanding.awaitingACE.label): \(EntryStanding.awaitingACE.action)", entries: waiting.map(\.number)))
        }
        return out
    }

    static func names(_ ns: [String]) -> String {
        ns.isEmpty ? "" : "      " + ns.prefix(namesPerLine).joined(separator: ", ") + (ns.count > namesPerLine ? " and \(ns.count - namesPerLine) more" : "")
    }

    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }

    /// `notices`: the lines of the office's notices (a heading, then one line each), if any; they
    /// are as many as the profile's parties, not the entries, so all are shown.
    public static func lines(_ a: Accounting, clock: OfficeClock, all: Bool, ledgerPath: String, notices: [String] = []) -> [String] {
        var out: [String] = []
        let h = a.header
        out.append("\(h.broker), filer \(h.filer), port \(h.officePort): \(h.records) records in \(ledgerPath)")
        out.append("As of \(clock.both(a.now)); times in \(clock.name)")
        if let o = a.incident.opened {
            out.append("Incident: discovered \(clock.both(o.body.discoveredAt)); " + (a.incident.closed != nil ? "closed" : "still open"))
            out.append("  What happened: \(o.body.summary)")
            if !o.body.systems.isEmpty { out.append("  Systems affected: \(o.body.systems.joined(separator: "; "))") }
            out.append("  Exposed importer numbers: \(o.body.exposedImporters.count); communications logged: \(a.incident.communications.count); evidence files: \(a.incident.evidence.count)")
        } else {
            out.append("No incident is open. Open one with `entryledger incident open --discovered-at TIME --summary TEXT`.")
        }
        out += notices
        if let auth = a.authorizations.last {
            out.append("CBP authorisation \(auth.body.reference) (\(auth.body.date))" + (auth.body.checkpointSize.map { ": covers the entries logged in the first \($0) records" } ?? ": covers every entry logged before it"))
        } else {
            out.append("CBP authorisation: none recorded yet; replay is refused until then")
        }
        let c = Dictionary(a.counts, uniquingKeysWith: { x, _ in x })
        out.append("Entries: \(c["logged"] ?? 0) logged, \(c["released on paper"] ?? 0) released on paper, \(c["voided"] ?? 0) voided, \(c["ever rejected by ACE"] ?? 0) ever rejected by ACE; \(c["accounted for"] ?? 0) accounted for")
        for (s, n) in a.standingCounts { out.append("  \(pad(s.label, 34)) \(n)") }
        let t = a.totals
        out.append("Money (entries not voided): value \(Money.text(t.valueCents)), duty \(Money.text(t.dutyCents)), fees \(Money.text(t.feesCents)), taxes \(Money.text(t.taxesCents)), AD/CVD \(Money.text(t.adcvdCents))")

        let acts = actions(a, clock: clock)
        out.append("Needs action today:" + (acts.isEmpty ? " nothing" : ""))
        for act in acts {
            let isDeadline = DeadlineState(rawValue: act.word) != nil
            out.append("  \(pad(isDeadline ? act.word : "-", 7)) \(act.text)")
            if !all, !act.entries.isEmpty { out.append(names(act.entries)) }
        }

        out.append("Deadlines, by due time (entry summaries: \(a.summaryRule.title), \(a.summaryRule.source)):" + (a.deadlines.isEmpty ? " none running" : ""))
        if all {
            for d in a.deadlines { out.append("  \(pad(d.state.rawValue, 7)) \(d.due.map { clock.both($0) } ?? "at once"): \(d.title) (\(d.detail(clock)))") }
        } else {
            // Incident deadlines one by one; entry summaries grouped by due time and state.
            var groups: [(key: String, line: String, entries: [String])] = []
            for d in a.deadlines {
                let when = d.due.map { clock.both($0) } ?? "at once"
                if let n = d.entryNumber {
                    let key = "\(d.state.rawValue) \(d.due ?? 0)"
                    if let i = groups.firstIndex(where: { $0.key == key }) { groups[i].entries.append(n); continue }
                    groups.append((key, "  \(pad(d.state.rawValue, 7)) \(when): ", [n]))
                } else {
                    groups.append(("incident \(d.ruleID)", "  \(pad(d.state.rawValue, 7)) \(when): \(d.title) (\(d.detail(clock)))", []))
                }
            }
            for g in groups.prefix(deadlineLines) {
                if g.entries.isEmpty { out.append(g.line); continue }
                out.append(g.line + (g.entries.count == 1 ? "entry summary of \(g.entries[0])"
                    : "entry summaries of \(g.entries.count) entries: " + g.entries.prefix(2).joined(separator: ", ") + (g.entries.count > 2 ? ", ..." : "")))
            }
            if groups.count > deadlineLines { out.append("  ... \(groups.count - deadlineLines) more due time(s)") }
        }
        if all {
            out.append("Every entry:")
            for e in a.entries {
                let apps = e.transmissions.map { "\($0.application.rawValue) \($0.standing.label)" }.joined(separator: "; ")
                out.append("  \(e.number)  \(pad(e.standing.label, 32)) \(pad(e.state.status.rawValue, 8)) logged \(clock.both(e.state.addedAt)) by \(e.state.addedBy)"
                           + (apps.isEmpty ? "" : "; \(apps)") + (e.summaryDue.map { "; summary due \(clock.both($0))" } ?? ""))
            }
        } else {
            out.append("Every entry and every deadline: entryledger status --all; the full accounting: entryledger report")
        }
        return out
    }

    /// `status --json`: the same facts; `entries` only with `all`.
    public static func json(_ a: Accounting, clock: OfficeClock, all: Bool) -> JSONValue {
        let doc = ReportJSON.document(a, clock: clock)
        var o: [String: JSONValue] = [
            "at": ReportJSON.time(a.now, clock), "time_zone": .string(clock.name),
            "header": doc["header"] ?? .null, "incident": doc["incident"] ?? .null, "authorizations": doc["authorizations"] ?? .null,
            "counts": doc["counts"] ?? .null, "totals": doc["totals"] ?? .null, "deadlines": doc["deadlines"] ?? .null,
            "not_accounted_for": doc["not_accounted_for"] ?? .null,
            "needs_action": .array(actions(a, clock: clock).map { ["state": .string($0.word), "summary": .string($0.text), "entries": .array($0.entries.map { .string($0) })] }),
            "communications": .int(Int64(a.incident.communications.count)), "evidence": .int(Int64(a.incident.evidence.count)),
        ]
        if all { o["entries"] = .array(a.entries.map { .object($0.summaryJSON) }) }
        return .object(o)
    }
}
