import LedgerFormat
/// Where each incident deadline stands at a given moment.
///
/// ```swift
/// let statuses = ComplianceClock.evaluate(incident: timeline, now: Timestamp.parse("2026-12-01T00:00:00Z")!)
/// ```
public enum ComplianceClock {
    /// Where a deadline stands; times are seconds since 1970 (UTC).
    public enum State: Equatable, Sendable {
        case metOnTime(at: Int64, seq: Int64)
        case metLate(at: Int64, seq: Int64, lateBy: Int64)
        case pending(remaining: Int64?, warning: Bool)
        case missed(overdueBy: Int64)
    }

    /// One deadline rule and where it stands.
    public struct Status: Equatable, Sendable {
        public let ruleID: String
        public let title: String
        public let due: Int64?
        public let state: State

        /// One line for a broker.
        public var sentence: String {
            let dueText = due.map { " (due \(Timestamp.format(unixSeconds: $0)))" } ?? ""
            switch state {
            case .metOnTime(let at, let seq): return "MET     \(title): met at \(Timestamp.format(unixSeconds: at)), seq \(seq)\(dueText)"
            case .metLate(let at, let seq, let late):
                return "LATE    \(title): met at \(Timestamp.format(unixSeconds: at)), seq \(seq), \(DurationWords.words(late)) after the deadline\(dueText)"
            case .pending(let remaining, let warning):
                guard let remaining else { return "DUE NOW \(title): not yet done" }
                return "\(warning ? "WARNING" : "OPEN   ") \(title): \(DurationWords.words(remaining)) left\(dueText)"
            case .missed(let over): return "MISSED  \(title): not done, \(DurationWords.words(over)) past the deadline\(dueText)"
            }
        }
    }

    /// The incident deadlines (those that start at discovery) for an opened incident.
    public static func evaluate(discoveredAt: Int64, communications: [(seq: Int64, body: CommunicationBody)], now: Int64) -> [Status] {
        ComplianceRules.all.filter { if case .discovery = $0.start { return true } else { return false } }.map { rule in
            let due = ComplianceRules.due(rule, from: discoveredAt)
            let meeting = communications.filter { rule.metBy($0.body) }
                .compactMap { c in Timestamp.parse(c.body.at).map { (at: $0, seq: c.seq) } }
                .min { $0.at < $1.at }
            let state: State
            if let m = meeting {
                if let due, m.at > due { state = .metLate(at: m.at, seq: m.seq, lateBy: m.at - due) } else { state = .metOnTime(at: m.at, seq: m.seq) }
            } else if let due {
                state = now > due ? .missed(overdueBy: now - due) : .pending(remaining: due - now, warning: due - now <= rule.warnBeforeSeconds)
            } else {
                state = .pending(remaining: nil, warning: true)
            }
            return Status(ruleID: rule.id, title: rule.title, due: due, state: state)
        }
    }
}

/// Durations in words: "3 days 4 hours", "45 minutes".
enum DurationWords {
    static func words(_ seconds: Int64) -> String {
        let s = max(0, seconds)
        let d = s / 86400, h = s % 86400 / 3600, m = s % 3600 / 60
        func unit(_ n: Int64, _ w: String) -> String { "\(n) \(w)\(n == 1 ? "" : "s")" }
        if d > 0 { return h > 0 ? "\(unit(d, "day")) \(unit(h, "hour"))" : unit(d, "day") }
        if h > 0 { return m > 0 ? "\(unit(h, "hour")) \(unit(m, "minute"))" : unit(h, "hour") }
        return m > 0 ? unit(m, "minute") : unit(s, "second")
    }
}
