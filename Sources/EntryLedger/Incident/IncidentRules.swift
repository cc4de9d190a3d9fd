import LedgerFormat

extension RecordKind {
    /// A free-text note of what happened.
    public static let incidentNote = RecordKind("incident.note")
    /// The incident opened: when it was discovered, what it touched (supervisor, once).
    public static let incidentOpen = RecordKind("incident.open")
    /// A communication with CBP, the importer or others.
    public static let incidentComm = RecordKind("incident.comm")
    /// A remediation evidence file, recorded by its hash.
    public static let incidentEvidence = RecordKind("incident.evidence")
    /// The incident closed (supervisor, once).
    public static let incidentClose = RecordKind("incident.close")
}

/// The rules of the incident kinds: one incident per ledger, opened before anything is said
/// about it and closed once; and, after the walk, every evidence file beside the ledger
/// exactly as recorded.
public struct IncidentRules: RecordKindRules {
    /// Where the evidence files are; when set, verify checks each `incident.evidence` record's file.
    public let evidenceFolder: String?

    public init(evidenceFolder: String? = nil) { self.evidenceFolder = evidenceFolder }

    public var kinds: [RecordKind: Set<Role>] {
        [.incidentNote: [.supervisor, .clerk], .incidentOpen: [.supervisor], .incidentComm: [.supervisor, .clerk],
         .incidentEvidence: [.supervisor, .clerk], .incidentClose: [.supervisor]]
    }

    /// One incident per ledger, opened before anything is said about it, closed once.
    public func check(_ h: RecordHeader, kind: RecordKind, state: any LedgerState, genesis: GenesisBody?,
                      into out: inout RecordOutcome) throws {
        switch kind {
        case .incidentNote:
            _ = try NoteBody(json: h.body)
        case .incidentOpen:
            _ = try IncidentOpenBody(json: h.body)
            if let at = try state.firstSeq(of: .incidentOpen) {
                out.add(rule: "incident.opened-twice", "the incident was already opened at seq \(at); a ledger holds one incident")
            }
        case .incidentComm, .incidentEvidence:
            if kind == .incidentComm { _ = try CommunicationBody(json: h.body) } else { _ = try EvidenceBody(json: h.body) }
            if try state.firstSeq(of: .incidentOpen) == nil {
                out.add(rule: "incident.not-open", "open the incident first (an incident.open record)")
            }
        case .incidentClose:
            _ = try IncidentCloseBody(json: h.body)
            if try state.firstSeq(of: .incidentOpen) == nil { out.add(rule: "incident.not-open", "there is no open incident to close") }
            if let at = try state.firstSeq(of: .incidentClose) { out.add(rule: "incident.closed-twice", "the incident was already closed at seq \(at)") }
        default:
            break
        }
    }

    /// The evidence files checked after the walk, when their folder is given.
    public func makeWalkCheck() -> (any RecordWalkCheck)? {
        evidenceFolder.map(EvidenceWalkCheck.init(folder:))
    }
}

/// After the walk: each evidence file the records name is in the folder, unchanged.
final class EvidenceWalkCheck: RecordWalkCheck {
    let folder: String
    private var evidence: [(seq: Int64, body: EvidenceBody)] = []

    init(folder: String) { self.folder = folder }

    func observe(_ h: RecordHeader, seq: Int64) {
        if h.kind == .incidentEvidence, let body = try? EvidenceBody(json: h.body) { evidence.append((seq, body)) }
    }

    func finish(leaves: RecordHashes) -> [VerificationReport.Problem] { Evidence.check(evidence, folder: folder) }
}

extension IncidentRules {
    /// Below a supervisor-signed checkpoint a note or a communication changes nothing later
    /// records read (schemas/ledger-format.md section 6): its body is not read at all.
    public func coveredBody(kind: RecordKind, payload: [UInt8], body: Range<Int>) -> JSONValue? {
        kind == .incidentNote || kind == .incidentComm ? .object([:]) : nil
    }

    public func checkCovered(_ h: RecordHeader, kind: RecordKind, state: any LedgerState, genesis: GenesisBody?,
                             into out: inout RecordOutcome) throws {
        if kind == .incidentNote || kind == .incidentComm { return }
        try check(h, kind: kind, state: state, genesis: genesis, into: &out)
    }
}

extension EvidenceWalkCheck {
    /// Writes the evidence records collected, for a ``FoldSnapshot``.
    func writeFold(_ w: inout FoldWriter) throws {
        w.count(evidence.count)
        for e in evidence {
            w.int(e.seq)
            try w.json(e.body.json)
        }
    }

    func readFold(_ r: inout FoldReader, genesis: GenesisBody) throws {
        do {
            for _ in 0..<(try r.count(itemBytes: 16)) { evidence.append((try r.int(), try EvidenceBody(json: try r.json()))) }
        } catch { throw FoldSnapshotError("an evidence record: \(error)") }
    }
}
