import Dispatch
import Foundation
import Synchronization

/// Checks a ledger completely, trusting nothing but the supervisor's public key.
///
/// Records are read in chunks, split into batches of at most ``batchPayloadBytes`` of payload:
/// each batch is parsed, hashed and its signatures checked on all cores, then walked in order
/// (seq, prev, hash, payload, rules, key state). Memory stays bounded by the chunk size and a
/// few batches whatever the ledger's length.
///
/// The rules come from a ``RecordRuleBook``: the ledger's own kinds plus each domain's, with
/// the checks each domain makes after the walk (files beside the ledger, say).
///
/// ```swift
/// let verifier = Verifier(trusting: supervisorPub, rules: RecordRuleBook([MyDomainRules()]))
/// let report = try verifier.verify(source: records)
/// if !report.ok { for p in report.problems { print(p) } }
/// ```
public final class Verifier {
    public let trusted: LedgerPublicKey
    /// The rules every record is checked against.
    public let rules: RecordRuleBook
    private let walkChecks: [any RecordWalkCheck]
    private let keys = MemoryLedgerState()
    private var genesis: GenesisBody?
    private var expectedSeq: Int64 = 0
    private var prevHash = RecordFormat.zeroHash
    private var report = VerificationReport()
    /// The keys the walk has enrolled so far, published for the parse stage's signature
    /// checks (which run ahead of the walk, on other threads).
    private let knownKeys = Mutex<[String: LedgerPublicKey]>([:])
    private var knownKeyCount = 0
    /// The walk's signer keys, built once per key (building one hashes its raw bytes for its
    /// key id): reused only while the state's raw bytes and name are the same.
    private var signerKeys: [String: LedgerPublicKey] = [:]
    /// True when records come from a store, whose kind, key_id and time columns must agree
    /// with the payload (listings read those columns, so an edit there must not pass).
    private var checksIndexColumns = false
    /// Called after each chunk with the number of records checked so far.
    public var progress: ((Int64) -> Void)?
    /// Tree sizes whose Merkle root the caller wants (the checkpoints it will compare); the
    /// roots are in `roots` once that many records have been checked.
    public var wantedRoots: Set<UInt64> = []
    public private(set) var roots: [UInt64: [UInt8]] = [:]
    /// The checkpoint records seen: their seq and what their bodies claim.
    public private(set) var checkpointRecords: [(seq: Int64, body: CheckpointBody)] = []
    /// The Merkle root of every record checked so far.
    public var treeRoot: [UInt8] { keys.tree.root }

    /// Records below this seq are covered by a checkpoint the supervisor signed after verifying
    /// them: their hashes, chain, rules and Merkle leaves are checked as always, their
    /// signatures are not checked again. 0 (the default) checks every signature.
    public var signaturesTrustedBelow: Int64 = 0
    /// Records below this seq were folded by the ``FoldSnapshot`` given to ``restore(_:)``:
    /// each is still read and hashed, its hash column, index columns (the canonical tail of
    /// its payload) and chain checked, and their Merkle root compared with the snapshot's; its
    /// rules, state effects and walk checks come from the snapshot. 0 when none was restored.
    public private(set) var foldedBelow: Int64 = 0
    /// The Merkle root the restored snapshot says its records have.
    private var foldRoot: [UInt8] = []
    /// The snapshot's state being read on another thread while the records below it are read
    /// and hashed; joined before the first record after them (``joinFold()``).
    private var pendingFold: PendingFold?
    /// The state built from the records checked (keys, numbers, ranges).
    package var state: MemoryLedgerState {
        joinFold()
        return keys
    }
    /// The valid key enrolments seen (a bundle must carry each key's file).
    public private(set) var enrollments: [(seq: Int64, body: EnrollmentBody)] = []
    /// The domains' checks after the walk, as made for this verifier (a domain finds its own
    /// to read what it collected).
    public var checks: [any RecordWalkCheck] { walkChecks }

    /// A verifier that trusts only `supervisor` (the genesis must name it) and checks every record against `rules`.
    public init(trusting supervisor: LedgerPublicKey, rules: RecordRuleBook) {
        self.trusted = supervisor
        self.rules = rules
        self.walkChecks = rules.domains.compactMap { $0.makeWalkCheck() }
    }

    /// The identity the genesis record gave, once seen.
    public var ledgerGenesis: GenesisBody? { genesis }

