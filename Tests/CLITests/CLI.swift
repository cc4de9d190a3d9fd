import Foundation
import Testing

@testable import EntryLedger

/// Runs the real `entryledger` binary, as a broker's shell would.
enum CLI {
    static let binary: String = {
        if let env = ProcessInfo.processInfo.environment["ENTRYLEDGER_BIN"] { return env }
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for dir in [here, here.deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("entryledger").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        // Fall back to the package's own build folder.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/entryledger").path
    }()

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    @discardableResult
    static func run(_ args: [String], in dir: String, env: [String: String] = [:], stdin: String? = nil) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        var environment = ProcessInfo.processInfo.environment
        for k in ["ENTRYLEDGER_LEDGER", "ENTRYLEDGER_KEY", "ENTRYLEDGER_PASSPHRASE"] { environment[k] = nil }
        environment.merge(env) { $1 }
        p.environment = environment
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inp
        try p.run()
        if let stdin { inp.fileHandleForWriting.write(Data(stdin.utf8)) }
        try inp.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static func start(_ args: [String], in dir: String) throws -> (Process, Pipe) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        return (p, out)
    }
}

/// A folder with a supervisor, two clerks and an initialised ledger, made through the CLI.
struct CLIWorkspace {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "el-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for name in ["sup", "alice", "bob"] {
            try CLI.run(["key", "new", "--name", name == "sup" ? "Dana Whitfield" : name.capitalized, "--out", "\(name).key"], in: path).expectSuccess()
        }
        try CLI.run(["init", "--filer", "EL7", "--port", "4103", "--broker", "Harbor Point Customs Brokerage LLC", "--key", "sup.key"], in: path).expectSuccess()
        for name in ["Alice", "Bob"] {
            try CLI.run(["clerk", "enroll", "--name", name, "--public-key", "\(name.lowercased()).key.pub", "--key", "sup.key"], in: path).expectSuccess()
        }
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// The ledger's bytes, after folding the WAL into the main file, for "nothing changed" checks.
    func ledgerDigest() throws -> [UInt8] {
        let store = try LedgerStore.open(path: file("entryledger.db"))
        var all: [UInt8] = []
        try store.forEachChunk { rs in rs.forEach { all += $0.record.payload + $0.record.signature }; return true }
        return all
    }
}

extension CLI.Result {
    func expectSuccess(sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(status == 0, "exit \(status): \(stderr)", sourceLocation: sourceLocation)
    }
}
