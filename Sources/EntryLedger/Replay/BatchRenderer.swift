import Crypto
import Foundation

/// One batch rendered in memory: its ABI files (the A record's password field masked and
/// sealed personal data as `***-**-****`, the form archived and hashed; ``ABIBatchSettings/unmasked(_:password:)`` gives the transmission copy)
/// and its manifest.
public struct RenderedBatch: Sendable {
    public let batchID: String
    /// Each ABI file's name, application, SHA-256 and size, and its bytes.
    public let files: [(file: BatchBody.File, bytes: [UInt8])]
    public let manifest: [UInt8]
    /// Whether an entry of the batch holds sealed personal data (its transmission copy then
    /// differs from the archived one by more than the password).
    public var sealsPersonalData = false
    /// Counts this batch alive while a test counts (``RenderedBatchCount``).
    let counted: RenderedBatchCount.Token? = RenderedBatchCount.token()

    public var manifestSHA256: String { Hex.encode(SHA256.hash(data: manifest)) }
}

/// Renders a batch from what the ledger records about it, deterministically: the same batch
/// record and entry versions always give the same bytes (the password is masked in them, so
/// neither the bytes nor their hashes depend on it). `replay` renders a
/// planned batch once, stages its files and records their hashes (``StagedBatch``); after a
/// crash the recorded batch is rendered again from its record, byte for byte.
public enum BatchRenderer {
    /// One transaction with the entry version it sends.
    public struct Item: Sendable {
        public let transaction: BatchTransaction
        public let entry: CustomsEntry
    }

    /// Renders `batchID` from its transactions (in plan order), the ABI header settings and the
    /// authorisation it is sent under. A drill ledger's batch is marked test (``DrillMarking``):
    /// `-TEST` file names, `DRILL` block user data, `"test": true` in the manifest.
    public static func render(batchID: String, origin: String, cutoff: Int64, items: [Item], settings: ABIBatchSettings,
                              authorization: (seq: Int64, body: AuthorizationBody), drill: Bool) throws -> RenderedBatch {
        let settings = DrillMarking.settings(settings, test: drill)
        if let problem = ABIBatchSettings.passwordProblem(settings.password) { throw LedgerError.invalidInput([problem]) }
        var files: [(file: BatchBody.File, bytes: [UInt8])] = []
        var transactions: [BatchTransaction] = []
        for app in ABIApplication.allCases.sorted() {
            let mine = items.filter { $0.transaction.application == app }
            let batchItems = mine.map { ABIBatchItem(entry: $0.entry, action: $0.transaction.action, filerReference: $0.entry.entrySummary?.brokerReference) }
            let batch: ABIBatch?
            do { batch = try ABIBatchBuilder.build(app, items: batchItems, settings: settings) } catch {
                throw LedgerError.invalidInput(["\(app.rawValue) batch: \(error)"])
            }
            guard let batch else { continue }
            let bytes = ABIBatchSettings.masked(batch.bytes)
            files.append((BatchBody.File(name: DrillMarking.batchFileName(batchID, app, test: drill), application: app, sha256: Hex.encode(SHA256.hash(data: bytes)),
                                         size: Int64(bytes.count)), bytes))
            transactions += mine.map(\.transaction)
        }
        var manifest: [String: JSONValue] = [
            "format": "entryledger-replay-manifest", "version": 1, "batch_id": .string(batchID), "origin": .string(origin),
            "cutoff": .int(cutoff), "authorization": ["seq": .int(authorization.seq), "reference": .string(authorization.body.reference)],
            "files": .array(files.map { f in ["name": .string(f.file.name), "application": .string(f.file.application.rawValue), "sha256": .string(f.file.sha256), "size": .int(f.file.size)] }),
            "entries": .array(transactions.map(\.json)),
        ]
        if let size = authorization.body.checkpointSize, let root = authorization.body.checkpointRoot {
            manifest["checkpoint"] = ["size": .int(size), "root": .string(root)]
        }
        if drill { manifest["test"] = true }
        var manifestBytes = try CanonicalJSON.encode(.object(manifest))
        manifestBytes.append(0x0A)
        return RenderedBatch(batchID: batchID, files: files, manifest: manifestBytes)
    }

    /// Renders a batch the ledger records, reading each entry version it sent from the record at
    /// its `version_seq` (checked against its `version_hash`). The caller compares the hashes
    /// with the record's; `password` only has to satisfy the rules (it is masked).
    /// With `opening`, each sealed personal value (an SSN importer number) is opened with it:
    /// that render is for the transmission copy only, never archived or hashed.
    public static func render(recorded body: BatchBody, in ledger: Ledger, history: ReplayHistory, password: String,
                              opening key: PersonalDataKey? = nil) throws -> RenderedBatch {
        try render(recorded: body, in: ledger, history: history, password: password, opening: key, versions: nil)
    }

    /// The same, taking each entry version from `versions` (read from the records in this run)
    /// when it holds the seq and hash the batch names, and from the store otherwise.
    static func render(recorded body: BatchBody, in ledger: Ledger, history: ReplayHistory, password: String,
                       opening key: PersonalDataKey?, versions: EntryVersions?) throws -> RenderedBatch {
        guard let header = body.abiHeader else {
            throw LedgerError.refused(["batch \(body.batchID) was recorded without its ABI header settings (recorded from a manifest, or by an older version): it cannot be rendered again; its files must come from where they were sent"])
        }
        guard let auth = history.authorizations.first(where: { $0.seq == body.authorizationSeq }) else {
            throw LedgerError.refused(["batch \(body.batchID): the authorisation it names (seq \(body.authorizationSeq)) is not in this ledger"])
        }
        var items: [Item] = []
        var sealed = false
        for t in body.transactions {
            let read = versions?.entry(seq: t.versionSeq, hash: t.versionHash)
            guard let entry = try read ?? {
                guard let stored = try ledger.store.record(at: t.versionSeq), Hex.encode(stored.record.hash) == t.versionHash,
                    let h = EntryRecordView(payload: stored.record.payload),
                    h.kind == .entryAdd || h.kind == .entryAmend, let json = h.body["entry"] else { return nil }
                return try? CustomsEntry(stored: json)
            }()
            else {
                throw LedgerError.refused(["batch \(body.batchID): entry \(t.entryNumber)'s version at seq \(t.versionSeq) is not the one the batch recorded; run `entryledger verify`"])
            }
            if entry.importer.sealed != nil { sealed = true }
            var version = entry
            if let key { version.importer = try entry.importer.opened(with: key) }
            items.append(Item(transaction: t, entry: version))
        }
        var r = try render(batchID: body.batchID, origin: ledger.origin, cutoff: body.cutoff, items: items,
                           settings: header.settings(password: password), authorization: auth, drill: ledger.genesis.drill)
        r.sealsPersonalData = sealed
        return r
    }
}
