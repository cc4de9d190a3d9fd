import LedgerFormat
import LedgerSQLite
import Crypto
import Foundation

/// What `replay` did (or, with a dry run, would do).
public struct ReplayResult: Sendable {
    /// One batch: its id, its files, the folder they were written to, and its ledger record.
    public struct Batch: Sendable {
        public let id: String
        public let files: [BatchBody.File]
        public let folder: String?
        public let record: Ledger.Appended?
    }

    public let plan: ReplayPlan
    public let batches: [Batch]

    public var batchIDs: [String] { batches.map(\.id) }
    public var files: [BatchBody.File] { batches.flatMap(\.files) }
}

extension Ledger {
    /// Records CBP's reconnection authorisation (supervisor). With a cosigned checkpoint, the
    /// checkpoint must be this ledger's, signed by the supervisor, cosigned by the reviewer key,
    /// and its root must be the ledger's root at its size.
    @discardableResult
    public func authorize(_ body: AuthorizationBody, signer: LedgerSigningKey, time: String = Timestamp.now()) throws -> Appended {
        var problems: [String] = []
        if body.reference.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("reference: CBP's authorisation reference is needed") }
        if CustomsDate.parse(body.date) == nil { problems.append("date \(body.date): should be a real date written YYYY-MM-DD") }
        if let note = body.checkpointNote, let reviewer = body.reviewerKey {
            let (cp, p) = CosignedCheckpoint.problems(note: note, origin: origin, supervisor: genesis.supervisor, reviewerVKey: reviewer)
            problems += p
            if let cp {
                let count = try store.count()
                if cp.size == 0 || cp.size > UInt64(count) {
                    problems.append("the checkpoint claims \(cp.size) records; this ledger holds \(count)")
                } else if try MerkleTree(source: store).root(size: cp.size) != cp.rootHash {
                    problems.append("the checkpoint's root is not this ledger's root at size \(cp.size): the ledger differs from what the reviewer verified")
                }
            }
        }
        guard problems.isEmpty else { throw LedgerError.invalidInput(problems) }
        return try append(.reconnectAuthorize, body: body.json, signer: signer, time: time)
    }

    /// At most this many entries go into one batch, so that each `replay.batch` record stays
    /// well under the 1 MiB payload limit (about 330 bytes per entry with SE and AE). CATAIR's
    /// own batch size limits are not in docs/customs-facts.md: [check].
    public static let maxEntriesPerBatch = 1000

    /// Writes the ABI batches and their `manifest.json` for what the plan says must go to ACE,
    /// each batch in its own folder (`outDir/B0001/`), and records them (supervisor). A large
    /// replay is split into batches of at most ``maxEntriesPerBatch`` entries, all recorded in
    /// one transaction. The plan is made inside that transaction, so two replays at once cannot
    /// both send an entry. Refused without an authorisation unless `dryRun`, which writes the
    /// files (if `outDir` is given) but records nothing.
    public func replay(outDir: String?, settings: ABIBatchSettings, signer: LedgerSigningKey?, dryRun: Bool,
                       time: String = Timestamp.now()) throws -> ReplayResult {
        if let outDir {
            if let contents = try? FileManager.default.contentsOfDirectory(atPath: outDir), !contents.isEmpty {
                throw LedgerError.invalidInput(["--out \(outDir): the folder is not empty; give a new folder for each replay"])
            }
        }
        var result: ReplayResult?
        var written: [String] = []
        let archive = BatchArchive.folder(forLedger: store.path)
        let build: RecordsBuilder = { _ in
            let plan = try ReplayPlanner.plan(self)
            result = ReplayResult(plan: plan, batches: [])
            guard let auth = plan.authorization ?? (dryRun ? (seq: -1, body: AuthorizationBody(reference: "", date: "", contact: "")) : nil) else {
                throw LedgerError.refused(["replay needs CBP's reconnection authorisation first: `entryledger authorize --reference REF ...` (or use --dry-run to see what would be sent)"])
            }
            guard !plan.items.isEmpty else { throw ReplayNothingToSend() }
            var settings = settings
            settings.contact = try self.contact()
            if settings.contact == nil, plan.items.contains(where: { $0.application == .cargoRelease }) {
                if dryRun && outDir == nil { throw ReplayNothingToSend() }   // the plan alone
                throw LedgerError.refused([ABIError.missingContact.description])
            }
            // Groups of whole entries (an entry's SE and AE stay in the same batch).
            var groups: [[ReplayPlan.Item]] = []
            var entriesInGroup = Set<String>()
            for item in plan.items {
                let n = item.entry.number.formatted
                if groups.isEmpty || (!entriesInGroup.contains(n) && entriesInGroup.count == Self.maxEntriesPerBatch) {
                    groups.append([])
                    entriesInGroup = []
                }
                entriesInGroup.insert(n)
                groups[groups.count - 1].append(item)
            }
            var records: [(RecordKind, JSONValue)] = []
            var batches: [ReplayResult.Batch] = []
            for (g, items) in groups.enumerated() {
                let batchID = String(format: "B%04d", plan.previousBatches + g + 1)
                let folders = [outDir.map { $0 + "/" + batchID }, dryRun ? nil : archive + "/" + batchID].compactMap { $0 }
                if !dryRun, FileManager.default.fileExists(atPath: archive + "/" + batchID) {
                    throw LedgerError.refused(["\(archive)/\(batchID) already exists but the ledger records no such batch: move it aside (it was not sent)"])
                }
                for f in folders {
                    try FileManager.default.createDirectory(atPath: f, withIntermediateDirectories: true)
                    written.append(f)
                }
                var files: [BatchBody.File] = []
                var transactions: [BatchTransaction] = []
                for app in ABIApplication.allCases.sorted() {
                    let mine = items.filter { $0.application == app }
                    let batchItems = mine.map { ABIBatchItem(entry: $0.entry.entry, action: $0.action, filerReference: $0.entry.entry.entrySummary?.brokerReference) }
                    let batch: ABIBatch?
                    settings.userData = batchID        // echoed by ACE in its A and B 60-80
                    settings.blockUserData = batchID
                    do { batch = try ABIBatchBuilder.build(app, items: batchItems, settings: DrillMarking.settings(settings, test: self.genesis.drill)) } catch {
                        throw LedgerError.invalidInput(["\(app.rawValue) batch: \(error)"])
                    }
                    guard let batch else { continue }
                    let name = DrillMarking.batchFileName(batchID, app, test: self.genesis.drill)
                    for f in folders { try Self.writeNew(f + "/" + name, batch.bytes) }
                    files.append(.init(name: name, application: app, sha256: batch.sha256, size: Int64(batch.bytes.count)))
                    transactions += mine.map { BatchTransaction(entryNumber: $0.entry.number.formatted, application: app, action: $0.action, versionSeq: $0.versionSeq, versionHash: $0.versionHash) }
                }
                var manifest: [String: JSONValue] = [
                    "format": "entryledger-replay-manifest", "version": 1, "batch_id": .string(batchID), "origin": .string(self.origin),
                    "cutoff": .int(plan.cutoff), "authorization": ["seq": .int(auth.seq), "reference": .string(auth.body.reference)],
                    "files": .array(files.map { ["name": .string($0.name), "application": .string($0.application.rawValue), "sha256": .string($0.sha256), "size": .int($0.size)] }),
                    "entries": .array(transactions.map(\.json)),
                ]
                if let size = auth.body.checkpointSize, let root = auth.body.checkpointRoot { manifest["checkpoint"] = ["size": .int(size), "root": .string(root)] }
                if self.genesis.drill { manifest["test"] = true }
                var manifestBytes = try CanonicalJSON.encode(.object(manifest))
                manifestBytes.append(0x0A)
                for f in folders { try Self.writeNew(f + "/manifest.json", manifestBytes) }
                let body = BatchBody(batchID: batchID, cutoff: plan.cutoff, authorizationSeq: auth.seq, manifestSHA256: Hex.encode(SHA256.hash(data: manifestBytes)),
                                     files: files, transactions: transactions)
                records.append((.replayBatch, body.json))
                batches.append(.init(id: batchID, files: files, folder: outDir.map { $0 + "/" + batchID }, record: nil))
            }
            result = ReplayResult(plan: plan, batches: batches)
            if dryRun { throw ReplayNothingToSend() }
            return records
        }
        do {
            if let outDir { try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true) }
            if dryRun {
                // The builder ends a dry run by throwing before anything is inserted: nothing is recorded.
                _ = try store.append { tx in try build(tx) }
            }
            guard let signer else { throw LedgerError.invalidInput(["replay needs the supervisor's key (--key)"]) }
            let appended = try appendBuiltMany([build], signer: signer, time: time)
            let r = result!
            return ReplayResult(plan: r.plan, batches: zip(r.batches, appended).map { .init(id: $0.id, files: $0.files, folder: $0.folder, record: $1) })
        } catch is ReplayNothingToSend {
            return result!
        } catch {
            if !dryRun { for path in written { try? FileManager.default.removeItem(atPath: path) } }
            throw error
        }
    }

    static func writeNew(_ path: String, _ bytes: [UInt8]) throws {
        guard !FileManager.default.fileExists(atPath: path), FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw LedgerError.invalidInput(["cannot write \(path)"])
        }
    }

    /// The largest ACE response file `ack` reads: 16 times the 972 KB ACE returns for 12,000
    /// entries. A larger file is refused by its size, before it is read.
    public static let maxResponseFileBytes = 16 << 20

    /// Reads an ACE response file, matches it to the entries sent, and records it. A file that
    /// cannot be read as ACE responses is refused and nothing is written.
    public func ack(file path: String, signer: LedgerSigningKey, time: String = Timestamp.now()) throws -> (Appended, ResponseBody) {
        let data: [UInt8]
        do throws(InputFileError) { data = try InputFile.readAll(path, limit: Self.maxResponseFileBytes, what: "ACE response file") } catch {
            throw LedgerError.invalidInput([error.description])
        }
        let parsed: ACEResponseFile
        do { parsed = try ACEResponseReader.read(data) } catch {
            throw LedgerError.invalidInput(["\(path): \(error)"])
        }
        let refs = Dictionary(try EntryBook.load(self).map { ($0.number.formatted, $0.entry.entrySummary?.brokerReference) }, uniquingKeysWith: { $1 })
        let matcher = ACEResponseMatcher(history: try ReplayHistory.load(self), archiveFolder: BatchArchive.folder(forLedger: store.path),
                                         brokerReference: { refs[$0] ?? nil })
        let matched: ACEResponseMatcher.Matched
        do { matched = try matcher.match(parsed) } catch { throw LedgerError.invalidInput(["\(path): \(error)"]) }
        let (results, batchErrors, unmatched) = (matched.results, matched.batchErrors, matched.unmatched)
        let body = ResponseBody(fileName: URL(fileURLWithPath: path).lastPathComponent, fileSHA256: Hex.encode(SHA256.hash(data: data)),
                                results: results, batchErrors: batchErrors, unmatched: unmatched)
        guard !results.isEmpty || !batchErrors.isEmpty else {
            let more = unmatched.count - Self.maxProblems
            throw LedgerError.invalidInput(["\(path): no response in it matches an entry this ledger sent"] + unmatched.prefix(Self.maxProblems)
                                           + (more > 0 ? ["and \(more) more unmatched line(s) not listed"] : []))
        }
        return (try append(.aceResponse, body: body.json, signer: signer, time: time), body)
    }
}

/// Ends the append transaction without writing, when there is nothing to send or it is a dry run.
struct ReplayNothingToSend: Error {}
