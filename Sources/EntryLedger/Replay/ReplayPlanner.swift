import LedgerFormat
import LedgerSQLite
/// Decides, for every entry and application, what goes to ACE next so that each entry reaches
/// ACE exactly once, and says why (what `replay --dry-run` prints).
///
/// - never sent: `A` (add), unless voided first (then nothing: ACE never knew it);
/// - sent and not rejected: nothing, unless amended since (`R`, replace) or voided since (`D`);
/// - sent and rejected by ACE: nothing until it is amended, then `R` with the corrected data;
/// - deleted: nothing, ever again.
///
/// Entries logged at or after the authorised checkpoint are not replayed; corrections
/// (amendments, voids) of covered entries made later go out, as ACE's correction cycle needs.
public struct ReplayPlan: Sendable {
    public struct Item: Sendable {
        public let entry: EntryState
        public let application: ABIApplication
        public let action: ABIAction
        public let versionSeq: Int64
        public let versionHash: String
        public let reason: String
    }

    public struct Skip: Sendable {
        public let entryNumber: String
        public let application: ABIApplication
        public let reason: String
    }

    public let cutoff: Int64
    public let authorization: (seq: Int64, body: AuthorizationBody)?
    public let items: [Item]
    public let skipped: [Skip]
    public let excludedAfterCutoff: [String]
    public let previousBatches: Int
}

/// The ledger's replay history: batches sent and ACE's answers, folded by entry.
public struct ReplayHistory: Sendable {
    public private(set) var authorizations: [(seq: Int64, body: AuthorizationBody)] = []
    public private(set) var batches: [(seq: Int64, body: BatchBody)] = []
    public private(set) var responses: [(seq: Int64, body: ResponseBody)] = []

    struct Key: Hashable {
        let number: String
        let app: ABIApplication
    }
    // Indexes built once, so that planning 100,000 entries is not 100,000 scans.
    private var sent: [Key: (batchSeq: Int64, batchID: String, tx: BatchTransaction)] = [:]
    private var results: [Key: [(seq: Int64, result: ResponseBody.Result)]] = [:]

    public static func load(_ ledger: Ledger) throws -> ReplayHistory {
        var h = ReplayHistory()
        try ledger.store.forEachRecord(ofKinds: [.reconnectAuthorize, .replayBatch, .aceResponse]) { r in
            guard let header = try? RecordHeader(payload: r.record.payload, checkCanonical: false) else { return }
            switch header.kind {
            case .reconnectAuthorize:
                if let b = try? AuthorizationBody(json: header.body) { h.authorizations.append((r.seq, b)) }
            case .replayBatch:
                guard let b = try? BatchBody(json: header.body) else { return }
                h.batches.append((r.seq, b))
                for t in b.transactions { h.sent[Key(number: t.entryNumber, app: t.application)] = (r.seq, b.batchID, t) }
            case .aceResponse:
                guard let b = try? ResponseBody(json: header.body) else { return }
                h.responses.append((r.seq, b))
                for x in b.results { h.results[Key(number: x.entryNumber, app: x.application), default: []].append((r.seq, x)) }
            default: break
            }
        }
        return h
    }

    /// The last transaction sent for an entry and application, with its batch's seq and id.
    public func lastSent(_ number: String, _ app: ABIApplication) -> (batchSeq: Int64, batchID: String, tx: BatchTransaction)? {
        sent[Key(number: number, app: app)]
    }

    /// ACE's latest answer for an entry and application after `seq`.
    public func lastResult(_ number: String, _ app: ABIApplication, after seq: Int64) -> ResponseBody.Result? {
        results[Key(number: number, app: app)]?.last { $0.seq > seq }?.result
    }
}

public enum ReplayPlanner {
    public static func applications(of e: CustomsEntry) -> [ABIApplication] {
        (e.cargoRelease != nil ? [.cargoRelease] : []) + (e.entrySummary != nil ? [.entrySummary] : [])
    }

    public static func plan(_ ledger: Ledger, history: ReplayHistory? = nil) throws -> ReplayPlan {
        let h = try history ?? ReplayHistory.load(ledger)
        let auth = h.authorizations.last
        let count = try ledger.store.count()
        let cutoff = auth?.body.checkpointSize ?? count
        let book = try EntryBook.load(ledger)
        var items: [ReplayPlan.Item] = []
        var skipped: [ReplayPlan.Skip] = []
        var excluded: [String] = []
        for e in book {
            let n = e.number.formatted
            guard e.addedSeq < cutoff else { excluded.append(n); continue }
            let version = e.versionSeq
            let hash = Hex.encode(e.versionHash)
            var apps = applications(of: e.entry)
            for app in ABIApplication.allCases where !apps.contains(app) && h.lastSent(n, app) != nil { apps.append(app) }
            for app in apps.sorted() {
                func send(_ action: ABIAction, _ why: String) {
                    items.append(.init(entry: e, application: app, action: action, versionSeq: version, versionHash: hash, reason: why))
                }
                func skip(_ why: String) { skipped.append(.init(entryNumber: n, application: app, reason: why)) }
                guard let sent = h.lastSent(n, app) else {
                    if e.voided != nil { skip("voided before it was ever sent: nothing to send") } else { send(.add, "never sent") }
                    continue
                }
                if sent.tx.action == .delete { skip("deleted in ACE by batch \(sent.batchID)"); continue }
                let result = h.lastResult(n, app, after: sent.batchSeq)
                if result?.rejected == true {
                    if e.voided != nil { skip("rejected by ACE and voided since: nothing to send") }
                    else if version > sent.tx.versionSeq { send(.replace, "rejected by ACE in batch \(sent.batchID), amended since (seq \(version))") }
                    else { skip("rejected by ACE in batch \(sent.batchID): amend it to send it again") }
                    continue
                }
                if let v = e.voided, v.seq > sent.batchSeq { send(.delete, "voided (seq \(v.seq)) after it was sent in batch \(sent.batchID)") }
                else if version > sent.tx.versionSeq { send(.replace, "amended (seq \(version)) after it was sent in batch \(sent.batchID)") }
                else { skip("already sent in batch \(sent.batchID)\(result.map { ", ACE: \($0.outcome)" } ?? ", awaiting ACE's answer")") }
            }
        }
        return ReplayPlan(cutoff: cutoff, authorization: auth, items: items, skipped: skipped, excludedAfterCutoff: excluded, previousBatches: h.batches.count)
    }
}
