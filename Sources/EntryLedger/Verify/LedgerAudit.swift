import LedgerFormat
import LedgerSQLite
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// How a checkpoint given to `verify` compared with the ledger.
public struct CheckpointOutcome: Sendable {
    public let label: String
    public let size: UInt64
    public let ok: Bool

    public var json: JSONValue { ["file": .string(label), "size": .int(Int64(clamping: size)), "ok": .bool(ok)] }
}

/// The reviewer's whole check: every record (from a ledger file or a bundle), then every
/// checkpoint (each one's signature, its size against the ledger's, its root against the tree).
///
/// ```swift
/// let result = try LedgerAudit.run(source: .bundle("bundle"), trusting: sup, checkpoints: [cp])
/// result.report.ok
/// ```
public enum LedgerAudit {
    /// Where the records come from.
    public enum Source {
        /// A ledger file, opened read-only for the check.
        case store(LedgerStore)
        /// A bundle folder made by `export`.
        case bundle(String)

        /// The ledger file at `path`, opened for the check.
        public static func ledgerFile(_ path: String) throws -> Source { .store(try LedgerStore.open(path: path)) }
    }

    /// What the audit found: the verifier's report and each checkpoint's outcome.
    public struct Result: Sendable {
        public var report: VerificationReport
        public var checkpoints: [CheckpointOutcome]
        /// The Merkle root of the records checked.
        public var treeRoot: [UInt8]
        /// The genesis marks a practice ledger (`entryledger drill`): verified like any other, reported as a drill.
        public var drill = false
    }

