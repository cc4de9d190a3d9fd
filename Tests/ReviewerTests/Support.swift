import Foundation
import Testing

@testable import EntryLedger
@testable import LedgerFormat
import TestSupport

extension CLI.Result {
    func expectSuccess(sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(status == 0, "exit \(status): \(stderr) \(stdout)", sourceLocation: sourceLocation)
    }

    /// The `--json` report's problems as (seq, message).
    var problems: [(seq: Int64?, message: String)] {
        guard let v = try? JSONReader.parse(stdout.trimmingCharacters(in: .whitespacesAndNewlines)), let ps = v["problems"]?.arrayValue else { return [] }
        return ps.map { ($0["seq"]?.intValue, $0["message"]?.stringValue ?? "") }
    }
}

/// A folder with a supervisor, two clerks and a reviewer, a ledger with two checkpoints sent
/// out (cp1.txt, cp2.txt), records after them, and an exported bundle.
///
/// Layout: 0 genesis, 1-2 enrolments, 3-5 notes, 6 checkpoint (size 6), 7-10 notes,
/// 11 checkpoint (size 11), 12-13 notes. 14 records.
final class Outage {
    let path: String
    let cp1Size: Int64 = 6
    let cp2Size: Int64 = 11
    let records: Int64 = 14

    init() throws {
        path = NSTemporaryDirectory() + "el-rev-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (file, name) in [("sup", "Dana Whitfield"), ("alice", "Alice Moreno"), ("bob", "Bob Tanaka"), ("rev", "CBP Reviewer")] {
            try CLI.run(["key", "new", "--name", name, "--out", "\(file).key"], in: path).expectSuccess()
        }
        try CLI.run(["init", "--filer", "EL7", "--port", "4103", "--broker", "Harbor Point Customs Brokerage LLC", "--key", "sup.key"], in: path).expectSuccess()
        for (name, file) in [("Alice Moreno", "alice"), ("Bob Tanaka", "bob")] {
            try CLI.run(["clerk", "enroll", "--name", name, "--public-key", "\(file).key.pub", "--key", "sup.key"], in: path).expectSuccess()
        }
        try notes(3)
        try CLI.run(["checkpoint", "--key", "sup.key", "--out", "cp1.txt"], in: path).expectSuccess()
        try notes(4)
        try CLI.run(["checkpoint", "--key", "sup.key", "--out", "cp2.txt"], in: path).expectSuccess()
        try notes(2)
        try CLI.run(["export", "--out", "bundle"], in: path).expectSuccess()
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    private var noteCount = 0
    func notes(_ n: Int) throws {
        for _ in 0..<n {
            noteCount += 1
            try CLI.run(["incident", "log", "--text", "note \(noteCount): container MSCU12345\(noteCount) held for exam",
                         "--key", noteCount % 2 == 0 ? "bob.key" : "alice.key"], in: path).expectSuccess()
        }
    }

    func file(_ name: String) -> String { path + "/" + name }

    func key(_ name: String) throws -> LedgerSigningKey { try KeyFile.loadPrivate(file(name)) { nil } }

    var supervisorPublic: LedgerPublicKey { get throws { try KeyFile.loadPublic(file("sup.key.pub")) } }

    /// The bundle's ledger.jsonl lines (without newlines).
    func lines(_ bundle: String = "bundle") throws -> [[UInt8]] {
        let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file(bundle + "/ledger.jsonl"))))
        return data.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map(Array.init)
    }

    /// A copy of the bundle whose ledger.jsonl is `bytes`.
    func bundle(named name: String, ledgerJSONL bytes: [UInt8]) throws -> String {
        try? FileManager.default.removeItem(atPath: file(name))
        try FileManager.default.copyItem(atPath: file("bundle"), toPath: file(name))
        try Data(bytes).write(to: URL(fileURLWithPath: file(name + "/ledger.jsonl")))
        return name
    }

    func bundle(named name: String, lines: [[UInt8]]) throws -> String {
        try bundle(named: name, ledgerJSONL: lines.flatMap { $0 + [0x0A] })
    }

    func verify(bundle: String, checkpoints: [String] = ["cp1.txt", "cp2.txt"]) throws -> CLI.Result {
        try CLI.run(["verify", "--trust", "sup.key.pub", "--bundle", bundle, "--json"] + checkpoints.flatMap { ["--checkpoint", $0] }, in: path)
    }

    func verify(ledger: String, checkpoints: [String] = ["cp1.txt", "cp2.txt"]) throws -> CLI.Result {
        try CLI.run(["--ledger", ledger, "verify", "--trust", "sup.key.pub", "--json"] + checkpoints.flatMap { ["--checkpoint", $0] }, in: path)
    }
}

/// Reading and rewriting one ledger.jsonl line as the canonical JSON it is.
struct Line {
    var seq: Int64
    var payload: [UInt8]
    var signature: [UInt8]

    init(_ bytes: [UInt8]) throws {
        let v = try JSONReader.parse(bytes)
        seq = try #require(v["seq"]?.intValue)
        let text = try #require(v["payload"]?.stringValue)
        payload = Array(text.utf8)
        let sig = try #require(v["signature"]?.stringValue)
        signature = try #require(Base64.decode(sig))
    }

    init(seq: Int64, record: SignedRecord) {
        self.seq = seq
        payload = record.payload
        signature = record.signature
    }

    var bytes: [UInt8] {
        get throws { try #require(try BundleLedgerReader.line(seq: seq, record: SignedRecord(payload: payload, signature: signature))) }
    }

    var record: SignedRecord { SignedRecord(payload: payload, signature: signature) }

    var text: String { String(decoding: payload, as: UTF8.self) }

    mutating func replace(_ a: String, with b: String) throws {
        let t = text
        #expect(t.contains(a), "line \(seq) has no \(a)")
        payload = Array(t.replacingOccurrences(of: a, with: b).utf8)
    }
}
