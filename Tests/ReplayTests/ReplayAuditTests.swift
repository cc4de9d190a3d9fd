import Foundation
import Testing

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// A supervisor who signs replay records the ledger does not give, through the library's own
/// append path (whose rules cannot know the plan): verify re-derives every batch and answer
/// and names the record, and the commands that act on the ledger refuse it.
@Suite struct ReplayReDerived {
    func verify(_ f: ReplayFixture) throws -> VerificationReport {
        let path = f.ledger.store.path
        return try LedgerAudit.run(source: .store(f.ledger.store), trusting: f.supervisor.publicKey, checkpoints: [],
                                   evidenceFolder: nil, batchFolder: BatchArchive.folder(forLedger: path),
                                   responseFolder: ResponseArchive.folder(forLedger: path)).report
    }

    /// The first batch recorded, and the fixture after it.
    func replayed() throws -> (ReplayFixture, BatchBody) {
        let f = try ReplayFixture()
        try f.authorize()
        _ = try f.replay("b1")
        let seq = try #require(try f.ledger.store.seqs(ofKind: "replay.batch").first)
        let body = try BatchBody(json: try RecordHeader(payload: try #require(try f.ledger.store.record(at: seq)).record.payload).body)
        return (f, body)
    }

    @Test func anHonestReplayVerifiesAndItsFilesReRenderByteForByte() throws {
        let (f, _) = try replayed()
        let report = try verify(f)
        #expect(report.ok, "\(report.problems)")
        // One byte of a file changed, its record left alone: the hash check and the re-render both see it.
        let folder = BatchArchive.folder(forLedger: f.ledger.store.path) + "/B0001"
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasSuffix("-SE.abi") })
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
        bytes[100] = bytes[100] == UInt8(ascii: "X") ? UInt8(ascii: "Y") : UInt8(ascii: "X")
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
        let after = try verify(f)
        #expect(after.problems.contains { $0.message.contains("is not what the ledger renders") })
    }

    @Test func aBatchSendingAcceptedEntriesAgainIsNamedAndReplayAndCheckpointRefuse() throws {
        let (f, first) = try replayed()
        var again = first
        again.batchID = "B0002"
        let forged = try f.ledger.append(.replayBatch, body: again.json, signer: f.supervisor)
        let report = try verify(f)
        #expect(report.problems.contains { $0.seq == forged.seq && $0.message.contains("nothing to send") }, "\(report.problems)")
        let e = #expect(throws: LedgerNotVerified.self) { try f.replay("b2") }
        #expect(e?.description.contains("seq \(forged.seq):") == true)
        #expect(throws: LedgerNotVerified.self) { try f.ledger.appendCheckpoint(signer: f.supervisor) }
        #expect(try f.ledger.store.count() == forged.seq + 1, "a refused command wrote a record")
    }

    /// The batch `replay` would record next, planned and rendered as replay does (reading only),
    /// its files put in the archive: what an insider starts from to sign a lie instead.
    func honestBatch(_ g: ReplayFixture) throws -> BatchBody {
        var settings = g.settings
        settings.contact = try g.ledger.contact()
        let history = try ReplayHistory.load(g.ledger)
        let (_, bodies) = try g.ledger.planAndRender(history: history, settings: settings, dryRun: false)
        let body = try #require(bodies.first)
        #expect(body.batchID == "B0001")
        let rendered = try BatchRenderer.render(recorded: body, in: g.ledger, history: history, password: settings.password)
        try BatchArchive.write(rendered, into: BatchArchive.folder(forLedger: g.ledger.store.path) + "/B0001", isArchive: true)
        return body
    }

    @Test func eachLieInABatchIsNamedWhileTheHonestOneVerifies() throws {
        let h = try ReplayFixture()
        try h.authorize()
        try h.ledger.append(.replayBatch, body: try honestBatch(h).json, signer: h.supervisor)
        #expect(try verify(h).ok, "the batch rebuilt from the plan should verify")

        let cases: [(String, (inout BatchBody) -> Void)] = [
            ("cutoff", { $0.cutoff -= 1 }),
            // With two authorisations, a batch must name the latest (set below: the first one's seq).
            ("authorization_seq", { _ in }),
            ("version seq", { b in
                let t = b.transactions[0]
                b.transactions[0] = BatchTransaction(entryNumber: t.entryNumber, application: t.application, action: t.action,
                                                     versionSeq: t.versionSeq, versionHash: String(repeating: "0", count: 64))
            }),
            ("is missing from the batch", { $0.transactions.removeLast() }),
            ("action R should be A", { b in
                let t = b.transactions[0]
                b.transactions[0] = BatchTransaction(entryNumber: t.entryNumber, application: t.application, action: .replace,
                                                     versionSeq: t.versionSeq, versionHash: t.versionHash)
            }),
            ("batch_id", { $0.batchID = "B0007" }),
            ("manifest_sha256", { $0.manifestSHA256 = String(repeating: "1", count: 64) }),
        ]
        for (what, lie) in cases {
            let g = try ReplayFixture()
            try g.authorize()
            let firstAuthorization = try #require(try g.ledger.store.seqs(ofKind: "reconnect.authorize").first)
            if what == "authorization_seq" { try g.authorize() }
            var body = try honestBatch(g)
            lie(&body)
            if what == "authorization_seq" { body.authorizationSeq = firstAuthorization }
            let forged = try g.ledger.append(.replayBatch, body: body.json, signer: g.supervisor)
            let report = try verify(g)
            #expect(report.problems.contains { $0.seq == forged.seq && $0.message.contains(what) }, "\(what): \(report.problems)")
        }
    }
}
