import Foundation
import Testing

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// An entry as the ledger wrote it before rules version 2: no rates, no fee breakdown.
func versionOneEntry(_ sample: String = vesselSample) -> JSONValue {
    var json = Repo.sample(sample)
    var duty: Int64 = 0
    for (i, line) in (json["lines"]?.arrayValue ?? []).enumerated() {
        for key in ["spi", "rate", "chapter_99", "adcvd", "adcvd_non_reimbursement", "ir_tax", "fees", "ftz"] {
            json = json.setting("lines[\(i)].entry_summary.\(key)", to: nil)
        }
        duty += line.at("entry_summary.duty_cents").flatMap { if case .int(let v) = $0 { v } else { nil } } ?? 0
    }
    let fees: Int64 = 90043  // what the clerk typed in the old sample
    return json.setting("entry_summary.totals.duty_cents", to: .int(duty))
        .setting("entry_summary.totals.fees_cents", to: .int(fees))
        .setting("entry_summary.totals.total_cents", to: .int(duty + fees))
}

extension EntryLedgerFixture {
    /// Writes an `entry.add` record with raw SQL, signed by the clerk, past the append rules.
    func forgeEntryAdd(_ body: JSONValue) throws -> Int64 {
        let n = try count()
        let prev = try #require(try ledger.store.record(at: n - 1)).record.hash
        let time = Timestamp.now()
        let payload = try RecordFormat.payload(origin: ledger.origin, seq: n, prev: prev, time: time, kind: .entryAdd, keyID: clerk.keyID, body: body)
        let r = RecordFormat.sign(payload: payload, with: clerk)
        try ledger.store.executeRawSQLForTamperTest(
            "INSERT INTO records VALUES (\(n), x'\(Hex.encode(r.payload))', x'\(Hex.encode(r.signature))', x'\(Hex.encode(r.hash))', 'entry.add', '\(clerk.keyID)', '\(time)')")
        return n
    }
}

@Suite("Rules that change: each entry record names its customs rules version")
struct RulesVersionTests {
    @Test func newEntryRecordsNameTheCurrentRulesVersion() throws {
        let f = try EntryLedgerFixture()
        let (a, _) = try f.ledger.addEntries([Repo.sample(vesselSample)], signer: f.clerk)[0]
        let body = try RecordHeader(payload: try #require(try f.ledger.store.record(at: a.seq)).record.payload).body
        #expect(body["rules_version"] == .int(Int64(CustomsRules.version)))
        #expect(CustomsRules.version == 2)
    }

    @Test func aVersionOneEntryThatTheNewRulesRefuseVerifiesWithNotices() throws {
        let old = versionOneEntry()
        #expect(!EntryValidator.problems(in: old, ledgerFilerCode: ledgerFiler).isEmpty)  // the current rules refuse it
        let f = try EntryLedgerFixture()
        let seq = try f.forgeEntryAdd(["entry": old])  // as the previous version wrote it: no rules_version
        let report = try f.verify()
        #expect(report.ok, "\(report.problems)")
        #expect(!report.notices.isEmpty)
        #expect(report.notices.allSatisfy { $0.seq == seq && $0.message.contains("rules version 1") })
        #expect(report.notices.contains { $0.message.contains("lines[2].entry_summary.rate") })
        #expect(report.json["notices"]?.arrayValue?.count == report.notices.count)
        #expect(report.json["problems"]?.arrayValue?.isEmpty == true)
        // The entry still reads back, as it was written.
        #expect(try EntryBook.load(f.ledger).first?.entry.entrySummary?.totals.feesCents == 90043)
    }

    @Test func anEntryNamingTheCurrentVersionThatBreaksItIsAProblem() throws {
        let f = try EntryLedgerFixture()
        let seq = try f.forgeEntryAdd(["entry": versionOneEntry(), "rules_version": .int(Int64(CustomsRules.version))])
        let report = try f.verify()
        #expect(!report.ok)
        #expect(report.problems.contains { $0.seq == seq && $0.message.contains("rate") })
        #expect(report.notices.isEmpty)
    }

    @Test func aVersionOneEntryThatBreaksVersionOneRulesIsAProblem() throws {
        let f = try EntryLedgerFixture()
        let bad = versionOneEntry().setting("entry_summary.totals.total_cents", to: 1)
        let seq = try f.forgeEntryAdd(["entry": bad, "rules_version": 1])
        let report = try f.verify()
        #expect(report.problems.contains { $0.seq == seq && $0.message.contains("grand total") })
    }

    @Test func aNewerVersionThanThisProgramKnowsGivesNoticesOnly() throws {
        let f = try EntryLedgerFixture()
        _ = try f.forgeEntryAdd(["entry": Repo.sample(vesselSample), "rules_version": 3])
        let report = try f.verify()
        #expect(report.ok)
        #expect(report.notices.contains { $0.message.contains("newer than this program's") })
        let bad = try f.forgeEntryAdd(["entry": Repo.sample(airSample), "rules_version": "2"])
        #expect(try f.verify().problems.contains { $0.seq == bad && $0.message.contains("rules_version") })
    }

    @Test func anAppendNamingAnOlderVersionIsRefusedAndNothingIsWritten() throws {
        let f = try EntryLedgerFixture()
        let before = try f.count()
        #expect(throws: LedgerError.self) {
            try f.ledger.append(.entryAdd, body: ["entry": versionOneEntry(), "rules_version": 1], signer: f.clerk)
        }
        #expect(try f.count() == before)
    }
}
