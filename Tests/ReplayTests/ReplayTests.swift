import Foundation
import Testing

@_spi(Testing) @testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// A ledger with entries logged, in a fresh folder.
final class ReplayFixture {
    let dir = NSTemporaryDirectory() + "el-replay-" + UUID().uuidString
    let supervisor = LedgerSigningKey(name: "Dana Whitfield")
    let clerk = LedgerSigningKey(name: "Alice Moreno")
    let reviewer = LedgerSigningKey(name: "CBP Reviewer")
    let ledger: Ledger
    let settings = ABIBatchSettings(siteCode: "EL01", senderID: "EL7", password: "SECRET", officeCode: "01", date: "2026-11-30")
    var numbers: [EntryNumber] = []

    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("samples/entries")

    static func sample(_ name: String) throws -> JSONValue {
        try JSONReader.parse([UInt8](try Data(contentsOf: samples.appendingPathComponent(name))))
    }

    init(samples names: [String] = ["01-vessel-continuous-3461-7501.json", "01-air-single-bond-3461-7501.json", "11-informal-truck.json"]) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        ledger = try Ledger.create(path: dir + "/entryledger.db", filer: "EL7", port: "4103", broker: "Harbor Point", supervisor: supervisor)
        try ledger.enroll(clerk.publicKey, proof: ProofOfPossession.make(clerk), signer: supervisor)
        numbers = try ledger.addEntries(try names.map(Self.sample), signer: clerk).map(\.1)
        try ledger.setContact(name: "DANA WHITFIELD", phone: "3125550142", signer: supervisor)
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    func authorize() throws { try ledger.authorize(AuthorizationBody(reference: "CBP-RECON-42", date: "2026-11-30", contact: "J. Ortiz"), signer: supervisor) }

    func replay(_ name: String, dryRun: Bool = false) throws -> ReplayResult {
        try ledger.replay(outDir: dir + "/" + name, settings: settings, signer: supervisor, dryRun: dryRun)
    }

    func sent(_ r: ReplayResult) -> [String] {
        r.plan.items.map { "\($0.action.rawValue) \($0.application.rawValue) \($0.entry.number.formatted)" }.sorted()
    }

    /// An ACE response file laid out as ACE sends it, echoing batch `batch` in A and B 60-80.
    func response(_ application: String, batch: String? = "B0001", _ records: [String]) throws -> String {
        let text = try ACEResponseWriter.file(application: application, senderID: "EL7", date: "2026-12-01", batchUserData: batch,
                                              blocks: [(port: "2704", filer: "EL7", userData: batch, records: records)])
        let path = dir + "/response-\(UUID().uuidString.prefix(6)).txt"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func cosignedCheckpoint(size: UInt64, reviewerName: String = "cbp-reviewer") throws -> (note: String, vkey: String) {
        let root = try MerkleTree(source: ledger.store).root(size: size)
        let cp = try Checkpoint(origin: ledger.origin, size: size, rootHash: root)
        var note = try cp.signed(by: supervisor, name: ledger.origin)
        try note.add(try Cosignature.sign(cp, key: reviewer, name: reviewerName, timestamp: 1_796_000_000).noteSignature)
        return (note.serialized, try NoteVerifierKey(name: reviewerName, type: .cosignatureV1, key: reviewer.publicKey).vkey)
    }
}

@Suite struct ExactlyOnce {
    @Test func replayIsRefusedWithoutAnAuthorisationButADryRunShowsThePlan() throws {
        let f = try ReplayFixture()
        let e = #expect(throws: LedgerError.self) { try f.replay("b1") }
        #expect(e?.description.contains("reconnection authorisation") == true)
        #expect(try f.ledger.store.seqs(ofKind: "replay.batch").isEmpty)
        let dry = try f.replay("dry", dryRun: true)
        #expect(f.sent(dry) == ["A AE EL7-1000001-8", "A AE EL7-1000006-7", "A SE EL7-1000001-8", "A SE EL7-1000006-7", "A SE EL7-1000008-3"])
        #expect(dry.batches.allSatisfy { $0.record == nil })
        #expect(try f.ledger.store.seqs(ofKind: "replay.batch").isEmpty)
    }

