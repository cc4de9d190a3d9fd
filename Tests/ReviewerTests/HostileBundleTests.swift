import Foundation
import Testing
import TestSupport

@testable import EntryLedger
@testable import LedgerFormat

/// Hostile bundles and checkpoints never crash verify: each gets a clear error and exit 1 or 2.
@Suite struct HostileBundles {
    func expectRefused(_ r: CLI.Result, _ what: String, status: Set<Int32> = [1, 2], mentions: String? = nil,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.exited, "\(what): verify crashed", sourceLocation: sourceLocation)
        #expect(status.contains(r.status), "\(what): exit \(r.status)", sourceLocation: sourceLocation)
        let all = r.stdout + r.stderr
        #expect(!all.isEmpty, "\(what): no message", sourceLocation: sourceLocation)
        if let mentions { #expect(all.contains(mentions), "\(what): \(all.prefix(600))", sourceLocation: sourceLocation) }
    }

    @Test func hostileLedgerLines() throws {
        let o = try Outage()
        let good = try o.lines()
        let first3 = Array(good.prefix(3))
        let cases: [(String, [UInt8], String)] = [
            ("a truncated line", (first3 + [Array(good[3].prefix(40))]).flatMap { $0 + [0x0A] }.dropLast(), "truncated"),
            ("a truncated line in the middle", (first3 + [Array(good[3].prefix(40))] + Array(good[4...])).flatMap { $0 + [0x0A] }, "line 4"),
            ("invalid UTF-8", (first3 + [good[3].prefix(30) + [0xFF, 0xFE] + good[3].dropFirst(30)]).flatMap { $0 + [0x0A] }, "line 4"),
            ("a huge number", (first3 + [Array("{\"payload\":\"x\",\"seq\":99999999999999999999999999,\"signature\":\"\"}".utf8)]).flatMap { $0 + [0x0A] }, "line 4"),
            ("a float", (first3 + [Array("{\"payload\":\"x\",\"seq\":3.0,\"signature\":\"\"}".utf8)]).flatMap { $0 + [0x0A] }, "line 4"),
            ("deeply nested JSON", (first3 + [Array(repeating: UInt8(ascii: "["), count: 200_000)]).flatMap { $0 + [0x0A] }, "line 4"),
            ("duplicate keys", (first3 + [Array("{\"payload\":\"x\",\"seq\":3,\"seq\":3,\"signature\":\"\"}".utf8)]).flatMap { $0 + [0x0A] }, "line 4"),
            ("wrong types", (first3 + [Array("{\"payload\":7,\"seq\":\"3\",\"signature\":[]}".utf8)]).flatMap { $0 + [0x0A] }, "line 4"),
            ("a payload that is not a record", (first3 + [Array("{\"payload\":\"[1,2]\",\"seq\":3,\"signature\":\"\(Base64.encode([UInt8](repeating: 0, count: 64)))\"}".utf8)]).flatMap { $0 + [0x0A] }, "malformed payload"),
            ("not canonical", (first3 + [Array("{ \"payload\":\"x\",\"seq\":3,\"signature\":\"\"}".utf8)]).flatMap { $0 + [0x0A] }, "line 4"),
            ("an empty file", [], "no records"),
            ("binary garbage", (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }, "line"),
        ]
        for (name, bytes, mentions) in cases {
            let b = try o.bundle(named: "hostile", ledgerJSONL: bytes)
            expectRefused(try o.verify(bundle: b, checkpoints: []), name, status: [1], mentions: mentions)
        }
    }

    @Test func aHundredMegabyteLineIsRefusedWithoutReadingItAll() throws {
        let o = try Outage()
        let b = try o.bundle(named: "huge", ledgerJSONL: [])
        let path = o.file(b + "/ledger.jsonl")
        let fh = try #require(FileHandle(forWritingAtPath: path))
        let block = Data(repeating: UInt8(ascii: "a"), count: 1 << 20)
        for _ in 0..<100 { fh.write(block) }
        try fh.close()
        // Not read whole: the child's own peak memory stays far below the line's 100 MB.
        let r = try Measured.run(["verify", "--trust", "sup.key.pub", "--bundle", b, "--json"], in: o.path)
        expectRefused(CLI.Result(status: r.status, exited: !r.signaled, stdout: r.stdout, stderr: r.stderr), "a 100 MB line", status: [1], mentions: "longer than")
        #expect(r.peakBytes < 64 << 20, "peak \(r.peakMiB) MiB for a 100 MB line")
    }

