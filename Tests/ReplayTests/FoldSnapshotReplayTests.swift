import Foundation
import Testing

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// The fold snapshot `checkpoint` signs holds the replay re-derivation's state (what was sent,
/// ACE's answers, what is on file, the batches, the contact): batches replayed after the
/// checkpoint are re-derived from the restored state exactly as from a fold of every record.
@Suite struct FoldSnapshotReplay {
    @Test func replaysAfterACheckpointAreReDerivedFromTheRestoredState() throws {
        let f = try ReplayFixture()
        try f.authorize()
        _ = try f.replay("b1")
        let (vessel, air, truck) = (f.numbers[0], f.numbers[1], f.numbers[2])
        let sx = try f.response("SX", try ACEResponseWriter.sx(vessel, entryType: "01", messageType: "01", recordConditions: [("123", "CONVEYANCE NAME DOES NOT MATCH MANIFEST")], narrative: "MESSAGE REJECTED")
            + ACEResponseWriter.sx(air, entryType: "01", messageType: "02", narrative: "MESSAGE ACCEPTED")
            + ACEResponseWriter.sx(truck, entryType: "11", messageType: "02", narrative: "MESSAGE ACCEPTED"))
        _ = try f.ledger.ack(file: sx, signer: f.supervisor)
        let cp = try f.ledger.appendCheckpoint(signer: f.supervisor)
        #expect(try f.ledger.requireVerified().foldedBySnapshot == cp.record.seq)

        // Each replay below verifies first, its earlier batches and answers from the snapshot.
        let amended = try ReplayFixture.sample("01-vessel-continuous-3461-7501.json").setting("conveyance_name", "MAERSK ESSEX")
        try f.ledger.amendEntry(amended, reason: "vessel name from the manifest", signer: f.clerk)
        let second = try f.replay("b3")
        #expect(f.sent(second) == ["A SE EL7-1000001-8", "R AE EL7-1000001-8"])
        try f.ledger.voidEntry(truck, reason: "cancelled", signer: f.clerk)
        let third = try f.replay("b4")
        #expect(f.sent(third) == ["D SE \(truck.formatted)"])
        let proof = try f.ledger.requireVerified()
        #expect(proof.foldedBySnapshot == cp.record.seq, "the batches after the checkpoint were re-derived from the snapshot's state")

        // A batch sending the same again, signed by the supervisor's key: the restored
        // re-derivation names it, as a full fold does.
        let seq = try #require(try f.ledger.store.seqs(ofKind: "replay.batch").last)
        var again = try BatchBody(json: try RecordHeader(payload: try #require(try f.ledger.store.record(at: seq)).record.payload).body)
        again.batchID = "B0009"
        let forged = try f.ledger.append(.replayBatch, body: again.json, signer: f.supervisor)
        let e = #expect(throws: LedgerNotVerified.self) { try f.ledger.requireVerified() }
        #expect(e?.problems.contains { $0.seq == forged.seq } == true, "\(e?.problems ?? [])")
    }
}