    @Test func replayAckRejectionAmendReplayVoidReplaySendsEachChangeOnce() throws {
        let f = try ReplayFixture()
        try f.authorize()
        let first = try f.replay("b1")
        #expect(first.batchIDs == ["B0001"])
        #expect(first.plan.items.count == 5)
        // ACE rejects the vessel entry's cargo release and accepts everything else.
        let (vessel, air, truck) = (f.numbers[0], f.numbers[1], f.numbers[2])
        let sx = try f.response("SX", try ACEResponseWriter.sx(vessel, entryType: "01", messageType: "01", recordConditions: [("123", "CONVEYANCE NAME DOES NOT MATCH MANIFEST")], narrative: "MESSAGE REJECTED")
            + ACEResponseWriter.sx(air, entryType: "01", messageType: "02", narrative: "MESSAGE ACCEPTED")
            + ACEResponseWriter.sx(truck, entryType: "11", messageType: "02", narrative: "MESSAGE ACCEPTED"))
        let ax = try f.response("AX", try ACEResponseWriter.ax(vessel, brokerReference: "K4471", accepted: true)
            + ACEResponseWriter.ax(air, brokerReference: "K4476", accepted: true))
        _ = try f.ledger.ack(file: ax, signer: f.supervisor)
        let resp = sx
        let body = try f.ledger.ack(file: resp, signer: f.supervisor).body
        #expect(body.results.filter(\.rejected).map(\.entryNumber) == [vessel.formatted])
        #expect(body.unmatched.isEmpty)
        // Nothing changed: nothing to send; the rejected one waits for its amendment.
        let idle = try f.replay("b2")
        #expect(idle.batches.isEmpty && idle.plan.items.isEmpty)
        #expect(idle.plan.skipped.contains { $0.entryNumber == vessel.formatted && $0.reason.contains("amend it to send it again") })
        // The amendment sends the rejected entry again as an add (ACE holds nothing of it to
        // replace); the accepted AE part of the same entry goes as a replace, since its data changed.
        let amended = try ReplayFixture.sample("01-vessel-continuous-3461-7501.json").setting("conveyance_name", "MAERSK ESSEX")
        try f.ledger.amendEntry(amended, reason: "vessel name from the manifest", signer: f.clerk)
        let second = try f.replay("b3")
        #expect(second.batchIDs == ["B0002"])
        #expect(f.sent(second) == ["A SE EL7-1000001-8", "R AE EL7-1000001-8"])
        // Voiding an accepted entry sends a delete, once.
        try f.ledger.voidEntry(truck, reason: "cancelled", signer: f.clerk)
        let third = try f.replay("b4")
        #expect(f.sent(third) == ["D SE \(truck.formatted)"])
        let idleAgain = try f.replay("b5")
        #expect(idleAgain.plan.items.isEmpty && idleAgain.batches.isEmpty)
        #expect(try Verifier(trusting: f.supervisor.publicKey).verify(store: f.ledger.store).ok)
    }

    @Test func theBatchRecordHoldsTheFilesAndManifestHashes() throws {
        let f = try ReplayFixture()
        try f.authorize()
        let r = try f.replay("b1")
        let seq = try #require(r.batches.first?.record?.seq)
        let h = try RecordHeader(payload: try #require(try f.ledger.store.record(at: seq)).record.payload)
        let body = try BatchBody(json: h.body)
        for file in body.files {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: f.dir + "/b1/B0001/" + file.name))
            // The record hashes the archived form (password masked), not the transmission copy.
            #expect(try Evidence.digest(of: BatchArchive.folder(forLedger: f.ledger.store.path) + "/B0001/" + file.name).sha256 == file.sha256)
            #expect(try Evidence.digest(of: f.dir + "/b1/B0001/" + file.name).sha256 != file.sha256)
            // Every line 80 columns, upper-case ASCII.
            for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") { #expect(line.utf8.count == 80) }
        }
        let manifest = try Data(contentsOf: URL(fileURLWithPath: f.dir + "/b1/B0001/manifest.json"))
        #expect(try Evidence.digest(of: f.dir + "/b1/B0001/manifest.json").sha256 == body.manifestSHA256)
        let m = try JSONReader.parse([UInt8](manifest))
        #expect(m["entries"]?.arrayValue?.count == 5)
        #expect(!String(decoding: manifest, as: UTF8.self).contains("SECRET"))
        // The password is in the A record only, never in the ledger.
        var all: [UInt8] = []
        try f.ledger.store.forEachChunk { rs in rs.forEach { all += $0.record.payload }; return true }
        #expect(!String(decoding: all, as: UTF8.self).contains("SECRET"))
    }

