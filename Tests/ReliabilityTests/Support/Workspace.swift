import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// A temporary folder with a supervisor, two enrolled clerks (their key files on disk, for the
/// real binary) and a ledger; removed afterwards.
final class Workspace {
    let path: String
    let supervisor = LedgerSigningKey(name: "Dana Whitfield")
    let alice = LedgerSigningKey(name: "Alice Moreno")
    let bob = LedgerSigningKey(name: "Bob Tanaka")

    init(notes: Int = 0) throws {
        path = NSTemporaryDirectory() + "el-rel-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try KeyFile.write(supervisor, to: file("sup.key"))
        try KeyFile.write(alice, to: file("alice.key"))
        try KeyFile.write(bob, to: file("bob.key"))
        let ledger = try Ledger.create(path: ledgerPath, filer: "EL7", port: "4103", broker: "Harbor Point Customs Brokerage LLC", supervisor: supervisor)
        try ledger.enroll(alice.publicKey, proof: ProofOfPossession.make(alice), signer: supervisor)
        try ledger.enroll(bob.publicKey, proof: ProofOfPossession.make(bob), signer: supervisor)
        for i in 0..<notes {
            try ledger.note("note \(i): container MSCU\(1_234_567 + i) held for exam at port 4103", signer: i % 2 == 0 ? alice : bob)
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }
    var ledgerPath: String { file("entryledger.db") }

    /// Opens the ledger as a fresh process would and verifies it, trusting the supervisor only.
    func verify(_ path: String? = nil) throws -> VerificationReport {
        try Verifier(trusting: supervisor.publicKey).verify(store: LedgerStore.open(path: path ?? ledgerPath))
    }

    /// Folds the WAL into the main file so that the file alone is the whole ledger.
    func checkpoint() throws {
        try LedgerStore.open(path: ledgerPath).executeRawSQLForTamperTest("PRAGMA wal_checkpoint(TRUNCATE)")
    }

    /// The text of the note at `seq`.
    static func noteText(_ record: StoredRecord) -> String? {
        guard let h = try? RecordHeader(payload: record.record.payload) else { return nil }
        return h.body["text"]?.stringValue
    }
}

/// The real `entryledger` binary, run as a child process.
enum Binary {
    static let path: String = {
        if let env = ProcessInfo.processInfo.environment["ENTRYLEDGER_BIN"] { return env }
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for dir in [here, here.deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("entryledger").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/entryledger").path
    }()

    /// A running child with its standard output and error captured.
    final class Child {
        let process = Process()
        let stdout = Pipe()
        let stderr = Pipe()

        init(_ args: [String], in dir: String) throws {
            process.executableURL = URL(fileURLWithPath: Binary.path)
            process.arguments = args
            process.currentDirectoryURL = URL(fileURLWithPath: dir)
            var env = ProcessInfo.processInfo.environment
            for k in ["ENTRYLEDGER_LEDGER", "ENTRYLEDGER_KEY", "ENTRYLEDGER_PASSPHRASE", "ENTRYLEDGER_KEY_PASSPHRASE", "ENTRYLEDGER_BACKUP_PASSPHRASE"] { env[k] = nil }
            process.environment = env
            process.standardOutput = stdout
            process.standardError = stderr
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }

        /// Blocks until the child has written something (or closed its output); returns it.
        func firstOutput() -> Data { stdout.fileHandleForReading.availableData }

        func kill() { _ = Glibc.kill(process.processIdentifier, SIGKILL) }

        /// Waits for the child to end; returns its exit status, whole output and error text.
        func finish(after first: Data = Data()) -> (status: Int32, reason: Process.TerminationReason, out: String, err: String) {
            let rest = stdout.fileHandleForReading.readDataToEndOfFile()
            let err = stderr.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, process.terminationReason,
                    String(decoding: first + rest, as: UTF8.self), String(decoding: err, as: UTF8.self))
        }
    }

    /// The seqs in a writer's output: only complete lines, since a killed writer may be cut off.
    static func seqs(in output: String) -> [Int64] {
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast()  // after the last newline: empty, or a line the kill cut short
        return lines.compactMap { Int64($0) }
    }
}
