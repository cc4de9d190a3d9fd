import Foundation
import Testing

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

final class Workspace {
    let path: String
    let supervisor = LedgerSigningKey(name: "Dana Whitfield")
    let clerk = LedgerSigningKey(name: "Alice Moreno")
    let ledger: Ledger

    init() throws {
        path = NSTemporaryDirectory() + "el-inc-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        ledger = try Ledger.create(path: path + "/entryledger.db", filer: "EL7", port: "4103", broker: "Harbor Point", supervisor: supervisor)
        try ledger.enroll(clerk.publicKey, proof: ProofOfPossession.make(clerk), signer: supervisor)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func open(discovered: String = "2026-11-27T06:10:00Z") throws {
        try ledger.openIncident(IncidentOpenBody(discoveredAt: discovered, summary: "Ransomware", systems: ["ABI server"], exposedImporters: []), signer: supervisor)
    }

    func verify() throws -> VerificationReport {
        let v = Verifier(trusting: supervisor.publicKey, evidenceFolder: Evidence.folder(forLedger: ledger.store.path))
        return try v.verify(store: ledger.store)
    }
}

private func t(_ s: String) -> Int64 { Timestamp.parse(s)! }

@Suite struct ComplianceClockTests {
    /// Discovery 2026-11-27T06:10:00Z, so the 72-hour notice is due 2026-11-30T06:10:00Z.
    @Test(arguments: [
        ("2026-11-29T06:10:00Z", "met"),       // a day early
        ("2026-11-30T06:10:00Z", "met"),       // exactly at 72 hours: on time
        ("2026-11-30T06:10:01Z", "met-late"),  // one second late
        ("2026-12-02T00:00:00Z", "met-late"),
    ])
    func aNoticeIsOnTimeUpToAndIncludingSeventyTwoHours(at: String, expected: String) throws {
        let w = try Workspace()
        try w.open()
        // Logged after it happened (a communication is never logged before it happens).
        try w.ledger.logCommunication(CommunicationBody(party: .cbpClientRep, channel: .email, at: at, summary: "111.21(b) notice"), signer: w.clerk,
                                      time: "2026-12-05T00:00:00Z")
        let status = try #require(IncidentTimeline.load(w.ledger).deadlines(now: t("2026-12-05T00:00:00Z")).first { $0.ruleID == "cbp-breach-notice" })
        #expect(status.json["state"]?.stringValue == expected)
        #expect(status.due == t("2026-11-30T06:10:00Z"))
    }

    @Test func withoutANoticeTheClockWarnsThenSaysMissed() throws {
        let w = try Workspace()
        try w.open()
        // A phone call to the SOC is not the electronic notice the rule asks for.
        try w.ledger.logCommunication(CommunicationBody(party: .cbpSOC, channel: .phone, at: "2026-11-27T06:30:00Z", summary: "called"), signer: w.clerk)
        let timeline = try IncidentTimeline.load(w.ledger)
        func state(_ now: String) -> ComplianceClock.State? { timeline.deadlines(now: t(now)).first { $0.ruleID == "cbp-breach-notice" }?.state }
        #expect(state("2026-11-28T06:10:00Z") == .pending(remaining: 48 * 3600, warning: false))
        #expect(state("2026-11-29T12:00:00Z") == .pending(remaining: 18 * 3600 + 600, warning: true))
        #expect(state("2026-11-30T06:10:00Z") == .pending(remaining: 0, warning: true))
        #expect(state("2026-11-30T07:10:00Z") == .missed(overdueBy: 3600))
        #expect(timeline.deadlines(now: t("2026-11-30T07:10:00Z")).first { $0.ruleID == "cbp-breach-notice" }?.sentence.hasPrefix("MISSED") == true)
        // The SOC rule ("at once") is met by the call.
        #expect(timeline.deadlines(now: t("2026-11-28T00:00:00Z")).first { $0.ruleID == "cbp-soc-notice" }?.state == .metOnTime(at: t("2026-11-27T06:30:00Z"), seq: 3))
    }

