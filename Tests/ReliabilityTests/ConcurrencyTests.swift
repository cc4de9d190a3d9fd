import Foundation
import Testing

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// Many clerks' processes appending to one ledger at once queue on SQLite's write lock: one
/// chain, nothing lost, nobody told "database is locked".
@Suite(.serialized) struct ConcurrentWriters {
    @Test func eightProcessesAppending200EachMakeOneGaplessVerifiableChain() throws {
        let w = try Workspace(notes: 2)
        let base = try LedgerStore.open(path: w.ledgerPath).count()
        let perWriter = 200
        let keys = ["alice.key", "bob.key", "sup.key", "alice.key", "bob.key", "sup.key", "alice.key", "bob.key"]
        let children = try keys.enumerated().map { i, key in
            try Binary.Child(["stress-append", "--count", "\(perWriter)", "--label", "w\(i)", "--key", key], in: w.path)
        }
        var printed: [Int64: (writer: Int, note: Int)] = [:]
        var allPrinted: [Int64] = []
        for (i, child) in children.enumerated() {
            let r = child.finish()
            #expect(r.reason == .exit && r.status == 0, "writer \(i): exit \(r.status): \(r.err)")
            #expect(!r.err.lowercased().contains("locked") && !r.err.lowercased().contains("busy"), "writer \(i): \(r.err)")
            let seqs = Binary.seqs(in: r.out)
            #expect(seqs.count == perWriter, "writer \(i) printed \(seqs.count) seqs")
            #expect(seqs == seqs.sorted(), "writer \(i) printed seqs out of order")
            for (n, s) in seqs.enumerated() { printed[s] = (i, n) }
            allPrinted += seqs
        }
        #expect(allPrinted.count == keys.count * perWriter)
        #expect(Set(allPrinted).count == allPrinted.count, "a seq was printed twice")

        let store = try LedgerStore.open(path: w.ledgerPath)
        let total = base + Int64(keys.count * perWriter)
        #expect(try store.count() == total)
        #expect(Set(allPrinted) == Set(base..<total))
        // Each printed seq holds the note its writer wrote then.
        try store.forEachChunk(from: base) { records in
            for r in records {
                guard let who = printed[r.seq] else { Issue.record("seq \(r.seq) was never printed"); continue }
                #expect(Workspace.noteText(r) == "w\(who.writer) note \(who.note)", "seq \(r.seq)")
            }
            return true
        }
        let report = try w.verify()
        #expect(report.ok, "\(report.problems.prefix(5))")
        #expect(report.records == total && report.signaturesChecked == total)
    }
}
