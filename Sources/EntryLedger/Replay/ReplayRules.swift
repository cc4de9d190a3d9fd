import LedgerFormat

extension RecordKind {
    /// CBP's authorisation to reconnect to ACE, bound to a cosigned checkpoint (supervisor).
    public static let reconnectAuthorize = RecordKind("reconnect.authorize")
    /// An ABI batch sent to ACE: the entries, the files and their hashes (supervisor).
    public static let replayBatch = RecordKind("replay.batch")
    /// ACE's response to a batch, as read back.
    public static let aceResponse = RecordKind("ace.response")
    /// A setting of the ledger (supervisor): the SE13 contact of every cargo release.
    public static let ledgerSetting = RecordKind("ledger.setting")
}

/// The rules of reconnection: an authorisation bound to a checkpoint the reviewer cosigned;
/// batches only after an authorisation; responses only after a batch. After the walk: each
/// batch's files beside the ledger as recorded, and each authorised checkpoint's root this
/// ledger's root at that size.
public struct ReplayRules: RecordKindRules {
    /// Where the batch files are; when set, verify checks each `replay.batch` record's files.
    public let batchFolder: String?
    /// Where the ACE response files are; when set, verify checks each `ace.response` record
    /// against the file it was read from.
    public let responseFolder: String?

    public init(batchFolder: String? = nil, responseFolder: String? = nil) {
        self.batchFolder = batchFolder
        self.responseFolder = responseFolder
    }

    public var kinds: [RecordKind: Set<Role>] {
        [.reconnectAuthorize: [.supervisor], .replayBatch: [.supervisor], .aceResponse: [.supervisor, .clerk], .ledgerSetting: [.supervisor]]
    }

    public func check(_ h: RecordHeader, kind: RecordKind, state: any LedgerState, genesis: GenesisBody?,
                      into out: inout RecordOutcome) throws {
        switch kind {
        case .reconnectAuthorize:
            let a = try AuthorizationBody(json: h.body)
            if let note = a.checkpointNote, let size = a.checkpointSize, let root = a.checkpointRoot, let reviewer = a.reviewerKey, let genesis {
                let (cp, problems) = CosignedCheckpoint.problems(note: note, origin: genesis.origin, supervisor: genesis.supervisor, reviewerVKey: reviewer)
                out.problems += problems.map { Problem(field: "checkpoint_note", rule: "authorize.checkpoint", $0) }
                if let cp {
                    if cp.size != UInt64(size) || Base64.encode(cp.rootHash) != root {
                        out.add(rule: "authorize.checkpoint-differs", field: "checkpoint_note", "the authorisation's checkpoint size and root differ from the note's")
                    }
                    if size > h.seq { out.add(rule: "authorize.checkpoint-size", field: "checkpoint_size", "the authorised checkpoint covers \(size) records, more than the \(h.seq) before the authorisation") }
                }
            }
        case .replayBatch:
            let b = try BatchBody(json: h.body)
            guard let authorized = try state.firstSeq(of: .reconnectAuthorize) else {
                out.add(rule: "replay.not-authorized", "no reconnection authorisation precedes this batch: CBP must authorise reconnection first")
                return
            }
            if b.authorizationSeq < authorized || b.authorizationSeq >= h.seq {
                out.add(rule: "replay.authorization-seq", field: "authorization_seq", "authorization_seq \(b.authorizationSeq) is not an authorisation before this batch")
            }
            if b.cutoff > h.seq { out.add(rule: "replay.cutoff", field: "cutoff", "the batch's cutoff \(b.cutoff) is after the batch itself") }
            for t in b.transactions where t.versionSeq >= h.seq {
                out.add(rule: "replay.version", field: "transactions", "entry \(t.entryNumber): the version sent (seq \(t.versionSeq)) is not before the batch")
            }
        case .ledgerSetting:
            _ = try LedgerSettingBody(json: h.body)
        case .aceResponse:
            _ = try ResponseBody(json: h.body)
            if try state.firstSeq(of: .replayBatch) == nil { out.add(rule: "ace.no-batch", "no replay batch precedes this ACE response") }
        default:
            break
        }
    }

    public func makeWalkCheck() -> (any RecordWalkCheck)? { ReplayWalkCheck(batchFolder: batchFolder, responseFolder: responseFolder) }
}

/// During the walk, every batch re-derived from the ledger before it (``ReplayAudit``); after
/// it: batch and response files unchanged (when their folders are given), and every authorised
/// checkpoint's root the root of this ledger's first records.
final class ReplayWalkCheck: RecordWalkCheck {
    let batchFolder: String?
    let responseFolder: String?
    private var batches: [(seq: Int64, body: BatchBody)] = []
    private var responses: [(seq: Int64, body: ResponseBody)] = []
    private var authorized: [(seq: Int64, size: Int64, root: String)] = []
    /// The replay re-derived; created with the genesis (it needs the origin).
    private(set) var audit: ReplayAudit?
    private var auditProblems: [VerificationReport.Problem] = []

