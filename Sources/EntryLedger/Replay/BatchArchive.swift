import LedgerFormat
import Crypto
import Foundation

/// The replay batch files kept beside the ledger (`NAME-batches/BATCH_ID/`), so that the
/// bundle carries exactly what went to ACE and verify can check each file against the SHA-256
/// its `replay.batch` record holds.
public enum BatchArchive {
    /// `entryledger.db` keeps its batches in `entryledger-batches/` beside it.
    public static func folder(forLedger ledgerPath: String) -> String {
        let url = URL(fileURLWithPath: ledgerPath)
        return url.deletingLastPathComponent().appendingPathComponent(url.deletingPathExtension().lastPathComponent + "-batches").path
    }

    /// Whether every file of a recorded batch and its manifest are in `folder/ID/`.
    static func isComplete(_ body: BatchBody, in folder: String) -> Bool {
        (body.files.map(\.name) + ["manifest.json"]).allSatisfy { AtomicFile.exists(folder + "/" + body.batchID + "/" + $0) }
    }

    /// Writes what is missing of a rendered batch into `folder` (created if needed): each file
    /// whole or not at all, the manifest last, so a folder with a manifest is complete. A file
    /// already there must be byte for byte the one rendered; nothing is overwritten.
    /// With `transmission` (the copy for ACE, `--out`: the password in the A record's positions
    /// 9-14 and personal data opened, one per ABI file), those bytes are written, mode 0600;
    /// the archive copy has them masked.
    static func write(_ batch: RenderedBatch, into folder: String, isArchive: Bool, transmission: [[UInt8]]? = nil) throws {
        try AtomicFile.makeFolder(folder)
        AtomicFile.removeLeftovers(in: folder)
        // The SHA-256 a file already there must have: computed only then (the transmission
        // copy's is not recorded anywhere, and hashing it each time would only cost time).
        let abiFiles = batch.files.enumerated().map { i, f -> (String, [UInt8], () -> String, mode_t) in
            guard let transmission else { return (f.file.name, f.bytes, { f.file.sha256 }, 0o644) }
            return (f.file.name, transmission[i], { Hex.encode(SHA256.hash(data: transmission[i])) }, 0o600)
        }
        for (name, bytes, sha, mode) in abiFiles + [("manifest.json", batch.manifest, { batch.manifestSHA256 }, 0o644)] {
            let path = folder + "/" + name
            if AtomicFile.exists(path) {
                let d = try? Evidence.digest(of: path)
                guard d?.sha256 == sha() else {
                    throw LedgerError.refused([isArchive
                        ? "\(path) differs from what the ledger records for batch \(batch.batchID): run `entryledger verify`; nothing was overwritten"
                        : "\(path) already exists with other bytes: give a new folder for --out; nothing was overwritten"])
                }
                continue
            }
            try AtomicFile.write(bytes, to: path, mode: mode)
        }
    }

