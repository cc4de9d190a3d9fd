import LedgerFormat
import LedgerSQLite
import Crypto
import Foundation

/// Re-derives every `replay.batch` from the ledger before it (schemas/ledger-format.md
/// 5.10.1): the authorisation it names, its cutoff, exactly the transactions the ledger gave
/// (actions, versions, the batch split), its batch id, its file list and its manifest; and
/// that every `ace.response` answers only what a batch sent.
///
/// The verifier gives it every record in order, once its rules are checked; it keeps only
/// what the replay plan reads (one small entry per entry number, the last send and the answers
/// per entry and application), never an entry's content. The archived files are re-rendered
/// after the walk by ``BatchRerender``, which reads only the versions a batch sent.
///
/// ```swift
/// let audit = ReplayAudit(origin: genesis.origin)
/// problems += audit.observe(seq: h.seq, kind: h.kind, body: h.body, hash: recordHash, valid: true)
/// ```
final class ReplayAudit {
    struct Key: Hashable {
        let number: String
        let app: ABIApplication
    }

    struct Entry {
        let addedSeq: Int64
        var versionSeq: Int64
        /// The version's record hash, hex-encoded only when a plan needs it.
        var versionHashBytes: [UInt8]
        var versionHash: String { Hex.encode(versionHashBytes) }
        var voidedSeq: Int64?
        var apps: Set<ABIApplication>
    }

    let origin: String
    /// Where the archived ACE response files are (their hashes are checked after the walk).
    var responseFolder: String?
    private var entries: [String: Entry] = [:]
    private var order: [String] = []
    private var authorization: (seq: Int64, body: AuthorizationBody)?
    private var batchCount = 0
    private var sent: [Key: (seq: Int64, tx: BatchTransaction)] = [:]
    private var answers: [Key: (seq: Int64, rejected: Bool, outcome: String)] = [:]
    /// Entries and applications ACE ever accepted (on file): a rejected one goes again as a
    /// replace when on file, as an add when not.
    private var onFile: Set<Key> = []
    /// The cutoff of the previous record, when it was a batch whose plan did not fit in it.
    private var pendingCutoff: Int64?
    private var lastSeq: Int64 = -1
    /// The batches seen, for the files' re-rendering after the walk.
    private(set) var batches: [(seq: Int64, body: BatchBody)] = []
    /// The SE13 contact in force at each batch (the latest valid `ledger.setting` before it).
    private(set) var contacts: [Int64: ABIContact] = [:]
    private var contact: ABIContact?

    /// A drill ledger's batches are marked test (file names, manifest).
    let drill: Bool

    init(origin: String, drill: Bool = false) {
        self.origin = origin
        self.drill = drill
    }

