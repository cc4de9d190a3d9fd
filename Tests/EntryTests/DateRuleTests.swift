import Foundation
import Testing

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

@Suite("Dates and times that make sense")
struct DateRuleTests {
    @Test func timesWithAUTCOffsetAreKeptInUTC() {
        #expect(Timestamp.utc("2026-11-29T01:10:00-05:00") == "2026-11-29T06:10:00Z")
        #expect(Timestamp.utc("2026-11-29T23:30+02:00") == "2026-11-29T21:30:00Z")
        #expect(Timestamp.utc("2026-12-31T22:00:00-05:00") == "2027-01-01T03:00:00Z")
        #expect(Timestamp.utc("2026-11-29T06:10:00Z") == "2026-11-29T06:10:00Z")
        for bad in ["2026-11-29T06:10:00", "2026-11-29T06:10:00+5", "2026-11-29T06:10:00+15:00", "2026-02-30T06:10:00Z", "2026-11-29 06:10Z", ""] {
            #expect(Timestamp.utc(bad) == nil, "\(bad)")
        }
    }

    @Test func aReleaseIsNotBeforeArrivalNorTwiceNorInTheFutureAndLateOnesAreShown() throws {
        let f = try EntryLedgerFixture()
        let (_, n) = try f.ledger.addEntries([Repo.sample(vesselSample)], signer: f.clerk, time: "2026-11-20T10:00:00Z")[0]
        let before = try f.count()
        let early = #expect(throws: LedgerError.self) {
            try f.ledger.releaseEntry(EntryRelease(entryNumber: n, date: "2026-11-15", port: "2704", reference: "STAMP"), signer: f.clerk, time: "2026-11-20T11:00:00Z")
        }
        #expect(early?.description.contains("before the arrival date 2026-11-16") == true)
        #expect(throws: LedgerError.self) {
            try f.ledger.releaseEntry(EntryRelease(entryNumber: n, date: "2026-11-21", port: "2704", reference: "STAMP"), signer: f.clerk, time: "2026-11-20T11:00:00Z")
        }
        #expect(try f.count() == before)
        try f.ledger.releaseEntry(EntryRelease(entryNumber: n, date: "2026-11-16", port: "2704", reference: "STAMP"), signer: f.clerk, time: "2026-11-20T11:00:00Z")
        let again = #expect(throws: LedgerError.self) {
            try f.ledger.releaseEntry(EntryRelease(entryNumber: n, date: "2026-11-17", port: "2704", reference: "STAMP 2"), signer: f.clerk, time: "2026-11-20T12:00:00Z")
        }
        #expect(again?.description.contains("already released by CBP on 2026-11-16") == true)
        let history = try #require(try EntryBook.load(f.ledger).first).history.map(\.summary)
        #expect(history.contains { $0.contains("recorded late: released 2026-11-16, recorded 2026-11-20T11:00:00Z") })
    }

    @Test func aCommunicationIsNotInTheFutureAndAnEarlierOneIsAllowed() throws {
        let f = try EntryLedgerFixture()
        try f.ledger.openIncident(IncidentOpenBody(discoveredAt: "2026-11-27T06:10:00Z", summary: "Ransomware", systems: [], exposedImporters: []),
                                  signer: f.supervisor, time: "2026-11-27T07:00:00Z")
        let before = try f.count()
        let future = #expect(throws: LedgerError.self) {
            try f.ledger.logCommunication(CommunicationBody(party: .cbpSOC, channel: .phone, at: "2026-11-27T09:00:00Z", summary: "called"),
                                          signer: f.clerk, time: "2026-11-27T08:00:00Z")
        }
        #expect(future?.description.contains("later than now") == true)
        #expect(try f.count() == before)
        try f.ledger.logCommunication(CommunicationBody(party: .cbpSOC, channel: .phone, at: "2026-11-27T06:30:00Z", summary: "called"),
                                      signer: f.clerk, time: "2026-11-27T08:00:00Z")
        #expect(Timestamp.isRecordedLate(happened: "2026-11-27T06:30:00Z", recorded: "2026-11-27T08:00:00Z"))
        #expect(!Timestamp.isRecordedLate(happened: "2026-11-27T07:30:00Z", recorded: "2026-11-27T08:00:00Z"))
        let g = try EntryLedgerFixture()
        let discovery = #expect(throws: LedgerError.self) {
            try g.ledger.openIncident(IncidentOpenBody(discoveredAt: "2026-12-01T00:00:00Z", summary: "x", systems: [], exposedImporters: []),
                                      signer: g.supervisor, time: "2026-11-27T08:00:00Z")
        }
        #expect(discovery?.description.contains("discovered-at 2026-12-01T00:00:00Z: later than now") == true)
    }
}
