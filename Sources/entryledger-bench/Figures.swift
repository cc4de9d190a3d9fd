@_spi(Testing) import LedgerSQLite
import Crypto
import Dispatch
import EntryLedger
import Foundation

/// The bench's figures, one function each, so that checkpoint and replay figures slot in
/// beside them when those parts of the library land.
struct Figures {
    let scale: Scale
    let folder: String
    let log: (String) -> Void

    /// How big each run is: the sizes, or a smoke run's.
    struct Scale {
        var singleAppends: Int
        var bulkRecords: Int
        var bulkBatch: Int
        var verifyRecords: Int
        var cryptoSamples: Int
        var proveRecords: Int

        static let full = Scale(singleAppends: 2000, bulkRecords: 100_000, bulkBatch: 1000, verifyRecords: 1_000_000, cryptoSamples: 20_000,
                                proveRecords: 100_000)
        static let quick = Scale(singleAppends: 200, bulkRecords: 10_000, bulkBatch: 1000, verifyRecords: 10_000, cryptoSamples: 2000,
                                 proveRecords: 10_000)
        /// CI's: only that every step runs and the JSON has its shape (scripts/check-bench-json.py --run).
        static let smoke = Scale(singleAppends: 20, bulkRecords: 200, bulkBatch: 100, verifyRecords: 1000, cryptoSamples: 200,
                                 proveRecords: 1000)
    }

    /// A fixed supervisor key, so that a cached ledger built by an earlier run can be reused.
    static let supervisor = try! LedgerSigningKey(name: "Bench Supervisor", seed: Array(repeating: 7, count: 32))
    static let clerk = try! LedgerSigningKey(name: "Bench Clerk", seed: Array(repeating: 9, count: 32))

    /// A note of the size of a typical incident note (about 300 bytes of payload).
    static func noteText(_ i: Int) -> String {
        "note \(i): container MSCU\(1_000_000 + i % 9_000_000) held for CBP exam at port 4103; broker notified importer of record by phone, ticket 2026-1129-\(i % 1000)"
    }

    func newLedger(_ name: String) throws -> Ledger {
        let path = folder + "/" + name
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let ledger = try Ledger.create(path: path, filer: "EL7", port: "4103", broker: "Bench Brokerage LLC", supervisor: Self.supervisor,
                                       ledgerID: String(repeating: "ab", count: 16))
        try ledger.enroll(Self.clerk.publicKey, proof: ProofOfPossession.make(Self.clerk), signer: Self.supervisor)
        return ledger
    }

    /// A signing message and payload of the size the ledger signs for one note.
    func samplePayload() throws -> [UInt8] {
        try RecordFormat.payload(origin: "entryledger/EL7/" + String(repeating: "ab", count: 16), seq: 123_456,
                                 prev: Array(repeating: 0x5A, count: 32), time: Timestamp.now(), kind: .incidentNote,
                                 keyID: Self.clerk.keyID, body: NoteBody(text: Self.noteText(123_456)).json)
    }

    // MARK: baselines

    /// Ed25519 signatures per second on one core, over messages of the ledger's size.
    func signingRate(message: [UInt8]) -> Double {
        let n = scale.cryptoSamples
        var sink = 0
        let t = Measure.seconds { for _ in 0..<n { sink &+= Int(Self.clerk.sign(message)[0]) } }
        if sink == -1 { log("") }
        return Double(n) / t
    }

    /// Ed25519 verifications per second on one core, and on all cores at once.
    func verificationRates(message: [UInt8]) -> (oneCore: Double, allCores: Double) {
        let n = scale.cryptoSamples / 2
        let sig = Self.clerk.sign(message)
        let key = Self.clerk.publicKey
        let one = Measure.seconds { for _ in 0..<n { precondition(key.isValidSignature(sig, for: message)) } }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let all = Measure.seconds {
            DispatchQueue.concurrentPerform(iterations: cores) { _ in
                for _ in 0..<n { precondition(key.isValidSignature(sig, for: message)) }
            }
        }
        return (Double(n) / one, Double(n * cores) / all)
    }

    // MARK: figures

