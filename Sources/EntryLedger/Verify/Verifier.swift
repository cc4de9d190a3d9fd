import Dispatch
import Foundation

/// Checks a ledger completely, trusting nothing but the supervisor's public key.
///
/// Records are read in chunks: each chunk is checked in order (seq, prev, hash, payload,
/// rules, key state), then its signatures are checked in parallel on all cores. Memory stays
/// bounded by the chunk size whatever the ledger's length.
///
/// ```swift
/// let report = try Verifier(trusting: supervisorPub).verify(store: ledger.store)
/// if !report.ok { for p in report.problems { print(p) } }
/// ```
public final class Verifier {
    public let trusted: LedgerPublicKey
    private let keys = MemoryLedgerState()
    private var genesis: GenesisBody?
    private var expectedSeq: Int64 = 0
    private var prevHash = RecordFormat.zeroHash
    private var report = VerificationReport()
    /// True when records come from a store, whose kind, key_id and time columns must agree
    /// with the payload (listings read those columns, so an edit there must not pass).
    private var checksIndexColumns = false
    /// Called after each chunk with the number of records checked so far.
    public var progress: ((Int64) -> Void)?
    /// Where the evidence files are; when set, each `incident.evidence` record's file is checked.
    public var evidenceFolder: String?
    private var evidence: [(seq: Int64, body: EvidenceBody)] = []
    /// Where the replay batch files are; when set, each `replay.batch` record's files are checked.
    public var batchFolder: String?
    private var batches: [(seq: Int64, body: BatchBody)] = []
    /// Re-derives each replay batch from the records before it (created with the genesis).
    private var replay: ReplayAudit?
    /// Reads the payloads of records by seq, after the walk: set it to have the archived batch
    /// files re-rendered from the entry versions they name and compared byte for byte.
    public var recordPayloads: ((Set<Int64>) throws -> [Int64: [UInt8]])?
    /// The valid key enrolments seen (a bundle must carry each key's file).
    public private(set) var enrollments: [(seq: Int64, body: EnrollmentBody)] = []
    /// Where the ACE response files are; when set, each `ace.response` record's file is checked.
    public var responseFolder: String?
    private var responses: [(seq: Int64, body: ResponseBody)] = []
    /// Tree sizes whose Merkle root the caller wants (the checkpoints it will compare); the
    /// roots are in `roots` once that many records have been checked.
    public var wantedRoots: Set<UInt64> = []
    public private(set) var roots: [UInt64: [UInt8]] = [:]
    /// The checkpoint records seen: their seq and what their bodies claim.
    public private(set) var checkpointRecords: [(seq: Int64, body: CheckpointBody)] = []
    /// The Merkle root of every record checked so far.
    public var treeRoot: [UInt8] { keys.tree.root }

    /// Records below this seq are covered by a checkpoint the supervisor signed after verifying
    /// them (see ``Ledger/requireVerified(chunk:)``): their hashes, chain, rules and Merkle leaves are checked
    /// as always, their signatures are not checked again. 0 (the default) checks every one.
    public var signaturesTrustedBelow: Int64 = 0
    /// The state built from the records checked (keys, entry numbers, reserved ranges).
    public var state: MemoryLedgerState { keys }

    public init(trusting supervisor: LedgerPublicKey) {
        self.trusted = supervisor
    }

    /// The identity the genesis record gave, once seen.
    public var ledgerGenesis: GenesisBody? { genesis }

    /// Verifies every record of a store.
    public func verify(store: LedgerStore, chunk: Int = 4096) throws -> VerificationReport {
        try feed(store: store, chunk: chunk)
        return finish()
    }

    /// Checks the records of a store with seq below `limit` (all by default), in one read
    /// snapshot: every check of the spec's section 6 on the records, plus the store's own: its
    /// `hash`, `kind`, `key_id` and `time` columns against the payload, and no row outside the
    /// sequence. Call `finish()` afterwards. The one path every command verifies a store by.
    /// `alsoInSnapshot` runs after the walk in the same read snapshot (to read the index tables
    /// that are compared with what the walk proved).
    public func feed(store: LedgerStore, limit: Int64 = .max, chunk: Int = 4096, alsoInSnapshot: (() throws -> Void)? = nil) throws {
        checksIndexColumns = true
        if recordPayloads == nil {
            recordPayloads = { seqs in
                var out: [Int64: [UInt8]] = [:]
                for s in seqs.sorted() { if let r = try store.record(at: s) { out[s] = r.record.payload } }
                return out
            }
        }
        try store.snapshot {
            try store.forEachChunk(to: limit, chunk: chunk) { records in
                check(records)
                return true
            }
            // Rows outside the sequence (a negative seq, written with CHECK constraints off)
            // are never read above, but listings would show them: count them as tampering.
            let rows = limit == .max ? try store.count() : try store.count(below: limit)
            if rows != report.records {
                report.problems.append(.init(seq: nil, "the file holds \(rows) record rows but \(report.records) in the sequence from seq 0: rows were added outside it"))
            }
            try alsoInSnapshot?()
        }
    }