    @Test func workingDaysSkipWeekends() throws {
        let rule = try #require(ComplianceRules.rule("entry-summary"))
        // Friday 2026-11-27 + 10 working days = Friday 2026-12-11.
        #expect(ComplianceRules.due(rule, from: t("2026-11-27T00:00:00Z")) == t("2026-12-11T00:00:00Z"))
        // Saturday 2026-11-28 + 10 working days = Friday 2026-12-11 as well.
        #expect(ComplianceRules.due(rule, from: t("2026-11-28T00:00:00Z")) == t("2026-12-11T00:00:00Z"))
    }
}

@Suite struct IncidentLifecycle {
    @Test func theIncidentOpensOnceClosesOnceAndClerksCannotOpenIt() throws {
        let w = try Workspace()
        #expect(throws: LedgerError.self) {
            try w.ledger.logCommunication(CommunicationBody(party: .cbpSOC, channel: .email, at: "2026-11-27T06:30:00Z", summary: "x"), signer: w.clerk)
        }
        let clerkOpen = #expect(throws: LedgerError.self) {
            try w.ledger.openIncident(IncidentOpenBody(discoveredAt: "2026-11-27T06:10:00Z", summary: "x", systems: [], exposedImporters: []), signer: w.clerk)
        }
        #expect(clerkOpen?.description.contains("may not sign incident.open") == true)
        try w.open()
        #expect(throws: LedgerError.self) { try w.open() }
        try w.ledger.closeIncident(summary: "reconnected", signer: w.supervisor)
        #expect(throws: LedgerError.self) { try w.ledger.closeIncident(summary: "again", signer: w.supervisor) }
        #expect(try w.verify().ok)
        let t = try IncidentTimeline.load(w.ledger)
        #expect(t.opened?.seq == 2 && t.closed?.seq == 3)
    }

    @Test func malformedCommunicationsAreRefusedWithTheirReason() throws {
        let w = try Workspace()
        try w.open()
        let cases: [(JSONValue, String)] = [
            (["party": "fbi", "channel": "email", "at": "2026-11-27T06:30:00Z", "summary": "x"], "party should be one of"),
            (["party": "pga", "channel": "email", "at": "2026-11-27T06:30:00Z", "summary": "x"], "party_name is needed"),
            (["party": "cbp-soc", "channel": "email", "at": "yesterday", "summary": "x"], "should be an RFC 3339"),
            (["party": "cbp-soc", "channel": "email", "at": "2026-11-27T06:30:00Z", "summary": "x", "extra": 1], "unknown member"),
        ]
        for (body, says) in cases {
            let e = #expect(throws: LedgerError.self) { try w.ledger.append(.incidentComm, body: body, signer: w.clerk) }
            #expect(e?.description.contains(says) == true, "\(says)")
        }
        #expect(try w.ledger.store.count() == 3)
    }

    @Test func aChangedOrMissingEvidenceFileIsReportedByVerify() throws {
        let w = try Workspace()
        try w.open()
        let report = w.path + "/forensic-report.pdf"
        try Data("Forensic report: no persistence found".utf8).write(to: URL(fileURLWithPath: report))
        let r = try w.ledger.addEvidence(file: report, description: "forensics", signer: w.supervisor)
        #expect(try w.verify().ok)
        let folder = Evidence.folder(forLedger: w.ledger.store.path)
        let stored = try #require(FileManager.default.contentsOfDirectory(atPath: folder).first)
        // The original can change; the kept copy is what counts.
        try Data("edited".utf8).write(to: URL(fileURLWithPath: report))
        #expect(try w.verify().ok)
        try Data("Forensic report: no persistence found!".utf8).write(to: URL(fileURLWithPath: folder + "/" + stored))
        let changed = try w.verify()
        #expect(changed.problems.count == 1)
        #expect(changed.problems.first?.seq == r.seq)
        #expect(changed.problems.first?.message.contains("has changed") == true)
        try FileManager.default.removeItem(atPath: folder + "/" + stored)
        #expect(try w.verify().problems.first?.message.contains("is missing") == true)
    }
}
