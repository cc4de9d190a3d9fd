import Foundation
import Testing

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// A ledger with a supervisor and a clerk, in a fresh folder.
final class EntryLedgerFixture {
    let dir = NSTemporaryDirectory() + "el-entries-" + UUID().uuidString
    let supervisor = LedgerSigningKey(name: "Dana Whitfield")
    let clerk = LedgerSigningKey(name: "Alice Moreno")
    let ledger: Ledger

    init() throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        ledger = try Ledger.create(path: dir + "/entryledger.db", filer: "EL7", port: "4103", broker: "Harbor Point", supervisor: supervisor)
        try ledger.enroll(clerk.publicKey, proof: ProofOfPossession.make(clerk), signer: supervisor)
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    func verify() throws -> VerificationReport { try Verifier(trusting: supervisor.publicKey).verify(store: ledger.store) }

    func count() throws -> Int64 { try ledger.store.count() }
}

@Suite struct OneEntryNumberOneEntry {
    @Test func aDuplicateEntryNumberIsRefusedAndNothingIsWritten() throws {
        let f = try EntryLedgerFixture()
        try f.ledger.addEntries([Repo.sample(vesselSample)], signer: f.clerk)
        let before = try f.count()
        let e = #expect(throws: LedgerError.self) { try f.ledger.addEntries([Repo.sample(vesselSample)], signer: f.clerk) }
        #expect(e?.description.contains("already used by the entry at seq 2") == true)
        #expect(try f.count() == before)
    }

    @Test func aVoidedEntrysNumberIsNeverReused() throws {
        let f = try EntryLedgerFixture()
        let (_, n) = try f.ledger.addEntries([Repo.sample(vesselSample)], signer: f.clerk)[0]
        try f.ledger.voidEntry(n, reason: "filed in error", signer: f.clerk)
        let e = #expect(throws: LedgerError.self) { try f.ledger.addEntries([Repo.sample(vesselSample)], signer: f.clerk) }
        #expect(e?.description.contains("voided, and a voided number is never reused") == true)
        #expect(throws: LedgerError.self) { try f.ledger.voidEntry(n, reason: "again", signer: f.clerk) }
    }

    @Test func anImportWithADuplicateInsideItOrOneBadEntryWritesNothing() throws {
        let f = try EntryLedgerFixture()
        let before = try f.count()
        let dup = #expect(throws: LedgerError.self) {
            try f.ledger.addEntries([Repo.sample(vesselSample), Repo.sample(airSample), Repo.sample(vesselSample)], labels: ["line 1", "line 2", "line 3"], signer: f.clerk)
        }
        #expect(dup?.description.contains("line 3: entry number EL7-1000001-8: already used") == true)
        let badHTS = Repo.sample(airSample).setting("lines[0].hts", to: "8471.30")
        let bad = #expect(throws: LedgerError.self) {
            try f.ledger.addEntries([Repo.sample(vesselSample), badHTS], labels: ["line 1", "line 2"], signer: f.clerk)
        }
        #expect(bad?.description.contains("line 2: lines[0].hts") == true)
        #expect(try f.count() == before)
        #expect(try EntryBook.load(f.ledger).isEmpty)
        // The good ones go in together.
        let ok = try f.ledger.addEntries(Repo.samples.map { try Repo.json($0) }, signer: f.clerk)
        #expect(ok.count == Repo.samples.count)
        #expect(try f.verify().ok)
    }

    @Test func aForgedDuplicateIsCaughtByVerify() throws {
        let f = try EntryLedgerFixture()
        try f.ledger.addEntries([Repo.sample(vesselSample)], signer: f.clerk)
        // Written with raw SQL past the rules, properly signed by the enrolled clerk.
        let n = try f.count()
        let prev = try #require(try f.ledger.store.record(at: n - 1)).record.hash
        let entry = try CustomsEntry(json: Repo.sample(vesselSample))
        let time = Timestamp.now()
        let payload = try RecordFormat.payload(origin: f.ledger.origin, seq: n, prev: prev, time: time, kind: .entryAdd, keyID: f.clerk.keyID, body: EntryRecordBodies.add(entry))
        let r = RecordFormat.sign(payload: payload, with: f.clerk)
        try f.ledger.store.executeRawSQLForTamperTest(
            "INSERT INTO records VALUES (\(n), x'\(Hex.encode(r.payload))', x'\(Hex.encode(r.signature))', x'\(Hex.encode(r.hash))', 'entry.add', '\(f.clerk.keyID)', '\(time)')")
        let report = try f.verify()
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.seq == n)
        #expect(report.problems.first?.message.contains("already used") == true)
    }
}

