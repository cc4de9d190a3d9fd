import Foundation
import Testing

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// `ack` records each ACE response once: the same file again (or the same answers under the
/// same batch control header) writes nothing, so an old answer never overwrites a newer one.
@Suite struct IdempotentAck {
    func vesselAnswer(_ f: ReplayFixture, rejected: Bool) throws -> String {
        let vessel = f.numbers[0]
        let records = rejected
            ? try ACEResponseWriter.sx(vessel, entryType: "01", messageType: "01", recordConditions: [("123", "CONVEYANCE NAME DOES NOT MATCH MANIFEST")],
                                       narrative: "MESSAGE REJECTED")
            : try ACEResponseWriter.sx(vessel, entryType: "01", messageType: "02", narrative: "MESSAGE ACCEPTED")
        return try f.response("SX", records)
    }

    func latest(_ f: ReplayFixture) throws -> ResponseBody.Result? {
        try ReplayHistory.load(f.ledger).lastResult(f.numbers[0].formatted, .cargoRelease, after: 0)
    }

    @Test func theSameResponseFileTwiceIsRecordedOnceAndNeverFlipsANewerAnswer() throws {
        let f = try ReplayFixture()
        try f.authorize()
        _ = try f.replay("b1")
        let rejection = try vesselAnswer(f, rejected: true)
        let first = try f.ledger.ack(file: rejection, signer: f.supervisor)
        #expect(first.alreadyRecordedAt == nil && first.records.count == 1)
        #expect(try latest(f)?.rejected == true)
        let acceptance = try vesselAnswer(f, rejected: false)
        _ = try f.ledger.ack(file: acceptance, signer: f.supervisor)
        #expect(try latest(f)?.rejected == false)
        let count = try f.ledger.store.count()
        let again = try f.ledger.ack(file: rejection, signer: f.supervisor)
        #expect(again.alreadyRecordedAt == first.records[0].seq && again.records.isEmpty)
        #expect(try f.ledger.store.count() == count, "nothing written")
        #expect(try latest(f)?.rejected == false, "the accepted entry stays accepted")
    }

    @Test func theSameAnswersUnderTheSameBatchControlHeaderAreRecordedOnce() throws {
        let f = try ReplayFixture()
        try f.authorize()
        _ = try f.replay("b1")
        let lf = try vesselAnswer(f, rejected: true)
        let first = try f.ledger.ack(file: lf, signer: f.supervisor)
        #expect(first.body.control?.hasPrefix("A") == true, "\(first.body.control ?? "no control")")
        // The same file with CRLF line ends: another SHA-256, the same answers.
        let crlf = f.dir + "/crlf.txt"
        try Data(String(decoding: try Data(contentsOf: URL(fileURLWithPath: lf)), as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)
            .write(to: URL(fileURLWithPath: crlf))
        let again = try f.ledger.ack(file: crlf, signer: f.supervisor)
        #expect(again.alreadyRecordedAt == first.records[0].seq && again.records.isEmpty)
        // Another answer under the same header is a new response, recorded.
        let accepted = try vesselAnswer(f, rejected: false)
        #expect(try f.ledger.ack(file: accepted, signer: f.supervisor).records.count == 1)
    }

    @Test func aResponseLargerThanOneRecordIsRecordedInPartsInOneTransaction() throws {
        let f = try ReplayFixture()
        try f.authorize()
        _ = try f.replay("b1")
        // 12,000 answers with a message each: over 1 MiB as one record.
        let results = try (0..<12_000).map { i in
            ResponseBody.Result(entryNumber: try EntryNumber(filerCode: "EL7", serial: 5_000_000 + i).formatted, application: .entrySummary,
                                outcome: "rejected", rejected: true, messages: ["F 123 LINE 001 HTS NUMBER NOT VALID FOR THE DATE OF ENTRY, REVIEW TARIFF"])
        }
        let body = ResponseBody(fileName: "big.txt", fileSHA256: String(repeating: "ab", count: 32), results: results, batchErrors: [], unmatched: [])
        #expect(try CanonicalJSON.encode(body.json).count > RecordFormat.maxPayloadBytes)
        let parts = body.parts(maxResults: Ledger.maxResultsPerResponseRecord)
        #expect(parts.count == 6 && parts.map { $0.part?.index ?? 0 } == [1, 2, 3, 4, 5, 6])
        let appended = try f.ledger.appendAll(parts.map { (.aceResponse, $0.json) }, signer: f.supervisor)
        #expect(appended.count == 6)
        let history = try ReplayHistory.load(f.ledger)
        #expect(history.responses.flatMap(\.body.results).count == 12_000)
        #expect(Set(history.responses.map(\.body.fileSHA256)).count == 1)
        #expect(try Verifier(trusting: f.supervisor.publicKey).verify(store: f.ledger.store).ok)
    }
}
