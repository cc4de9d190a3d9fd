import Foundation
import Testing

@testable import EntryLedger

extension ReplayFixture {
    /// Authorises reconnection bound to a cosigned checkpoint of the ledger as it is now.
    func authorizeAtCheckpoint() throws {
        let size = UInt64(try ledger.store.count())
        let (note, vkey) = try cosignedCheckpoint(size: size)
        let root = try MerkleTree(source: ledger.store).root(size: size)
        try ledger.authorize(AuthorizationBody(reference: "CBP-RECON-42", date: "2026-11-30", contact: "J. Ortiz, client rep", checkpointSize: Int64(size),
                                               checkpointRoot: Base64.encode(root), checkpointNote: note, reviewerKey: vkey), signer: supervisor)
    }

    /// ACE's answer to every item of a replay (an SX file and an AX file): the cargo release
    /// of `reject` refused, the rest accepted.
    func answer(_ r: ReplayResult, rejecting reject: EntryNumber? = nil) throws {
        var sx: [String] = [], ax: [String] = []
        for i in r.plan.items {
            let n = i.entry.number
            if i.application == .cargoRelease {
                sx += n == reject
                    ? try ACEResponseWriter.sx(n, entryType: i.entry.entryType, action: i.action, messageType: "01",
                                               recordConditions: [("123", "CONVEYANCE NAME DOES NOT MATCH MANIFEST")], narrative: "MESSAGE REJECTED")
                    : try ACEResponseWriter.sx(n, entryType: i.entry.entryType, action: i.action, messageType: "02", narrative: "MESSAGE ACCEPTED")
            } else {
                ax += try ACEResponseWriter.ax(n, brokerReference: i.entry.brokerReference, accepted: true)
            }
        }
        let batch = r.batchIDs.first
        if !sx.isEmpty { _ = try ledger.ack(file: try response("SX", batch: batch, sx), signer: supervisor) }
        if !ax.isEmpty { _ = try ledger.ack(file: try response("AX", batch: batch, ax), signer: supervisor) }
    }
}

@Suite struct AccountingStates {
    static let now = Timestamp.parse("2026-12-01T15:00:00Z")!

    @Test func anEntryLoggedAfterTheAuthorisedCheckpointIsNotShownAsSentAnywhere() throws {
        let f = try ReplayFixture()
        try f.authorizeAtCheckpoint()
        let late = try f.ledger.addEntries([try ReplayFixture.sample("21-warehouse-vessel.json")], signer: f.clerk)[0].1
        try f.answer(try f.replay("b1"))
        let a = try Accounting.load(f.ledger, now: Self.now)
        let account = try #require(a.entries.first { $0.state.number == late })
        #expect(account.standing == .notCovered)
        #expect(account.transmissions.allSatisfy { $0.standing == .notCovered && $0.batchID == nil })
        #expect(a.entries.filter { $0.state.number != late }.allSatisfy { $0.standing == .inACE })
        let clock = OfficeClock(timeZone: TimeZone(identifier: "UTC")!)
        let json = try JSONReader.parse(Report.render(a, as: .json, clock: clock))
        let entry = try #require(json["entries"]?.arrayValue?.first { $0["entry_number"]?.stringValue == late.formatted })
        #expect(entry["state"] == "not-covered")
        #expect(entry["transmissions"]?.arrayValue?.allSatisfy { $0["state"] == "not-covered" } == true)
        let csvRow = try #require(Report.render(a, as: .csv, clock: clock).components(separatedBy: "\r\n").first { $0.hasPrefix(late.formatted) })
        #expect(csvRow.contains("not-covered") && !csvRow.contains("awaiting"))
        let html = Report.render(a, as: .html, clock: clock)
        #expect(html.contains("<tr data-entry=\"\(late.formatted)\" data-state=\"not-covered\">"))
        let life = try #require(html.components(separatedBy: "data-life=\"\(late.formatted)\"").last?.components(separatedBy: "</article>").first)
        #expect(!life.contains("awaiting") && !life.contains("sent to ACE") && life.contains(EntryStanding.notCovered.label))
        let status = StatusView.lines(a, clock: clock, all: true, ledgerPath: "x.db")
        let line = try #require(status.first { $0.contains(late.formatted) && $0.contains("logged 2") })
        #expect(line.contains(EntryStanding.notCovered.label) && !line.contains("awaiting"))
        #expect(a.unaccounted.map(\.number) == [late.formatted])
    }

