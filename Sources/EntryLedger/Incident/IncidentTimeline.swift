import LedgerFormat
import LedgerSQLite
/// The incident as the ledger tells it: opening, notes, communications, evidence, closing,
/// in ledger order, with who signed each.
public struct IncidentTimeline: Sendable {
    /// One record of the incident, as a line of the timeline.
    public struct Event: Sendable {
        public let seq: Int64
        /// When the record was signed.
        public let recorded: String
        /// When it happened, where the record says (a communication's `at`, the discovery).
        public let happened: String?
        public let kind: RecordKind
        public let author: String
        public let headline: String
        public let body: JSONValue
    }

    public var opened: (seq: Int64, body: IncidentOpenBody)?
    public var closed: (seq: Int64, body: IncidentCloseBody)?
    public var communications: [(seq: Int64, body: CommunicationBody)] = []
    public var evidence: [(seq: Int64, body: EvidenceBody)] = []
    public var events: [Event] = []

    public static let kinds: [RecordKind] = [.incidentOpen, .incidentNote, .incidentComm, .incidentEvidence, .incidentClose]

    /// The incident's records, in ledger order, with who signed each.
    public static func load(_ ledger: Ledger) throws -> IncidentTimeline {
        var t = IncidentTimeline()
        let names = Dictionary(try ledger.store.keys().map { ($0.keyID, $0.name) }, uniquingKeysWith: { a, _ in a })
        let seqs = try kinds.flatMap { try ledger.store.seqs(ofKind: $0.rawValue) }.sorted()
        for seq in seqs {
            guard let stored = try ledger.store.record(at: seq), let h = try? RecordHeader(payload: stored.record.payload) else { continue }
            let kind = h.kind
            let author = names[h.keyID] ?? h.keyID
            var happened: String?
            let headline: String
            switch kind {
            case .incidentOpen:
                guard let b = try? IncidentOpenBody(json: h.body) else { continue }
                t.opened = (seq, b)
                happened = b.discoveredAt
                // Each field its own sentence, whether or not the summary ends with a full stop.
                let summary = b.summary.hasSuffix(".") ? String(b.summary.dropLast()) : b.summary
                headline = "Incident opened (discovered \(b.discoveredAt)): \(summary)."
                    + (b.systems.isEmpty ? "" : " Systems affected: \(b.systems.joined(separator: "; ")).")
                    + (b.exposedImporters.isEmpty ? "" : " Exposed importer numbers: \(b.exposedImporters.count).")
            case .incidentComm:
                guard let b = try? CommunicationBody(json: h.body) else { continue }
                t.communications.append((seq, b))
                happened = b.at
                headline = "\(b.channel.rawValue.capitalized) with \(b.who): \(b.summary)" + (b.reference.map { " [ref \($0)]" } ?? "")
            case .incidentEvidence:
                guard let b = try? EvidenceBody(json: h.body) else { continue }
                t.evidence.append((seq, b))
                headline = "Evidence \(b.name) (\(b.size) bytes, SHA-256 \(b.sha256))" + (b.description.isEmpty ? "" : ": \(b.description)")
            case .incidentClose:
                guard let b = try? IncidentCloseBody(json: h.body) else { continue }
                t.closed = (seq, b)
                headline = "Incident closed: \(b.summary)"
            case .incidentNote:
                guard let b = try? NoteBody(json: h.body) else { continue }
                headline = b.text
            default: continue
            }
            t.events.append(Event(seq: seq, recorded: h.time, happened: happened, kind: kind, author: author, headline: headline, body: h.body))
        }
        return t
    }

    /// Where each incident deadline stands at `now` (empty until the incident is opened).
    public func deadlines(now: Int64) -> [ComplianceClock.Status] {
        guard let opened, let discovered = Timestamp.parse(opened.body.discoveredAt) else { return [] }
        return ComplianceClock.evaluate(discoveredAt: discovered, communications: communications, now: now)
    }

    public var json: JSONValue {
        .array(events.map { e in
            var o: [String: JSONValue] = ["seq": .int(e.seq), "recorded": .string(e.recorded), "kind": .string(e.kind.rawValue),
                                          "author": .string(e.author), "summary": .string(e.headline), "body": e.body]
            if let h = e.happened { o["happened"] = .string(h) }
            return .object(o)
        })
    }
}

extension ComplianceClock.Status {
    public var json: JSONValue {
        var o: [String: JSONValue] = ["rule": .string(ruleID), "title": .string(title), "summary": .string(sentence)]
        if let due { o["due"] = .string(Timestamp.format(unixSeconds: due)) }
        switch state {
        case .metOnTime(let at, let seq): o["state"] = "met"; o["met_at"] = .string(Timestamp.format(unixSeconds: at)); o["met_seq"] = .int(seq)
        case .metLate(let at, let seq, _): o["state"] = "met-late"; o["met_at"] = .string(Timestamp.format(unixSeconds: at)); o["met_seq"] = .int(seq)
        case .pending(_, let warning): o["state"] = warning ? "warning" : "open"
        case .missed: o["state"] = "missed"
        }
        return .object(o)
    }
}
