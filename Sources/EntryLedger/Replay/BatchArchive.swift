import LedgerFormat
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

    /// Problems with the batch files the ledger's `replay.batch` records name: missing, or not
    /// what was recorded (the manifest included).
    /// No manifest of a batch of at most 1,000 entries comes near this.
    static let maxManifestBytes: Int64 = 16 << 20

    static func check(_ batches: [(seq: Int64, body: BatchBody)], folder: String) -> [VerificationReport.Problem] {
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
                    problems.append(.init(seq: seq, "batch \(b.batchID): file \(name) is missing from \(folder)"))
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