    @Test func twoReplaysOfTheSameLedgerGiveIdenticalBytes() throws {
        let f = try ReplayFixture()
        try f.authorize()
        let a = try f.replay("dry-a", dryRun: true)
        let b = try f.replay("dry-b", dryRun: true)
        #expect(!a.files.isEmpty)
        #expect(a.files.map(\.sha256) == b.files.map(\.sha256))
        // A dry run only reads: no folder, no record.
        #expect(!FileManager.default.fileExists(atPath: f.dir + "/dry-a"))
        #expect(try f.ledger.store.seqs(ofKind: "replay.batch").isEmpty)
        let real = try f.replay("real")
        #expect(real.files.map(\.sha256) == a.files.map(\.sha256))
    }
}

@Suite struct AuthorisedCheckpoint {
    @Test func entriesLoggedAfterTheAuthorisedCheckpointAreNotReplayed() throws {
        let f = try ReplayFixture()
        let size = UInt64(try f.ledger.store.count())
        let (note, vkey) = try f.cosignedCheckpoint(size: size)
        let late = try f.ledger.addEntries([try ReplayFixture.sample("21-warehouse-vessel.json")], signer: f.clerk)[0].1
        let root = try MerkleTree(source: f.ledger.store).root(size: size)
        try f.ledger.authorize(AuthorizationBody(reference: "CBP-RECON-42", date: "2026-11-30", contact: "J. Ortiz", checkpointSize: Int64(size),
                                                 checkpointRoot: Base64.encode(root), checkpointNote: note, reviewerKey: vkey), signer: f.supervisor)
        let r = try f.replay("b1")
        #expect(r.plan.cutoff == Int64(size))
        #expect(!r.plan.items.contains { $0.entry.number == late })
        #expect(r.plan.excludedAfterCutoff == [late.formatted])
        #expect(try Verifier(trusting: f.supervisor.publicKey).verify(store: f.ledger.store).ok)
    }

    @Test func aCheckpointCosignedByAnUnknownKeyOrForAnotherLedgerIsRefused() throws {
        let f = try ReplayFixture()
        let size = UInt64(try f.ledger.store.count())
        let (note, _) = try f.cosignedCheckpoint(size: size)
        let stranger = try NoteVerifierKey(name: "cbp-reviewer", type: .cosignatureV1, key: LedgerSigningKey(name: "x").publicKey).vkey
        let root = Base64.encode(try MerkleTree(source: f.ledger.store).root(size: size))
        let e = #expect(throws: LedgerError.self) {
            try f.ledger.authorize(AuthorizationBody(reference: "R", date: "2026-11-30", contact: "", checkpointSize: Int64(size), checkpointRoot: root,
                                                     checkpointNote: note, reviewerKey: stranger), signer: f.supervisor)
        }
        #expect(e?.description.contains("no valid cosignature by the reviewer key") == true, "\(String(describing: e))")
        // A checkpoint of a ledger that was changed afterwards (another root at that size).
        let other = try ReplayFixture()
        let (otherNote, otherKey) = try other.cosignedCheckpoint(size: size)
        let e2 = #expect(throws: LedgerError.self) {
            try f.ledger.authorize(AuthorizationBody(reference: "R", date: "2026-11-30", contact: "", checkpointSize: Int64(size), checkpointRoot: root,
                                                     checkpointNote: otherNote, reviewerKey: otherKey), signer: f.supervisor)
        }
        #expect(e2?.description.contains("not this ledger") == true)
        #expect(try ReplayHistory.load(f.ledger).authorizations.isEmpty)
    }
}