    /// A durable single append against a bare SQLite insert-and-commit of the same size with
    /// the same settings; the two are interleaved so that the machine's noise hits both alike.
    func durableSingleAppend() throws -> [Figure] {
        let ledger = try newLedger("single.db")
        let bare = try BareSQLite(path: folder + "/bare-\(UUID().uuidString).db")
        let payload = try samplePayload()
        let sig = Self.clerk.sign(RecordFormat.signingMessage(payload: payload))
        let hash = RecordFormat.recordHash(payload: payload, signature: sig)
        var ledgerTimes: [Double] = [], bareTimes: [Double] = []
        for i in 0..<scale.singleAppends {
            ledgerTimes.append(try Measure.seconds { try ledger.note(Self.noteText(i), signer: Self.clerk) })
            bareTimes.append(try Measure.seconds { try bare.insertAndCommit(payload: payload, signature: sig, hash: hash) })
        }
        ledgerTimes.sort()
        bareTimes.sort()
        let ms = 1000.0
        let median = Measure.percentile(ledgerTimes, 0.5) * ms, bareMedian = Measure.percentile(bareTimes, 0.5) * ms
        let p99 = Measure.percentile(ledgerTimes, 0.99) * ms, bareP99 = Measure.percentile(bareTimes, 0.99) * ms
        return [
            Figure(name: "durable single append, median", value: median, unit: "ms", baseline: "bare SQLite insert+commit, median",
                   baselineValue: bareMedian, target: "<= 1.5x baseline",
                   notes: ["\(scale.singleAppends) appends, \(payload.count)-byte payload, WAL, synchronous=FULL"]),
            Figure(name: "durable single append, p99", value: p99, unit: "ms", baseline: "bare SQLite insert+commit, p99",
                   baselineValue: bareP99),
        ]
    }

    /// Bulk append of notes in batches (Ledger.appendAll, one transaction per batch) against
    /// the Ed25519 signing rate alone.
    func bulkAppend() throws -> Figure {
        let ledger = try newLedger("bulk.db")
        let n = scale.bulkRecords, batch = scale.bulkBatch
        let t = try Measure.seconds {
            var i = 0
            while i < n {
                let items = (i..<min(n, i + batch)).map { (RecordKind.incidentNote, NoteBody(text: Self.noteText($0)).json) }
                _ = try ledger.appendAll(items, signer: Self.clerk)
                i += batch
            }
        }
        let rate = Double(n) / t
        let signing = signingRate(message: RecordFormat.signingMessage(payload: try samplePayload()))
        return Figure(name: "bulk append (\(n) notes, \(batch)/tx)", value: rate, unit: "records/s",
                      baseline: "Ed25519 signing only, 1 core", baselineValue: signing,
                      target: ">= 40% of baseline")
    }

    /// The cached ledger of `scale.verifyRecords` records, built once with big batches.
    func cachedLedger(records: Int) throws -> String {
        let cache = NSTemporaryDirectory() + "entryledger-bench-cache"
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        let path = cache + "/ledger-\(records).db"
        if FileManager.default.fileExists(atPath: path), let store = try? LedgerStore.open(path: path), (try? store.count()) == Int64(records) {
            return path
        }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        log("building a ledger of \(records) records in \(cache) (once; later runs reuse it)")
        let ledger = try Ledger.create(path: path, filer: "EL7", port: "4103", broker: "Bench Brokerage LLC", supervisor: Self.supervisor,
                                       ledgerID: String(repeating: "cd", count: 16))
        try ledger.enroll(Self.clerk.publicKey, proof: ProofOfPossession.make(Self.clerk), signer: Self.supervisor)
        var i = 2
        while i < records {
            let items = (i..<min(records, i + 10_000)).map { (RecordKind.incidentNote, NoteBody(text: Self.noteText($0)).json) }
            _ = try ledger.appendAll(items, signer: Self.clerk)
            i += items.count
            if i % 200_000 < 10_000 { log("  \(i) records") }
        }
        try ledger.store.executeRawSQLForTamperTest("PRAGMA wal_checkpoint(TRUNCATE)")
        return path
    }