    /// The most payload bytes parsed ahead of the walk in one batch: with two batches queued for
    /// the walk and one being parsed, the parsed trees in memory stay a few megabytes' worth
    /// of payload whatever the records' size (4,096 notes or about 1,300 entries a batch).
    static let batchPayloadBytes = 4 << 20
    /// How many records of a source's first chunk are checked alone, before the pipeline
    /// starts: the genesis (its origin is what later records are parsed against) and the
    /// first enrolments, so that the parse stage knows the keys that sign what follows.
    static let headRecords = 64
    /// How many batches below a restored snapshot may be read but not yet walked: more than
    /// a chunk's worth (4,096 entries are about four batches), so that the reading of the
    /// next chunk overlaps the hashing and the walk of this one (about 24 MB of records).
    static let foldedBatchesAhead = 6

    /// Verifies every record of a source, from seq 0 to its end.
    public func verify(source: some RecordSource, chunk: Int = 4096) throws -> VerificationReport {
        try feed(source: source, chunk: chunk)
        return finish()
    }

    /// Checks the records of a source with seq below `limit` (all by default) in one read
    /// snapshot: every check of the spec's section 6 on the records, plus, for a source with
    /// index columns, those columns against each payload and no row outside the sequence.
    /// Call `finish()` afterwards. The one path every command verifies a ledger by.
    /// `alsoInSnapshot` runs after the walk in the same snapshot (to read the index tables a
    /// caller compares with what the walk proved).
    public func feed(source: some RecordSource, limit: Int64 = .max, chunk: Int = 4096,
                     alsoInSnapshot: (() throws -> Void)? = nil) throws {
        checksIndexColumns = source.hasIndexColumns
        try source.readSnapshot {
            // A pipeline: this thread reads batch k+1 and parses, hashes and checks the
            // signatures of it on all cores while a second thread walks batch k in order, at
            // most two batches ahead (memory stays bounded). The first records are checked
            // alone: the genesis gives the origin the others are read with, the first
            // enrolments the keys their signatures are checked with. Batches a snapshot folded
            // take three stages (this thread reads, `hashQueue` hashes on all cores, the walk
            // walks), so that the reading, the hashing and the walk overlap; up to
            // ``foldedBatchesAhead`` of them are in flight, enough that reading a whole chunk
            // never waits for the walk.
            nonisolated(unsafe) let walker = self
            let walkQueue = DispatchQueue(label: "entryledger.verifier.walk")
            let hashQueue = DispatchQueue(label: "entryledger.verifier.hash")
            let ahead = DispatchSemaphore(value: 2)
            let foldedAhead = DispatchSemaphore(value: Self.foldedBatchesAhead)
            var origin: String?
            var first = true
            defer {
                hashQueue.sync {}
                walkQueue.sync {}
            }
            try source.forEachChunk(from: 0, to: limit, chunk: chunk) { records in
                var start = 0
                if first {
                    first = false
                    start = min(records.count, Self.headRecords)
                    check(Array(records[0..<start]))
                    origin = genesis?.origin
                }
                while start < records.count {
                    let end = Self.batchEnd(records, from: start, limit: chunk)
                    let batch = Array(records[start..<end])
                    start = end
                    if let last = batch.last, last.seq < foldedBelow {
                        // Folded by a snapshot: hashing is nearly all the work, so it is done on
                        // its own stage, overlapping this thread's reading of the next batches
                        // and the walk of the previous ones (which it hands them to in order).
                        foldedAhead.wait()
                        hashQueue.async { [foldedBelow, signaturesTrustedBelow, rules, origin] in
                            let parsed = Self.parseAll(batch, canonicalFrom: signaturesTrustedBelow, foldedBelow: foldedBelow, rules: rules, origin: origin)
                            walkQueue.async {
                                walker.walk(batch, parsed)
                                foldedAhead.signal()
                            }
                        }
                        continue
                    }
                    let parsed = Self.parseAll(batch, canonicalFrom: signaturesTrustedBelow, foldedBelow: foldedBelow, rules: rules, origin: origin,
                                               keys: knownKeys.withLock { $0 })
                    // The folded batches before this one reach the walk first.
                    hashQueue.sync {}
                    ahead.wait()
                    walkQueue.async {
                        walker.walk(batch, parsed)
                        ahead.signal()
                    }
                }
                return true
            }
            hashQueue.sync {}
            walkQueue.sync {}
            joinFold()
            // Rows outside the sequence (a negative seq, written with CHECK constraints off)
            // are never read above, but listings would show them: count them as tampering.
            if let rows = try limit == .max ? source.rowCount() : source.rowCount(below: limit), rows != report.records {
                report.problems.append(.init(seq: nil, rule: "ledger.extra-rows", "the file holds \(rows) record rows but \(report.records) in the sequence from seq 0: rows were added outside it"))
            }
            try alsoInSnapshot?()
        }
    }