    /// Refuses to replay when the archive or the `--out` folder holds a batch this ledger does
    /// not record: the ledger is then older than what was written for ACE (a restore of an
    /// earlier backup, or a copy), and planning now could send entries ACE already holds.
    static func refuseUnrecorded(archive: String, out: String?, history: ReplayHistory) throws {
        let recorded = Set(history.batches.map(\.body.batchID))
        var problems: [Problem] = []
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: archive)) ?? []).sorted()
        where !name.hasPrefix(".") && !recorded.contains(name) {
            problems.append(unrecorded(archive + "/" + name, name, history))
        }
        if let out {
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).sorted() where !name.hasPrefix(".") && !recorded.contains(name) {
                if AtomicFile.exists(out + "/" + name + "/manifest.json") {
                    problems.append(unrecorded(out + "/" + name, name, history))
                } else {
                    problems.append(Problem(field: "out", value: out, rule: "replay.out-not-new",
                                            "\(out) holds \(name), which is not a batch of this ledger: give a new folder"))
                }
            }
        }
        guard problems.isEmpty else { throw LedgerError.refused(problems) }
    }

    /// Rule `replay.unrecorded-batch`: the folder holds a batch this ledger does not record.
    /// The command line adds how to record it (`replay --record-sent`).
    static func unrecorded(_ path: String, _ id: String, _ history: ReplayHistory) -> Problem {
        let last = history.batches.last?.body.batchID ?? "none"
        return Problem(value: path, rule: "replay.unrecorded-batch",
                       "\(path) holds batch \(id), which this ledger does not record (its last recorded batch: \(last)). This ledger is older than "
                       + "what was written for ACE (restored from an earlier backup, or a copy), and replaying now could send entries twice. "
                       + "Ask ACE which batches it holds and record each one it holds, in order, from its folder, then replay again")
    }

    /// Refuses an output folder that is, or is inside, the ledger's own archive folders
    /// (batches, evidence): an export or replay into them would copy itself.
    public static func refuseInsideArchives(_ out: String, ledgerPath: String, option: String) throws {
        let target = resolved(out)
        for own in [folder(forLedger: ledgerPath), Evidence.folder(forLedger: ledgerPath)] {
            let o = resolved(own)
            if target == o || target.hasPrefix(o + "/") {
                throw LedgerError.invalidInput(["\(option) \(out): inside the ledger's own folder \(own); give a folder outside it"])
            }
        }
    }

    /// The absolute path with symbolic links of its existing part resolved.
    static func resolved(_ path: String) -> String {
        var url = URL(fileURLWithPath: path).standardizedFileURL
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: url.path), url.path != "/" {
            rest.insert(url.lastPathComponent, at: 0)
            url = url.deletingLastPathComponent()
        }
        var base = url.resolvingSymlinksInPath().path
        for r in rest { base += (base.hasSuffix("/") ? "" : "/") + r }
        return base
    }

    /// Problems with the batch files the ledger's `replay.batch` records name: missing, or not
    /// what was recorded (the manifest included).
    /// No manifest of a batch of at most 1,000 entries comes near this.
    static let maxManifestBytes: Int64 = 16 << 20

    /// `transmission`: the folder holds transmission copies (`replay --out`), checked with the
    /// A record's password masked again; an archive must hold the masked form itself.
    /// The rule of a recorded batch's archived file that is missing: what a replay resumes.
    static let missingFileRule = "replay.batch-file-missing"

    static func check(_ batches: [(seq: Int64, body: BatchBody)], folder: String, transmission: Bool = false) -> [VerificationReport.Problem] {
        var problems: [VerificationReport.Problem] = []
        for (seq, b) in batches {
            guard !b.batchID.contains("/"), !b.batchID.hasPrefix(".") else {
                problems.append(.init(seq: seq, "batch id \(b.batchID) is not a plain name"))
                continue
            }
            let files = b.files.map { ($0.name, $0.sha256, Optional($0.size)) } + [("manifest.json", b.manifestSHA256, nil)]
            for (name, sha, size) in files {
                let path = "\(folder)/\(b.batchID)/\(name)"
                var st = stat()
                guard lstat(path, &st) == 0 else {
                    problems.append(.init(seq: seq, rule: Self.missingFileRule,
                                          "batch \(b.batchID): file \(name) is missing from \(folder) (a replay interrupted after recording it? run `entryledger replay` again to write it)"))
                    continue
                }
                if transmission && name != "manifest.json" {
                    let d = Ledger.maskedFile(path).map { (sha256: Hex.encode(SHA256.hash(data: $0)), size: Int64($0.count)) }
                    if d == nil || d?.sha256 != sha || (size != nil && d?.size != size) {
                        problems.append(.init(seq: seq, "batch \(b.batchID): transmission copy \(name) is missing or differs from the record (with its password masked)"))
                    }
                    continue
                }
                // The manifest's size is not recorded: a manifest is small, so a huge one is refused by its size.
                let (ok, problem) = Evidence.compare(path, within: folder, sha256: sha, size: size, limit: size == nil ? Self.maxManifestBytes : nil)
                if !ok { problems.append(.init(seq: seq, "batch \(b.batchID): file \(name) \(problem ?? "")")) }
            }
        }
        return problems
    }
}
