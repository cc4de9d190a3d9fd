import Foundation
import Testing

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// verify reads every archived ACE response file again with `ack`'s reader and matcher: an
/// `ace.response` signed by the supervisor that says anything else than its file (an
/// acceptance the file does not give, a rejection left out, another batch) is named by rule.
@Suite struct ResponseReRead {
    func verify(_ f: ReplayFixture) throws -> VerificationReport {
        let path = f.ledger.store.path
        return try LedgerAudit.run(source: .store(f.ledger.store), trusting: f.supervisor.publicKey, checkpoints: [],
                                   evidenceFolder: nil, batchFolder: BatchArchive.folder(forLedger: path),
                                   responseFolder: ResponseArchive.folder(forLedger: path)).report
    }

    /// A replayed ledger with ACE's rejection of the vessel entry's cargo release acked.
    func acked() throws -> (ReplayFixture, Ledger.AckOutcome) {
        let f = try ReplayFixture()
        try f.authorize()
        _ = try f.replay("b1")
        let sx = try ACEResponseWriter.sx(f.numbers[0], entryType: "01", messageType: "01",
                                          recordConditions: [("123", "CONVEYANCE NAME DOES NOT MATCH MANIFEST")], narrative: "MESSAGE REJECTED")
        let outcome = try f.ledger.ack(file: try f.response("SX", sx), signer: f.supervisor)
        #expect(outcome.records.count == 1)
        return (f, outcome)
    }

    /// The recorded body changed by `lie`, appended again with the supervisor's key (the
    /// library's append path: its rules cannot know the file), pointing at the same file.
    func forge(_ f: ReplayFixture, _ body: ResponseBody, _ lie: (inout ResponseBody) -> Void) throws -> Int64 {
        var b = body
        lie(&b)
        return try f.ledger.append(.aceResponse, body: b.json, signer: f.supervisor).seq
    }

