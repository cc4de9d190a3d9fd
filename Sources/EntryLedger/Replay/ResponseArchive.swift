import LedgerFormat
import LedgerSQLite
import Crypto
import Foundation

/// The ACE response files `ack` read, kept by hash beside the ledger (`NAME-responses/SHA256-FILE`),
/// so that verify can check each `ace.response` record against the very file it was read from,
/// and the bundle carries them (`responses/`).
public enum ResponseArchive {
    /// `entryledger.db` keeps its response files in `entryledger-responses/` beside it.
    public static func folder(forLedger ledgerPath: String) -> String {
        let url = URL(fileURLWithPath: ledgerPath)
        return url.deletingLastPathComponent().appendingPathComponent(url.deletingPathExtension().lastPathComponent + "-responses").path
    }

    /// The name a response file is kept under: its SHA-256, a dash, its own name.
    public static func storedName(_ body: ResponseBody) -> String { body.fileSHA256 + "-" + body.fileName }

    /// Keeps a copy of the file before its record is appended (whole or not at all: a temporary
    /// name, fsync, rename). A copy left by a refused append is harmless: nothing names it.
    static func store(_ bytes: [UInt8], body: ResponseBody, ledgerPath: String) throws {
        guard !body.fileName.contains("/"), !body.fileName.hasPrefix(".") else {
            throw LedgerError.invalidInput(["response file name \(body.fileName): should be a plain file name"])
        }
        let folder = folder(forLedger: ledgerPath)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let dest = folder + "/" + storedName(body)
        if FileManager.default.fileExists(atPath: dest) { return }
        let temp = folder + "/.tmp-" + Hex.encode(KeyFile.randomBytes(8))
        guard FileManager.default.createFile(atPath: temp, contents: nil), let fh = FileHandle(forWritingAtPath: temp) else {
            throw LedgerError.invalidInput(["cannot write \(temp)"])
        }
        do {
            try fh.write(contentsOf: Data(bytes))
            try fh.synchronize()
            try fh.close()
            try FileManager.default.moveItem(atPath: temp, toPath: dest)
        } catch {
            try? FileManager.default.removeItem(atPath: temp)
            throw error
        }
    }
}
