import Foundation
import Testing

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// Replay records a batch before any of its files exists under its batch id (they are staged
/// in hidden folders until the record is in), and a recorded batch is rendered again from the
/// ledger byte for byte; a ledger older than what was sent refuses to replay.
@Suite struct RecordThenRender {
    func archive(_ f: ReplayFixture) -> String { BatchArchive.folder(forLedger: f.ledger.store.path) }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func aDryRunReadsOnlyAndNeedsNoWriteLock() throws {
        let f = try ReplayFixture()
        try f.authorize()
        // Another process holds the write lock: a dry run does not wait for it.
        let other = try LedgerStore.open(path: f.ledger.store.path)
        try other.executeRawSQLForTamperTest("BEGIN IMMEDIATE")
        defer { try? other.executeRawSQLForTamperTest("ROLLBACK") }
        let dry = try f.ledger.replay(outDir: nil, settings: f.settings, signer: nil, dryRun: true)
        #expect(dry.plan.items.count == 5 && dry.batches.count == 1)
        #expect(!FileManager.default.fileExists(atPath: archive(f)))
    }

    @Test func aBatchRecordedButNotWrittenIsWrittenByteForByteOnTheNextRunAndNotPlannedAgain() throws {
        let f = try ReplayFixture()
        try f.authorize()
        let first = try f.replay("b1")
        let id = try #require(first.batchIDs.first)
        let names = first.files.map(\.name) + ["manifest.json"]
        let original = try names.map { try bytes(archive(f) + "/\(id)/\($0)") }
        // As if killed after the commit and before the files: none of them exists.
        try FileManager.default.removeItem(atPath: archive(f))
        try FileManager.default.removeItem(atPath: f.dir + "/b1")
        #expect(try Verifier(trusting: f.supervisor.publicKey, batchFolder: archive(f)).verify(store: f.ledger.store).ok == false)

        // A password against the rules is refused, nothing written (any valid one renders the
        // same masked bytes: the archive and the hashes never depend on the password).
        var wrong = f.settings
        wrong.password = "OTHER"
        let e = #expect(throws: LedgerError.self) { try f.ledger.replay(outDir: f.dir + "/b1", settings: wrong, signer: f.supervisor, dryRun: false) }
        #expect(e?.description.contains("ABI password") == true)
        #expect(!FileManager.default.fileExists(atPath: archive(f) + "/\(id)/manifest.json"))

        let again = try f.replay("b1")
        #expect(again.batches.map(\.id) == [id] && again.batches.allSatisfy(\.resumed))
        #expect(again.plan.items.isEmpty, "its entries are not planned anew")
        #expect(try f.ledger.store.seqs(ofKind: "replay.batch").count == 1)
        #expect(try names.map { try bytes(archive(f) + "/\(id)/\($0)") } == original)
        // The transmission copy: the archived bytes with the password in the A record.
        #expect(try names.map { Data(ABIBatchSettings.masked([UInt8](try bytes(f.dir + "/b1/\(id)/\($0)")))) } == original)
        #expect(try Verifier(trusting: f.supervisor.publicKey, batchFolder: archive(f)).verify(store: f.ledger.store).ok)
        // Half-written: only the SE file there; the rest is written, nothing overwritten.
        try FileManager.default.removeItem(atPath: archive(f) + "/\(id)/manifest.json")
        try FileManager.default.removeItem(atPath: archive(f) + "/\(id)/\(first.files[1].name)")
        #expect(try f.replay("b1-again").batches.map(\.id) == [id])
        #expect(try names.map { try bytes(archive(f) + "/\(id)/\($0)") } == original)
    }

    func staged(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter(StagedBatch.isStagingName).sorted()
    }