    init(batchFolder: String?, responseFolder: String?) {
        self.batchFolder = batchFolder
        self.responseFolder = responseFolder
    }

    func observe(_ h: RecordHeader, seq: Int64, rulesPassed: Bool, hash: [UInt8]) {
        if h.kind == .genesis, seq == 0 {
            audit = ReplayAudit(origin: h.origin, drill: (try? GenesisBody(json: h.body))?.drill ?? false)
            audit?.responseFolder = responseFolder
        }
        if let audit {
            auditProblems += audit.observe(seq: seq, kind: h.kind, body: h.body, hash: hash, valid: rulesPassed).map { .init(seq: seq, $0) }
        }
        if responseFolder != nil, h.kind == .aceResponse, let body = try? ResponseBody(json: h.body) { responses.append((seq, body)) }
        observe(h, seq: seq)
    }

    func observe(_ h: RecordHeader, seq: Int64) {
        if h.kind == .reconnectAuthorize, let body = try? AuthorizationBody(json: h.body), let size = body.checkpointSize,
           let root = body.checkpointRoot {
            authorized.append((seq, size, root))
        }
        if batchFolder != nil, h.kind == .replayBatch, let body = try? BatchBody(json: h.body) { batches.append((seq, body)) }
    }

    func finish(leaves: RecordHashes) -> [VerificationReport.Problem] {
        var problems: [VerificationReport.Problem] = []
        if let batchFolder { problems += BatchArchive.check(batches, folder: batchFolder) }
        if let responseFolder {
            // Each response read again from its archived file, matched against the batches before it.
            problems += ResponseAudit.check(responses, batches: audit?.batches ?? [], responseFolder: responseFolder, batchFolder: batchFolder)
        }
        problems += auditProblems + (audit?.finish() ?? [])
        // An authorisation binds replay to a checkpoint the reviewer cosigned: its root must be
        // this ledger's root at that size, or the reviewer verified a different history.
        for a in authorized {
            guard a.size > 0, a.size <= a.seq, UInt64(a.size) <= leaves.count else {
                problems.append(.init(seq: a.seq, "the authorised checkpoint claims \(a.size) records before the authorisation at seq \(a.seq)"))
                continue
            }
            let root = try? MerkleTree(source: leaves).root(size: UInt64(a.size))
            if root.map(Base64.encode) != a.root {
                problems.append(.init(seq: a.seq, "the authorised checkpoint's root is not this ledger's root at size \(a.size): the reviewer cosigned a different history"))
            }
        }
        return problems
    }
}

extension ReplayWalkCheck {
    /// Writes the lists collected and the re-derivation's state, for a ``FoldSnapshot``.
    func writeFold(_ w: inout FoldWriter) throws {
        guard auditProblems.isEmpty, let audit else { throw FoldSnapshotError("the replay re-derivation found problems or never started") }
        try audit.writeFold(&w)
        // The batches are the audit's own (every batch body that parsed, as both collect).
        w.bool(batchFolder != nil)
        if batchFolder != nil, batches.map(\.seq) != audit.batches.map(\.seq) { throw FoldSnapshotError("the batches collected differ") }
        w.bool(responseFolder != nil)
        w.count(responses.count)
        for r in responses {
            w.int(r.seq)
            try w.json(r.body.json)
        }
        w.count(authorized.count)
        for a in authorized {
            w.int(a.seq)
            w.int(a.size)
            w.string(a.root)
        }
    }

    func readFold(_ r: inout FoldReader, genesis: GenesisBody) throws {
        let audit = try ReplayAudit.readFold(&r)
        guard audit.origin == genesis.origin, audit.drill == genesis.drill else { throw FoldSnapshotError("the replay re-derivation is another ledger's") }
        audit.responseFolder = responseFolder
        self.audit = audit
        // Every batch body that parsed is in the audit's list, whatever the writer's folders.
        _ = try r.bool()
        if batchFolder != nil { batches = audit.batches }
        // Responses were collected only when their folder was given.
        guard try r.bool() || responseFolder == nil else { throw FoldSnapshotError("the snapshot holds no responses") }
        do {
            for _ in 0..<(try r.count(itemBytes: 16)) {
                let seq = try r.int(), body = try ResponseBody(json: try r.json())
                if responseFolder != nil { responses.append((seq, body)) }
            }
        } catch { throw FoldSnapshotError("a response: \(error)") }
        for _ in 0..<(try r.count(itemBytes: 24)) { authorized.append((try r.int(), try r.int(), try r.string())) }
    }
}
