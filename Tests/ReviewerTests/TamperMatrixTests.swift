import Foundation
import Testing
import TestSupport

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// Every kind of change to an exported ledger (or the ledger file) makes `verify` with the
/// checkpoints CBP received fail, and name the place. Zero misses.
@Suite struct TamperMatrix {
    struct Case: CustomStringConvertible, Sendable {
        let name: String
        let expectedSeq: Int64
        let mentions: String
        let change: @Sendable (inout [Line], Outage) throws -> Void
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a byte in a body", expectedSeq: 8, mentions: "signature") { l, _ in try l[8].replace("held", with: "hold") },
        Case(name: "a signature", expectedSeq: 8, mentions: "signature") { l, _ in l[8].signature[10] ^= 0x01 },
        Case(name: "a prev", expectedSeq: 9, mentions: "prev") { l, _ in
            let t = l[9].text
            let r = try #require(t.range(of: "\"prev\":\""))
            let c = t[r.upperBound]
            try l[9].replace("\"prev\":\"\(c)", with: "\"prev\":\"\(c == "0" ? "1" : "0")")
        },
        Case(name: "a record removed", expectedSeq: 5, mentions: "missing") { l, _ in l.remove(at: 5) },
        Case(name: "a record duplicated", expectedSeq: 5, mentions: "again") { l, _ in l.insert(l[5], at: 6) },
        Case(name: "two records swapped", expectedSeq: 4, mentions: "missing") { l, _ in l.swapAt(4, 5) },
        Case(name: "the tail cut off after a checkpoint", expectedSeq: 9, mentions: "cut off") { l, _ in l.removeSubrange(9...) },
        Case(name: "a fork after a checkpoint, signed with an enrolled clerk's stolen key", expectedSeq: 6, mentions: "records 6 to 10") { l, o in
            // Keep everything up to and including the first checkpoint record (seq 6), then a
            // different history, properly chained and signed by Alice's real key.
            l.removeSubrange(7...)
            let alice = try o.key("alice.key")
            let origin = try RecordHeader(payload: l[0].payload).origin
            var prev = l[6].record.hash
            for seq in Int64(7)...13 {
                let payload = try RecordFormat.payload(origin: origin, seq: seq, prev: prev, time: "2026-11-30T10:00:00Z",
                                                       kind: .incidentNote, keyID: alice.keyID, body: ["text": .string("rewritten \(seq)")])
                let r = RecordFormat.sign(payload: payload, with: alice)
                l.append(Line(seq: seq, record: r))
                prev = r.hash
            }
        },
    ]

    @Test func theUntouchedBundleAndLedgerVerify() throws {
        let o = try Outage()
        let b = try o.verify(bundle: "bundle")
        b.expectSuccess()
        #expect(b.problems.isEmpty)
        try o.verify(ledger: "entryledger.db").expectSuccess()
        // Rewriting the lines through the test's own reader and writer changes nothing.
        let lines = try o.lines().map(Line.init)
        try o.verify(bundle: try o.bundle(named: "same", lines: lines.map { try $0.bytes })).expectSuccess()
    }

    @Test(arguments: cases) func aChangedBundleFailsAtTheRightSeq(_ c: Case) throws {
        let o = try Outage()
        var lines = try o.lines().map(Line.init)
        try c.change(&lines, o)
        let name = try o.bundle(named: "tampered", lines: lines.map { try $0.bytes })
        let r = try o.verify(bundle: name)
        #expect(r.status == 1, "\(c.name): exit \(r.status) \(r.stderr)")
        let hit = r.problems.first { $0.seq == c.expectedSeq }
        #expect(hit != nil, "\(c.name): no problem at seq \(c.expectedSeq): \(r.problems)")
        #expect(hit?.message.contains(c.mentions) == true, "\(c.name): \(hit?.message ?? "")")
        // The first record problem is at the place changed, not before it (a checkpoint that no
        // longer matches is reported from the last point a checkpoint confirms).
        let recordSeqs = r.problems.filter { !$0.message.hasPrefix("checkpoint ") }.compactMap(\.seq)
        #expect(recordSeqs.isEmpty || recordSeqs.min() == c.expectedSeq, "\(c.name): \(r.problems)")
    }

    /// The same attacks on the ledger file itself, by an attacker with write access.
    @Test func theTailCutFromTheLedgerFileIsCaughtByTheCheckpoint() throws {
        let o = try Outage()
        let store = try LedgerStore.open(path: o.file("entryledger.db"))
        try store.backup(to: o.file("cut.db"))
        try LedgerStore.open(path: o.file("cut.db")).executeRawSQLForTamperTest("DROP TRIGGER records_refuse_delete; DELETE FROM records WHERE seq >= 9")
        // Without the checkpoint the shortened chain is whole: only the checkpoint catches it.
        try o.verify(ledger: "cut.db", checkpoints: []).expectSuccess()
        let r = try o.verify(ledger: "cut.db")
        #expect(r.status == 1)
        #expect(r.problems.contains { $0.seq == 9 && $0.message.contains("cut off") }, "\(r.problems)")
    }