    @Test func aBatchStagedButNeverRecordedIsInvisibleRemovedAndPlannedAgain() throws {
        let f = try ReplayFixture()
        try f.authorize()
        // As if killed after the files were staged and before the record: render and stage as
        // replay does, append nothing.
        var settings = f.settings
        settings.contact = try f.ledger.contact()
        let history = try ReplayHistory.load(f.ledger)
        _ = try f.ledger.planAndRender(history: history, settings: settings, dryRun: false) { r, body, _ in
            _ = try StagedBatch.stage(r, body: body, transmission: r.files.map(\.bytes), archive: archive(f), outDir: f.dir + "/b1")
        }
        #expect(staged(archive(f)).count == 1 && staged(f.dir + "/b1").count == 1)
        #expect(!FileManager.default.fileExists(atPath: archive(f) + "/B0001") && !FileManager.default.fileExists(atPath: f.dir + "/b1/B0001"))
        // Nothing reads a staging folder: the ledger verifies, an export leaves it out.
        #expect(try Verifier(trusting: f.supervisor.publicKey, batchFolder: archive(f)).verify(store: f.ledger.store).ok)
        _ = try BundleExport.export(ledger: f.ledger, to: f.dir + "/bundle")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: f.dir + "/bundle/batches")) ?? []).isEmpty)

        let r = try f.replay("b1")
        #expect(r.batchIDs == ["B0001"] && r.batches.allSatisfy { !$0.resumed })
        #expect(r.plan.items.count == 5)
        #expect(staged(archive(f)).isEmpty && staged(f.dir + "/b1").isEmpty, "leftovers removed")
        #expect(try f.ledger.store.seqs(ofKind: "replay.batch").count == 1)
        let recorded = try ReplayHistory.load(f.ledger).batches
        #expect(recorded.count == 1 && BatchArchive.check(recorded, folder: f.dir + "/b1", transmission: true).isEmpty)
        #expect(try Verifier(trusting: f.supervisor.publicKey, batchFolder: archive(f)).verify(store: f.ledger.store).ok)
    }

    @Test func aLinkNamedLikeAStagingFolderIsRemovedNeverFollowed() throws {
        let f = try ReplayFixture()
        try f.authorize()
        // Someone with write access to the shared --out plants a link named like a leftover
        // staging folder, pointing at a folder of theirs: the clean-up removes the link only.
        let victim = f.dir + "/victim"
        try FileManager.default.createDirectory(atPath: victim, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: victim + "/keep.txt"))
        try FileManager.default.createDirectory(atPath: f.dir + "/b1", withIntermediateDirectories: true)
        let link = f.dir + "/b1/.B0009" + StagedBatch.marker + "0123456789ab"
        #expect(symlink(victim, link) == 0)
        let r = try f.replay("b1")
        #expect(r.batchIDs == ["B0001"])
        #expect(staged(f.dir + "/b1").isEmpty, "the link is gone")
        #expect(FileManager.default.fileExists(atPath: victim + "/keep.txt"), "the folder it pointed at is untouched")
    }

    @Test func aBatchRecordedButNotPublishedIsWrittenFromItsRecordAndItsStagingRemoved() throws {
        let f = try ReplayFixture()
        try f.authorize()
        let first = try f.replay("b1")
        let id = try #require(first.batchIDs.first)
        let names = first.files.map(\.name) + ["manifest.json"]
        let original = try names.map { try bytes(archive(f) + "/\(id)/\($0)") }
        let sent = try names.map { try bytes(f.dir + "/b1/\(id)/\($0)") }
        // As if killed after the commit, before the staging folders were renamed: the files are
        // whole in their staging folders, not under the batch id.
        for folder in [archive(f), f.dir + "/b1"] {
            #expect(rename(folder + "/" + id, folder + "/." + id + StagedBatch.marker + "0123456789ab") == 0)
        }
        #expect(try Verifier(trusting: f.supervisor.publicKey, batchFolder: archive(f)).verify(store: f.ledger.store).ok == false)
        let again = try f.replay("b1")
        #expect(again.batches.map(\.id) == [id] && again.batches.allSatisfy(\.resumed))
        #expect(again.plan.items.isEmpty, "its entries are not planned anew")
        #expect(try names.map { try bytes(archive(f) + "/\(id)/\($0)") } == original)
        #expect(try names.map { try bytes(f.dir + "/b1/\(id)/\($0)") } == sent)
        #expect(staged(archive(f)).isEmpty && staged(f.dir + "/b1").isEmpty)
        #expect(try f.ledger.store.seqs(ofKind: "replay.batch").count == 1)
        #expect(try Verifier(trusting: f.supervisor.publicKey, batchFolder: archive(f)).verify(store: f.ledger.store).ok)
    }

    @Test func aLedgerOlderThanTheBatchesSentRefusesToReplayUntilTheyAreRecorded() throws {
        let f = try ReplayFixture()
        try f.authorize()
        let before = f.dir + "/before.db"
        try f.ledger.store.backup(to: before)  // a backup taken before the replay
        let first = try f.replay("b1")
        // The old ledger comes back (restore --force of that backup): the archive keeps B0001.
        try FileManager.default.removeItem(atPath: f.ledger.store.path)
        for s in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: f.ledger.store.path + s) }
        try FileManager.default.copyItem(atPath: before, toPath: f.ledger.store.path)
        let old = try Ledger.open(path: f.ledger.store.path)
        let e = #expect(throws: LedgerError.self) { try old.replay(outDir: f.dir + "/b2", settings: f.settings, signer: f.supervisor, dryRun: false) }
        #expect(e?.description.contains("does not record") == true)
        #expect(e?.problems.map(\.rule) == ["replay.unrecorded-batch"])
        #expect(e?.description.contains("move it aside") == false)
        #expect(try old.store.seqs(ofKind: "replay.batch").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: f.dir + "/b2"))

        // The supervisor records what ACE holds, from the batch's own folder.
        let (_, body) = try old.recordSentBatch(folder: archive(f) + "/B0001", signer: f.supervisor)
        #expect(body.batchID == "B0001" && body.files == first.files)
        let after = try old.replay(outDir: f.dir + "/b2", settings: f.settings, signer: f.supervisor, dryRun: false)
        #expect(after.plan.items.isEmpty && after.batches.isEmpty, "nothing is sent twice")
        let v = Verifier(trusting: f.supervisor.publicKey, batchFolder: archive(f))
        #expect(try v.verify(store: old.store).ok)
    }

    @Test func recordingABatchRefusesAnotherLedgersOrOneOutOfOrder() throws {
        let f = try ReplayFixture()
        try f.authorize()
        _ = try f.replay("b1")
        // Already recorded: B0001 is not the next batch.
        let e = #expect(throws: LedgerError.self) { try f.ledger.recordSentBatch(folder: f.dir + "/b1/B0001", signer: f.supervisor) }
        #expect(e?.description.contains("not the next batch") == true)
        let g = try ReplayFixture()
        try g.authorize()
        let e2 = #expect(throws: LedgerError.self) { try g.ledger.recordSentBatch(folder: f.dir + "/b1/B0001", signer: g.supervisor) }
        #expect(e2?.description.contains("not this ledger's") == true)
    }

    @Test func outInsideTheLedgersOwnFoldersIsRefused() throws {
        let f = try ReplayFixture()
        try f.authorize()
        _ = try f.replay("b1")
        for out in [archive(f), archive(f) + "/x", Evidence.folder(forLedger: f.ledger.store.path) + "/y"] {
            let e = #expect(throws: LedgerError.self) { try f.ledger.replay(outDir: out, settings: f.settings, signer: f.supervisor, dryRun: false) }
            #expect(e?.description.contains("inside the ledger's own folder") == true, "\(out)")
            let e2 = #expect(throws: BundleError.self) { try BundleExport.export(ledger: f.ledger, to: out) }
            #expect(e2?.description.contains("inside the ledger's own folder") == true, "\(out)")
        }
    }
}