    /// Checks the next records, in order. Call `finish()` after the last.
    public func check(_ records: [StoredRecord]) {
        // Hashing and parsing depend on nothing but the record's own bytes: do them on all
        // cores first, then walk the chain and the rules in order.
        let parsed = Self.parseAll(records)
        var pending: [(seq: Int64, key: LedgerPublicKey, signature: [UInt8], payload: [UInt8])] = []
        for (i, stored) in records.enumerated() {
            checkOne(stored, parsed[i], deferSignature: { pending.append(($0, $1, stored.record.signature, stored.record.payload)) })
        }
        let ok = Self.verifySignatures(pending.map { ($0.key, $0.signature, $0.payload) })
        for (i, p) in pending.enumerated() where !ok[i] {
            report.problems.append(.init(seq: p.seq, "signature does not verify with key \(p.key.keyID) (\(p.key.name))"))
        }
        report.signaturesChecked += Int64(pending.count)
        progress?(report.records)
    }

    /// A record's hash and parsed header, computed ahead of the ordered walk.
    struct Parsed {
        let hash: [UInt8]
        let header: Result<RecordHeader, RecordFormatError>
    }

    static func parseAll(_ records: [StoredRecord]) -> [Parsed] {
        let out = UnsafeMutableBufferPointer<Parsed?>.allocate(capacity: records.count)
        out.initialize(repeating: nil)
        defer {
            // Deinitialize first: deallocate alone would leak every parsed header (a leak of
            // about 850 bytes a record that the bench caught at 1M records).
            out.deinitialize()
            out.deallocate()
        }
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, max(1, records.count / 64))
        nonisolated(unsafe) let slots = out
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var i = w
            while i < records.count {
                let r = records[i].record
                let header: Result<RecordHeader, RecordFormatError>
                do throws(RecordFormatError) { header = .success(try RecordHeader(payload: r.payload)) } catch { header = .failure(error) }
                slots[i] = Parsed(hash: r.hash, header: header)
                i += workers
            }
        }
        return out.map { $0! }
    }

    private func checkOne(_ stored: StoredRecord, _ parsed: Parsed, deferSignature: (Int64, LedgerPublicKey) -> Void) {
        let position = expectedSeq
        let r = stored.record
        let hash = parsed.hash
        report.records += 1
        if stored.seq != position {
            if stored.seq > position {
                let missing = stored.seq - position == 1 ? "record \(position) is missing" : "records \(position) to \(stored.seq - 1) are missing"
                report.problems.append(.init(seq: position, missing))
            } else {
                report.problems.append(.init(seq: stored.seq, "record \(stored.seq) appears again after record \(position - 1)"))
            }
        }
        let seq = stored.seq
        defer {
            expectedSeq = seq == .max ? .max : max(expectedSeq, seq) + 1
            prevHash = hash
            report.headHash = hash
            appendLeaf(hash)
        }
        if stored.storedHash != hash {
            report.problems.append(.init(seq: seq, "the stored hash column does not match the record's bytes"))
        }
        guard r.signature.count == 64 else {
            report.problems.append(.init(seq: seq, "signature should be 64 bytes, found \(r.signature.count)"))
            return
        }
        let h: RecordHeader
        switch parsed.header {
        case .success(let header): h = header
        case .failure(let error):
            report.problems.append(.init(seq: seq, "malformed payload: \(error)"))
            return
        }
        if checksIndexColumns, !stored.kind.utf8.elementsEqual(h.kindName.utf8) || !stored.keyID.utf8.elementsEqual(h.keyID.utf8)
            || !stored.time.utf8.elementsEqual(h.time.utf8) {
            report.problems.append(.init(seq: seq, "the stored kind, key_id or time column does not match the record's payload"))
        }
        if h.seq != seq { report.problems.append(.init(seq: seq, "payload says seq \(h.seq) but the record is at seq \(seq)")) }
        if h.prev != prevHash {
            report.problems.append(.init(seq: seq, seq == 0 ? "the genesis prev should be 32 zero bytes"
                                                : "prev does not match the hash of record \(seq - 1): the chain is broken here"))
        }
        let outcome: RecordRules.Outcome
        do { outcome = try RecordRules.check(h, keys: keys, genesis: genesis) } catch {
            report.problems.append(.init(seq: seq, "\(error)"))
            return
        }
        report.problems += outcome.problems.map { .init(seq: seq, $0) }
        if let kind = h.kind { keys.saw(kind, at: seq) }
        observe(h, seq: seq)
        if let replay {
            report.problems += replay.observe(seq: seq, kind: h.kind, body: h.body, hash: hash, valid: outcome.problems.isEmpty).map { .init(seq: seq, $0) }
        }
        if h.kind == .keyEnroll, outcome.problems.isEmpty, let body = try? EnrollmentBody(json: h.body) { enrollments.append((seq, body)) }

        if h.kind == .genesis, h.seq == 0, let g = try? GenesisBody(json: h.body) {
            if g.supervisor.raw != trusted.raw {
                report.problems.append(.init(seq: seq, "the genesis names supervisor key \(g.supervisor.keyID), but the trusted key is \(trusted.keyID)"))
            }
            genesis = g
            report.origin = g.origin
            replay = ReplayAudit(origin: g.origin)
            replay?.responseFolder = responseFolder
        }
        guard let signer = outcome.signer, let key = try? LedgerPublicKey(rawRepresentation: signer.publicKey, name: signer.name) else { return }
        if seq < signaturesTrustedBelow {
            // Covered by a supervisor-signed checkpoint whose root the walk compares.
            outcome.effects.forEach(keys.apply)
        } else if !outcome.effects.isEmpty {
            // Records that change the state the rules depend on (who may sign, which entry
            // numbers are taken) are checked at once, before their effects are applied, so a
            // forged enrolment cannot vouch for what follows it.
            report.signaturesChecked += 1
            if key.isValidSignature(r.signature, for: RecordFormat.signingMessage(payload: r.payload)) {
                outcome.effects.forEach(keys.apply)
            } else {
                report.problems.append(.init(seq: seq, "signature does not verify with key \(key.keyID) (\(key.name))"))
            }
        } else {
            deferSignature(seq, key)
        }
    }

    /// Collects what the checks after the last record need.
    /// Every record hash so far, 32 bytes each (32 MB at a million records): the roots that a
    /// reconnection authorisation claims for past sizes are checked against them at the end.
    private var leafHashes: [UInt8] = []
    private var authorizedCheckpoints: [(seq: Int64, size: Int64, root: String)] = []

    private func observe(_ h: RecordHeader, seq: Int64) {
        if h.kind == .reconnectAuthorize, let body = try? AuthorizationBody(json: h.body), let size = body.checkpointSize,
           let root = body.checkpointRoot {
            authorizedCheckpoints.append((seq, size, root))
        }
        if h.kind == .incidentEvidence, let body = try? EvidenceBody(json: h.body) { evidence.append((seq, body)) }
        if h.kind == .replayBatch, let body = try? BatchBody(json: h.body) { batches.append((seq, body)) }
        if h.kind == .aceResponse, let body = try? ResponseBody(json: h.body) { responses.append((seq, body)) }
        if h.kind == .checkpoint, let body = try? CheckpointBody(json: h.body) { checkpointRecords.append((seq, body)) }
    }

    private func appendLeaf(_ hash: [UInt8]) {
        leafHashes.append(contentsOf: hash)
        try? keys.tree.append(hash)
        if wantedRoots.contains(keys.tree.size) { roots[keys.tree.size] = keys.tree.root }
    }

    private func finishChecks() -> [VerificationReport.Problem] {
        var problems: [VerificationReport.Problem] = []
        if let evidenceFolder { problems += Evidence.check(evidence, folder: evidenceFolder) }
        if let batchFolder { problems += BatchArchive.check(batches, folder: batchFolder) }
        problems += replay?.finish() ?? []
        if let batchFolder, let recordPayloads, let replay {
            do {
                let payloads = try recordPayloads(BatchRerender.versionSeqs(replay.batches))
                problems += BatchRerender.check(replay.batches, folder: batchFolder, payloads: payloads)
            } catch {
                problems.append(.init(seq: nil, "the entry versions the replay batches name could not be read back: \(error)"))
            }
        }
        if let responseFolder { problems += ResponseArchive.check(responses, folder: responseFolder) }
        // An authorisation binds replay to a checkpoint the reviewer cosigned: its root must be
        // this ledger's root at that size, or the reviewer verified a different history.
        let leaves = FlatLeaves(bytes: leafHashes)
        for a in authorizedCheckpoints {
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

    /// The report once every record has been given to `check`.
    public func finish() -> VerificationReport {
        report.problems += finishChecks()
        if report.records == 0 { report.problems.append(.init(seq: nil, "the ledger holds no records")) }
        report.problems.sort { ($0.seq ?? -1) < ($1.seq ?? -1) }
        return report
    }

    /// Checks Ed25519 signatures on all cores; returns one Bool per item.
    static func verifySignatures(_ items: [(LedgerPublicKey, [UInt8], [UInt8])]) -> [Bool] {
        guard !items.isEmpty else { return [] }
        let results = UnsafeMutableBufferPointer<Bool>.allocate(capacity: items.count)
        results.initialize(repeating: false)
        defer { results.deallocate() }
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, max(1, items.count / 64))
        nonisolated(unsafe) let out = results
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var i = w
            while i < items.count {
                let (key, sig, payload) = items[i]
                out[i] = key.isValidSignature(sig, for: RecordFormat.signingMessage(payload: payload))
                i += workers
            }
        }
        return Array(results)
    }
}

/// The verifier's record hashes as a Merkle leaf source, read in place.
struct FlatLeaves: MerkleLeafSource {
    let bytes: [UInt8]
    var count: UInt64 { UInt64(bytes.count / 32) }

    func leafCount() throws -> UInt64 { count }

    func leafHashes(from start: UInt64, count n: Int) throws -> [[UInt8]] {
        let first = Int(start), last = min(Int(count), first + n)
        guard first <= last else { return [] }
        return (first..<last).map { Array(bytes[$0 * 32..<($0 + 1) * 32]) }
    }
}