    @Test func aForkOfTheLedgerFileSignedWithAStolenClerkKeyIsCaught() throws {
        let o = try Outage()
        try LedgerStore.open(path: o.file("entryledger.db")).backup(to: o.file("fork.db"))
        try LedgerStore.open(path: o.file("fork.db")).executeRawSQLForTamperTest("DROP TRIGGER records_refuse_delete; DELETE FROM records WHERE seq >= 7")
        let fork = try Ledger.open(path: o.file("fork.db"))
        let alice = try o.key("alice.key")
        for i in 0..<7 { try fork.note("rewritten \(i)", signer: alice) }
        #expect(try fork.store.count() == o.records)
        // Whole as a chain, and consistent with the first checkpoint...
        try o.verify(ledger: "fork.db", checkpoints: ["cp1.txt"]).expectSuccess()
        // ...but not with the second.
        let r = try o.verify(ledger: "fork.db")
        #expect(r.status == 1)
        #expect(r.problems.contains { $0.seq == 6 && $0.message.contains("records 6 to 10") && $0.message.contains("cp2.txt") }, "\(r.problems)")
    }

    @Test func aCheckpointRecordInTheLedgerIsCheckedAgainstTheTree() throws {
        // A ledger whose checkpoint record claims a root that is not the tree's: the rules refuse
        // to append it, and verify reports it when forged in a bundle.
        let o = try Outage()
        var lines = try o.lines().map(Line.init)
        let sup = try o.key("sup.key")
        let h = try RecordHeader(payload: lines[6].payload)
        let badRoot = [UInt8](repeating: 7, count: 32)
        let cp = try Checkpoint(origin: h.origin, size: 6, rootHash: badRoot)
        let note = try cp.signed(by: sup, name: h.origin)
        let payload = try RecordFormat.payload(origin: h.origin, seq: 6, prev: h.prev, time: h.time, kind: .checkpoint, keyID: sup.keyID,
                                               body: CheckpointBody(size: 6, root: badRoot, note: note.serialized).json)
        lines[6] = Line(seq: 6, record: RecordFormat.sign(payload: payload, with: sup))
        let r = try o.verify(bundle: try o.bundle(named: "badcp", lines: lines.map { try $0.bytes }), checkpoints: [])
        #expect(r.status == 1)
        #expect(r.problems.contains { $0.seq == 6 && $0.message.contains("not the Merkle root") }, "\(r.problems)")
    }

    @Test func anEditedBatchFileIsCaughtAtItsBatchRecord() throws {
        let o = try Outage()
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("samples/entries")
        for name in ["01-vessel-continuous-3461-7501.json", "11-informal-truck.json"] {
            try CLI.run(["entry", "add", "--file", samples.appendingPathComponent(name).path, "--key", "alice.key"], in: o.path).expectSuccess()
        }
        try CLI.run(["authorize", "--reference", "CBP-RECON-42", "--key", "sup.key"], in: o.path).expectSuccess()
        try CLI.run(["settings", "contact", "--name", "Dana Whitfield", "--phone", "312-555-0142", "--key", "sup.key"], in: o.path).expectSuccess()
        let replay = try CLI.run(["replay", "--out", "out", "--site", "EL01", "--date", "2026-11-30", "--key", "sup.key"], in: o.path,
                                 env: ["ENTRYLEDGER_ABI_PASSWORD": "SECRET"])
        #expect(replay.status == 0, "\(replay.stderr)")
        let batchSeq = try #require(try LedgerStore.open(path: o.file("entryledger.db")).seqs(ofKind: "replay.batch").first)
        try CLI.run(["export", "--out", "bundle2"], in: o.path).expectSuccess()
        #expect(try o.verify(bundle: "bundle2").status == 0)
        #expect(try CLI.run(["verify", "--trust", "sup.key.pub"], in: o.path).status == 0)
        // One byte of the SE batch file in the bundle.
        let file = o.file("bundle2/batches/B0001/B0001-SE.abi")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        bytes[85] = bytes[85] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
        try bytes.write(to: URL(fileURLWithPath: file))
        let r = try o.verify(bundle: "bundle2")
        #expect(r.status == 1)
        #expect(r.problems.contains { $0.seq == batchSeq && $0.message.contains("B0001-SE.abi has changed") }, "\(r.problems)")
        // And the archive beside the ledger file.
        try FileManager.default.removeItem(atPath: o.file("entryledger-batches/B0001/manifest.json"))
        let v = try CLI.run(["verify", "--trust", "sup.key.pub"], in: o.path)
        #expect(v.status == 1)
        #expect(v.stdout.contains("seq \(batchSeq): batch B0001: file manifest.json is missing"))
    }
}