    @Test func aBillionRecordClaimInACheckpoint() throws {
        let o = try Outage()
        let sup = try o.key("sup.key")
        let origin = try Ledger.open(path: o.file("entryledger.db")).origin
        let cp = try Checkpoint(origin: origin, size: 1_000_000_000, rootHash: [UInt8](repeating: 1, count: 32))
        try Data(try cp.signed(by: sup, name: origin).bytes).write(to: URL(fileURLWithPath: o.file("billion.txt")))
        expectRefused(try o.verify(bundle: "bundle", checkpoints: ["billion.txt"]), "a billion-record checkpoint", status: [1], mentions: "cut off")
        expectRefused(try o.verify(ledger: "entryledger.db", checkpoints: ["billion.txt"]), "a billion-record checkpoint (ledger)", status: [1], mentions: "cut off")
        // The same claim planted in the bundle's own checkpoints/ folder, unsigned by anyone trusted.
        try FileManager.default.copyItem(atPath: o.file("bundle"), toPath: o.file("planted"))
        let forged = try Checkpoint(origin: origin, size: 1_000_000_000, rootHash: [UInt8](repeating: 1, count: 32)).signed(by: o.key("alice.key"), name: origin)
        try Data(forged.bytes).write(to: URL(fileURLWithPath: o.file("planted/checkpoints/checkpoint-1000000000.txt")))
        expectRefused(try o.verify(bundle: "planted", checkpoints: []), "a forged checkpoint in the bundle", status: [1], mentions: "not signed by the trusted supervisor")
        // A cosign or proof against it is refused too.
        expectRefused(try CLI.run(["cosign", "--checkpoint", "billion.txt", "--trust", "sup.key.pub", "--key", "rev.key", "--out", "c.txt"], in: o.path), "cosign a billion", status: [1])
        expectRefused(try CLI.run(["prove", "inclusion", "--seq", "1", "--checkpoint", "billion.txt", "--out", "p.proof"], in: o.path), "prove against a billion", status: [1])
    }

    @Test func unreadableInputsAreBadInput() throws {
        let o = try Outage()
        try Data([0xFF, 0x00, 0x41]).write(to: URL(fileURLWithPath: o.file("garbage.txt")))
        try Data("not a note".utf8).write(to: URL(fileURLWithPath: o.file("text.txt")))
        try FileManager.default.createDirectory(atPath: o.file("empty-bundle"), withIntermediateDirectories: true)
        expectRefused(try o.verify(bundle: "bundle", checkpoints: ["garbage.txt"]), "a binary checkpoint file", status: [2], mentions: "checkpoint file")
        expectRefused(try o.verify(bundle: "bundle", checkpoints: ["text.txt"]), "a text checkpoint file", status: [2], mentions: "checkpoint file")
        expectRefused(try o.verify(bundle: "bundle", checkpoints: ["missing.txt"]), "a missing checkpoint file", status: [2])
        expectRefused(try o.verify(bundle: "empty-bundle", checkpoints: []), "a bundle without ledger.jsonl", status: [2], mentions: "ledger.jsonl")
        expectRefused(try o.verify(bundle: "no-such-folder", checkpoints: []), "no bundle", status: [2])
        // A checkpoint file of another ledger's origin, properly signed: a problem, exit 1.
        let sup = try o.key("sup.key")
        let other = try Checkpoint(origin: "entryledger/EL7/ffffffffffffffffffffffffffffffff", size: 3, rootHash: [UInt8](repeating: 2, count: 32))
        try Data(try other.signed(by: sup, name: other.origin).bytes).write(to: URL(fileURLWithPath: o.file("other.txt")))
        expectRefused(try o.verify(bundle: "bundle", checkpoints: ["other.txt"]), "another ledger's checkpoint", status: [1], mentions: "not this ledger")
    }
}
