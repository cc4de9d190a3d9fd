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
        /// A batch recorded by an earlier, interrupted replay whose files this run wrote.
        public let resumed: Bool
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
        try appendBuilt([{ _ in
            try self.requireVerified()  // under the write lock: nothing changes before the record is in
            return (.reconnectAuthorize, try self.authorizationChecked(body).json)
        }], signer: signer, time: time)[0]
    }

    func authorizationChecked(_ body: AuthorizationBody) throws -> AuthorizationBody {
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
        return body
    }

    /// At most this many entries go into one batch, so that each `replay.batch` record stays
    /// well under the 1 MiB payload limit (about 330 bytes per entry with SE and AE). CATAIR's
    /// own batch size limits are not in docs/customs-facts.md: [check].
    public static let maxEntriesPerBatch = 1000

    /// The record kinds a replay plan is made from: while none of them is appended, a plan
    /// stays true.
    static let planKinds: [RecordKind] = [.entryAdd, .entryAmend, .entryVoid, .reconnectAuthorize, .replayBatch, .aceResponse]

    /// Sends to ACE what the plan says must go, in three steps:
    ///
    /// 1. **Plan** (``ReplayPlanner``, from a fold that keeps a summary of each entry, not the
    ///    entry), then **render and stage** each batch once, one at a time (its entries read
    ///    from their version records for that render only): its files and manifest written
    ///    whole (temporary name, fsync, rename) into hidden staging folders beside where they go,
    ///    `OUT/.ID.staged-…/` (the transmission copy) and `ARCHIVE/.ID.staged-…/`
    ///    (``StagedBatch``), the hashes taken from the bytes written.
    /// 2. **Record**: one short append of a `replay.batch` record per batch (its transactions,
    ///    its ABI header settings and the SHA-256 of every file and of the manifest), made only
    ///    if none of the records the plan was made from changed meanwhile (else the staging is
    ///    removed and the plan made again).
    /// 3. **Publish**: each staging folder renamed to the batch id, the `--out` copy first and
    ///    the archive last, the folders fsynced.
    ///
    /// A kill before the record leaves only staging folders, which nothing reads and the next
    /// replay removes; a kill after it leaves a recorded batch whose archive folder is
    /// incomplete, which the next replay writes from its record (below).
    ///
    /// Memory: the fold's summaries, the plan and the records' bodies (a few hundred bytes per
    /// entry) and one batch's entries and bytes at a time, whatever the number of entries.
    ///
    /// A batch recorded by an interrupted replay is written first, rendered from its record byte
    /// for byte (the hashes prove it; the password is masked in them, so any valid one will do), and its entries are
    /// never planned again. Refused when the archive or `outDir` holds a batch this ledger does
    /// not record (a restore or copy older than what was sent): see ``recordSentBatch(folder:signer:time:)``.
    /// A dry run plans and renders and writes nothing; it takes no lock.
    public func replay(outDir: String?, settings: ABIBatchSettings, signer: LedgerSigningKey?, dryRun: Bool,
                       time: String = Timestamp.now()) throws -> ReplayResult {
        if dryRun {
            // One read transaction: a consistent view, and no write lock.
            let (plan, bodies) = try store.snapshot { try self.requireVerified(); return try planAndRender(history: try ReplayHistory.load(self), settings: settings, dryRun: true) }
            return ReplayResult(plan: plan, batches: bodies.map { .init(id: $0.batchID, files: $0.files, folder: nil, record: nil, resumed: false) })
        }
        guard let signer else { throw LedgerError.invalidInput(["replay needs the supervisor's key (--key)"]) }
        let archive = BatchArchive.folder(forLedger: store.path)
        if let outDir { try BatchArchive.refuseInsideArchives(outDir, ledgerPath: store.path, option: "--out") }
        var history = try ReplayHistory.load(self)
        guard !history.authorizations.isEmpty else {
            throw LedgerError.refused(["replay needs CBP's reconnection authorisation first: `entryledger authorize --reference REF ...` (or use --dry-run to see what would be sent)"])
        }
        try BatchArchive.refuseUnrecorded(archive: archive, out: outDir, history: history)
        // 1. Batches recorded by an interrupted replay: written now, exactly as recorded, from a
        // ledger verified first (their missing files excused: writing them is what this does).
        // The ledger is verified once per run: here when there is a batch to resume, else before
        // the plan below; after that, a ledger verified needs only to be the same (no record
        // appended since: the same count and head hash), else it is verified again.
        var batches: [ReplayResult.Batch] = []
        if let problem = ABIBatchSettings.passwordProblem(settings.password) { throw LedgerError.invalidInput([problem]) }
        let resumed = history.batches.filter { !BatchArchive.isComplete($0.body, in: archive) }
        var verified: VerifiedLedger? = resumed.isEmpty ? nil : try requireVerified(excusingMissingBatchFiles: true)
        for (seq, body) in resumed {
            // Written only when it renders to exactly the hashes its verified record holds.
            try writeRecorded(body, history: history, password: settings.password, personalKey: signer.personalDataKey, archive: archive, outDir: outDir)
            let hash = try store.record(at: seq)?.record.hash ?? []
            batches.append(.init(id: body.batchID, files: body.files, folder: outDir.map { $0 + "/" + body.batchID },
                                 record: Appended(seq: seq, hash: hash, kind: .replayBatch), resumed: true))
        }

        // 2. Verify, plan, render and stage, record, publish; planned again if the ledger
        // changed in between.
        for _ in 0..<5 {
            // What an interrupted run staged and never recorded: nothing refers to it.
            StagedBatch.removeLeftovers(in: outDir)
            StagedBatch.removeLeftovers(in: archive)
            var staged: [StagedBatch] = []
            var stale = false
            let (head, plan, bodies): (Int64?, ReplayPlan, [BatchBody])
            let appended: [Appended]
            do {
                // One read transaction: the plan is made from the state just verified. Verified
                // first, while the run holds little, so that the verification's own memory is
                // not added to the plan's and a batch's (and once per run: not again when the
                // resume above verified the same ledger).
                (head, plan, bodies) = try store.snapshot {
                    if try !self.isCurrent(verified) {
                        verified = try self.requireVerified()
                    }
                    // The head first, then everything the plan reads: a record appended in
                    // between changes the head the append checks, and the plan is made again.
                    let head = try self.store.lastSeq(ofKinds: Self.planKinds)
                    history = try ReplayHistory.load(self)
                    let (plan, bodies) = try self.planAndRender(history: history, settings: settings, dryRun: false) { rendered, body, opened in
                        // The --out copy: rendered again with personal data opened only when the batch
                        // holds some; else the archived bytes are the transmission copy's, but for the password.
                        let transmission = try outDir.map { _ in
                            try Self.transmission(rendered, opened: rendered.sealsPersonalData ? try opened(signer.personalDataKey) : rendered, password: settings.password)
                        }
                        staged.append(try StagedBatch.stage(rendered, body: body, transmission: transmission, archive: archive, outDir: outDir))
                    }
                    return (head, plan, bodies)
                }
                guard !bodies.isEmpty else { return ReplayResult(plan: plan, batches: batches) }
                appended = try appendBuiltMany([{ tx in
                    // Nothing goes to ACE from a ledger that does not verify, nor from index tables
                    // that disagree with its records: checked again in this transaction, under
                    // the write lock, unless nothing was appended since it was verified above.
                    if try !self.isCurrent(verified) { verified = try self.requireVerified() }
                    guard try tx.lastSeq(ofKinds: Self.planKinds) == head else {
                        stale = true
                        return []
                    }
                    return bodies.map { (.replayBatch, $0.json) }
                }], signer: signer, time: time)
            } catch {
                // Not recorded: what was staged is let go.
                staged.forEach { $0.discard() }
                throw error
            }
            if stale {
                staged.forEach { $0.discard() }
                continue
            }
            // 3. Publish what was recorded: each staged batch renamed to its id (a failure here
            // leaves a recorded batch whose files the next replay writes from its record).
            for (s, record) in zip(staged, appended) {
                try s.publish()
                batches.append(.init(id: s.body.batchID, files: s.body.files, folder: outDir.map { $0 + "/" + s.body.batchID }, record: record, resumed: false))
            }
            return ReplayResult(plan: plan, batches: batches)
        }
        throw LedgerError.refused(["the ledger kept changing while the replay was planned (entries amended or voided, responses recorded): run replay again"])
    }

    /// Whether `verified` is this ledger as it stands: verified in this run, nothing appended
    /// since (the same number of records and the same last record hash).
    func isCurrent(_ verified: VerifiedLedger?) throws -> Bool {
        guard let v = verified, let head = v.headHash, try store.count() == v.records else { return false }
        return try store.record(at: v.records - 1)?.record.hash == head
    }

    /// The plan and, for each batch it makes, the `replay.batch` body (with the hashes of the
    /// files rendered in memory, then let go). Reads only.
    /// With `each`, each batch rendered is handed to it before the next is rendered: its bytes,
    /// its body, and how to render it again with sealed personal data opened with a key.
    func planAndRender(history: ReplayHistory, settings: ABIBatchSettings, dryRun: Bool, book: [EntryState]? = nil,
                       each: ((RenderedBatch, BatchBody, _ opened: (PersonalDataKey) throws -> RenderedBatch) throws -> Void)? = nil) throws -> (ReplayPlan, [BatchBody]) {
        let plan = try ReplayPlanner.plan(self, history: history, book: book)
        let placeholder = (seq: Int64(-1), body: AuthorizationBody(reference: "", date: "", contact: ""))
        guard let auth = plan.authorization ?? (dryRun ? placeholder : nil) else {
            throw LedgerError.refused(["replay needs CBP's reconnection authorisation first: `entryledger authorize --reference REF ...` (or use --dry-run to see what would be sent)"])
        }
        var settings = settings
        settings.contact = try contact()
        if settings.contact == nil, plan.items.contains(where: { $0.application == .cargoRelease }) {
            if dryRun { return (plan, []) }   // the plan alone
            throw LedgerError.refused([ABIError.missingContact.description])
        }
        // Groups of whole entries (an entry's SE and AE stay in the same batch): each a run of
        // the plan's items, by their places (not a second copy of every item).
        var groups: [Range<Int>] = []
        var entriesInGroup = Set<String>()
        for (i, item) in plan.items.enumerated() {
            let n = item.entry.number.formatted
            if groups.isEmpty || (!entriesInGroup.contains(n) && entriesInGroup.count == Self.maxEntriesPerBatch) {
                groups.append(i..<i)
                entriesInGroup = []
            }
            entriesInGroup.insert(n)
            groups[groups.count - 1] = groups[groups.count - 1].lowerBound..<(i + 1)
        }
        var bodies: [BatchBody] = []
        for (g, range) in groups.enumerated() {
            let items = plan.items[range]
            let batchID = String(format: "B%04d", plan.previousBatches + g + 1)
            // The batch's entries, read from their version records for this render only.
            let versions = try EntryVersions(self, versions: items.map { ($0.versionSeq, $0.versionHash) })
            let renderItems = try items.map { i in
                guard let entry = versions.entry(seq: i.versionSeq, hash: i.versionHash) else {
                    throw LedgerError.refused(["entry \(i.entry.number.formatted)'s version at seq \(i.versionSeq) does not read from its record; run `entryledger verify`"])
                }
                return BatchRenderer.Item(transaction: BatchTransaction(entryNumber: i.entry.number.formatted, application: i.application, action: i.action,
                                                                        versionSeq: i.versionSeq, versionHash: i.versionHash),
                                          entry: entry)
            }
            var settings = settings
            settings.userData = batchID        // echoed by ACE in its A and B 60-80
            settings.blockUserData = batchID
            var r = try BatchRenderer.render(batchID: batchID, origin: origin, cutoff: plan.cutoff, items: renderItems, settings: settings,
                                             authorization: auth, drill: genesis.drill)
            r.sealsPersonalData = renderItems.contains { $0.entry.importer.sealed != nil }
            let ordered = ABIApplication.allCases.sorted().flatMap { app in renderItems.filter { $0.transaction.application == app }.map(\.transaction) }
            let body = BatchBody(batchID: batchID, cutoff: plan.cutoff, authorizationSeq: auth.seq, manifestSHA256: r.manifestSHA256,
                                 files: r.files.map(\.file), transactions: ordered, abiHeader: BatchABIHeader(DrillMarking.settings(settings, test: genesis.drill)))
            try each?(r, body) { [origin, genesis] key in
                let opened = try renderItems.map { i in
                    var entry = i.entry
                    entry.importer = try i.entry.importer.opened(with: key)
                    return BatchRenderer.Item(transaction: i.transaction, entry: entry)
                }
                return try BatchRenderer.render(batchID: batchID, origin: origin, cutoff: plan.cutoff, items: opened, settings: settings,
                                                authorization: auth, drill: genesis.drill)
            }
            bodies.append(body)
        }
        return (plan, bodies)
    }

    /// The largest ACE response file `ack` reads: 16 times the 972 KB ACE returns for 12,000
    /// entries. A larger file is refused by its size, before it is read.
    public static let maxResponseFileBytes = 16 << 20

    /// Renders a recorded batch from the ledger, checks it is byte for byte what was recorded,
    /// and writes what is missing of it to `outDir/ID/` and then to the archive.
    /// The `outDir` copy is for transmission: rendered again with personal data opened with
    /// `personalKey`, the password in its A record, mode 0600.
    func writeRecorded(_ body: BatchBody, history: ReplayHistory, password: String, personalKey: PersonalDataKey, archive: String, outDir: String?) throws {
        // The batch's entries, read once from their version records for both renders.
        let versions = try EntryVersions(self, versions: body.transactions.map { ($0.versionSeq, $0.versionHash) })
        let r = try BatchRenderer.render(recorded: body, in: self, history: history, password: password, opening: nil, versions: versions)
        guard r.files.map(\.file) == body.files, r.manifestSHA256 == body.manifestSHA256 else {
            throw LedgerError.refused(["batch \(body.batchID) is recorded in the ledger but rendering it again gives other bytes than the SHA-256 recorded: "
                + "run `entryledger verify`. Nothing was written"])
        }
        if let outDir {
            // Rendered again with personal data opened only when the batch holds some: else the
            // archived bytes are the transmission copy's, but for the password.
            let opened = r.sealsPersonalData
                ? try BatchRenderer.render(recorded: body, in: self, history: history, password: password, opening: personalKey, versions: versions) : r
            try BatchArchive.write(r, into: outDir + "/" + body.batchID, isArchive: false, transmission: try Self.transmission(r, opened: opened, password: password))
        }
        try BatchArchive.write(r, into: archive + "/" + body.batchID, isArchive: true)
    }

    /// The ABI files of `opened` with the password written in, checked to have the archived
    /// copy's layout (`r`, the same batch masked).
    static func transmission(_ r: RenderedBatch, opened: RenderedBatch, password: String) throws -> [[UInt8]] {
        let transmission = opened.files.map { ABIBatchSettings.unmasked($0.bytes, password: password) }
        guard transmission.map(\.count) == r.files.map(\.bytes.count) else {
            throw LedgerError.refused(["batch \(r.batchID): the transmission copy would not have the archived copy's layout; nothing was written"])
        }
        return transmission
    }

    /// What `ack` did: the records appended (one, or several parts of a large response), the
    /// response as read, or the seq where the same response was already recorded (then
    /// nothing was written).
    public struct AckOutcome: Sendable {
        public let records: [Appended]
        public let body: ResponseBody
        public let alreadyRecordedAt: Int64?
    }

    /// At most this many results go into one `ace.response` record, so that each stays well
    /// under the 1 MiB record limit; a larger response is recorded in parts, in one transaction.
    public static let maxResultsPerResponseRecord = 2000

    /// Reads an ACE response file, matches it to the entries sent, and records it. A file that
    /// cannot be read as ACE responses is refused and nothing is written. Idempotent: a file
    /// already recorded (same SHA-256), or one echoing the same batch control header with the
    /// same answers, is not recorded again, so an old answer can never overwrite a newer one.
    ///
    /// It signs a record over the ledger, so it verifies first (``requireVerified(chunk:)``),
    /// under the write lock, and matches the file against the state it verified: on a ledger
    /// that does not verify it throws ``LedgerNotVerified`` and writes nothing, not even the
    /// archived copy of the file.
    public func ack(file path: String, signer: LedgerSigningKey, time: String = Timestamp.now()) throws -> AckOutcome {
        let data: [UInt8]
        do throws(InputFileError) { data = try InputFile.readAll(path, limit: Self.maxResponseFileBytes, what: "ACE response file") } catch {
            throw LedgerError.invalidInput([error.description])
        }
        let fileSHA256 = Hex.encode(SHA256.hash(data: data))
        let control = Self.batchControl(data)
        let parsed: ACEResponseFile
        do { parsed = try ACEResponseReader.read(data) } catch {
            throw LedgerError.invalidInput(["\(path): \(error)"])
        }
        var outcome: AckOutcome?
        let appended: [Appended]
        // Under the write lock: verify, then read the history and entries the verification
        // proved, match, keep the file beside the ledger (verify and the bundle check each
        // record against it), and append; two acks of one file at once record it once.
        do { appended = try appendBuiltMany([{ _ in
            try self.requireVerified()
            let history = try ReplayHistory.load(self)
            let recorded = history.responses
            if let same = recorded.first(where: { $0.body.fileSHA256 == fileSHA256 }) {
                outcome = AckOutcome(records: [], body: same.body, alreadyRecordedAt: same.seq)
                return []
            }
            let refs = Dictionary(try EntryBook.load(self).map { ($0.number.formatted, $0.entry.entrySummary?.brokerReference) }, uniquingKeysWith: { $1 })
            let matcher = ACEResponseMatcher(history: history, archiveFolder: BatchArchive.folder(forLedger: self.store.path),
                                             brokerReference: { refs[$0] ?? nil })
            let matched: ACEResponseMatcher.Matched
            do { matched = try matcher.match(parsed) } catch { throw AckInputError(LedgerError.invalidInput(["\(path): \(error)"])) }
            let (results, batchErrors, unmatched) = (matched.results, matched.batchErrors, matched.unmatched)
            var body = ResponseBody(fileName: URL(fileURLWithPath: path).lastPathComponent, fileSHA256: fileSHA256,
                                    results: results, batchErrors: batchErrors, unmatched: unmatched)
            body.control = control
            guard !results.isEmpty || !batchErrors.isEmpty else {
                let more = unmatched.count - Self.maxProblems
                throw AckInputError(LedgerError.invalidInput(["\(path): no response in it matches an entry this ledger sent"] + unmatched.prefix(Self.maxProblems)
                                               + (more > 0 ? ["and \(more) more unmatched line(s) not listed"] : [])))
            }
            // The same answers under the same batch control header (a copy of a file already
            // recorded, its line ends changed, say): already recorded.
            if let control {
                let earlier = Dictionary(grouping: recorded.filter { $0.body.control == control }, by: \.body.fileSHA256)
                for parts in earlier.values where parts.flatMap(\.body.results) == results && parts.flatMap(\.body.batchErrors) == batchErrors {
                    outcome = AckOutcome(records: [], body: body, alreadyRecordedAt: parts[0].seq)
                    return []
                }
            }
            try ResponseArchive.store(data, body: body, ledgerPath: self.store.path)
            outcome = AckOutcome(records: [], body: body, alreadyRecordedAt: nil)
            return body.parts(maxResults: Self.maxResultsPerResponseRecord).map { (.aceResponse, $0.json) }
        }], signer: signer, time: time) } catch let e as AckInputError { throw e.error }
        guard let outcome else { throw LedgerError.refused(["\(path): nothing was recorded"]) }
        return AckOutcome(records: appended, body: outcome.body, alreadyRecordedAt: outcome.alreadyRecordedAt)
    }

    /// A bad response file found under the write lock: thrown past the append (which would
    /// turn a ``LedgerError`` into a refusal) so that it stays bad input (exit 2).
    struct AckInputError: Error {
        let error: LedgerError
        init(_ error: LedgerError) { self.error = error }
    }

    /// The response's batch control header: its `A` record with the password positions (9-14)
    /// blanked, or nil when the file does not start with one.
    static func batchControl(_ data: [UInt8]) -> String? {
        let first = data.prefix(81).prefix { $0 != 0x0A && $0 != 0x0D }
        guard first.count == 80, first.first == UInt8(ascii: "A"), first.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
        var bytes = [UInt8](first)
        for i in 8..<14 { bytes[i] = 0x20 }
        return String(decoding: bytes, as: UTF8.self)
    }
}