    /// Checks a record against the replay rules and, when `valid` (its other rules passed),
    /// applies what it changes. Returns the problems found, for this record's seq.
    func observe(seq: Int64, kind: RecordKind?, body: JSONValue, hash: [UInt8], valid: Bool) -> [String] {
        var problems: [String] = []
        let continuing = pendingCutoff
        pendingCutoff = nil
        lastSeq = seq
        if continuing != nil, kind != .replayBatch {
            problems.append("the batch before this record did not hold all of the replay's plan: this record should be its next replay.batch")
        }
        switch kind {
        case .entryAdd:
            guard valid, case .object(let b) = body, case .object(let e)? = b["entry"], let text = e["entry_number"]?.stringValue,
                  let n = Self.normalNumber(text), entries[n] == nil else { break }
            entries[n] = Entry(addedSeq: seq, versionSeq: seq, versionHashBytes: hash, voidedSeq: nil, apps: Self.apps(e))
            order.append(n)
        case .entryAmend:
            guard valid, case .object(let b) = body, let n = b["entry_number"]?.stringValue, case .object(let e)? = b["entry"] else { break }
            entries[n]?.versionSeq = seq
            entries[n]?.versionHashBytes = hash
            entries[n]?.apps = Self.apps(e)
        case .entryVoid:
            guard valid, case .object(let b) = body, let n = b["entry_number"]?.stringValue else { break }
            if entries[n]?.voidedSeq == nil { entries[n]?.voidedSeq = seq }
        case .ledgerSetting:
            if valid, let s = try? LedgerSettingBody(json: body) { contact = s.contact }
        case .reconnectAuthorize:
            if valid, let a = try? AuthorizationBody(json: body) { authorization = (seq, a) }
        case .replayBatch:
            guard let b = try? BatchBody(json: body) else { break }
            let (found, more) = check(b, at: seq, continuing: continuing)
            problems += found
            batches.append((seq, b))
            contacts[seq] = contact
            if valid && found.isEmpty {
                batchCount += 1
                for t in b.transactions { sent[Key(number: t.entryNumber, app: t.application)] = (seq, t) }
                pendingCutoff = more
            }
        case .aceResponse:
            guard let r = try? ResponseBody(json: body) else { break }
            for x in r.results where sent[Key(number: x.entryNumber, app: x.application)] == nil {
                problems.append("ACE result for \(x.entryNumber) \(x.application.rawValue), which no replay batch of this ledger sent")
            }
            if valid && problems.isEmpty {
                for x in r.results {
                    let k = Key(number: x.entryNumber, app: x.application)
                    answers[k] = (seq, x.rejected, x.outcome)
                    if !x.rejected, x.outcome != ACEOutcome.cargoReleaseReferred.name { onFile.insert(k) }
                }
            }
        default:
            break
        }
        return problems
    }

    /// Problems once every record has been observed.
    func finish() -> [VerificationReport.Problem] {
        guard pendingCutoff != nil else { return [] }
        return [.init(seq: lastSeq + 1, "the last replay batch did not hold all of its plan: the next replay.batch is missing")]
    }

    /// An entry number in its normal form FFF-NNNNNNN-C. Called for valid records only, whose
    /// rules parsed the number: one already written in that form is its own normal form.
    static func normalNumber(_ text: String) -> String? {
        let u = text.utf8
        if u.count == 13, u[u.index(u.startIndex, offsetBy: 3)] == UInt8(ascii: "-"), u[u.index(u.startIndex, offsetBy: 11)] == UInt8(ascii: "-") {
            return text
        }
        return try? EntryNumber(parsing: text).formatted
    }

    static func apps(_ entry: [String: JSONValue]) -> Set<ABIApplication> {
        var s: Set<ABIApplication> = []
        if entry["cargo_release"] != nil { s.insert(.cargoRelease) }
        if entry["entry_summary"] != nil { s.insert(.entrySummary) }
        return s
    }

    /// 5.10.1 step 3: what the ledger says must go to ACE now, in plan order.
    func plan(cutoff: Int64) -> [BatchTransaction] {
        var items: [BatchTransaction] = []
        for n in order {
            guard let e = entries[n], e.addedSeq < cutoff else { continue }
            for app in ABIApplication.allCases.sorted() where e.apps.contains(app) || sent[Key(number: n, app: app)] != nil {
                func item(_ action: ABIAction) {
                    items.append(BatchTransaction(entryNumber: n, application: app, action: action, versionSeq: e.versionSeq, versionHash: e.versionHash))
                }
                guard let last = sent[Key(number: n, app: app)] else {
                    if e.voidedSeq == nil { item(.add) }
                    continue
                }
                if last.tx.action == .delete { continue }
                if let answer = answers[Key(number: n, app: app)], answer.seq > last.seq, answer.rejected {
                    // Not on file: nothing to replace, so it goes again as an add. A batch ACE
                    // rejected whole processed nothing: it goes again as it was.
                    let again: ABIAction = onFile.contains(Key(number: n, app: app)) ? .replace : .add
                    if e.voidedSeq == nil, answer.outcome == ACEOutcome.batchRejected.name || e.versionSeq > last.tx.versionSeq { item(again) }
                    continue
                }
                if let v = e.voidedSeq, v > last.seq { item(.delete) } else if e.versionSeq > last.tx.versionSeq { item(.replace) }
            }
        }
        return items
    }

