/// Which notices are still due, to whom and by when: what `status` shows under "Notices".
///
/// ```swift
/// for n in try NoticeSchedule.load(ledger, profile: profile, now: now) where !n.sent { print(n.sentence) }
/// ```
public enum NoticeSchedule {
    public struct Due: Sendable {
        public let kind: NoticeKind
        public let party: Party
        public let recipient: String
        /// The deadline, when the rule has one (the 72 hours, the ten business days).
        public let by: Int64?
        /// The seq of the communication that met it, once sent.
        public let sentSeq: Int64?
        public let note: String

        public var sent: Bool { sentSeq != nil }

        public func sentence(now: Int64) -> String {
            let when = by.map { " by \(Timestamp.format(unixSeconds: $0))" } ?? ""
            if let s = sentSeq { return "SENT    \(kind.rawValue) to \(recipient) (seq \(s))" }
            let late = by.map { now > $0 } ?? false
            return "\(late ? "OVERDUE" : "DUE    ") \(kind.rawValue) to \(recipient)\(when)\(note.isEmpty ? "" : ": \(note)")"
        }

        public var json: JSONValue {
            var o: [String: JSONValue] = ["kind": .string(kind.rawValue), "party": .string(party.rawValue), "to": .string(recipient), "note": .string(note)]
            if let by { o["by"] = .string(Timestamp.format(unixSeconds: by)) }
            if let sentSeq { o["sent_seq"] = .int(sentSeq) }
            return .object(o)
        }
    }

    /// Every notice the incident calls for, sent or not (empty until the incident is opened).
    public static func load(_ ledger: Ledger, profile: OfficeProfile?, now: Int64) throws -> [Due] {
        let t = try IncidentTimeline.load(ledger)
        guard let opened = t.opened, let discovered = Timestamp.parse(opened.body.discoveredAt) else { return [] }
        let comms = t.communications
        func first(_ match: (CommunicationBody) -> Bool) -> (seq: Int64, at: Int64)? {
            comms.filter { match($0.body) }.compactMap { c in Timestamp.parse(c.body.at).map { (seq: c.seq, at: $0) } }.min { $0.at < $1.at }
        }
        func name(_ p: Party) -> String { profile?.contacts(p).first?.name ?? p.title }
        var out: [Due] = []
        let breach = first(NoticeRules.breach.metBy)
        out.append(Due(kind: .breach, party: .cbpSOC, recipient: "CBP (\(name(.cbpSOC)), electronically)", by: ComplianceRules.due(NoticeRules.breach, from: discovered),
                       sentSeq: breach?.seq, note: "naming the compromised importer numbers"))
        if let breach {
            let update = first(NoticeRules.updatedList.metBy)
            out.append(Due(kind: .update, party: .cbpSOC, recipient: "CBP (\(name(.cbpSOC)))", by: ComplianceRules.due(NoticeRules.updatedList, from: breach.at),
                           sentSeq: update?.seq, note: "ten business days after the breach notice [check]"))
        } else {
            out.append(Due(kind: .update, party: .cbpSOC, recipient: "CBP (\(name(.cbpSOC)))", by: nil, sentSeq: nil,
                           note: "ten business days after the breach notice, once that is sent [check]"))
        }
        for n in opened.body.exposedImporters {
            let c = profile?.importer(number: n)
            let sent = first { b in b.party == .importer && (b.partyName.map { c?.name.caseInsensitiveCompare($0) == .orderedSame } == true || b.summary.contains(n)) }
            out.append(Due(kind: .importer, party: .importer, recipient: c.map { "\($0.name) (\(n))" } ?? "importer \(n) (no contact in the profile)",
                           by: nil, sentSeq: sent?.seq, note: "as soon as possible"))
        }
        var parties: [(Party, String?)] = [(.cbpHQ, nil)]
        for c in profile?.contacts(.pga) ?? [] { parties.append((.pga, c.name)) }
        if profile?.contacts(.surety).isEmpty == false { parties.append((.surety, nil)) }
        if profile?.contacts(.softwareProvider).isEmpty == false { parties.append((.softwareProvider, nil)) }
        for (p, pname) in parties {
            let sent = first { b in b.party == p && (pname == nil || b.partyName?.caseInsensitiveCompare(pname!) == .orderedSame) }
            out.append(Due(kind: .status, party: p, recipient: pname.map { "\(p.title) (\($0))" } ?? "\(p.title) (\(name(p)))", by: nil, sentSeq: sent?.seq,
                           note: "as soon as possible, then regular updates"))
        }
        return out
    }
}