@Suite struct ReservedNumbers {
    @Test func nextNumberTakesTheLowestFreeNumberOfTheRangesInOrder() throws {
        let f = try EntryLedgerFixture()
        let entry = Repo.sample(vesselSample).setting("entry_number", to: nil)
        #expect(throws: LedgerError.self) { try f.ledger.addEntries([entry], nextNumber: true, signer: f.clerk) }
        try f.ledger.reserveNumbers(try EntryNumberRange(filerCode: "EL7", first: 2000001, last: 2000003), reason: "paper log", signer: f.supervisor)
        #expect(throws: LedgerError.self) {
            try f.ledger.reserveNumbers(try EntryNumberRange(filerCode: "EL7", first: 2000003, last: 2000009), reason: "overlap", signer: f.supervisor)
        }
        #expect(throws: LedgerError.self) {
            try f.ledger.reserveNumbers(try EntryNumberRange(filerCode: "EL7", first: 3000001, last: 3000002), reason: "clerk", signer: f.clerk)
        }
        try f.ledger.reserveNumbers(try EntryNumberRange(filerCode: "EL7", first: 3000001, last: 3000001), reason: "second", signer: f.supervisor)
        // A number of the range used by hand is skipped.
        try f.ledger.addEntries([entry.setting("entry_number", to: .string(try EntryNumber(filerCode: "EL7", serial: 2000002).formatted))], signer: f.clerk)
        // The same goods under three numbers, on purpose: the retry guard is told so.
        let taken = try f.ledger.addEntries([entry, entry, entry], nextNumber: true, allowDuplicateGoods: true, signer: f.clerk).map { $0.1.formatted }
        #expect(taken == [try EntryNumber(filerCode: "EL7", serial: 2000001).formatted, try EntryNumber(filerCode: "EL7", serial: 2000003).formatted,
                          try EntryNumber(filerCode: "EL7", serial: 3000001).formatted])
        let none = #expect(throws: LedgerError.self) { try f.ledger.addEntries([entry], nextNumber: true, signer: f.clerk) }
        #expect(none?.description.contains("every reserved entry number is used") == true)
        #expect(try f.verify().ok)
    }

    @Test func checkDigitsOfTakenNumbersAreComputed() throws {
        #expect(try EntryNumber(filerCode: "ABC", serial: 1234567).formatted == "ABC-1234567-6")
        #expect(try EntryNumber(filerCode: "316", serial: 1).formatted == "316-0000001-7")
    }
}

@Suite struct FoldingAnEntrysHistory {
    @Test func amendmentsVoidsAndReleasesGiveTheCurrentState() throws {
        let f = try EntryLedgerFixture()
        let added = try f.ledger.addEntries([Repo.sample(vesselSample), Repo.sample(airSample)], signer: f.clerk)
        let (vessel, air) = (added[0].1, added[1].1)
        let amended = Repo.sample(vesselSample).setting("voyage", to: "118E")
        try f.ledger.amendEntry(amended, reason: "voyage corrected from the bill", signer: f.clerk)
        try f.ledger.releaseEntry(EntryRelease(entryNumber: vessel, date: "2026-11-28", port: "2704", reference: "CBP STAMP 2704-118"), signer: f.clerk)
        try f.ledger.voidEntry(air, reason: "shipment refused by importer", signer: f.supervisor)
        #expect(throws: LedgerError.self) {
            try f.ledger.releaseEntry(EntryRelease(entryNumber: air, date: "2026-11-28", port: "2704", reference: "x"), signer: f.clerk)
        }
        #expect(throws: LedgerError.self) { try f.ledger.amendEntry(Repo.sample(airSample), reason: "late", signer: f.clerk) }
        // An amendment must keep its entry number, and an unknown number cannot be amended.
        #expect(throws: LedgerError.self) {
            try f.ledger.amendEntry(Repo.sample(vesselSample).setting("entry_number", to: "EL7-1000003-4"), reason: "x", signer: f.clerk)
        }
        let book = try EntryBook.load(f.ledger)
        #expect(book.count == 2)
        let v = try #require(book.first { $0.number == vessel })
        #expect(v.status == .released)
        #expect(v.version == 2)
        #expect(v.entry.voyage == "118E")
        #expect(v.release?.release.reference == "CBP STAMP 2704-118")
        #expect(v.history.map(\.kind) == [.entryAdd, .entryAmend, .entryRelease])
        let a = try #require(book.first { $0.number == air })
        #expect(a.status == .voided)
        #expect(a.voided?.reason == "shipment refused by importer")
        // Folding up to a seq gives the state at that moment.
        let early = try EntryBook.load(f.ledger, below: v.history[1].seq)
        #expect(early.first { $0.number == vessel }?.entry.voyage != "118E")
        #expect(try f.verify().ok)
    }

    @Test func badReleaseFieldsAreAllReported() throws {
        let f = try EntryLedgerFixture()
        let (_, n) = try f.ledger.addEntries([Repo.sample(vesselSample)], signer: f.clerk)[0]
        let e = #expect(throws: LedgerError.self) {
            try f.ledger.releaseEntry(EntryRelease(entryNumber: n, date: "2026-02-30", port: "27", reference: " "), signer: f.clerk)
        }
        guard case .invalidInput(let p)? = e else { Issue.record("expected invalid input"); return }
        #expect(p.count == 3)
    }
}
