import Foundation
import Testing
import TestSupport

@testable import EntryLedger
@testable import entryledger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

@Suite struct Notices {
    /// The demo's outage, and an office profile beside it.
    func demo() throws -> (OfficeFolder, Ledger) {
        let office = try OfficeFolder()
        _ = try Demo.run(in: office.file("demo")) { _ in }
        return (office, try Ledger.open(path: office.file("demo/entryledger.db")))
    }

    @Test func theClientRepNoticeOnTheDemoLedgerNamesTheExposedImportersAndThe72HourDeadline() throws {
        let (office, ledger) = try demo()
        let records = try ledger.store.count()
        let opened = try #require(try IncidentTimeline.load(ledger).opened)
        let r = try office.run(["--ledger", "demo/entryledger.db", "incident", "notice", "--to", "cbp-client-rep", "--out", "notice.txt"])
        r.expectStatus(0)
        let text = try String(contentsOfFile: office.file("notice.txt"), encoding: .utf8)
        #expect(text.contains("12-3456789AB  (Pacific Rim Outfitters)"))
        #expect(text.contains("within 72 hours of discovery"))
        let due = Timestamp.format(unixSeconds: Timestamp.parse(opened.body.discoveredAt)! + 72 * 3600)
        #expect(text.contains("by " + due.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC")))
        #expect(text.contains("To:      J. Ortiz, CBP client representative <j.ortiz@cbp.example>"))
        #expect(text.contains("19 CFR 111.21(b)") && !text.contains("DRILL"))
        // Drafting records nothing.
        #expect(try ledger.store.count() == records)
    }

    @Test func aNoticeLoggedAsSentIsTaggedAndStatusNoLongerShowsItDue() throws {
        let (office, ledger) = try demo()
        let now = Int64(Date().timeIntervalSince1970)
        let profile = try OfficeProfile.load(path: office.file(OfficeProfile.defaultPath))
        let before = try NoticeSchedule.load(ledger, profile: profile, now: now)
        let update = try #require(before.first { $0.kind == .update })
        #expect(!update.sent)
        // Ten business days after the demo's first electronic notice to CBP.
        let first = try IncidentTimeline.load(ledger).communications.filter { NoticeRules.breach.metBy($0.body) }.compactMap { Timestamp.parse($0.body.at) }.min()!
        #expect(update.by == ComplianceRules.due(NoticeRules.updatedList, from: first))
        // Ten weekdays later: 12 to 14 calendar days, never landing on a Saturday or Sunday.
        #expect((12 * 86400...14 * 86400).contains(update.by! - first))
        #expect(![2, 3].contains((update.by! / 86400) % 7))   // 1970-01-01 was a Thursday

        try office.run(["--ledger", "demo/entryledger.db", "incident", "notice", "--to", "cbp-soc", "--kind", "update", "--importer", "98-7654321AB", "--out", "u.txt"]).expectStatus(0)
        #expect(try String(contentsOfFile: office.file("u.txt"), encoding: .utf8).contains("98-7654321AB"))
        let sent = try office.run(["--ledger", "demo/entryledger.db", "incident", "notice", "--to", "cbp-soc", "--kind", "update", "--sent", "--file", "u.txt",
                                   "--reference", "MAIL-7", "--key", "demo/keys/supervisor.key"])
        sent.expectStatus(0)
        let comm = try #require(try IncidentTimeline.load(ledger).communications.last)
        #expect(comm.body.summary.contains(NoticeKind.update.tag) && comm.body.channel == .email && comm.body.reference == "MAIL-7")
        #expect(comm.body.partyName == "CBP Security Operations Center")
        #expect(try NoticeSchedule.load(ledger, profile: profile, now: now).first { $0.kind == .update }?.sentSeq == comm.seq)
        let status = try office.run(["--ledger", "demo/entryledger.db", "status"])
        status.expectStatus(0)
        #expect(status.stdout.contains("SENT    update to CBP"))
        #expect(status.stdout.contains("DUE     status to surety (Atlantic Surety Co.)"))
    }

    @Test func badNoticeRequestsExitTwoAndRecordNothing() throws {
        let (office, ledger) = try demo()
        let records = try ledger.store.count()
        let r = try office.run(["--ledger", "demo/entryledger.db", "incident", "notice", "--to", "nobody", "--kind", "rumour", "--channel", "pigeon"])
        r.expectStatus(2)
        #expect(r.stderr.contains("--to nobody") && r.stderr.contains("--kind rumour") && r.stderr.contains("--channel pigeon"))
        let wrong = try office.run(["--ledger", "demo/entryledger.db", "incident", "notice", "--to", "pga", "--kind", "breach", "--sent", "--key", "demo/keys/supervisor.key"])
        wrong.expectStatus(2)
        #expect(try ledger.store.count() == records)
    }

    @Test func incidentLogTakesAContactsNameOrFillsItFromTheProfile() throws {
        let (office, ledger) = try demo()
        try office.run(["--ledger", "demo/entryledger.db", "incident", "log", "--to", "cbp-client-rep", "--channel", "phone", "--text", "status call",
                        "--key", "demo/keys/alice.key"]).expectStatus(0)
        try office.run(["--ledger", "demo/entryledger.db", "incident", "log", "--to", "Atlantic Surety Co.", "--channel", "email", "--text", "told the surety",
                        "--key", "demo/keys/alice.key"]).expectStatus(0)
        let comms = try IncidentTimeline.load(ledger).communications.suffix(2).map(\.body)
        #expect(comms.first?.party == .cbpClientRep && comms.first?.partyName == "J. Ortiz")
        #expect(comms.last?.party == .surety && comms.last?.partyName == "Atlantic Surety Co.")
        // A broken default profile never stops a clerk logging a call: it is named and passed over.
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: office.file(OfficeProfile.defaultPath)))
        let r = try office.run(["--ledger", "demo/entryledger.db", "incident", "log", "--to", "cbp-soc", "--channel", "phone", "--text", "called again",
                                "--key", "demo/keys/alice.key"])
        r.expectStatus(0)
        #expect(r.stderr.contains("warning: not using entryledger-office.json"))
        let explicit = try office.run(["--ledger", "demo/entryledger.db", "incident", "log", "--to", "cbp-soc", "--channel", "phone", "--text", "x",
                                       "--profile", OfficeProfile.defaultPath, "--key", "demo/keys/alice.key"])
        explicit.expectStatus(2)
    }
}