    @Test func aRejectionAndItsFixBothStayInTheEntrysLife() throws {
        let f = try ReplayFixture()
        try f.authorize()
        let vessel = f.numbers[0]
        try f.answer(try f.replay("b1"), rejecting: vessel)
        var midway = try Accounting.load(f.ledger, now: Self.now)
        #expect(midway.entries.first { $0.state.number == vessel }?.standing == .rejected)
        guard case .object(var o) = try ReplayFixture.sample("01-vessel-continuous-3461-7501.json") else { Issue.record("sample"); return }
        let oldName = o["conveyance_name"]
        o["conveyance_name"] = "MAERSK ESSEX"
        try f.ledger.amendEntry(.object(o), reason: "vessel name corrected to match the manifest", signer: f.clerk)
        midway = try Accounting.load(f.ledger, now: Self.now)
        #expect(midway.entries.first { $0.state.number == vessel }?.standing == .toSend)
        try f.answer(try f.replay("b2"))
        let a = try Accounting.load(f.ledger, now: Self.now)
        let e = try #require(a.entries.first { $0.state.number == vessel })
        #expect(e.standing == .inACE)
        #expect(e.rejections.count == 1)
        let kinds = e.events.map(\.kind)
        let rejectedAt = try #require(kinds.firstIndex(of: "ace-rejected"))
        let amendedAt = try #require(kinds.firstIndex(of: "amended"))
        #expect(rejectedAt < amendedAt && kinds[amendedAt...].contains("ace-answer"))
        guard case .amended(let reason, let changes) = e.events[amendedAt].what else { Issue.record("not an amendment"); return }
        #expect(reason == "vessel name corrected to match the manifest")
        #expect(changes == [FieldChange(path: "conveyance_name", old: oldName.map(FieldChange.text), new: "\"MAERSK ESSEX\"")])
        #expect(a.counts.first { $0.0 == "ever rejected by ACE" }?.1 == 1)
        let html = Report.render(a, as: .html, clock: OfficeClock(timeZone: TimeZone(identifier: "UTC")!))
        #expect(html.contains("ACE REJECTED SE") && html.contains("CONVEYANCE NAME DOES NOT MATCH MANIFEST"))
        #expect(html.contains("&quot;MAERSK ESSEX&quot;"))
    }

    @Test func moneyTotalsAreTheSumOfTheEntriesNotVoided() throws {
        let f = try ReplayFixture(samples: ["01-vessel-continuous-3461-7501.json", "01-air-single-bond-3461-7501.json", "11-informal-truck.json",
                                            "21-warehouse-vessel.json", "03-adcvd-vessel-single-bond.json"])
        try f.ledger.voidEntry(f.numbers[1], reason: "cancelled", signer: f.clerk)
        let a = try Accounting.load(f.ledger, now: Self.now)
        let kept = a.entries.filter { $0.state.number != f.numbers[1] }
        #expect(a.totals.valueCents == kept.map(\.money.valueCents).reduce(0, +))
        #expect(a.totals.dutyCents == kept.map(\.money.dutyCents).reduce(0, +))
        #expect(a.totals.feesCents == kept.map(\.money.feesCents).reduce(0, +))
        #expect(a.totals.adCents == kept.map(\.money.adCents).reduce(0, +) && a.totals.cvCents == kept.map(\.money.cvCents).reduce(0, +))
        #expect(a.totals.totalCents == a.totals.dutyCents + a.totals.feesCents + a.totals.taxesCents + a.totals.adCents + a.totals.cvCents)
        #expect(a.totals.dutyCents > 0 && a.totals.valueCents > 0 && a.totals.adcvdCents > 0)
        // Fees by class: each class the sum over the entries, the classes together the fees.
        #expect(a.totals.feesByClass.map(\.amountCents).reduce(0, +) == a.totals.feesCents)
        for f in a.totals.feesByClass {
            #expect(f.amountCents == kept.compactMap { $0.money.feesByClass.first { $0.classCode == f.classCode }?.amountCents }.reduce(0, +))
        }
        #expect(a.totals.feesByClass.contains { $0.classCode == "499" })
        let adcvd = try CustomsEntry(json: try ReplayFixture.sample("03-adcvd-vessel-single-bond.json")).money
        #expect(a.entries.last?.money.adCents == adcvd.adDutyCents && a.entries.last?.money.cvCents == adcvd.cvDutyCents)
        let voided = try #require(a.entries.first { $0.state.number == f.numbers[1] })
        #expect(!voided.countsInTotals && voided.standing == .voidedUnsent)
        let sample = try CustomsEntry(json: try ReplayFixture.sample("01-vessel-continuous-3461-7501.json"))
        #expect(a.entries[0].money.dutyCents == sample.money.dutyCents && a.entries[0].money.feesCents == sample.money.feesCents)
        #expect(Money.text(123_456_789) == "$1,234,567.89" && Money.text(-5) == "-$0.05" && Money.text(0) == "$0.00")
    }
}