@Suite struct AuthorisationInVerify {
    @Test func verifyNamesAnAuthorisationWhoseCheckpointIsNotThisLedgersHistory() throws {
        let f = try ReplayFixture()
        let size = UInt64(try f.ledger.store.count())
        #expect(try Verifier(trusting: f.supervisor.publicKey).verify(store: f.ledger.store).ok)
        // Right origin and size, another root: signed by the supervisor, cosigned by the reviewer.
        let other = [UInt8](repeating: 0xAB, count: 32)
        let cp = try Checkpoint(origin: f.ledger.origin, size: size, rootHash: other)
        var note = try cp.signed(by: f.supervisor, name: f.ledger.origin)
        try note.add(try Cosignature.sign(cp, key: f.reviewer, name: "cbp-reviewer", timestamp: 1_796_000_000).noteSignature)
        let vkey = try NoteVerifierKey(name: "cbp-reviewer", type: .cosignatureV1, key: f.reviewer.publicKey).vkey
        let body = AuthorizationBody(reference: "R", date: "2026-11-30", contact: "", checkpointSize: Int64(size),
                                     checkpointRoot: Base64.encode(other), checkpointNote: note.serialized, reviewerKey: vkey)
        let refused = #expect(throws: LedgerError.self) { try f.ledger.authorize(body, signer: f.supervisor) }
        #expect(refused?.description.contains("not this ledger's root") == true)
        // Written past the command, as someone holding the supervisor's key could.
        let seq = try f.ledger.append(.reconnectAuthorize, body: body.json, signer: f.supervisor).seq
        let r = try Verifier(trusting: f.supervisor.publicKey).verify(store: f.ledger.store)
        #expect(r.problems.map(\.seq) == [seq])
        #expect(r.problems.first?.message.contains("a different history") == true)
        // With the ledger's true root, verify is content.
        let g = try ReplayFixture()
        let (goodNote, goodKey) = try g.cosignedCheckpoint(size: size)
        let root = try MerkleTree(source: g.ledger.store).root(size: size)
        try g.ledger.authorize(AuthorizationBody(reference: "R", date: "2026-11-30", contact: "", checkpointSize: Int64(size), checkpointRoot: Base64.encode(root),
                                                 checkpointNote: goodNote, reviewerKey: goodKey), signer: g.supervisor)
        #expect(try Verifier(trusting: g.supervisor.publicKey).verify(store: g.ledger.store).ok)
    }
}

@Suite struct Acknowledgements {
    @Test func unmatchedAndMalformedResponsesAreReportedAndMalformedOnesChangeNothing() throws {
        let f = try ReplayFixture()
        try f.authorize()
        _ = try f.replay("b1")
        let before = try f.ledger.store.count()
        let stranger = try EntryNumber(filerCode: "EL7", serial: 9_999_999)
        let onlyUnmatched = try f.response("SX", try ACEResponseWriter.sx(stranger, entryType: "01", messageType: "02", narrative: "MESSAGE ACCEPTED"))
        let e = #expect(throws: LedgerError.self) { try f.ledger.ack(file: onlyUnmatched, signer: f.supervisor) }
        #expect(e?.description.contains("no batch of this ledger sent") == true)
        let bad = f.dir + "/bad.txt"
        try "SX10 too short\n".write(toFile: bad, atomically: true, encoding: .utf8)
        #expect(throws: LedgerError.self) { try f.ledger.ack(file: bad, signer: f.supervisor) }
        // One entry this ledger never sent refuses the whole file: nothing of it is recorded.
        let mixed = try f.response("SX", try ACEResponseWriter.sx(f.numbers[0], entryType: "01", messageType: "02", narrative: "MESSAGE ACCEPTED")
            + ACEResponseWriter.sx(stranger, entryType: "01", messageType: "02", narrative: "MESSAGE ACCEPTED"))
        let m = #expect(throws: LedgerError.self) { try f.ledger.ack(file: mixed, signer: f.clerk) }
        #expect(m?.description.contains(stranger.formatted) == true)
        // A batch id this ledger never sent is refused too.
        let otherBatch = try f.response("SX", batch: "B0042", try ACEResponseWriter.sx(f.numbers[0], entryType: "01", messageType: "02", narrative: "MESSAGE ACCEPTED"))
        let b = #expect(throws: LedgerError.self) { try f.ledger.ack(file: otherBatch, signer: f.clerk) }
        #expect(b?.description.contains("B0042") == true)
        #expect(try f.ledger.store.count() == before)
        // An unknown record id is reported, never guessed, and the rest is recorded.
        let unknown = try f.response("SX", try ACEResponseWriter.sx(f.numbers[0], entryType: "01", messageType: "02", narrative: "MESSAGE ACCEPTED")
            + ["SE99" + String(repeating: " ", count: 76)])
        let body = try f.ledger.ack(file: unknown, signer: f.clerk).body
        #expect(body.results.map(\.entryNumber) == [f.numbers[0].formatted])
        #expect(body.unmatched.count == 1 && body.unmatched[0].contains("unknown record id 'SE99'"))
    }
}

