import Foundation
import Testing
import TestSupport

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// A writer killed with SIGKILL at random moments loses nothing it reported as written, and
/// leaves a ledger that opens and verifies.
@Suite(.serialized) struct KilledWriters {
    /// How many kills: 50 by default, more with ENTRYLEDGER_CRASH_ITERATIONS.
    static let iterations: Int = {
        ProcessInfo.processInfo.environment["ENTRYLEDGER_CRASH_ITERATIONS"].flatMap(Int.init).map { max(1, $0) } ?? 50
    }()

    /// One writer run that is killed: most after a random delay once it has started committing,
    /// some while it is still starting up (opening the ledger, recovering the WAL).
    static func killOneWriter(_ w: Workspace, args: [String], rng: inout SplitMix64) throws -> (seqs: [Int64], output: String) {
        let child = try Binary.Child(args, in: w.path)
        var first = Data()
        if rng.chance(0.15) {
            usleep(UInt32(rng.int(0...60_000)))
        } else {
            first = child.firstOutput()
            usleep(UInt32(rng.int(0...100_000)))
        }
        child.kill()
        let r = child.finish(after: first)
        #expect(r.reason == .uncaughtSignal && r.status == SIGKILL, "the writer ended on its own: exit \(r.status) \(r.err)")
        return (Binary.seqs(in: r.out), r.out)
    }

    @Test func aWriterKilledAtRandomMomentsLosesNoPrintedSeqAndLeavesAVerifiableLedger() throws {
        let w = try Workspace()
        var rng = SplitMix64(seed: 0x5EED_C0DE)
        var printedTotal = 0
        for i in 0..<Self.iterations {
            let label = "crash-\(i)"
            let (seqs, _) = try Self.killOneWriter(w, args: ["stress-append", "--count", "1000000", "--label", label, "--key", "alice.key"], rng: &rng)
            printedTotal += seqs.count

            let report = try w.verify()
            #expect(report.ok, "kill \(i): \(report.problems.prefix(5))")
            let store = try LedgerStore.open(path: w.ledgerPath)
            let count = try store.count()
            #expect(report.records == count)
            // Every seq the writer printed is there, and holds the note it wrote at that point.
            for (n, seq) in seqs.enumerated() {
                #expect(seq < count, "kill \(i): seq \(seq) was printed but the ledger has \(count) records")
                let text = try store.record(at: seq).flatMap(Workspace.noteText)
                #expect(text == "\(label) note \(n)", "kill \(i): seq \(seq) holds \(text ?? "nothing")")
            }
            // A note may have committed after its seq was printed's predecessor and before the
            // kill, but never more than one: the writer prints right after each commit.
            if let last = seqs.last { #expect(count - 1 - last <= 1, "kill \(i): \(count - 1 - last) unprinted records after the last printed seq") }
        }
        // The kills landed while the writer was writing, not only at start-up.
        #expect(printedTotal >= Self.iterations, "only \(printedTotal) seqs printed over \(Self.iterations) kills")
    }

    @Test func aBatchWriterKilledAtRandomMomentsLeavesOnlyWholeBatches() throws {
        let w = try Workspace()
        var rng = SplitMix64(seed: 0xBA7C_4ED5)
        let batch = 7
        let kills = max(10, Self.iterations / 4)
        var base = try LedgerStore.open(path: w.ledgerPath).count()
        for i in 0..<kills {
            let label = "batch-\(i)"
            let (seqs, _) = try Self.killOneWriter(
                w, args: ["stress-append", "--count", "1000000", "--batch", "\(batch)", "--label", label, "--key", "bob.key"], rng: &rng)
            let store = try LedgerStore.open(path: w.ledgerPath)
            let count = try store.count()
            let added = count - base
            #expect(added % Int64(batch) == 0, "kill \(i): \(added) records added, not a whole number of batches of \(batch)")
            // Each printed seq is the last of a committed batch.
            for (n, seq) in seqs.enumerated() {
                #expect(seq == base + Int64((n + 1) * batch) - 1, "kill \(i): batch \(n) ended at seq \(seq)")
                #expect(try store.record(at: seq).flatMap(Workspace.noteText) == "\(label) note \((n + 1) * batch - 1)")
            }
            #expect(added / Int64(batch) - Int64(seqs.count) <= 1, "kill \(i): more than one unprinted batch")
            let report = try w.verify()
            #expect(report.ok, "kill \(i): \(report.problems.prefix(5))")
            base = count
        }
    }
}
