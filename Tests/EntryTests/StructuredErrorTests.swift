import Foundation
import Testing

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// Errors a program can match: each problem names its seq, field, value and rule, and each
/// error says whether it is bad input (2) or a failed check (1).
@Suite struct StructuredErrors {
    @Test func aRefusedDuplicateNamesTheRuleTheFieldAndTheSeqItWouldHaveHad() throws {
        let f = try EntryLedgerFixture()
        try f.ledger.addEntries([Repo.sample(vesselSample)], signer: f.clerk)
        let next = try f.count()
        let e = try #require(throws: LedgerError.self) { try f.ledger.addEntries([Repo.sample(vesselSample)], signer: f.clerk) }
        guard case .refused(let problems) = e else { Issue.record("expected refused, got \(e)"); return }
        let p = try #require(problems.first { $0.rule == "entry.number-used" })
        #expect(p.seq == next)
        #expect(p.field == "entry.entry_number")
        #expect(e.exitCategory == .input)
        #expect(try f.count() == next)
    }

    @Test func everyProblemOfABadEntryCarriesItsPathValueAndRule() throws {
        let f = try EntryLedgerFixture()
        let bad = Repo.sample(airSample).setting("lines[0].hts", to: "8471.30").setting("entry_number", to: "EL7-1000001-5")
        let e = try #require(throws: LedgerError.self) { try f.ledger.addEntries([bad], signer: f.clerk) }
        let problems = e.problems
        let hts = try #require(problems.first { $0.field == "lines[0].hts" }, "\(problems.map { ($0.field ?? "-", $0.rule) })")
        #expect(hts.value?.contains("8471.30") == true)
        #expect(hts.rule.hasPrefix("entry."))
        let number = try #require(problems.first { $0.field == "entry_number" })
        #expect(number.rule == "entry.check-digit")
        #expect(e.messages.count == problems.count)
    }

    @Test func theOldTextSpellingsStillMakeProblems() {
        let e = LedgerError.invalidInput(["port 41A3: should be 4 digits", "filer code el: 3 letters"])
        #expect(e.problems.map(\.message) == ["port 41A3: should be 4 digits", "filer code el: 3 letters"])
        #expect(e.problems.allSatisfy { $0.rule == Problem.unclassified })
        #expect(LedgerError.notFound("no entry EL7-1000001-8").description == "no entry EL7-1000001-8")
        #expect(LedgerError.refused(["only the supervisor may"]).description == "refused: only the supervisor may")
    }

    @Test func aForgedSignatureIsReportedWithItsSeqAndRule() throws {
        let f = try EntryLedgerFixture()
        try f.ledger.addEntries([Repo.sample(vesselSample)], signer: f.clerk)
        var records: [StoredRecord] = []
        try f.ledger.store.forEachChunk { records += $0; return true }
        var sig = records[2].record.signature
        sig[5] ^= 0x01
        records[2] = StoredRecord(seq: 2, record: SignedRecord(payload: records[2].record.payload, signature: sig))
        let v = Verifier(trusting: f.supervisor.publicKey)
        v.check(records)
        let report = v.finish()
        let p = try #require(report.problems.first)
        #expect(p.seq == 2)
        #expect(p.rule == "record.signature")
        #expect(report.json["problems"]?.arrayValue?.first?["rule"] == .string("record.signature"))
    }

    @Test func aProofThatDoesNotHoldIsAVerificationFailureAndABadFileIsInput() {
        #expect(ProofFileError("does not extend", failed: true).exitCategory == .verification)
        #expect(ProofFileError("not a proof file", failed: false).exitCategory == .input)
    }

    @Test func sqlitesResultCodeSurvivesToWhereItIsMatched() throws {
        let f = try EntryLedgerFixture()
        let e = try #require(throws: StoreError.self) {
            try f.ledger.store.executeRawSQLForTamperTest("INSERT INTO entries (entry_number, added_seq) VALUES ('X', 1), ('X', 2)")
        }
        #expect(e.isConstraint)
        #expect(!e.isBusy)
        #expect(e.sqliteCode.map { $0 & 0xFF } == 19)  // SQLITE_CONSTRAINT
    }
}