@Suite struct Reports {
    @Test func csvAndJsonContainEveryEntryAndHTMLEscapesText() throws {
        let f = try ReplayFixture(samples: ["01-vessel-continuous-3461-7501.json", "01-air-single-bond-3461-7501.json", "11-informal-truck.json", "21-warehouse-vessel.json"])
        try f.ledger.releaseEntry(EntryRelease(entryNumber: f.numbers[0], date: "2026-11-28", port: "2704", reference: "STAMP <2704> & co"), signer: f.clerk)
        try f.authorize()
        _ = try f.replay("b1")
        let a = try Accounting.load(f.ledger, now: Timestamp.parse("2026-12-01T00:00:00Z")!)
        let csv = Report.render(a, as: .csv)
        let json = try JSONReader.parse(Report.render(a, as: .json))
        for n in f.numbers {
            #expect(csv.contains(n.formatted))
            #expect(json["entries"]?.arrayValue?.contains { $0["entry_number"]?.stringValue == n.formatted } == true)
        }
        #expect(json["entries"]?.arrayValue?.count == 4)
        let csvLines: Int = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count
        #expect(csvLines == 1 + a.entries.count)
        let html = Report.render(a, as: .html)
        #expect(html.contains("STAMP &lt;2704&gt; &amp; co"))
        #expect(!html.contains("<2704>"))
        #expect(html.components(separatedBy: "<tr data-entry=").count - 1 == 4)
        #expect(a.counts.first { $0.0 == "released on paper" }?.1 == 1)
        #expect(a.unaccounted.count == 4)
    }
}

extension JSONValue {
    /// The object with one top-level member replaced.
    func setting(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(var o) = self else { return self }
        o[key] = value
        return .object(o)
    }
}

@Suite struct BackupsCarryBatches {
    @Test func aBackupRestoresTheReplayBatchesAndTheyVerify() throws {
        let f = try ReplayFixture()
        try f.authorize()
        let r = try f.replay("b1")
        let archive = f.dir + "/offsite.elbackup"
        try Backup.create(ledger: f.ledger, to: archive, passphrase: "pw", scrypt: .init(logN: 10, r: 8, p: 1))
        try FileManager.default.createDirectory(atPath: f.dir + "/restored", withIntermediateDirectories: true)
        let dest = f.dir + "/restored/entryledger.db"
        try Backup.restore(from: archive, to: dest, passphrase: "pw", trusting: f.supervisor.publicKey)
        let batchID = try #require(r.batchIDs.first)
        for file in r.files.map(\.name) + ["manifest.json"] {
            #expect(try Data(contentsOf: URL(fileURLWithPath: BatchArchive.folder(forLedger: dest) + "/\(batchID)/\(file)"))
                    == Data(contentsOf: URL(fileURLWithPath: BatchArchive.folder(forLedger: f.ledger.store.path) + "/\(batchID)/\(file)")))
        }
        let v = Verifier(trusting: f.supervisor.publicKey, batchFolder: BatchArchive.folder(forLedger: dest))
        #expect(try v.verify(store: try LedgerStore.open(path: dest)).ok)
        #expect(Backup.isSafeMember("batches/B0001/B0001-SE.abi") && Backup.isSafeMember("evidence/abc-x.pdf"))
        for bad in ["batches/../x", "evidence/a/b", "batches/B1", "../ledger.db", "evidence/.hidden", "other/x"] { #expect(!Backup.isSafeMember(bad), "\(bad)") }
    }
}

