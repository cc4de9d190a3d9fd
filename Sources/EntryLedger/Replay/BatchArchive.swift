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
                guard FileManager.default.fileExists(atPath: path) else {
                    problems.append(.init(seq: seq, "batch \(b.batchID): file \(name) is missing from \(folder)"))
                    continue
                }
                guard let d = try? Evidence.digest(of: path) else {
                    problems.append(.init(seq: seq, "batch \(b.batchID): file \(name) cannot be read"))
                    continue
                }
                if d.sha256 != sha || (size != nil && d.size != size) {
                    problems.append(.init(seq: seq, "batch \(b.batchID): file \(name) has changed: SHA-256 \(d.sha256); the ledger recorded \(sha)"))
                }
            }
        }
        return problems
    }
}