@Suite struct AccountingPieces {
    @Test func aDiffNamesEveryChangedLeafWithItsPath() {
        let old: JSONValue = ["a": 1, "b": ["c": "x"], "lines": [["v": 1], ["v": 2]]]
        let new: JSONValue = ["a": 1, "b": ["c": "y", "d": true], "lines": [["v": 1]]]
        let d = FieldChange.diff(old: old, new: new)
        #expect(d == [FieldChange(path: "b.c", old: "\"x\"", new: "\"y\""), FieldChange(path: "b.d", old: nil, new: "true"),
                      FieldChange(path: "lines[1]", old: "{\"v\":2}", new: nil)])
        #expect(FieldChange.diff(old: old, new: old).isEmpty)
    }

    @Test func socialSecurityNumbersAreMaskedAndOtherImporterNumbersAreNot() {
        #expect(ImporterMask.display(ImporterNumber(qualifier: "34", number: "123-45-6789")) == "***-**-6789")
        #expect(ImporterMask.display(ImporterNumber(qualifier: "EI", number: "987-65-4321")) == "***-**-4321")
        #expect(ImporterMask.display(ImporterNumber(qualifier: "EI", number: "12-345678900")) == "12-345678900")
        #expect(Accounting.masked(FieldChange(path: "importer.number", old: "\"123-45-6789\"", new: "\"12-345678900\""))
                == FieldChange(path: "importer.number", old: "\"***-**-6789\"", new: "\"12-345678900\""))
    }

    @Test func officeTimesShowTheZoneAndUTCBeside() throws {
        let ny = try OfficeClock(zone: "America/New_York")
        #expect(ny.both(Timestamp.parse("2026-11-29T19:05:00Z")!) == "2026-11-29 14:05 EST (19:05 UTC)")
        #expect(ny.both(Timestamp.parse("2026-07-01T02:30:00Z")!) == "2026-06-30 22:30 EDT (2026-07-01 02:30 UTC)")
        #expect(ny.rfc3339(Timestamp.parse("2026-11-29T19:05:00Z")!) == "2026-11-29T14:05:00-05:00")
        #expect(ny.endOfDay(Timestamp.parse("2026-11-29T19:05:00Z")!) == Timestamp.parse("2026-11-30T05:00:00Z")!)
        let kolkata = try OfficeClock(zone: "Asia/Kolkata")
        #expect(kolkata.both(Timestamp.parse("2026-11-29T19:05:00Z")!).hasPrefix("2026-11-30 00:35 "))
        #expect(try OfficeClock(zone: "UTC").both(Timestamp.parse("2026-11-29T19:05:00Z")!) == "2026-11-29 19:05 UTC")
        #expect(throws: OfficeClockError.self) { try OfficeClock(zone: "Mars/Olympus_Mons") }
    }

    @Test func theReadmeListsExactlyTheStatesStatusPrints() throws {
        let readme = try String(contentsOf: ReplayFixture.samples.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "### The states of an entry").dropFirst().first?.components(separatedBy: "\n### ").first)
        // Table rows: | `word` | meaning |
        let listed = section.components(separatedBy: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `") else { return nil }
            return line.dropFirst(3).components(separatedBy: "`").first
        }
        // The notice words are NoticeSchedule's (Readiness/NoticeSchedule.swift).
        let printed = EntryStanding.allCases.map(\.label) + DeadlineState.allCases.map(\.rawValue) + ["SENT", "DUE", "OVERDUE"]
        #expect(Set(listed) == Set(printed), "README lists \(listed), status prints \(printed)")
        #expect(listed.count == printed.count)
    }
}
