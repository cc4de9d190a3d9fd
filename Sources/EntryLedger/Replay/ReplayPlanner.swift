import LedgerFormat
import LedgerSQLite
/// Decides, for every entry and application, what goes to ACE next so that each entry is on
/// file in ACE exactly once, as ACE sees it, and says why (what `replay --dry-run` prints). The
/// decision table (``ReplayPlanner/decisionTable``, printed in `schemas/abi-layouts.md` and the
/// README):
///
/// - never sent: `A`, unless voided first (then nothing: ACE never knew it);
/// - last sent `D` (cancel / delete): nothing, ever again;
/// - rejected by ACE (SX 01, AX `R`, a rejected transaction): not on file unless an earlier send
///   was accepted; once amended it goes as `A` when not on file, `R` when on file; voided:
///   nothing; not amended: nothing until it is;
/// - a whole block or batch rejected (nothing in it processed): sent again as it was (`A`, or
///   `R` when on file) without waiting for an amendment;
/// - otherwise (accepted or awaiting an answer): voided since: `D` (SE: cancel with the SE13
///   reason; AE: delete); amended since: `R`; else nothing.
///
/// Entries logged at or after the authorised checkpoint are not replayed; corrections
/// (amendments, voids) of covered entries made later go out, as ACE's correction cycle needs.
public struct ReplayPlan: Sendable {
    public struct Item: Sendable {
        /// The entry as folded: what the plan needs of it, not the entry itself (a batch's
        /// entries are read from their version records when it is rendered).
        public let entry: ReplayEntry
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

    /// Takes in a `replay.batch` record appended after the others (the one a replay just
    /// appended, with the body it built: not read back and parsed again).
    mutating func recordBatch(seq: Int64, _ b: BatchBody) {
        batches.append((seq, b))
        for t in b.transactions { sent[Key(number: t.entryNumber, app: t.application)] = (seq, b.batchID, t) }
    }

    public static func load(_ ledger: Ledger) throws -> ReplayHistory {
        var h = ReplayHistory()
        try ledger.store.forEachRecord(ofKinds: [.reconnectAuthorize, .replayBatch, .aceResponse]) { r in
            guard let header = try? RecordHeader(payload: r.record.payload, checkCanonical: false) else { return }
            switch header.kind {
            case .reconnectAuthorize:
                if let b = try? AuthorizationBody(json: header.body) { h.authorizations.append((r.seq, b)) }
            case .replayBatch:
                guard let b = try? BatchBody(json: header.body) else { return }
                h.recordBatch(seq: r.seq, b)
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

    /// Whether ACE ever took the entry on file for the application: an answer that is neither a
    /// rejection nor a referral (accepted, released, a status notification ...).
    public func everOnFile(_ number: String, _ app: ABIApplication) -> Bool {
        results[Key(number: number, app: app)]?.contains { !$0.result.rejected && $0.result.outcome != ACEOutcome.cargoReleaseReferred.name } ?? false
    }

    /// ACE's latest answer for an entry and application after `seq`.
    public func lastResult(_ number: String, _ app: ABIApplication, after seq: Int64) -> ResponseBody.Result? {
        results[Key(number: number, app: app)]?.last { $0.seq > seq }?.result
    }
}

public enum ReplayPlanner {
    /// The decision table: (state of the entry for one application, event) → action.
    public static let decisionTable: [(state: String, event: String, action: String)] = [
        ("never sent", "replay", "`A` add"),
        ("never sent", "voided before any replay", "nothing (ACE never knew it)"),
        ("sent, awaiting ACE or accepted (on file)", "nothing new", "nothing"),
        ("sent, awaiting ACE or accepted (on file)", "amended", "`R` replace"),
        ("sent, awaiting ACE or accepted (on file)", "voided", "`D`: SE cancel (SE13 reason code), AE delete (10 record only)"),
        ("rejected (SX 01, AX `R`, X1 `R` on its transaction), never on file", "amended", "`A` add (nothing is on file to replace)"),
        ("rejected, an earlier version on file (or UC `4` after acceptance)", "amended", "`R` replace"),
        ("rejected", "not amended", "nothing until it is amended"),
        ("rejected", "voided", "nothing"),
        ("its block or batch rejected (X1 `R` on the BLOCK or batch)", "replay", "sent again as it was: `A` (or `R` when on file)"),
        ("cancelled/deleted (last sent `D`)", "anything", "nothing, ever again"),
        ("logged after the authorised checkpoint", "replay", "not covered by this authorisation"),
    ]

    public static func applications(of e: CustomsEntry) -> [ABIApplication] {
        (e.cargoRelease != nil ? [.cargoRelease] : []) + (e.entrySummary != nil ? [.entrySummary] : [])
    }

    /// `book`, when given, is the ledger's ``EntryBook`` already loaded (the accounting has it).
    public static func plan(_ ledger: Ledger, history: ReplayHistory? = nil, book loaded: [EntryState]? = nil) throws -> ReplayPlan {
        let h = try history ?? ReplayHistory.load(ledger)
        let auth = h.authorizations.last
        let count = try ledger.store.count()
        let cutoff = auth?.body.checkpointSize ?? count
        let book = try loaded.map { $0.map(ReplayEntry.init) } ?? ReplayEntry.loadAll(ledger)
        var items: [ReplayPlan.Item] = []
        items.reserveCapacity(2 * book.count)  // an SE and an AE per entry at most: no growth by copying
        var skipped: [ReplayPlan.Skip] = []
        var excluded: [String] = []
        for e in book {
            let n = e.number.formatted
            guard e.addedSeq < cutoff else { excluded.append(n); continue }
            let version = e.versionSeq
            let hash = Hex.encode(e.versionHash)
            var apps = e.applications
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
                if sent.tx.action == .delete { skip("cancelled/deleted in ACE by batch \(sent.batchID)"); continue }
                let result = h.lastResult(n, app, after: sent.batchSeq)
                let onFile = h.everOnFile(n, app)
                if let result, result.rejected {
                    let again: ABIAction = onFile ? .replace : .add
                    let what = onFile ? "on file from an earlier send" : "not on file"
                    if e.voided != nil { skip("rejected by ACE in batch \(sent.batchID) and voided since: nothing to send") }
                    else if result.outcome == ACEOutcome.batchRejected.name { send(again, "batch \(sent.batchID) was rejected as a whole (nothing processed): sent again, \(what)") }
                    else if version > sent.tx.versionSeq { send(again, "rejected by ACE in batch \(sent.batchID) (\(what)), amended since (seq \(version))") }
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
