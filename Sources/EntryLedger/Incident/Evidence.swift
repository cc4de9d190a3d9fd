import LedgerFormat
import Crypto
import Foundation

/// Remediation evidence files: copied by hash into a folder beside the ledger, so that a
/// reviewer can later check that each file is exactly what the ledger recorded.
public enum Evidence {
    /// `entryledger.db` keeps its evidence in `entryledger-evidence/` beside it.
    public static func folder(forLedger ledgerPath: String) -> String {
        let url = URL(fileURLWithPath: ledgerPath)
        return url.deletingLastPathComponent().appendingPathComponent(url.deletingPathExtension().lastPathComponent + "-evidence").path
    }

    /// SHA-256 and size of a file, read in chunks.
    public static func digest(of path: String) throws -> (sha256: String, size: Int64) {
        guard let fh = FileHandle(forReadingAtPath: path) else { throw LedgerError.invalidInput(["evidence file \(path): cannot be read"]) }
        defer { try? fh.close() }
        var h = SHA256()
        var size: Int64 = 0
        while let chunk = try fh.read(upToCount: 1 << 20), !chunk.isEmpty {
            h.update(data: chunk)
            size += Int64(chunk.count)
        }
        return (Hex.encode(h.finalize()), size)
    }

    /// Copies `path` into the evidence folder and returns the body that records it. The copy is
    /// made before the record is appended; a copy left by a refused append is harmless (it is
    /// named by its hash and recorded by nothing).
    public static func store(file path: String, description: String, ledgerPath: String) throws -> EvidenceBody {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else {
            throw LedgerError.invalidInput(["evidence file \(path): does not exist or is a folder"])
        }
        let (sha, size) = try digest(of: path)
        let name = URL(fileURLWithPath: path).lastPathComponent
        let body = EvidenceBody(name: name, size: size, sha256: sha, description: description)
        let folder = folder(forLedger: ledgerPath)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let dest = folder + "/" + body.storedName
        if !FileManager.default.fileExists(atPath: dest) {
            try FileManager.default.copyItem(atPath: path, toPath: dest)
        }
        return body
    }

    /// Problems with the evidence files that records name: missing, or not what was recorded.
    static func check(_ items: [(seq: Int64, body: EvidenceBody)], folder: String) -> [VerificationReport.Problem] {
        items.compactMap { item in
            let path = folder + "/" + item.body.storedName
            guard FileManager.default.fileExists(atPath: path) else {
                return .init(seq: item.seq, "evidence file \(item.body.name) is missing from \(folder)")
            }
            guard let (sha, size) = try? digest(of: path) else {
                return .init(seq: item.seq, "evidence file \(item.body.name) cannot be read")
            }
            guard sha == item.body.sha256, size == item.body.size else {
                return .init(seq: item.seq, "evidence file \(item.body.name) has changed: SHA-256 \(sha), \(size) bytes; the ledger recorded \(item.body.sha256), \(item.body.size) bytes")
            }
            return nil
        }
    }
}