    /// Runs the check. `limit` stops after that many records (cosign checks up to its
    /// checkpoint). Bundles' own `checkpoints/` notes are checked too.
    public static func run(source: Source, trusting supervisor: LedgerPublicKey, checkpoints given: [CheckpointInput],
                           evidenceFolder: String?, batchFolder: String? = nil, limit: UInt64? = nil, chunk: Int = 4096,
                           progress: ((Int64) -> Void)? = nil) throws -> Result {
        var checkpoints = given
        var readProblems: [VerificationReport.Problem] = []
        var readUnlisted = 0
        let verifier = Verifier(trusting: supervisor, evidenceFolder: evidenceFolder, batchFolder: batchFolder)
        verifier.progress = progress
        switch source {
        case .store(let store):
            verifier.wantedRoots = Set(checkpoints.map(\.checkpoint.size))
            try store.snapshot {
                try store.forEachChunk(to: limit.map { Int64(clamping: $0) } ?? .max, chunk: chunk) { records in
                    verifier.check(records)
                    return true
                }
            }
        case .bundle(let dir):
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
                throw BundleError("bundle \(dir) does not exist or is not a folder")
            }
            let (inBundle, problems) = bundleCheckpoints(dir)
            // When checking only a prefix (cosign), later checkpoints are not about it.
            checkpoints += inBundle.filter { limit == nil || $0.checkpoint.size <= limit! }
            readProblems += problems
            verifier.wantedRoots = Set(checkpoints.map(\.checkpoint.size))
            var fed: UInt64 = 0
            let read = try BundleLedgerReader.read(path: dir + "/ledger.jsonl", within: dir, chunk: chunk) { records in
                var records = records
                if let limit {
                    guard fed < limit else { return }
                    records = Array(records.prefix(Int(min(UInt64(records.count), limit - fed))))
                }
                fed += UInt64(records.count)
                verifier.check(records)
            }
            readProblems += read.problems
            readUnlisted = read.unlisted
        }
        var report = verifier.finish()
        var endProblems: [VerificationReport.Problem] = []
        if case .bundle(let dir) = source, limit == nil {
            endProblems = endMarkerProblems(dir, records: report.records, root: verifier.treeRoot, origin: report.origin)
        }
        // Both lists are capped: merge them in seq order, then keep the first of the whole.
        report.problems = (report.problems + readProblems + endProblems).sorted { ($0.seq ?? -1) < ($1.seq ?? -1) }
        report.addUnlisted(readUnlisted)
        let outcomes = compare(checkpoints, verifier: verifier, report: &report)
        report.problems.sort { ($0.seq ?? -1) < ($1.seq ?? -1) }
        return Result(report: report, checkpoints: outcomes, treeRoot: verifier.treeRoot, drill: verifier.ledgerGenesis?.drill ?? false)
    }

    /// A bundle is complete only with its end marker (`bundle-end.json`, written last by
    /// export), naming exactly the records read and their root: a bundle cut short never verifies.
    static func endMarkerProblems(_ dir: String, records: Int64, root: [UInt8], origin: String?) -> [VerificationReport.Problem] {
        let path = dir + "/bundle-end.json"
        var st = stat()
        guard lstat(path, &st) == 0 else {
            return [.init(seq: nil, "the bundle has no bundle-end.json: it is incomplete (an export that did not finish, or a partial copy); export it again")]
        }
        guard st.st_mode & S_IFMT == S_IFREG, st.st_size <= 4096, let data = FileManager.default.contents(atPath: path),
            let m = try? JSONReader.parse([UInt8](data)), m["format"]?.stringValue == "entryledger-bundle-end",
            let n = m["records"]?.intValue, let r = m["root"]?.stringValue
        else { return [.init(seq: nil, "bundle-end.json is not an end marker (format entryledger-bundle-end, records, root)")] }
        var problems: [VerificationReport.Problem] = []
        if n != records { problems.append(.init(seq: nil, "bundle-end.json says the bundle holds \(n) records; ledger.jsonl holds \(records): the bundle is incomplete or was changed")) }
        else if r != Base64.encode(root) { problems.append(.init(seq: nil, "bundle-end.json names Merkle root \(r); the records' root is \(Base64.encode(root))")) }
        if let origin, m["origin"]?.stringValue != origin { problems.append(.init(seq: nil, "bundle-end.json names another ledger (\(m["origin"]?.stringValue ?? "none"))")) }
        return problems
    }

    /// The checkpoint notes a bundle carries (`checkpoints/*`), at most 100,000 of them; a file
    /// that is not a checkpoint is a problem, not a reason to stop.
    static func bundleCheckpoints(_ dir: String) -> ([CheckpointInput], [VerificationReport.Problem]) {
        let folder = dir + "/checkpoints"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return ([], []) }
        var out: [CheckpointInput] = []
        var problems: [VerificationReport.Problem] = []
        for name in names.sorted().prefix(100_000) where !name.hasPrefix(".") {
            do { out.append(try CheckpointInput.load(folder + "/" + name, within: dir)) } catch {
                problems.append(.init(seq: nil, "bundle checkpoints/\(name): \(error)"))
            }
        }
        return (out, problems)
    }

    static func compare(_ checkpoints: [CheckpointInput], verifier: Verifier,
                        report: inout VerificationReport) -> [CheckpointOutcome] {
        let records = UInt64(max(0, report.records))
        let roots = verifier.roots
        func root(_ size: UInt64) -> [UInt8]? { size == 0 ? MerkleHash.emptyRoot : roots[size] }
        var outcomes: [CheckpointOutcome] = []
        var mismatched: [CheckpointInput] = []
        // Sizes at which a supervisor-signed checkpoint agrees with this ledger.
        var agreed: [UInt64] = verifier.checkpointRecords
            .filter { r in !report.problems.contains { $0.seq == r.seq } }  // the rules checked each against the tree
            .map(\.body.size)
        for cp in checkpoints {
            let c = cp.checkpoint
            var ok = false
            defer { outcomes.append(CheckpointOutcome(label: cp.label, size: c.size, ok: ok)) }
            if let origin = report.origin, c.origin != origin {
                report.problems.append(.init(seq: nil, "checkpoint \(cp.label) is for \(c.origin), not this ledger (\(origin))"))
                continue
            }
            do { try cp.verifySignature(trusting: verifier.trusted) } catch {
                report.problems.append(.init(seq: nil, "checkpoint \(cp.label) is not signed by the trusted supervisor key as \(c.origin): \(error)"))
                continue
            }
            if c.size > records {
                report.problems.append(.init(seq: Int64(records), "checkpoint \(cp.label), signed by the supervisor, says the ledger had \(c.size) records; this one holds only \(records): records \(records) to \(c.size - 1) were cut off"))
                continue
            }
            guard root(c.size) == c.rootHash else {
                mismatched.append(cp)
                continue
            }
            ok = true
            agreed.append(c.size)
        }
        for cp in mismatched {
            let c = cp.checkpoint
            let from = agreed.filter { $0 < c.size }.max() ?? 0
            let actual = root(c.size).map(Base64.encode) ?? "unknown"
            report.problems.append(.init(seq: Int64(from), "checkpoint \(cp.label), signed by the supervisor, does not match this ledger: the Merkle root of its first \(c.size) records is \(actual), the checkpoint says \(Base64.encode(c.rootHash)). The ledger agrees with the checkpoint of size \(from), so records \(from) to \(c.size - 1) were changed, removed or replaced after the checkpoint was signed (a rewritten history)"))
        }
        return outcomes
    }
}