    /// Steps 1-5 and 7 for one batch. Returns its problems and, when the plan did not fit in
    /// it, the cutoff the next batch continues with.
    private func check(_ b: BatchBody, at seq: Int64, continuing: Int64?) -> ([String], Int64?) {
        var problems: [String] = []
        guard let auth = authorization else {
            return (["no reconnection authorisation precedes this batch"], nil)
        }
        if b.authorizationSeq != auth.seq {
            problems.append("authorization_seq \(b.authorizationSeq) should be \(auth.seq), the latest authorisation before the batch")
        }
        let cutoff = auth.body.checkpointSize ?? continuing ?? seq
        if b.cutoff != cutoff {
            problems.append("cutoff \(b.cutoff) should be \(cutoff) (\(auth.body.checkpointSize != nil ? "the authorised checkpoint's size" : "the seq of the replay's first batch"))")
        }
        let items = plan(cutoff: cutoff)
        if items.isEmpty { problems.append("the ledger gives nothing to send at this point: this batch should not exist") }
        var numbers: [String] = []
        var seen = Set<String>()
        for i in items where seen.insert(i.entryNumber).inserted { numbers.append(i.entryNumber) }
        let here = Set(numbers.prefix(Ledger.maxEntriesPerBatch))
        let expected = ABIApplication.allCases.sorted().flatMap { app in items.filter { $0.application == app && here.contains($0.entryNumber) } }
        if b.transactions != expected { problems += Self.differences(b.transactions, expected) }
        let wantID = String(format: "B%04d", batchCount + 1)
        if b.batchID != wantID { problems.append("batch_id \(b.batchID) should be \(wantID): batch ids count the ledger's batches") }
        let apps = ABIApplication.allCases.sorted().filter { app in b.transactions.contains { $0.application == app } }
        if b.files.map(\.application) != apps || zip(b.files, apps).contains(where: { $0.name != DrillMarking.batchFileName(b.batchID, $1, test: drill) }) {
            problems.append("files should be one \(DrillMarking.batchFileName(b.batchID, .cargoRelease, test: drill)) / \(DrillMarking.batchFileName(b.batchID, .entrySummary, test: drill)) per application with transactions, SE first")
        }
        let manifest = BatchBody.manifestBytes(batchID: b.batchID, origin: origin, cutoff: b.cutoff, authorizationSeq: b.authorizationSeq,
                                               authorization: auth.body, files: b.files, transactions: b.transactions, test: drill)
        if Hex.encode(SHA256.hash(data: manifest)) != b.manifestSHA256 {
            problems.append("manifest_sha256 is not the SHA-256 of the manifest this record determines")
        }
        return (problems, numbers.count > Ledger.maxEntriesPerBatch ? cutoff : nil)
    }

    /// Each difference between the transactions recorded and those the ledger gives.
    static func differences(_ got: [BatchTransaction], _ expected: [BatchTransaction]) -> [String] {
        var problems: [String] = []
        let want = Dictionary(expected.map { (Key(number: $0.entryNumber, app: $0.application), $0) }, uniquingKeysWith: { a, _ in a })
        let have = Dictionary(got.map { (Key(number: $0.entryNumber, app: $0.application), $0) }, uniquingKeysWith: { a, _ in a })
        for t in got {
            let k = Key(number: t.entryNumber, app: t.application)
            guard let e = want[k] else {
                problems.append("transaction \(t.action.rawValue) \(t.entryNumber) \(t.application.rawValue): the ledger gives nothing to send for it (no such entry before the cutoff, voided before it was sent, already sent, or deleted)")
                continue
            }
            if e.action != t.action {
                problems.append("transaction \(t.entryNumber) \(t.application.rawValue): action \(t.action.rawValue) should be \(e.action.rawValue)")
            } else if e.versionSeq != t.versionSeq || e.versionHash != t.versionHash {
                problems.append("transaction \(t.entryNumber) \(t.application.rawValue): version seq \(t.versionSeq) hash \(t.versionHash) should be seq \(e.versionSeq) hash \(e.versionHash), the entry's current version")
            }
        }
        for e in expected where have[Key(number: e.entryNumber, app: e.application)] == nil {
            problems.append("transaction \(e.action.rawValue) \(e.entryNumber) \(e.application.rawValue) is missing from the batch")
        }
        if have.count != got.count { problems.append("a transaction appears twice in the batch") }
        if problems.isEmpty { problems.append("the transactions are not in the order the ledger gives (SE first, then AE, entries in the order added)") }
        return problems
    }
}