    /// Verifying a whole ledger against the Ed25519 verification rate alone times the cores,
    /// and the peak memory verify needs.
    func verifyLedger() throws -> [Figure] {
        let records = scale.verifyRecords
        let path = try cachedLedger(records: records)
        let verificationRates = verificationRates(message: RecordFormat.signingMessage(payload: try samplePayload()))
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let store = try LedgerStore.open(path: path)
        let reset = Measure.resetPeakMemory()
        let before = Measure.procStatusKiB("VmHWM") ?? 0
        var report = VerificationReport()
        let t = try Measure.seconds { report = try Verifier(trusting: Self.supervisor.publicKey).verify(store: store) }
        guard report.ok, report.records == Int64(records) else { throw BenchError("the bench ledger did not verify: \(report.problems.prefix(3))") }
        let peakMiB = Double(Measure.procStatusKiB("VmHWM") ?? 0) / 1024
        let rate = Double(records) / t
        let baseline = verificationRates.allCores
        return [
            Figure(name: "verify (\(records) records)", value: rate, unit: "records/s",
                   baseline: "Ed25519 verify only, all \(cores) cores at once", baselineValue: baseline,
                   target: ">= 80% of baseline",
                   notes: ["Ed25519 verify on 1 core: \(verificationRates.oneCore.pretty)/s",
                           reset ? "peak memory of verify alone (VmHWM reset before it: \((Double(before) / 1024).pretty) MiB)"
                               : "could not reset the peak: it includes building the ledger"],
                   peakMemoryMiB: peakMiB, peakMemoryOf: reset ? .figure : .step),
        ]
    }

    /// What verifying first adds to checkpoint, authorize, replay, export and backup:
    /// `requireVerified()` on a ledger whose last supervisor-signed checkpoint covers all but
    /// one new record (below it: hashes, chain, index columns and Merkle root, the state from the
    /// fold snapshot that checkpoint signed), against the same without a checkpoint (every check
    /// and signature); on the notes ledger and on a ledger of entries (the realistic one). Also
    /// the next `checkpoint` (verify first, root, append, the next snapshot written).
    func proveBeforeActing() throws -> [Figure] {
        let notes = try prove(name: "notes", cached: try cachedLedger(records: scale.proveRecords)) { ledger in
            try ledger.note(Self.noteText(0), signer: Self.clerk)
        }
        let entries = try entryJSONs()
        let number = try EntryNumber(filerCode: "EL7", serial: 4_999_999).formatted
        var one = entries[0]
        if case .object(var o) = one { o["entry_number"] = .string(number); one = .object(o) }
        let entryFigures = try prove(name: "entries", cached: try cachedEntriesLedger(entries)) { ledger in
            _ = try ledger.addEntries([one], signer: Self.clerk)
        }
        return notes + entryFigures
    }

    /// One ledger's figures for ``proveBeforeActing()``: the fast check (median of 3) and the
    /// next checkpoint, each against the full check.
    private func prove(name: String, cached: String, addOne: (Ledger) throws -> Void) throws -> [Figure] {
        let path = folder + "/prove-\(name).db"
        try FileManager.default.copyItem(atPath: cached, toPath: path)
        let ledger = try Ledger.open(path: path)
        let records = try ledger.store.count()
        let full = try Measure.seconds { try ledger.requireVerified() }
        _ = try ledger.appendCheckpoint(signer: Self.supervisor)
        try addOne(ledger)
        var proof: VerifiedLedger?
        var times: [Double] = []
        let reset = Measure.resetPeakMemory()
        let cpuBefore = Self.cpuSeconds()
        for _ in 0..<3 { times.append(try Measure.seconds { proof = try ledger.requireVerified() }) }
        let cpu = (Self.cpuSeconds() - cpuBefore) / 3
        let checkPeak = Measure.peakMiB()
        let fast = Measure.percentile(times.sorted(), 0.5)
        guard proof?.coveredByCheckpoint == records, proof?.records == records + 2 else {
            throw BenchError("the checkpoint did not cover the ledger: \(String(describing: proof))")
        }
        let checkpointReset = Measure.resetPeakMemory()
        let checkpoint = try Measure.seconds { _ = try ledger.appendCheckpoint(signer: Self.supervisor) }
        let checkpointPeak = Measure.peakMiB()
        return [
            Figure(name: "verify before signing (\(records) \(name), 1 after the last checkpoint)", value: fast * 1000, unit: "ms",
                   baseline: "the same ledger without a checkpoint (every check)", baselineValue: full * 1000,
                   target: "< 500 ms",
                   notes: ["\(proof?.signaturesChecked ?? 0) signature(s) checked after the checkpoint; median of 3",
                           "the fold of \(proof?.foldedBySnapshot ?? 0) records below the checkpoint restored from the snapshot checkpoint signed (their bytes still read and hashed)",
                           String(format: "CPU time (user+sys, all threads) per check: %.0f ms, which the machine's load does not inflate", cpu * 1000)],
                   peakMemoryMiB: reset ? checkPeak : nil, peakMemoryOf: .figure),
            Figure(name: "checkpoint (\(records) \(name), verify first + root + append)", value: checkpoint * 1000, unit: "ms",
                   notes: ["after a checkpoint and one new record"],
                   peakMemoryMiB: checkpointReset ? checkpointPeak : nil, peakMemoryOf: .figure),
        ]
    }