    /// Where the batch that starts at `start` ends: at most `limit` records and, past its
    /// first record, at most ``batchPayloadBytes`` of payload.
    static func batchEnd(_ records: [StoredRecord], from start: Int, limit: Int) -> Int {
        var end = start, bytes = 0
        while end < records.count, end - start < max(1, limit) {
            bytes += records[end].record.payload.count
            if end > start, bytes > batchPayloadBytes { break }
            end += 1
        }
        return end
    }

    /// Checks the next records, in order. Call `finish()` after the last.
    public func check(_ records: [StoredRecord]) {
        // Hashing, parsing and the signatures of known keys depend on nothing but the record's
        // own bytes: do them on all cores first, then walk the chain and the rules in order.
        walk(records, Self.parseAll(records, canonicalFrom: signaturesTrustedBelow, foldedBelow: foldedBelow, rules: rules, origin: genesis?.origin,
                                    keys: knownKeys.withLock { $0 }))
    }

    /// The ordered walk of records parsed ahead, then the signatures the parse stage could not
    /// check (a key it did not know yet) on all cores.
    private func walk(_ records: [StoredRecord], _ parsed: [Parsed]) {
        var pending: [(seq: Int64, key: LedgerPublicKey, signature: [UInt8], payload: [UInt8])] = []
        // Read once a batch, not once a record (a copy of every member); only the genesis
        // record (seq 0) sets it.
        var genesis = self.genesis
        for (i, stored) in records.enumerated() {
            defer { if stored.seq == 0 { genesis = self.genesis } }
            checkOne(stored, parsed[i], genesis: genesis, deferSignature: { seq, key in
                if let valid = parsed[i].signature(by: key) {
                    report.signaturesChecked += 1
                    if !valid { report.problems.append(Self.signatureProblem(seq, key)) }
                } else {
                    pending.append((seq, key, stored.record.signature, stored.record.payload))
                }
            })
        }
        let ok = Self.verifySignatures(pending.map { ($0.key, $0.signature, $0.payload) })
        for (i, p) in pending.enumerated() where !ok[i] { report.problems.append(Self.signatureProblem(p.seq, p.key)) }
        report.signaturesChecked += Int64(pending.count)
        publishKeys()
        progress?(report.records)
    }

    static func signatureProblem(_ seq: Int64, _ key: LedgerPublicKey) -> VerificationReport.Problem {
        .init(seq: seq, rule: "record.signature", "signature does not verify with key \(key.keyID) (\(key.name))")
    }

    /// Hands the keys enrolled so far to the parse stage (only when there are new ones).
    private func publishKeys() {
        guard keys.keysByID.count != knownKeyCount else { return }
        knownKeyCount = keys.keysByID.count
        var map: [String: LedgerPublicKey] = [:]
        for (id, k) in keys.keysByID { map[id] = try? LedgerPublicKey(rawRepresentation: k.publicKey, name: k.name) }
        knownKeys.withLock { $0 = map }
    }

    /// A record's hash and parsed header, computed ahead of the ordered walk, and its
    /// signature when the key its header names was known then. A record a restored snapshot
    /// folded is not parsed: `header` is nil, `tailPrev` the prev hash its payload's canonical
    /// tail holds when that tail is exactly what its index columns give.
    struct Parsed: Sendable {
        let hash: [UInt8]
        let header: Result<RecordHeader, RecordFormatError>?
        var tailPrev: [UInt8]? = nil
        /// The raw public key the signature was checked with, and the answer.
        var signatureCheck: (key: [UInt8], valid: Bool)? = nil

        /// Whether the signature verifies with `key`, when it was checked with that very key.
        func signature(by key: LedgerPublicKey) -> Bool? {
            guard let c = signatureCheck, c.key == key.raw else { return nil }
            return c.valid
        }
    }

