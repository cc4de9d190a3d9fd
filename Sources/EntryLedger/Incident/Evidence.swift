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

    /// SHA-256 and size of a regular file, read in chunks (a FIFO or device is refused before
    /// it is read). With `within`, a symbolic link below that folder is refused.
    public static func digest(of path: String, within root: String? = nil) throws -> (sha256: String, size: Int64) {
        let f: InputFile
        do throws(InputFileError) { f = try InputFile(path, within: root, what: "evidence file") } catch { throw LedgerError.invalidInput([error.description]) }
        return try digest(f)
    }

    static func digest(_ f: InputFile) throws -> (sha256: String, size: Int64) {
        var h = SHA256()
        var size: Int64 = 0
        while true {
            let chunk = try f.read(upTo: 1 << 20)
            if chunk.isEmpty { break }
            h.update(data: chunk)
            size += Int64(chunk.count)
        }
        return (Hex.encode(h.finalize()), size)
    }

    /// What a stored file (evidence, batch) is compared with: its SHA-256, and its size when
    /// recorded, compared first so that a file of another size is never hashed.
    static func compare(_ path: String, within root: String, sha256: String, size: Int64?, limit: Int64? = nil)
        -> (ok: Bool, problem: String?) {
        let f: InputFile
        do throws(InputFileError) { f = try InputFile(path, limit: limit, within: root) } catch { return (false, error.reason) }
        if let size, f.size != size {
            return (false, "has changed: it is \(f.size) bytes; the ledger recorded \(size) bytes (not hashed)")
        }
        guard let d = try? digest(f) else { return (false, "cannot be read") }
        guard d.sha256 == sha256, size == nil || d.size == size else {
            return (false, "has changed: SHA-256 \(d.sha256), \(d.size) bytes; the ledger recorded \(sha256)\(size.map { ", \($0) bytes" } ?? "")")
        }
        return (true, nil)
    }

    /// Copies `path` into the evidence folder and returns the body that records it. The copy is
    /// made before the record is appended; a copy left by a refused append is harmless (it is
    /// named by its hash and recorded by nothing). The copy goes to a temporary name, is hashed
    /// while it is written, and gets its final name only when its hash and size are the ones
    /// the body records; a file already under that name that is not (a partial copy left by an
    /// older version, say) is replaced.
    public static func store(file path: String, description: String, ledgerPath: String) throws -> EvidenceBody {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else {
            throw LedgerError.invalidInput(["evidence file \(path): does not exist or is a folder"])
        }
        let (sha, size) = try digest(of: path)
        let name = URL(fileURLWithPath: path).lastPathComponent
        let body = EvidenceBody(name: name, size: size, sha256: sha, description: description)
        let folder = folder(forLedger: ledgerPath)
        try AtomicFile.makeFolder(folder)
        AtomicFile.removeLeftovers(in: folder)
        let dest = folder + "/" + body.storedName
        if AtomicFile.exists(dest), let d = try? digest(of: dest), d.sha256 == sha, d.size == size { return body }
        guard let input = FileHandle(forReadingAtPath: path) else { throw LedgerError.invalidInput(["evidence file \(path): cannot be read"]) }
        defer { try? input.close() }
        try AtomicFile.write(to: dest, existing: .replace) { sink in
            while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty { try sink.write(chunk) }
            guard sink.sha256 == sha, sink.size == size else {
                throw LedgerError.invalidInput(["evidence file \(path) changed while it was copied (SHA-256 \(sink.sha256), \(sink.size) bytes; first read \(sha), \(size) bytes): nothing was recorded"])
            }
        }
        return body
    }

    /// Problems with the evidence files that records name: missing, or not what was recorded.
    static func check(_ items: [(seq: Int64, body: EvidenceBody)], folder: String) -> [VerificationReport.Problem] {
        items.compactMap { item in
            let path = folder + "/" + item.body.storedName
            var st = stat()
            guard lstat(path, &st) == 0 else {
                return .init(seq: item.seq, "evidence file \(item.body.name) is missing from \(folder)")
            }
            let (ok, problem) = compare(path, within: folder, sha256: item.body.sha256, size: item.body.size)
            return ok ? nil : .init(seq: item.seq, "evidence file \(item.body.name) \(problem ?? "")")
        }
    }
}
