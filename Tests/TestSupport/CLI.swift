import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the real `entryledger` binary, as a broker's shell would: for the test targets that
/// check the command line end to end.
public enum CLI {
    /// `$ENTRYLEDGER_BIN`, else the `entryledger` built beside the test bundle, else the
    /// package's debug build.
    public static let binary: String = {
        if let env = ProcessInfo.processInfo.environment["ENTRYLEDGER_BIN"] { return env }
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for dir in [here, here.deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("entryledger").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/entryledger").path
    }()

    public struct Result: Sendable {
        public let status: Int32
        public let exited: Bool
        public let stdout: String
        public let stderr: String

        public init(status: Int32, exited: Bool, stdout: String, stderr: String) {
            self.status = status
            self.exited = exited
            self.stdout = stdout
            self.stderr = stderr
        }
    }

    /// The environment for a child: this process's, without the variables that would point it
    /// at another ledger, key or passphrase, plus `env`.
    static func environment(_ env: [String: String]) -> [String: String] {
        var e = ProcessInfo.processInfo.environment
        for k in ["ENTRYLEDGER_LEDGER", "ENTRYLEDGER_KEY", "ENTRYLEDGER_PASSPHRASE", "ENTRYLEDGER_KEY_PASSPHRASE", "ENTRYLEDGER_BACKUP_PASSPHRASE", "ENTRYLEDGER_ABI_PASSWORD"] { e[k] = nil }
        e.merge(env) { $1 }
        return e
    }

    /// Runs to the end; both pipes are read at once so a large output cannot block the child.
    /// With `killAfter`, a child still running after that many seconds is killed (SIGKILL) and
    /// comes back with `exited` false: a guard against a test that would never end (a command
    /// blocked on a FIFO, say), not a time limit on speed.
    @discardableResult
    public static func run(_ args: [String], in dir: String, env: [String: String] = [:], stdin: String? = nil,
                           killAfter seconds: Double? = nil) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        p.environment = environment(env)
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inp
        try p.run()
        if let stdin { inp.fileHandleForWriting.write(Data(stdin.utf8)) }
        try inp.fileHandleForWriting.close()
        let pid = p.processIdentifier
        let watchdog = DispatchWorkItem { _ = kill(pid, SIGKILL) }
        if let seconds { DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: watchdog) }
        defer { watchdog.cancel() }
        nonisolated(unsafe) var e = Data()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { e = err.fileHandleForReading.readDataToEndOfFile(); done.signal() }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, exited: p.terminationReason == .exit,
                      stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// Starts the binary and returns at once, with its standard output to read.
    public static func start(_ args: [String], in dir: String, env: [String: String] = [:]) throws -> (Process, Pipe) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        p.environment = environment(env)
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        return (p, out)
    }
}
