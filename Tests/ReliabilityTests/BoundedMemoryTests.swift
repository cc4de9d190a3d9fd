import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// No input makes a command use more than 256 MiB: the real binary is run on generated
/// hostile inputs and its own peak resident memory (`ru_maxrss` from `wait4`) is read.
/// Each input is large enough that keeping it, or a message per bad line, would pass the
/// bound (about 220 bytes a problem: 1.5 million bad lines would keep some 330 MB).
@Suite struct BoundedMemory {
    static let bound = 256 << 20

    /// A file of `lines` copies of `line` (with newlines), written in large blocks.
    static func writeLines(_ path: String, _ line: String, count lines: Int, then tail: [UInt8] = []) throws {
        let fh = try #require(FileHandle(forWritingAtPath: path) ?? {
            FileManager.default.createFile(atPath: path, contents: nil)
            return FileHandle(forWritingAtPath: path)
        }())
        let block = Data(String(repeating: line + "\n", count: 10_000).utf8)
        for _ in 0..<(lines / 10_000) { fh.write(block) }
        fh.write(Data(String(repeating: line + "\n", count: lines % 10_000).utf8))
        fh.write(Data(tail))
        try fh.close()
    }

    /// A sparse file of `size` bytes: no disk, but a size no command may read whole.
    static func sparse(_ path: String, size: Int64) throws {
        FileManager.default.createFile(atPath: path, contents: nil)
        #expect(truncate(path, off_t(size)) == 0)
    }

    @Test func aBundleOfMillionsOfBadLinesIsVerifiedInBoundedMemoryWithTheProblemsCounted() throws {
        let w = try Workspace(notes: 3)
        try CLI.run(["export", "--out", "bundle", "--ledger", w.ledgerPath], in: w.path)
        try FileManager.default.removeItem(atPath: w.file("bundle/ledger.jsonl"))
        try Self.writeLines(w.file("bundle/ledger.jsonl"), "x", count: 1_500_000)
        let r = try Measured.run(["verify", "--bundle", "bundle", "--trust", "sup.key.pub"], in: w.path)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.peakBytes < Self.bound, "peak \(r.peakMiB) MiB")
        let listed = r.stdout.split(separator: "\n").filter { $0.contains("ledger.jsonl line") }.count
        #expect(listed <= VerificationReport.maxProblems)
        let more = r.stdout.split(separator: "\n").first { $0.contains("more problem(s) not listed") }
        let unlisted = more.flatMap { $0.split(separator: " ").compactMap { Int($0) }.first } ?? 0
        #expect(unlisted >= 1_499_000, "\(r.stdout.suffix(300))")
        print("verify of 1,500,000 bad bundle lines: peak \(r.peakMiB) MiB")
    }

    @Test func anImportOfMillionsOfBadLinesAndAHugeLineIsRefusedInBoundedMemory() throws {
        let w = try Workspace()
        // 1.5 million bad lines, then a 64 MiB line: neither the problems nor the line are kept.
        try Self.writeLines(w.file("bad.jsonl"), "{\"entry_type\":7}", count: 1_500_000,
                            then: [UInt8](repeating: UInt8(ascii: "a"), count: 64 << 20) + [0x0A])
        let r = try Measured.run(["entry", "import", "--file", "bad.jsonl", "--key", "alice.key"], in: w.path)
        #expect(r.status == 2, "\(r.stderr.prefix(500))")
        #expect(r.peakBytes < Self.bound, "peak \(r.peakMiB) MiB")
        #expect(r.stderr.contains("more problem(s) not listed"), "\(r.stderr.suffix(500))")
        #expect(r.stderr.contains("nothing was imported"))
        #expect(r.stderr.split(separator: "\n").count < EntryImporter.maxProblems + 10)
        #expect(try EntryBook.load(try Ledger.open(path: w.ledgerPath)).isEmpty)
        print("import of 1,500,000 bad lines: peak \(r.peakMiB) MiB")
    }

    @Test func hugeResponseCheckpointAndEntryFilesAreRefusedByTheirSizeUnread() throws {
        let w = try Workspace()
        for name in ["response.txt", "checkpoint.txt", "entry.json", "sup-reviewer.txt"] {
            try Self.sparse(w.file(name), size: 4 << 30)
        }
        let runs: [(String, [String], String)] = [
            ("ack", ["ack", "--file", "response.txt", "--key", "sup.key"], "response.txt"),
            ("authorize --checkpoint", ["authorize", "--reference", "CBP-1", "--checkpoint", "checkpoint.txt", "--reviewer", "x+1+AA", "--key", "sup.key"], "checkpoint.txt"),
            ("entry add --file", ["entry", "add", "--file", "entry.json", "--key", "alice.key"], "entry.json"),
            ("verify --checkpoint", ["verify", "--trust", "sup.key.pub", "--checkpoint", "checkpoint.txt"], "checkpoint.txt"),
        ]
        for (what, args, file) in runs {
            let r = try Measured.run(args, in: w.path)
            #expect(r.status == 2, "\(what): \(r.stderr)")
            #expect(r.stderr.contains(file) && r.stderr.contains("larger than"), "\(what): \(r.stderr)")
            #expect(r.peakBytes < 64 << 20, "\(what): peak \(r.peakMiB) MiB")
        }
        #expect(try Ledger.open(path: w.ledgerPath).store.count() == 3, "nothing was written")
    }

    /// The largest response `ack` reads (16 MiB, some 200,000 lines with record ids no chapter
    /// gives, inside a well-formed SX envelope): refused with the first 1,000 named and the rest
    /// counted, in bounded memory.
    @Test func theLargestResponseFileIsReadInBoundedMemoryAndItsProblemsCapped() throws {
        let w = try Workspace()
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("samples/ace-responses/sx-accepted-rejected.txt")
        let lines = try String(contentsOf: sample, encoding: .utf8).split(separator: "\n").map(String.init)
        let (a, b, y, z) = (lines[0], lines[1], lines[lines.count - 2], lines[lines.count - 1])
        #expect(a.hasPrefix("A") && b.hasPrefix("B") && y.hasPrefix("Y") && z.hasPrefix("Z"))
        let unknown = "QQ10" + String(repeating: "9", count: 76)
        let n = Ledger.maxResponseFileBytes / 81 - 10
        try Self.writeLines(w.file("response.txt"), unknown, count: n)
        let body = try Data(contentsOf: URL(fileURLWithPath: w.file("response.txt")))
        try (Data((a + "\n" + b + "\n").utf8) + body + Data((y + "\n" + z + "\n").utf8)).write(to: URL(fileURLWithPath: w.file("response.txt")))
        let r = try Measured.run(["ack", "--file", "response.txt", "--key", "sup.key"], in: w.path)
        #expect(r.status == 2, "\(r.stderr.prefix(300))")
        #expect(r.stderr.split(separator: "\n").count < 1100, "\(r.stderr.suffix(300))")
        #expect(r.peakBytes < Self.bound, "peak \(r.peakMiB) MiB")
        print("ack of a 16 MiB response: peak \(r.peakMiB) MiB")
    }

    @Test func anEightGibibyteSparseEvidenceFileIsRefusedByItsSizeNotHashed() throws {
        let w = try Workspace()
        let ledger = try Ledger.open(path: w.ledgerPath)
        try ledger.openIncident(IncidentOpenBody(discoveredAt: "2026-11-27T06:10:00Z", summary: "Ransomware", systems: ["ABI server"], exposedImporters: []),
                                signer: w.supervisor)
        try "forensic report\n".write(toFile: w.file("report.txt"), atomically: true, encoding: .utf8)
        try ledger.addEvidence(file: w.file("report.txt"), description: "report", signer: w.supervisor)
        let folder = Evidence.folder(forLedger: w.ledgerPath)
        let stored = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first)
        try FileManager.default.removeItem(atPath: folder + "/" + stored)
        try Self.sparse(folder + "/" + stored, size: 8 << 30)
        let r = try Measured.run(["verify", "--trust", "sup.key.pub", "--json"], in: w.path)
        #expect(r.status == 1, "\(r.stderr)")
        let problems = try #require(try JSONReader.parse(Array(r.stdout.utf8))["problems"]?.arrayValue)
        #expect(problems.contains { ($0["message"]?.stringValue ?? "").contains("8589934592 bytes; the ledger recorded 16 bytes (not hashed)") }, "\(r.stdout)")
        #expect(r.peakBytes < 64 << 20, "peak \(r.peakMiB) MiB")
        // The library's own compare says so too, without reading a byte.
        let (ok, problem) = Evidence.compare(folder + "/" + stored, within: folder, sha256: String(repeating: "0", count: 64), size: 16)
        #expect(!ok && problem?.contains("not hashed") == true)
    }
}