extension BatchBody {
    /// The bytes of a batch's `manifest.json` (schemas/replay-manifest.schema.json): canonical
    /// JSON and a newline, entirely determined by the batch record, the ledger's origin and
    /// the authorisation it names.
    public static func manifestBytes(batchID: String, origin: String, cutoff: Int64, authorizationSeq: Int64, authorization: AuthorizationBody,
                                     files: [File], transactions: [BatchTransaction], test: Bool = false) -> [UInt8] {
        var manifest: [String: JSONValue] = [
            "format": "entryledger-replay-manifest", "version": 1, "batch_id": .string(batchID), "origin": .string(origin),
            "cutoff": .int(cutoff), "authorization": ["seq": .int(authorizationSeq), "reference": .string(authorization.reference)],
            "files": .array(files.map { ["name": .string($0.name), "application": .string($0.application.rawValue), "sha256": .string($0.sha256), "size": .int($0.size)] }),
            "entries": .array(transactions.map(\.json)),
        ]
        if let size = authorization.checkpointSize, let root = authorization.checkpointRoot { manifest["checkpoint"] = ["size": .int(size), "root": .string(root)] }
        if test { manifest["test"] = true }
        var bytes = (try? CanonicalJSON.encode(.object(manifest))) ?? []
        bytes.append(0x0A)
        return bytes
    }
}

// MARK: - fold snapshot

extension ReplayAudit {
    /// Writes everything the re-derivation holds, for a ``FoldSnapshot`` (``ReplayWalkCheck``
    /// writes it within its own).
    func writeFold(_ w: inout FoldWriter) throws {
        w.string(origin)
        w.bool(drill)
        w.count(order.count)
        for n in order {
            guard let e = entries[n] else { throw FoldSnapshotError("replay audit: entry \(n) without its state") }
            w.string(n)
            w.int(e.addedSeq)
            w.int(e.versionSeq)
            w.data(e.versionHashBytes)
            w.optionalInt(e.voidedSeq)
            w.int(Self.appBits(e.apps))
        }
        w.bool(authorization != nil)
        if let authorization {
            w.int(authorization.seq)
            try w.json(authorization.body.json)
        }
        w.count(batchCount)
        w.count(sent.count)
        for (k, v) in sent {
            Self.write(k, &w)
            w.int(v.seq)
            Self.write(v.tx, &w)
        }
        w.count(answers.count)
        for (k, v) in answers {
            Self.write(k, &w)
            w.int(v.seq)
            w.bool(v.rejected)
            w.string(v.outcome)
        }
        w.count(onFile.count)
        for k in onFile { Self.write(k, &w) }
        w.optionalInt(pendingCutoff)
        w.int(lastSeq)
        w.count(batches.count)
        for b in batches {
            w.int(b.seq)
            try w.json(b.body.json)
        }
        w.count(contacts.count)
        for (seq, c) in contacts.sorted(by: { $0.key < $1.key }) {
            w.int(seq)
            Self.write(c, &w)
        }
        w.bool(contact != nil)
        if let contact { Self.write(contact, &w) }
    }