@Suite struct LargeReplays {
    @Test func aReplayOfMoreThanOneBatchSplitsIntoWholeEntriesAndRecordsThemAll() throws {
        let f = try ReplayFixture(samples: [])
        guard case .object(let sample) = try ReplayFixture.sample("01-vessel-continuous-3461-7501.json") else { Issue.record("sample"); return }
        let n = Ledger.maxEntriesPerBatch + 205
        let entries: [JSONValue] = try (0..<n).map { i in
            var o = sample
            o["entry_number"] = .string(try EntryNumber(filerCode: "EL7", serial: 3_000_000 + i).formatted)
            return .object(o)
        }
        try f.ledger.addEntries(entries, signer: f.clerk)
        try f.authorize()
        let rendered = RenderedBatchCount()
        let r = try RenderedBatchCount.$current.withValue(rendered) { try f.replay("big") }
        #expect(r.batchIDs == ["B0001", "B0002"])
        // Memory bounded by one batch, not by the entries: each batch rendered once, its files
        // staged as they are hashed (no personal data to open for the --out copy), and never
        // more than one batch's bytes in memory at a time.
        #expect(rendered.rendered == r.batches.count)
        #expect(rendered.mostAlive == 1)
        #expect(rendered.aliveNow == 0)
        #expect(r.batches.allSatisfy { $0.record != nil })
        #expect(r.plan.items.count == 2 * n)
        let bodies = try f.ledger.store.seqs(ofKind: "replay.batch").map { seq in
            try BatchBody(json: try RecordHeader(payload: try #require(try f.ledger.store.record(at: seq)).record.payload).body)
        }
        #expect(bodies.map { Set($0.transactions.map(\.entryNumber)).count } == [Ledger.maxEntriesPerBatch, 205])
        // An entry's SE and AE travel in the same batch; every entry exactly once overall.
        let perEntry = Dictionary(grouping: bodies.flatMap { b in b.transactions.map { ($0.entryNumber, b.batchID) } }, by: \.0)
        #expect(perEntry.count == n && perEntry.values.allSatisfy { Set($0.map(\.1)).count == 1 && $0.count == 2 })
        for b in r.batches {
            #expect(FileManager.default.fileExists(atPath: f.dir + "/big/\(b.id)/manifest.json"))
        }
        #expect(try f.replay("again").batches.isEmpty)
        let v = Verifier(trusting: f.supervisor.publicKey, batchFolder: BatchArchive.folder(forLedger: f.ledger.store.path))
        #expect(try v.verify(store: f.ledger.store).ok)
    }
}

@Suite struct ReplayVerifiesOnce {
    @Test func aReplayWalksTheLedgerOnceAndADryRunOnce() throws {
        let f = try ReplayFixture()
        try f.authorize()
        _ = try f.ledger.appendCheckpoint(signer: f.supervisor)
        var walks = f.ledger.verificationWalks
        _ = try f.replay("dry", dryRun: true)
        #expect(f.ledger.verificationWalks == walks + 1)
        walks = f.ledger.verificationWalks
        let r = try f.replay("real")
        #expect(!r.batches.isEmpty)
        #expect(f.ledger.verificationWalks == walks + 1, "verified once, under the write lock, before the batch record")
    }
}

extension ReplayVerifiesOnce {
    /// A replay interrupted after recording its batch: the archive holds none of its files.
    func interrupted() throws -> (ReplayFixture, batchID: String) {
        let f = try ReplayFixture()
        try f.authorize()
        let r = try f.replay("first")
        let id = try #require(r.batchIDs.first)
        try FileManager.default.removeItem(atPath: BatchArchive.folder(forLedger: f.ledger.store.path) + "/" + id)
        return (f, id)
    }

    @Test func aResumedReplayWalksTheLedgerOnceBeforeItWritesAnything() throws {
        let (f, id) = try interrupted()
        let walks = f.ledger.verificationWalks
        let r = try f.replay("again")
        #expect(r.batches.first?.resumed == true)
        #expect(FileManager.default.fileExists(atPath: BatchArchive.folder(forLedger: f.ledger.store.path) + "/" + id + "/manifest.json"))
        #expect(f.ledger.verificationWalks == walks + 1)
    }

    @Test func aResumedReplayOverAnEditedLedgerWritesNothing() throws {
        let (f, id) = try interrupted()
        try f.ledger.store.executeRawSQLForTamperTest("""
            DROP TRIGGER records_refuse_update;
            UPDATE records SET signature = zeroblob(64) WHERE seq = (SELECT max(seq) FROM records WHERE kind = 'replay.batch');
            """)
        #expect(throws: LedgerNotVerified.self) { try f.replay("again") }
        #expect(!FileManager.default.fileExists(atPath: f.dir + "/again/" + id))
        #expect(!FileManager.default.fileExists(atPath: BatchArchive.folder(forLedger: f.ledger.store.path) + "/" + id))
    }
}
