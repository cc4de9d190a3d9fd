import LedgerFormat
import LedgerSQLite
import Foundation

/// A ledger: the store plus the identity from its genesis record, and the one way to add
/// records to it (checked against the rules, signed, chained, committed in one transaction).
/// The generic append is `package`: other programs write through the domain operations
/// (`note`, `addEntries`, `openIncident`, `appendCheckpoint`, ...), which build valid bodies.
///
/// ```swift
/// let ledger = try Ledger.open(path: "entryledger.db")
/// let r = try ledger.note("SOC called", signer: clerkKey)
/// print(r.seq)
/// ```
public final class Ledger {
    package let store: LedgerStore
    public let genesis: GenesisBody
    /// The rules every record appended is checked against.
    package let rules = RecordRuleBook.entryLedger()

    private init(store: LedgerStore, genesis: GenesisBody) {
        self.store = store
        self.genesis = genesis
    }

    public var origin: String { genesis.origin }

    /// What an append returns once the transaction has committed.
    public struct Appended: Equatable, Sendable {
        public let seq: Int64
        public let hash: [UInt8]
        public let kind: RecordKind
    }

    /// Creates a new ledger file with its genesis record, signed by the supervisor; `drill`
    /// marks a practice ledger in the genesis.
    public static func create(path: String, filer: String, port: String, broker: String,
                              supervisor: LedgerSigningKey, time: String = Timestamp.now(),
                              ledgerID: String? = nil, drill: Bool = false) throws -> Ledger {
        var problems: [String] = []
        do { try GenesisBody.checkFiler(filer) } catch { problems.append(error.description) }
        do { try GenesisBody.checkPort(port) } catch { problems.append(error.description) }
        if broker.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("broker name must not be empty") }
        if broker.count > 200 { problems.append("broker name is longer than 200 characters") }
        if let ledgerID, !(ledgerID.utf8.count == 32 && Hex.decode(ledgerID) != nil) {
            problems.append("ledger id \(ledgerID): should be 32 lower-case hex characters")
        }
        guard problems.isEmpty else { throw LedgerError.invalidInput(problems) }