    /// A re-derivation as ``writeFold(_:)`` wrote it.
    static func readFold(_ r: inout FoldReader) throws -> ReplayAudit {
        let audit = ReplayAudit(origin: try r.string(), drill: try r.bool())
        let n = try r.count(itemBytes: 40)
        audit.order.reserveCapacity(n)
        audit.entries.reserveCapacity(n)
        for _ in 0..<n {
            let number = try r.string()
            let e = Entry(addedSeq: try r.int(), versionSeq: try r.int(), versionHashBytes: try r.data(), voidedSeq: try r.optionalInt(),
                          apps: try appSet(r.int()))
            guard audit.entries.updateValue(e, forKey: number) == nil else { throw FoldSnapshotError("replay audit: entry \(number) twice") }
            audit.order.append(number)
        }
        do {
            if try r.bool() { audit.authorization = (try r.int(), try AuthorizationBody(json: try r.json())) }
        } catch { throw FoldSnapshotError("replay audit: the authorisation: \(error)") }
        audit.batchCount = try r.count(itemBytes: 0)
        for _ in 0..<(try r.count(itemBytes: 40)) { audit.sent[try readKey(&r)] = (try r.int(), try readTransaction(&r)) }
        for _ in 0..<(try r.count(itemBytes: 30)) { audit.answers[try readKey(&r)] = (try r.int(), try r.bool(), try r.string()) }
        for _ in 0..<(try r.count(itemBytes: 16)) { audit.onFile.insert(try readKey(&r)) }
        audit.pendingCutoff = try r.optionalInt()
        audit.lastSeq = try r.int()
        do {
            for _ in 0..<(try r.count(itemBytes: 16)) { audit.batches.append((try r.int(), try BatchBody(json: try r.json()))) }
        } catch { throw FoldSnapshotError("replay audit: a batch: \(error)") }
        for _ in 0..<(try r.count(itemBytes: 24)) { audit.contacts[try r.int()] = try readContact(&r) }
        if try r.bool() { audit.contact = try readContact(&r) }
        return audit
    }

    private static func appBits(_ apps: Set<ABIApplication>) -> Int64 {
        ABIApplication.allCases.enumerated().reduce(0) { apps.contains($1.element) ? $0 | (1 << $1.offset) : $0 }
    }

    private static func appSet(_ bits: Int64) throws -> Set<ABIApplication> {
        guard bits >= 0, bits < 1 << ABIApplication.allCases.count else { throw FoldSnapshotError("replay audit: applications \(bits)") }
        return Set(ABIApplication.allCases.enumerated().filter { bits & (1 << $0.offset) != 0 }.map(\.element))
    }

    private static func write(_ k: Key, _ w: inout FoldWriter) {
        w.string(k.number)
        w.string(k.app.rawValue)
    }

    private static func readKey(_ r: inout FoldReader) throws -> Key {
        let number = try r.string(), app = try r.string()
        guard let a = ABIApplication(rawValue: app) else { throw FoldSnapshotError("replay audit: application \(app)") }
        return Key(number: number, app: a)
    }

    private static func write(_ t: BatchTransaction, _ w: inout FoldWriter) {
        w.string(t.entryNumber)
        w.string(t.application.rawValue)
        w.string(t.action.rawValue)
        w.int(t.versionSeq)
        w.string(t.versionHash)
    }

    private static func readTransaction(_ r: inout FoldReader) throws -> BatchTransaction {
        let number = try r.string(), app = try r.string(), action = try r.string()
        guard let a = ABIApplication(rawValue: app), let x = ABIAction(rawValue: action) else {
            throw FoldSnapshotError("replay audit: a transaction's application \(app) or action \(action)")
        }
        return BatchTransaction(entryNumber: number, application: a, action: x, versionSeq: try r.int(), versionHash: try r.string())
    }

    private static func write(_ c: ABIContact, _ w: inout FoldWriter) {
        w.string(c.name)
        w.string(c.phone)
    }

    private static func readContact(_ r: inout FoldReader) throws -> ABIContact {
        guard let c = ABIContact(name: try r.string(), phone: try r.string()) else { throw FoldSnapshotError("replay audit: a contact") }
        return c
    }
}
