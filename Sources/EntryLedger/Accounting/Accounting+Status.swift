import LedgerFormat

extension Accounting {
    /// The entries whose summary falls due within the rule's warning time of `now` (or is
    /// overdue), with their due times: what `status` lists.
    public var entrySummariesDueSoon: [(line: Line, due: Int64)] {
        lines.compactMap { l in l.summaryDue.map { (l, $0) } }.filter { $0.due - now <= summaryRule.warnBeforeSeconds }
    }

    /// The short status `status --json` prints: the incident's deadlines, the counts of entries
    /// by standing, what is not yet accounted for, and the entry summaries coming due.
    public var statusJSON: JSONValue {
        let t = incident
        var o: [String: JSONValue] = [
            "origin": .string(origin), "records": .int(records), "at": .string(Timestamp.format(unixSeconds: now)),
            "deadlines": .array(deadlines.map(\.json)), "communications": .int(Int64(t.communications.count)),
            "evidence": .int(Int64(t.evidence.count)),
            "entries": .object(Dictionary(uniqueKeysWithValues: counts.map { ($0.0.replacingOccurrences(of: " ", with: "_"), JSONValue.int(Int64($0.1))) })),
            "not_accounted_for": .array(unaccounted.map { ["entry_number": .string($0.number), "standing": .string($0.standing)] }),
            "entry_summaries_due": .array(entrySummariesDueSoon.map { ["entry_number": .string($0.line.number), "due": .string(Timestamp.format(unixSeconds: $0.due))] }),
            "entry_summary_rule": .string(summaryRule.id),
        ]
        if let opened = t.opened {
            o["opened_seq"] = .int(opened.seq)
            o["discovered_at"] = .string(opened.body.discoveredAt)
        }
        if let c = t.closed { o["closed_seq"] = .int(c.seq) }
        return .object(o)
    }
}
