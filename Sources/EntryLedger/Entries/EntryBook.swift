import LedgerFormat
import LedgerSQLite
/// The current state of every entry of the ledger, folded from its records in order: the
/// latest version after amendments, the paper release, the void, and the whole history.
///
/// ```swift
/// for e in try EntryBook.load(ledger) where e.status == .released { print(e.number) }
/// ```
public struct EntryState: Sendable {
    /// Where an entry stands: logged, released by CBP, or voided.
    public enum Status: String, Sendable, CaseIterable {
        case logged, released, voided
    }

    /// One record in an entry's history.
    public struct Change: Sendable {
        public let seq: Int64
        public let kind: RecordKind
        public let time: String
        public let author: String
        public let summary: String
    }

    public let number: EntryNumber
    public var entry: CustomsEntry
    public let addedSeq: Int64
    public let addedAt: String
    public let addedBy: String
    public var version = 1
    /// The seq and record hash of the current version (its `entry.add` or latest `entry.amend`).
    public var versionSeq: Int64
    public var versionHash: [UInt8]
    public var release: (seq: Int64, release: EntryRelease)?
    public var voided: (seq: Int64, reason: String)?
    public var history: [Change] = []
    public var lastSeq: Int64

    public var status: Status { voided != nil ? .voided : release != nil ? .released : .logged }

    public var json: JSONValue {
        var o: [String: JSONValue] = [
            "entry_number": .string(number.formatted), "status": .string(status.rawValue), "version": .int(Int64(version)),
            "added_seq": .int(addedSeq), "added_at": .string(addedAt), "added_by": .string(addedBy), "last_seq": .int(lastSeq),
            "entry": entry.json,
            "history": .array(history.map { ["seq": .int($0.seq), "kind": .string($0.kind.rawValue), "time": .string($0.time), "author": .string($0.author), "summary": .string($0.summary)] }),
        ]
        if let r = release { o["release"] = ["seq": .int(r.seq), "date": .string(r.release.date), "port": .string(r.release.port), "reference": .string(r.release.reference)] }
        if let v = voided { o["voided"] = ["seq": .int(v.seq), "reason": .string(v.reason)] }
        return .object(o)
    }
}

/// The entries as the ledger's records tell them, folded in seq order.
public enum EntryBook {
    static let kinds: [RecordKind] = [.entryAdd, .entryAmend, .entryVoid, .entryRelease]

    /// Every entry, in the order it was added, folded from records with seq below `limit`.
    public static func load(_ ledger: Ledger, below limit: Int64 = .max) throws -> [EntryState] {
        let names = Dictionary(try ledger.store.keys().map { ($0.keyID, $0.name) }, uniquingKeysWith: { a, _ in a })
        // Each entry's state is kept once, in the order added; the dictionary holds only its index
        // (a dictionary of whole states would copy every state as it grows, and again at the end).
        var states: [EntryState] = []
        var index: [String: Int] = [:]
        try ledger.store.forEachRecord(ofKinds: kinds, below: limit) { stored in
            let seq = stored.seq
            guard let h = EntryRecordView(payload: stored.record.payload) else { return }
            let body = h.body
            let kind = h.kind
            let author = names[h.keyID] ?? h.keyID
            switch kind {
            case .entryAdd:
                guard let json = body["entry"], let e = try? CustomsEntry(stored: json) else { return }
                let n = e.entryNumber.formatted
                guard index[n] == nil else { return }
                var s = EntryState(number: e.entryNumber, entry: e, addedSeq: seq, addedAt: h.time, addedBy: author,
                                   versionSeq: seq, versionHash: stored.record.hash, lastSeq: seq)
                s.history.append(.init(seq: seq, kind: kind, time: h.time, author: author, summary: "logged"))
                index[n] = states.count
                states.append(s)
            case .entryAmend:
                guard let n = body["entry_number"]?.stringValue, let i = index[n], let json = body["entry"], let e = try? CustomsEntry(stored: json) else { return }
                var s = states[i]
                s.entry = e
                s.version += 1
                s.versionSeq = seq
                s.versionHash = stored.record.hash
                s.lastSeq = seq
                s.history.append(.init(seq: seq, kind: kind, time: h.time, author: author, summary: "amended: \(body["reason"]?.stringValue ?? "")"))
                states[i] = s
            case .entryVoid:
                guard let n = body["entry_number"]?.stringValue, let i = index[n] else { return }
                var s = states[i]
                let reason = body["reason"]?.stringValue ?? ""
                s.voided = (seq, reason)
                s.lastSeq = seq
                s.history.append(.init(seq: seq, kind: kind, time: h.time, author: author, summary: "voided: \(reason)"))
                states[i] = s
            case .entryRelease:
                guard let n = body["entry_number"]?.stringValue, let i = index[n], let date = body["date"]?.stringValue,
                    let port = body["port"]?.stringValue, let ref = body["reference"]?.stringValue
                else { return }
                var s = states[i]
                s.release = (seq, EntryRelease(entryNumber: s.number, date: date, port: port, reference: ref))
                s.lastSeq = seq
                s.history.append(.init(seq: seq, kind: kind, time: h.time, author: author, summary: "released by CBP on paper \(date) at port \(port), ref \(ref)"
                    + (Timestamp.isRecordedLate(happened: date, recorded: h.time) ? " (recorded late: released \(date), recorded \(h.time))" : "")))
                states[i] = s
            default: return
            }
        }
        return states
    }
}