    @Test func anHonestAckVerifiesAndEachLieAboutItsFileIsNamedByRule() throws {
        let (h, _) = try acked()
        let honest = try verify(h)
        #expect(honest.ok, "\(honest.problems)")

        let cases: [(rule: String, lie: (inout ResponseBody) -> Void)] = [
            // The rejection turned into an acceptance.
            ("ace.response-results", { b in
                let r = b.results[0]
                b.results[0] = .init(entryNumber: r.entryNumber, application: r.application, outcome: "accepted", rejected: false, messages: r.messages)
            }),
            // The rejection left out.
            ("ace.response-results", { $0.results = [] }),
            // A message ACE did not give.
            ("ace.response-messages", { b in
                let r = b.results[0]
                b.results[0] = .init(entryNumber: r.entryNumber, application: r.application, outcome: r.outcome, rejected: r.rejected, messages: ["ALL FINE"])
            }),
            ("ace.response-conditions", { $0.unmatched = ["line 9: nothing"] }),
            ("ace.response-control", { $0.control = "A" + String(repeating: " ", count: 79) }),
            ("ace.response-parts", { $0.part = (2, 2) }),
            // The same file recorded again, word for word: an old answer replayed over a newer one.
            ("ace.response-once", { _ in }),
            ("ace.response-file-sha256", { $0.fileSHA256 = String(repeating: "0", count: 64) }),
        ]
        for (rule, lie) in cases {
            let (f, outcome) = try acked()
            let seq = try forge(f, outcome.body, lie)
            let report = try verify(f)
            #expect(report.problems.contains { $0.seq == seq && $0.rule == (rule == "ace.response-file-sha256" ? "ace.response-file-missing" : rule) },
                    "\(rule): \(report.problems)")
            // The commands that sign over the ledger refuse it, naming the seq.
            let e = #expect(throws: LedgerNotVerified.self) { try f.ledger.appendCheckpoint(signer: f.supervisor) }
            #expect(e?.description.contains("seq \(seq):") == true)
        }
    }

    @Test func aResponseFileNamingABatchNotSentBeforeTheRecordIsNamed() throws {
        let (f, outcome) = try acked()
        // The same answer, echoing a batch id this ledger never recorded, archived and recorded as it says.
        let sx = try ACEResponseWriter.sx(f.numbers[0], entryType: "01", messageType: "02", narrative: "MESSAGE ACCEPTED")
        let path = try f.response("SX", batch: "B0009", sx)
        let data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var body = outcome.body
        body.fileName = "forged.txt"
        body.fileSHA256 = try Evidence.digest(of: path).sha256
        body.control = Ledger.batchControl(data)
        body.results = [.init(entryNumber: f.numbers[0].formatted, application: .cargoRelease, outcome: "accepted", rejected: false, messages: ["MESSAGE ACCEPTED"])]
        try ResponseArchive.store(data, body: body, ledgerPath: f.ledger.store.path)
        let seq = try f.ledger.append(.aceResponse, body: body.json, signer: f.supervisor).seq
        let report = try verify(f)
        #expect(report.problems.contains { $0.seq == seq && $0.rule == "ace.response-batch" && $0.message.contains("B0009") }, "\(report.problems)")
    }

    @Test func aMissingOrChangedResponseFileIsNamed() throws {
        let (f, outcome) = try acked()
        let seq = try #require(outcome.records.first?.seq)
        let path = ResponseArchive.folder(forLedger: f.ledger.store.path) + "/" + ResponseArchive.storedName(outcome.body)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count - 3] = UInt8(ascii: "Q")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try verify(f).problems.contains { $0.seq == seq && $0.rule == "ace.response-file-sha256" })
        try FileManager.default.removeItem(atPath: path)
        #expect(try verify(f).problems.contains { $0.seq == seq && $0.rule == "ace.response-file-missing" })
    }

    /// An SX file answering the vessel entry `count` times (ACE may repeat an answer): more
    /// than 2,000 results, so `ack` records it in parts.
    func manyAnswers(_ f: ReplayFixture, _ count: Int) throws -> String {
        let one = try ACEResponseWriter.sx(f.numbers[0], entryType: "01", messageType: "02", narrative: "MESSAGE ACCEPTED")
        return try f.response("SX", Array(repeating: one, count: count).flatMap { $0 })
    }

    @Test func aResponseRecordedInPartsIsReadAgainWholeAndAWrongSplitIsNamed() throws {
        let f = try ReplayFixture()
        try f.authorize()
        _ = try f.replay("b1")
        let honest = try f.ledger.ack(file: try manyAnswers(f, 2_500), signer: f.supervisor)
        #expect(honest.records.count == 2 && honest.body.results.count == 2_500)
        let report = try verify(f)
        #expect(report.ok, "\(report.problems.prefix(3))")
        // Another file of 2,400 answers, recorded by the supervisor as 1,500 + 900: the same
        // answers, not the split ack makes.
        let path = try manyAnswers(f, 2_400)
        let data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var body = honest.body
        body.fileName = "split.txt"
        body.fileSHA256 = try Evidence.digest(of: path).sha256
        body.control = Ledger.batchControl(data)
        body.results = Array(body.results.prefix(2_400))
        try ResponseArchive.store(data, body: body, ledgerPath: f.ledger.store.path)
        let parts = body.parts(maxResults: 1_500)
        let appended = try f.ledger.appendAll(parts.map { (.aceResponse, $0.json) }, signer: f.supervisor)
        let after = try verify(f)
        #expect(after.problems.contains { $0.seq == appended[0].seq && $0.rule == "ace.response-parts" }, "\(after.problems)")
        #expect(after.problems.allSatisfy { $0.seq == appended[0].seq }, "the honest parts stay whole: \(after.problems)")
    }

    @Test func ackRefusesALedgerThatDoesNotVerifyAndWritesNothing() throws {
        let f = try ReplayFixture()
        try f.authorize()
        _ = try f.replay("b1")
        // An entry's index row edited through SQL: the derived table no longer matches the records.
        try f.ledger.store.executeRawSQLForTamperTest("UPDATE entries SET voided_seq = 1 WHERE rowid = (SELECT min(rowid) FROM entries)")
        let count = try f.ledger.store.count()
        let sx = try ACEResponseWriter.sx(f.numbers[0], entryType: "01", messageType: "02", narrative: "MESSAGE ACCEPTED")
        #expect(throws: LedgerNotVerified.self) { try f.ledger.ack(file: try f.response("SX", sx), signer: f.supervisor) }
        #expect(try f.ledger.store.count() == count, "a refused ack wrote a record")
        let archived = (try? FileManager.default.contentsOfDirectory(atPath: ResponseArchive.folder(forLedger: f.ledger.store.path))) ?? []
        #expect(archived.isEmpty, "a refused ack kept a copy of the file: \(archived)")
    }
}