    /// Parses every record in full (the canonical encoding checked) at or after
    /// `canonicalFrom`, and checks its signature when `keys` holds the key its header names;
    /// those before it are covered by a checkpoint the supervisor signed after
    /// verifying them, their bytes pinned by the Merkle root: their headers are skimmed and their
    /// bodies reduced to what the state reads (``CoveredRecord``).
    static func parseAll(_ records: [StoredRecord], canonicalFrom: Int64 = 0, foldedBelow: Int64 = 0, rules: RecordRuleBook? = nil,
                         origin: String? = nil, keys: [String: LedgerPublicKey] = [:]) -> [Parsed] {
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
                if records[i].seq < foldedBelow {
                    let prev = origin.flatMap { CoveredRecord.tail(r.payload, stored: records[i], origin: $0)?.prev }
                    slots[i] = Parsed(hash: r.hash, header: nil, tailPrev: prev)
                    i += workers
                    continue
                }
                let header: Result<RecordHeader, RecordFormatError>
                let covered = records[i].seq < canonicalFrom
                if covered, let rules, let skimmed = CoveredRecord.header(records[i], origin: origin, rules: rules) {
                    header = .success(skimmed)
                } else {
                    do throws(RecordFormatError) {
                        header = .success(try RecordHeader(payload: r.payload, checkCanonical: !covered))
                    } catch { header = .failure(error) }
                }
                var parsed = Parsed(hash: r.hash, header: header)
                if !covered, case .success(let h) = header, let key = keys[h.keyID] {
                    parsed.signatureCheck = (key.raw, key.isValidSignature(r.signature, for: RecordFormat.signingMessage(payload: r.payload)))
                }
                slots[i] = parsed
                i += workers
            }
        }
        return out.map { $0! }
    }

    /// Walks one record; `genesis` is ``genesis`` as the walk holds it.
    private func checkOne(_ stored: StoredRecord, _ parsed: Parsed, genesis: GenesisBody?, deferSignature: (Int64, LedgerPublicKey) -> Void) {
        if stored.seq >= foldedBelow { joinFold() }
        let position = expectedSeq
        let r = stored.record
        let hash = parsed.hash
        report.records += 1
        if stored.seq != position {
            if stored.seq > position {
                let missing = stored.seq - position == 1 ? "record \(position) is missing" : "records \(position) to \(stored.seq - 1) are missing"
                report.problems.append(.init(seq: position, rule: "chain.missing", missing))
            } else {
                report.problems.append(.init(seq: stored.seq, rule: "chain.repeated", "record \(stored.seq) appears again after record \(position - 1)"))
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
            report.problems.append(.init(seq: seq, rule: "record.hash-column", "the stored hash column does not match the record's bytes"))
        }
        guard r.signature.count == 64 else {
            report.problems.append(.init(seq: seq, rule: "record.signature-length", "signature should be 64 bytes, found \(r.signature.count)"))
            return
        }
        let h: RecordHeader
        switch parsed.header {
        case .success(let header)?: h = header
        case .failure(let error)?:
            report.problems.append(.init(seq: seq, rule: "record.payload", "malformed payload: \(error)"))
            return
        case nil:
            // Folded by the restored snapshot: its bytes are pinned by the snapshot's root
            // (compared once the tree reaches its size); its columns and chain are checked here.
            guard let prev = parsed.tailPrev else {
                report.problems.append(.init(seq: seq, rule: "record.index-columns", "the stored kind, key_id or time column does not match the record's payload"))
                return
            }
            if prev != prevHash { report.problems.append(.init(seq: seq, rule: "chain.prev", "prev does not match the hash of record \(seq - 1): the chain is broken here")) }
            return
        }
        if checksIndexColumns, !stored.kind.utf8.elementsEqual(h.kindName.utf8) || !stored.keyID.utf8.elementsEqual(h.keyID.utf8)
            || !stored.time.utf8.elementsEqual(h.time.utf8) {
            report.problems.append(.init(seq: seq, rule: "record.index-columns", "the stored kind, key_id or time column does not match the record's payload"))
        }
        if h.seq != seq { report.problems.append(.init(seq: seq, rule: "record.seq", "payload says seq \(h.seq) but the record is at seq \(seq)")) }
        if h.prev != prevHash {
            report.problems.append(.init(seq: seq, rule: "chain.prev", seq == 0 ? "the genesis prev should be 32 zero bytes"
                                                : "prev does not match the hash of record \(seq - 1): the chain is broken here"))
        }
        let outcome: RecordOutcome
        do { outcome = try rules.check(h, state: keys, genesis: genesis, covered: seq < signaturesTrustedBelow) } catch {
            report.problems.append(.init(seq: seq, rule: "record.rules", "\(error)"))
            return
        }
        report.problems += outcome.problems.map { p in var p = p; p.seq = seq; return p }
        report.notices += outcome.notices.map { p in var p = p; p.seq = seq; return p }
        keys.saw(h.kind, at: seq)
        observe(h, seq: seq, rulesPassed: outcome.problems.isEmpty, hash: hash)
        if h.kind == .keyEnroll, outcome.problems.isEmpty, let body = try? EnrollmentBody(json: h.body) { enrollments.append((seq, body)) }

        if h.kind == .genesis, h.seq == 0, let g = try? GenesisBody(json: h.body) {
            if g.supervisor.raw != trusted.raw {
                report.problems.append(.init(seq: seq, rule: "genesis.trusted-key", "the genesis names supervisor key \(g.supervisor.keyID), but the trusted key is \(trusted.keyID)"))
            }
            self.genesis = g
            report.origin = g.origin
        }
        guard let signer = outcome.signer, let key = signerKey(signer) else { return }
        if seq < signaturesTrustedBelow {
            // Covered by a supervisor-signed checkpoint whose root the walk compares.
            outcome.effects.forEach(keys.apply)
        } else if !outcome.effects.isEmpty {
            // Records that change the state the rules depend on (who may sign, which entry
            // numbers are taken) are checked at once, before their effects are applied, so a
            // forged enrolment cannot vouch for what follows it.
            report.signaturesChecked += 1
            if parsed.signature(by: key) ?? key.isValidSignature(r.signature, for: RecordFormat.signingMessage(payload: r.payload)) {
                outcome.effects.forEach(keys.apply)
            } else {
                report.problems.append(Self.signatureProblem(seq, key))
            }
        } else {
            deferSignature(seq, key)
        }
    }

    /// The key `signer` names, as ``LedgerPublicKey/init(rawRepresentation:name:)`` gives it.
    private func signerKey(_ signer: KeyState) -> LedgerPublicKey? {
        if let k = signerKeys[signer.keyID], k.raw == signer.publicKey, k.name == signer.name { return k }
        guard let k = try? LedgerPublicKey(rawRepresentation: signer.publicKey, name: signer.name) else { return nil }
        signerKeys[signer.keyID] = k
        return k
    }

    /// Every record hash so far, 32 bytes each (32 MB at a million records), for the checks
    /// after the walk (a domain may check the roots of past sizes against them).
    private var leafHashes: [UInt8] = []

    /// Collects what the checks after the last record need.
    private func observe(_ h: RecordHeader, seq: Int64, rulesPassed: Bool, hash: [UInt8]) {
        if h.kind == .checkpoint, let body = try? CheckpointBody(json: h.body) { checkpointRecords.append((seq, body)) }
        for w in walkChecks { w.observe(h, seq: seq, rulesPassed: rulesPassed, hash: hash) }
    }

    private func appendLeaf(_ hash: [UInt8]) {
        leafHashes.append(contentsOf: hash)
        try? keys.tree.append(hash)
        if wantedRoots.contains(keys.tree.size) { roots[keys.tree.size] = keys.tree.root }
        if foldedBelow > 0, keys.tree.size == UInt64(foldedBelow), keys.tree.root != foldRoot {
            report.problems.append(.init(seq: foldedBelow - 1, rule: "fold.root", "the Merkle root of the first \(foldedBelow) records is not the one the fold snapshot was made from: records below it were changed"))
        }
    }

    private func finishChecks() -> [VerificationReport.Problem] {
        let leaves = RecordHashes(bytes: leafHashes)
        return walkChecks.flatMap { $0.finish(leaves: leaves) }
    }

    /// The report once every record has been given to `check`.
    public func finish() -> VerificationReport {
        joinFold()
        report.problems += finishChecks()
        if report.records == 0 { report.problems.append(.init(seq: nil, rule: "ledger.empty", "the ledger holds no records")) }
        if report.records < foldedBelow {
            report.problems.append(.init(seq: report.records, rule: "fold.root", "the fold snapshot covers \(foldedBelow) records; the ledger holds \(report.records)"))
        }
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

extension Verifier {
    /// The state folded so far (keys, numbers, ranges, the kinds seen, the genesis, checkpoint
    /// records and enrolments, and every walk check's), for a ``FoldSnapshot`` of the records
    /// checked. Throws when the walk found a problem or a walk check cannot write its state.
    public func foldState() throws -> [UInt8] {
        joinFold()
        guard report.problems.isEmpty, let genesis else { throw FoldSnapshotError("only a ledger that verified is folded") }
        var w = FoldWriter()
        w.int(max(report.records, foldedBelow))  // a restored verifier not fed yet holds its snapshot's records
        try w.json(genesis.json)
        w.count(checkpointRecords.count)
        for c in checkpointRecords {
            w.int(c.seq)
            try w.json(c.body.json)
        }
        w.count(enrollments.count)
        for e in enrollments {
            w.int(e.seq)
            try w.json(e.body.json)
        }
        keys.writeFold(&w)
        w.count(walkChecks.count)
        for c in walkChecks { try c.writeFold(&w) }
        return w.bytes
    }

    /// Takes the fold of the snapshot's records from it, before any record is fed: the
    /// records below its size are then read, hashed and checked against their columns and the
    /// snapshot's root, not folded again. Call it on a fresh verifier only, and only with a
    /// snapshot whose signature was checked; if it throws, discard this verifier.
    public func restore(_ snapshot: FoldSnapshot) throws {
        guard report.records == 0, foldedBelow == 0 else { throw FoldSnapshotError("a snapshot is restored before any record") }
        var r = FoldReader(snapshot.state)
        guard try r.int() == snapshot.size else { throw FoldSnapshotError("the state is not of the snapshot's size") }
        let g: GenesisBody
        do { g = try GenesisBody(json: try r.json()) } catch { throw FoldSnapshotError("the genesis: \(error)") }
        guard g.origin == snapshot.origin, g.supervisor.raw == trusted.raw else {
            throw FoldSnapshotError("the snapshot's genesis is not this ledger's, with the trusted supervisor key")
        }
        do {
            for _ in 0..<(try r.count(itemBytes: 16)) { checkpointRecords.append((try r.int(), try CheckpointBody(json: try r.json()))) }
            for _ in 0..<(try r.count(itemBytes: 16)) { enrollments.append((try r.int(), try EnrollmentBody(json: try r.json()))) }
        } catch { throw FoldSnapshotError("a checkpoint or enrolment: \(error)") }
        // The bulk (numbers, the replay re-derivation) is read on another thread while the
        // walk reads and hashes the records below the snapshot, which need none of it.
        let pending = PendingFold()
        nonisolated(unsafe) let checks = walkChecks
        DispatchQueue.global().async { [r] in
            var reader = r
            do {
                let state = MemoryLedgerState()
                try state.readFold(&reader)
                guard try reader.count(itemBytes: 0) == checks.count else { throw FoldSnapshotError("the snapshot holds other walk checks than this verifier's") }
                for c in checks { try c.readFold(&reader, genesis: g) }
                guard reader.atEnd else { throw FoldSnapshotError("bytes after the state") }
                pending.state = state
            } catch { pending.error = "\(error)" }
            pending.done.signal()
        }
        pendingFold = pending
        genesis = g
        report.origin = g.origin
        foldedBelow = snapshot.size
        foldRoot = snapshot.root
    }
}

/// The part of a fold snapshot read on another thread: its state once read, or why not.
private final class PendingFold: @unchecked Sendable {
    let done = DispatchSemaphore(value: 0)
    var state: MemoryLedgerState?
    var error: String?
}

extension Verifier {
    /// Waits for the snapshot's state read on another thread and takes it; one that could
    /// not be read is a problem (the caller then checks every record again, from seq 0).
    fileprivate func joinFold() {
        guard let pending = pendingFold else { return }
        pendingFold = nil
        pending.done.wait()
        if let restored = pending.state {
            keys.adoptFold(of: restored)
        } else {
            report.problems.append(.init(seq: nil, rule: "fold.restore", "the fold snapshot's state could not be read: \(pending.error ?? "unknown")"))
        }
    }
}

/// The hashes of the records walked, 32 bytes each, as a Merkle leaf source read in place.
public struct RecordHashes: MerkleLeafSource, Sendable {
    let bytes: [UInt8]
    /// How many hashes there are.
    public var count: UInt64 { UInt64(bytes.count / 32) }

    public func leafCount() throws -> UInt64 { count }

    public func leafHashes(from start: UInt64, count n: Int) throws -> [[UInt8]] {
        let first = Int(start), last = min(Int(count), first + n)
        guard first <= last else { return [] }
        return (first..<last).map { Array(bytes[$0 * 32..<($0 + 1) * 32]) }
    }
}