        let id = ledgerID ?? Hex.encode(KeyFile.randomBytes(16))
        let g = GenesisBody(ledgerID: id, filer: filer, port: port, broker: broker, supervisor: supervisor.publicKey, drill: drill,
                            personalDataKey: supervisor.personalDataKey.publicKey)
        guard !AtomicFile.exists(path) else { throw StoreError.alreadyExists(path: path) }
        // Made whole under a temporary name beside `path`, then linked to `path`: a killed init
        // leaves no ledger (and a later init works) or one that opens.
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let stem = "." + url.lastPathComponent + ".tmp-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(stem) {
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
        let temp = folder + "/" + stem + Hex.encode(KeyFile.randomBytes(6))
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temp + suffix) } }
        try makeGenesis(at: temp, genesis: g, supervisor: supervisor, time: time)
        try AtomicFile.publishFile(temp, as: path)
        return try open(path: path)
    }

    /// Creates a ledger file at `path` holding only its genesis record, all of it in the main
    /// file (the WAL folded in), and closes it.
    private static func makeGenesis(at path: String, genesis g: GenesisBody, supervisor: LedgerSigningKey, time: String) throws {
        let store = try LedgerStore.create(path: path)
        _ = try Ledger(store: store, genesis: g).appendAll([(RecordKind.genesis, g.json)], signer: supervisor, time: time)
        try store.foldWAL()
    }

    /// Opens an existing ledger and reads its identity from the genesis record. `readOnly`
    /// never writes to the file or beside it (see `LedgerStore.open(path:readOnly:)`).
    public static func open(path: String, readOnly: Bool = false) throws -> Ledger {
        let store = try LedgerStore.open(path: path, readOnly: readOnly)
        guard let first = try store.record(at: 0) else {
            throw StoreError.notALedger(path: path, reason: "it has no genesis record")
        }
        do {
            let h = try RecordHeader(payload: first.record.payload)
            return Ledger(store: store, genesis: try GenesisBody(json: h.body))
        } catch {
            throw StoreError.inconsistent(reason: "the genesis record is malformed: \(error)")
        }
    }

    /// Appends one record.
    @discardableResult
    package func append(_ kind: RecordKind, body: JSONValue, signer: LedgerSigningKey, time: String = Timestamp.now()) throws -> Appended {
        try appendAll([(kind, body)], signer: signer, time: time)[0]
    }

    /// Builds one record's kind and body inside the append transaction, where it can read the
    /// ledger's state under the write lock (the next free entry number, say).
    package typealias RecordBuilder = (StoreTransaction) throws -> (RecordKind, JSONValue)

    /// Appends several records in one transaction: all of them or none.
    package func appendAll(_ items: [(RecordKind, JSONValue)], signer: LedgerSigningKey, time: String = Timestamp.now()) throws -> [Appended] {
        try appendBuilt(items.map { item in { _ in item } }, signer: signer, time: time)
    }

    /// Appends records built inside the transaction: all of them or none. When any is refused,
    /// every problem of every record is reported, each prefixed with its label
    /// (default "record N") when there is more than one.
    package func appendBuilt(_ builders: [RecordBuilder], labels: [String]? = nil, signer: LedgerSigningKey,
                            time: String = Timestamp.now()) throws -> [Appended] {
        try appendBuiltMany(builders.map { build in { tx in [try build(tx)] } }, labels: labels, signer: signer, time: time)
    }

    /// Builds any number of records inside the transaction per builder (a replay that splits
    /// into several batches, say). All of them or none.
    package typealias RecordsBuilder = (StoreTransaction) throws -> [(RecordKind, JSONValue)]

    package func appendBuiltMany(_ builders: [RecordsBuilder], labels: [String]? = nil, signer: LedgerSigningKey,
                                time: String = Timestamp.now()) throws -> [Appended] {
        var i = 0
        return try appendStreamed(labelled: builders.count > 1, signer: signer, time: time) {
            guard i < builders.count else { return nil }
            defer { i += 1 }
            let build = builders[i]
            return (labels?[i] ?? "record \(i + 1)", { tx in try build(tx).map { BuiltRecord(kind: $0.0, body: $0.1) } })
        }
    }

    /// One record a builder made: its kind, its body and, when the body was built from a typed
    /// value the builder already checked, that proof for the kind's rules
    /// (``RecordHeader/prechecked``).
    package struct BuiltRecord: Sendable {
        package var kind: RecordKind
        package var body: Body
        package var prechecked: (any Sendable)?

        /// A body as a value, or as the canonical bytes a ``CanonicalWriter`` wrote straight
        /// from a typed value (an entry): those are put in the payload as they are.
        package enum Body: Sendable {
            case value(JSONValue)
            case canonical([UInt8])
        }

        package init(kind: RecordKind, body: JSONValue, prechecked: (any Sendable)? = nil) {
            self.kind = kind
            self.body = .value(body)
            self.prechecked = prechecked
        }

        package init(kind: RecordKind, canonicalBody: [UInt8], prechecked: (any Sendable)?) {
            self.kind = kind
            self.body = .canonical(canonicalBody)
            self.prechecked = prechecked
        }
    }

    /// Builds records, with what was already checked of them, inside the transaction.
    package typealias BuiltRecordsBuilder = (StoreTransaction) throws -> [BuiltRecord]

    /// The most problems a refused append reports; the rest are counted ("and N more").
    public static let maxProblems = 1000

    /// Appends the records `next` builds, one builder at a time, in one transaction: all of
    /// them or none. `next` returns nil when there are no more, so that a caller can stream
    /// (an import reads its file line by line). `beforeCommit` runs last, inside the
    /// transaction: throwing rolls everything back. Problems are kept up to `maxProblems`.
    package func appendStreamed(labelled: Bool, signer: LedgerSigningKey, time: String = Timestamp.now(),
                                beforeCommit: (() throws -> Void)? = nil,
                                _ next: () throws -> (label: String, build: BuiltRecordsBuilder)?) throws -> [Appended] {
        do {
            return try appendInTransaction(labelled: labelled, signer: signer, time: time, beforeCommit: beforeCommit, next)
        } catch let e as StoreError where e.isConstraint {
            // The schema's own guards (one row per entry number, one per record hash) caught
            // what the rules should have: refuse, with SQLite's word for it.
            throw LedgerError.refused([Problem(rule: "store.constraint", "the ledger file refused the record: \(e)")])
        }
    }

    private func appendInTransaction(labelled: Bool, signer: LedgerSigningKey, time: String, beforeCommit: (() throws -> Void)?,
                                     _ next: () throws -> (label: String, build: BuiltRecordsBuilder)?) throws -> [Appended] {
        let origin = self.origin  // made once, not per record
        return try store.append { tx in
            var appended: [Appended] = []
            var problems: [Problem] = []
            var unlisted = 0
            func problem(_ p: Problem) {
                if problems.count < Self.maxProblems { problems.append(p) } else { unlisted += 1 }
            }
            while let (label, build) = try next() {
                let prefix = labelled ? "\(label): " : ""
                let items: [BuiltRecord]
                do { items = try build(tx) } catch let e as LedgerError {
                    switch e {
                    case .refused(let p), .invalidInput(let p): p.forEach { problem($0.prefixed(prefix)) }
                    case .notFound(let w): problem(w.prefixed(prefix))
                    }
                    continue
                }
                for item in items {
                    let kind = item.kind
                    // Canonical bytes were written from a typed value whose member names are the
                    // format's own (ASCII, proven by tests); a value is checked here.
                    if case .value(let body) = item.body, let bad = RecordHeader.firstNonASCIIKey(body) {
                        problem(Problem(seq: tx.nextSeq, field: bad, rule: "record.member-not-ascii", prefix + "member name \"\(bad)\" is not ASCII"))
                        continue
                    }
                    let seq = tx.nextSeq
                    let payload: [UInt8]
                    do {
                        switch item.body {
                        case .value(let body):
                            payload = try RecordFormat.payload(origin: origin, seq: seq, prev: tx.prevHash, time: time, kind: kind, keyID: signer.keyID, body: body)
                        case .canonical(let bytes):
                            payload = try RecordFormat.payload(origin: origin, seq: seq, prev: tx.prevHash, time: time, kind: kind, keyID: signer.keyID,
                                                               canonicalBody: bytes)
                        }
                    } catch {
                        problem(Problem(seq: seq, rule: "record.payload", prefix + "\(error)"))
                        continue
                    }
                    guard payload.count <= RecordFormat.maxPayloadBytes else {
                        problem(Problem(seq: seq, rule: "record.too-large", prefix + "the record is \(payload.count) bytes, more than \(RecordFormat.maxPayloadBytes)"))
                        continue
                    }
                    let header: RecordHeader
                    switch item.body {
                    case .value(let body):
                        header = RecordHeader(origin: origin, seq: seq, prev: tx.prevHash, time: time, kind: kind, keyID: signer.keyID, body: body,
                                              prechecked: item.prechecked)
                    case .canonical(let bytes):
                        header = RecordHeader(origin: origin, seq: seq, prev: tx.prevHash, time: time, kind: kind, keyID: signer.keyID,
                                              canonicalBody: bytes, prechecked: item.prechecked)
                    }
                    var outcome = try rules.check(header, state: tx, genesis: kind == .genesis ? nil : genesis)
                    if let s = outcome.signer, s.publicKey != signer.publicKey.raw {
                        outcome.add(rule: "key.mismatch", "the signing key does not match key \(s.keyID) in the ledger")
                    }
                    // Notices (an entry naming older customs rules) are refused too: new records
                    // are always checked under the current rules.
                    guard outcome.problems.isEmpty, outcome.notices.isEmpty else {
                        (outcome.problems + outcome.notices).forEach { p in var p = p.prefixed(prefix); p.seq = seq; problem(p) }
                        continue
                    }
                    let record = RecordFormat.sign(payload: payload, with: signer)
                    try tx.insert(record, kind: kind, keyID: signer.keyID, time: time)
                    for effect in outcome.effects { try tx.apply(effect) }
                    // The record's hash, as the insert just computed it for the chain.
                    appended.append(Appended(seq: seq, hash: tx.prevHash, kind: kind))
                }
            }
            guard problems.isEmpty else {
                throw LedgerError.refused(problems + (unlisted > 0 ? [Problem(rule: "problems.more", "and \(unlisted) more problem(s) not listed")] : []))
            }
            try beforeCommit?()
            return appended
        }
    }

    // MARK: keys

    /// Enrols a clerk's public key, with the proof of possession from its public key file.
    @discardableResult
    public func enroll(_ key: LedgerPublicKey, proof: [UInt8], role: Role = .clerk, signer: LedgerSigningKey, time: String = Timestamp.now()) throws -> Appended {
        try append(.keyEnroll, body: EnrollmentBody(key: key, role: role, proof: proof).json, signer: signer, time: time)
    }

    /// Revokes the active key held under `name`.
    @discardableResult
    public func revoke(name: String, reason: String, signer: LedgerSigningKey, time: String = Timestamp.now()) throws -> Appended {
        guard let k = try store.keys().first(where: { $0.name == name && $0.revokedSeq == nil }) else {
            throw LedgerError.notFound("no active key is enrolled under the name \(name)")
        }
        return try append(.keyRevoke, body: RevocationBody(keyID: k.keyID, name: name, reason: reason).json, signer: signer, time: time)
    }

    /// Appends a free-text incident note.
    @discardableResult
    public func note(_ text: String, signer: LedgerSigningKey, time: String = Timestamp.now()) throws -> Appended {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw LedgerError.invalidInput(["note text: must not be empty"]) }
        return try append(.incidentNote, body: NoteBody(text: text).json, signer: signer, time: time)
    }
}