    /// User and system CPU seconds this process has used, all threads.
    static func cpuSeconds() -> Double {
        var u = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &u)
        return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1_000_000
    }

    /// The cached ledger of `entries` (`entry.add` records), built once 1000 per transaction.
    func cachedEntriesLedger(_ entries: [JSONValue]) throws -> String {
        let cache = NSTemporaryDirectory() + "entryledger-bench-cache"
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        let path = cache + "/entries-\(entries.count).db"
        if FileManager.default.fileExists(atPath: path), let store = try? LedgerStore.open(path: path), (try? store.count()) == Int64(entries.count + 2) {
            return path
        }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        log("building a ledger of \(entries.count) entries in \(cache) (once; later runs reuse it)")
        let ledger = try Ledger.create(path: path, filer: "EL7", port: "4103", broker: "Bench Brokerage LLC", supervisor: Self.supervisor,
                                       ledgerID: String(repeating: "ef", count: 16))
        try ledger.enroll(Self.clerk.publicKey, proof: ProofOfPossession.make(Self.clerk), signer: Self.supervisor)
        var i = 0
        while i < entries.count {
            _ = try ledger.addEntries(Array(entries[i..<min(entries.count, i + 1000)]), signer: Self.clerk)
            i += 1000
        }
        try ledger.store.executeRawSQLForTamperTest("PRAGMA wal_checkpoint(TRUNCATE)")
        return path
    }

    /// Checkpoint (Merkle root over every record, read from the store) against hashing the
    /// same 2N-1 nodes alone, from leaves already in memory, with no store and no tree code.
    func checkpoint() throws -> Figure {
        let records = scale.verifyRecords
        let store = try LedgerStore.open(path: try cachedLedger(records: records))
        var root: [UInt8] = []
        let t = try Measure.seconds { root = try MerkleTree(source: store).root(size: UInt64(records)) }
        let leaves = try store.hashes(in: 0..<Int64(records))
        var baselineRoot: [UInt8] = []
        let baseline = Measure.seconds { baselineRoot = Self.plainRoot(leaves[...]) }
        guard root == baselineRoot else { throw BenchError("the two roots differ") }
        return Figure(name: "checkpoint (Merkle root, \(records) records)", value: t * 1000, unit: "ms",
                      baseline: "SHA-256 of the same nodes, leaves in memory", baselineValue: baseline * 1000,
                      target: "<= 2x baseline")
    }

    /// RFC 9162 MTH written plainly with swift-crypto's SHA-256: the hashing-only baseline.
    static func plainRoot(_ leaves: ArraySlice<[UInt8]>) -> [UInt8] {
        if leaves.count == 1 { return leaves.first! }
        var k = 1
        while k * 2 < leaves.count { k *= 2 }
        var h = SHA256()
        h.update(data: [1])
        h.update(data: plainRoot(leaves.prefix(k)))
        h.update(data: plainRoot(leaves.dropFirst(k)))
        return Array(h.finalize())
    }

    /// `scale.bulkRecords` entries built from the vessel sample (3461 and 7501 data, three
    /// lines), numbered from EL7-5000000.
    func entryJSONs() throws -> [JSONValue] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("samples/entries/01-vessel-continuous-3461-7501.json")
        guard case .object(let sample) = try JSONReader.parse([UInt8](try Data(contentsOf: url))) else { throw BenchError("sample") }
        return try (0..<scale.bulkRecords).map { i in
            var o = sample
            o["entry_number"] = .string(try EntryNumber(filerCode: "EL7", serial: 5_000_000 + i).formatted)
            return .object(o)
        }
    }

    /// Bulk import of entries (each validated against every rule), 1000 per transaction, and
    /// then the replay of all of them into ACE batches.
    func importAndReplay() throws -> [Figure] {
        let ledger = try newLedger("entries.db")
        let n = scale.bulkRecords, batch = scale.bulkBatch
        // The entries to import live only for the import: the replay's peak is the replay's.
        let (t, importReset, importPeak) = try { () throws -> (Double, Bool, Double?) in
            let entries = try entryJSONs()
            let reset = Measure.resetPeakMemory()
            let t = try Measure.seconds {
                var i = 0
                while i < n {
                    _ = try ledger.addEntries(Array(entries[i..<min(n, i + batch)]), signer: Self.clerk)
                    i += batch
                }
            }
            return (t, reset, Measure.peakMiB())
        }()
        let signing = signingRate(message: RecordFormat.signingMessage(payload: try samplePayload()))
        let importRate = Double(n) / t
        // The real procedure before a replay: the supervisor's checkpoint (daily and at the
        // incident's close), cosigned by CBP's reviewer, cited by the authorisation. Replay's
        // verify-first then walks the records below it by their hashes (not timed here).
        try ledger.setContact(name: "BENCH CONTACT", phone: "3125550100", signer: Self.supervisor)
        let made = try ledger.appendCheckpoint(signer: Self.supervisor)
        let reviewer = try LedgerSigningKey(name: "Bench Reviewer", seed: Array(repeating: 11, count: 32))
        let reviewerName = "bench-reviewer/\(reviewer.keyID)"
        var cosigned = made.note
        try cosigned.add(try Cosignature.sign(made.checkpoint, key: reviewer, name: reviewerName, timestamp: 1_796_000_000).noteSignature)
        var authorization = AuthorizationBody(reference: "BENCH", date: "2026-11-30", contact: "")
        try authorization.bind(checkpointNote: cosigned.serialized,
                               reviewerKey: try NoteVerifierKey(name: reviewerName, type: .cosignatureV1, key: reviewer.publicKey).vkey)
        try ledger.authorize(authorization, signer: Self.supervisor)
        let settings = ABIBatchSettings(siteCode: "EL01", senderID: "EL7", password: "BENCH1", officeCode: "01", date: "2026-11-30")
        var result: ReplayResult?
        let replayReset = Measure.resetPeakMemory()
        let r = try Measure.seconds {
            result = try ledger.replay(outDir: folder + "/replay", settings: settings, signer: Self.supervisor, dryRun: false)
        }
        let replayPeak = Measure.peakMiB()
        guard let result, result.plan.items.count == 2 * n else { throw BenchError("replay sent \(result?.plan.items.count ?? 0) transactions") }
        let bytes = result.files.reduce(Int64(0)) { $0 + $1.size }
        return [
            Figure(name: "bulk import (\(n) entries, \(batch)/tx)", value: importRate, unit: "entries/s",
                   baseline: "Ed25519 signing only, 1 core", baselineValue: signing,
                   target: ">= 40% of baseline",
                   notes: ["each entry: 3461 and 7501 data, 3 lines, every validation rule"],
                   peakMemoryMiB: importReset ? importPeak : nil, peakMemoryOf: .figure),
            Figure(name: "replay (\(n) entries)", value: Double(n) / r, unit: "entries/s",
                   target: ">= 50,000 entries/s",
                   notes: ["\(2 * n) transactions (SE and AE), \(bytes / 1_000_000) MB of ABI records (archive + --out copies), plan + batches + manifest + ledger records",
                           "as run for real: after the supervisor's checkpoint, cosigned by CBP's reviewer and cited by the authorisation, so replay's verify-first checks the records below it by their hashes (not signatures)"],
                   peakMemoryMiB: replayReset ? replayPeak : nil, peakMemoryOf: .figure),
        ]
    }
}
