import EntryLedger
import Foundation
import Testing

/// A ledger holding every sample entry, replayed once as batch B0001.
final class ResponseLedger {
    let dir = NSTemporaryDirectory() + "el-abi-" + UUID().uuidString
    let supervisor = LedgerSigningKey(name: "Dana Whitfield")
    let ledger: Ledger
    let batch: ReplayResult

    init() throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        ledger = try Ledger.create(path: dir + "/entryledger.db", filer: "EL7", port: "2704", broker: "Harbor Point", supervisor: supervisor)
        let entries = try Repo.names("samples/entries", suffix: ".json").map { try JSONReader.parse(Repo.bytes("samples/entries/\($0)")) }
        _ = try ledger.addEntries(entries, signer: supervisor)
        try ledger.setContact(name: "DANA WHITFIELD", phone: "3125550142", signer: supervisor)
        try ledger.authorize(AuthorizationBody(reference: "CBP-RECON-42", date: "2026-11-30", contact: "J. ORTIZ"), signer: supervisor)
        var settings = sampleSettings
        settings.contact = nil
        batch = try ledger.replay(outDir: dir + "/out", settings: settings, signer: supervisor, dryRun: false)
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    /// The lines of the batch file sent for an application.
    func sent(_ app: ABIApplication) -> [String] {
        lines(String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: "\(dir)/out/B0001/B0001-\(app.rawValue).abi"))) ?? Data(), as: UTF8.self))
    }

    func plan() throws -> [String] {
        try ReplayPlanner.plan(ledger).items.map { "\($0.action.rawValue) \($0.application.rawValue) \($0.entry.number.formatted)" }.sorted()
    }
}

/// The response samples of samples/ace-responses/, built for batch B0001 of ``ResponseLedger``.
enum ResponseSamples {
    static func n(_ s: String) -> EntryNumber { try! EntryNumber(parsing: s) }
    static let air = n("EL7-1000006-7"), canada = n("EL7-1000007-5"), mexico = n("EL7-1000005-9"), truck11 = n("EL7-1000008-3"), adcvd = n("EL7-1000002-6")
    static let v = n(vessel)

    static func files(_ f: ResponseLedger) throws -> [String: String] {
        func file(_ app: String, _ records: [String]) throws -> String {
            try ACEResponseWriter.file(application: app, senderID: "EL7", date: "2026-12-01", batchUserData: "B0001",
                                       blocks: [(port: "2704", filer: "EL7", userData: "B0001", records: records)])
        }
        var out: [String: String] = [:]
        out["sx-accepted-rejected.txt"] = try file("SX",
            try ACEResponseWriter.sx(v, entryType: "01", messageType: "01", recordConditions: [("123", "CONVEYANCE NAME DOES NOT MATCH MANIFEST")], narrative: "MESSAGE REJECTED")
            + ACEResponseWriter.sx(air, entryType: "01", messageType: "02", narrative: "MESSAGE ACCEPTED")
            + ACEResponseWriter.sx(mexico, entryType: "01", messageType: "03", recordConditions: [("S41", "PARTY ADDRESS INCOMPLETE")], narrative: "ACCEPTED WITH WARNINGS"))
        out["so-status.txt"] = try ACEResponseWriter.file(application: "SO", senderID: "EL7", date: "2026-12-01", batchUserData: nil, blocks: [
            (port: "4701", filer: "EL7", userData: nil, records: try ACEResponseWriter.so(air, entryType: "01", importer: "13-512770400", port: "4701", date: "2026-12-01",
                                                                                        dispositionCode: "98", narrative: "ENTRY RELEASED", releaseDate: "2026-12-01")),
            (port: "2304", filer: "EL7", userData: nil, records: try ACEResponseWriter.so(mexico, entryType: "01", importer: "MXIMPORT", port: "2304", date: "2026-12-01",
                                                                                        dispositionCode: "04", narrative: "ENTRY DETAINED")),
        ])
        out["ax-accepted.txt"] = try file("AX", try ACEResponseWriter.ax(air, brokerReference: "K4476", accepted: true)
            + ACEResponseWriter.ax(adcvd, brokerReference: "K4472", accepted: true))
        out["ax-rejected-e0-e1.txt"] = try file("AX", try ACEResponseWriter.ax(v, brokerReference: "K4471", accepted: false,
            conditions: [("TARIFF", "F", "771", "TRFF ADJSTMNT HTS OR EXCLSN MISSING"), ("LINITM", "I", "628", "DUTY ACCEPTED; COMPLEX LINE")]))
        out["uc-rejected-after-acceptance.txt"] = try ACEResponseWriter.file(application: "UC", senderID: "EL7", date: "2026-12-02", batchUserData: nil,
            blocks: [(port: "4701", filer: "EL7", userData: nil, records: try ACEResponseWriter.uc(air, brokerReference: "K4476", dispositionType: "4", reason: "007",
                                                                                                   date: "2026-12-02", remarks: "DUTY ON LINE 001 MISCALCULATED; FILE A CORRECTED SUMMARY"))])
        // X0 TRNACT pointing at the SE15 of the informal truck entry's transaction in B0001-SE.abi.
        let se = f.sent(.cargoRelease)
        let start = se.firstIndex { $0.hasPrefix("SE10") && cols($0, 11, 18) == truck11.abi }!
        let bill = se[start...].firstIndex { $0.hasPrefix("SE15") }!
        out["x0-x1-transaction-rejected.txt"] = try file("SX", try ACEResponseWriter.x0x1(
            transactionOccurrence: 1, recordPosition: bill + 1, column: 10,
            conditions: [("S15", "BILL NUMBER NOT ON FILE"), ("998", "TRANSACTION DATA REJECTED")], rejected: true))
        // A block ACE could not take: its own B and Y (B/Y at 80), X0 BLOCK, X1s, X1 R 999.
        let ae = f.sent(.entrySummary)
        let blocks = ae.filter { $0.hasPrefix("B") }
        let k = blocks.firstIndex { cols($0, 4, 7) == "0901" }! + 1
        let a = try ACEResponseWriter.record(ABILayouts.a, [("site code", "EL01"), ("sender id", "EL7"), ("date", "2026-12-01"), ("application id", "AX"), ("user data", "B0001")])
        let x0 = try ACEResponseWriter.record(ACEResponseLayouts.x0Block, [("reference type", "BLOCK"), ("occurrence", String(k)), ("port", "0901"),
                                                                           ("filer code", "EL7"), ("office code", "01"), ("application id", "AE"), ("block user data", "B0001")])
        let ref = cols(x0, 1, 17) + "REF ID:" + cols(x0, 25, 80)
        let x1a = try ACEResponseWriter.record(ACEResponseLayouts.x1, [("severity", "F"), ("condition code", "X31"), ("narrative", "PREPARER NOT AUTHORIZED FOR PORT")])
        let x1b = try ACEResponseWriter.record(ACEResponseLayouts.x1, [("disposition", "R"), ("severity", "F"), ("condition code", "999"), ("narrative", "BATCH REJECTED")])
        let pad = { (s: String, last: String) in s + String(repeating: " ", count: 79 - s.count) + last }
        out["x1-block-rejected.txt"] = [a, pad("B", "B"), ref, x1a, x1b, pad("Y" + "  " + "         " + "00003", "Y"), pad("Z", "Z")].map { $0 + "\n" }.joined()
        return out
    }
}

@Suite("Responses: SX, SO, AX (E0+E1), UC, X0/X1 laid out per the chapters, read and recorded per entry")
struct ResponseTests {
    @Test("The samples in samples/ace-responses/ are the files this test builds for batch B0001 of every sample entry")
    func samplesAreCurrent() throws {
        let f = try ResponseLedger()
        let files = try ResponseSamples.files(f)
        if Repo.regenerate {
            for (name, text) in files { try text.write(to: Repo.url("samples/ace-responses/\(name)"), atomically: true, encoding: .utf8) }
        }
        #expect(Set(Repo.names("samples/ace-responses", suffix: ".txt")) == Set(files.keys))
        for (name, text) in files { #expect(String(decoding: Repo.bytes("samples/ace-responses/\(name)"), as: UTF8.self) == text, "\(name)") }
    }

    @Test("ack reads each sample and records the right outcome for each entry; the planner then decides by the table")
    func ackRecordsEachOutcome() throws {
        let f = try ResponseLedger()
        func ack(_ name: String) throws -> [String: (String, Bool)] {
            let body = try f.ledger.ack(file: Repo.url("samples/ace-responses/\(name)").path, signer: f.supervisor).body
            #expect(body.unmatched.isEmpty, "\(name): \(body.unmatched)")
            return Dictionary(body.results.map { ("\($0.application.rawValue) \($0.entryNumber)", ($0.outcome, $0.rejected)) }, uniquingKeysWith: { $1 })
        }
        let sx = try ack("sx-accepted-rejected.txt")
        #expect(sx["SE EL7-1000001-8"]! == ("rejected", true))
        #expect(sx["SE EL7-1000006-7"]! == ("accepted", false))
        #expect(sx["SE EL7-1000005-9"]! == ("accepted-with-warnings", false))
        let so = try ack("so-status.txt")
        #expect(so["SE EL7-1000006-7"]! == ("released", false))
        #expect(so["SE EL7-1000005-9"]! == ("detained", false))
        let ok = try ack("ax-accepted.txt")
        #expect(ok["AE EL7-1000006-7"]! == ("accepted", false) && ok["AE EL7-1000002-6"]! == ("accepted", false))
        let rejected = try f.ledger.ack(file: Repo.url("samples/ace-responses/ax-rejected-e0-e1.txt").path, signer: f.supervisor).body
        #expect(rejected.results.map(\.outcome) == ["rejected"])
        #expect(rejected.results[0].messages.contains { $0.contains("771") && $0.contains("TARIFF 1") })
        let uc = try ack("uc-rejected-after-acceptance.txt")
        #expect(uc["AE EL7-1000006-7"]! == ("rejected-after-acceptance", true))
        let x0 = try ack("x0-x1-transaction-rejected.txt")
        #expect(x0.count == 1 && x0["SE EL7-1000008-3"]! == ("transaction-rejected", true))
        let block = try ack("x1-block-rejected.txt")
        #expect(block["AE EL7-1000007-5"]! == ("batch-rejected", true))

        // The decision table: the block ACE refused goes again as it was; rejected entries wait
        // for their amendment; nothing else moves.
        let idle = try f.plan()
        #expect(idle == ["A AE EL7-1000007-5"])
        // Amended: the rejected vessel goes as an add (never on file) in SE and AE; the air
        // summary, rejected after acceptance, as a replace.
        for name in ["01-vessel-continuous-3461-7501.json", "01-air-single-bond-3461-7501.json"] {
            guard case .object(var o) = try JSONReader.parse(Repo.bytes("samples/entries/\(name)")) else { continue }
            o["voyage"] = .string("999E")
            try f.ledger.amendEntry(.object(o), reason: "corrected", signer: f.supervisor)
        }
        #expect(try f.plan() == ["A AE EL7-1000001-8", "A AE EL7-1000007-5", "A SE EL7-1000001-8", "R AE EL7-1000006-7", "R SE EL7-1000006-7"])
        #expect(try Verifier(trusting: f.supervisor.publicKey).verify(store: f.ledger.store).ok)
    }

    @Test("The reader: envelope errors refuse the file; bad lines and unknown ids are reported, not guessed")
    func reader() throws {
        let good = Array(try ACEResponseWriter.file(application: "AX", senderID: "EL7", date: "2026-12-01", batchUserData: "B0001",
            blocks: [(port: "2704", filer: "EL7", userData: "B0001", records: try ACEResponseWriter.ax(ResponseSamples.v, brokerReference: "K4471", accepted: true))]).utf8)
        let file = try ACEResponseReader.read(good)
        #expect(file.application == "AX" && file.batchUserData == "B0001" && file.dispositions.count == 1 && file.unreadable.isEmpty)
        #expect(file.dispositions[0].outcome == .entrySummaryAccepted && file.dispositions[0].filerReference == "K4471")
        // Truncated: no Z.
        let cut = Array(good.prefix(good.count - 81))
        #expect(throws: ACEResponseError.self) { try ACEResponseReader.read(cut) }
        // No envelope at all.
        #expect(throws: ACEResponseError.self) { try ACEResponseReader.read(Array(("E1A 995" + String(repeating: " ", count: 73) + "\n").utf8)) }
        // A short line and an unknown record id inside the block: reported with their line, the rest read.
        var ls = String(decoding: good, as: UTF8.self).split(separator: "\n").map(String.init)
        ls.insert("E1 SHORT", at: 2)
        ls.insert("E9" + String(repeating: " ", count: 78), at: 2)
        let mixed = try ACEResponseReader.read(Array((ls.joined(separator: "\n") + "\n").utf8))
        #expect(mixed.unreadable.map(\.line) == [3, 4, 7])      // and the Y's count no longer matches
        #expect(mixed.unreadable[2].reason.contains("counts 2 records"))
        #expect(mixed.unreadable[0].reason.contains("unknown record id 'E9'"))
        #expect(mixed.dispositions.count == 1)
        // A summary whose final E1 never comes is not recorded, and says so.
        let open = ls.filter { !$0.hasPrefix("E1A") }
        let noFinal = try ACEResponseReader.read(Array((open.joined(separator: "\n") + "\n").utf8))
        #expect(noFinal.dispositions.isEmpty && noFinal.unreadable.contains { $0.reason.contains("final E1") })
        // Hostile bytes never crash.
        var g = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var bytes = good
            for _ in 0..<8 { bytes[Int.random(in: 0..<bytes.count, using: &g)] = UInt8.random(in: 0...255, using: &g) }
            _ = try? ACEResponseReader.read(bytes)
        }
    }

    @Test("A broker reference this ledger never sent refuses the file")
    func wrongBrokerReference() throws {
        let f = try ResponseLedger()
        let path = f.dir + "/wrong-ref.txt"
        try ACEResponseWriter.file(application: "AX", senderID: "EL7", date: "2026-12-01", batchUserData: "B0001",
            blocks: [(port: "2704", filer: "EL7", userData: "B0001", records: try ACEResponseWriter.ax(ResponseSamples.air, brokerReference: "K9999", accepted: true))])
            .write(toFile: path, atomically: true, encoding: .utf8)
        let before = try f.ledger.store.count()
        let e = #expect(throws: LedgerError.self) { try f.ledger.ack(file: path, signer: f.supervisor) }
        #expect(e?.description.contains("K9999") == true)
        #expect(try f.ledger.store.count() == before)
    }

    @Test("Replay refuses cargo release transactions until the supervisor records the SE13 contact")
    func replayNeedsTheContact() throws {
        let dir = NSTemporaryDirectory() + "el-abi-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let sup = LedgerSigningKey(name: "Dana Whitfield")
        let ledger = try Ledger.create(path: dir + "/l.db", filer: "EL7", port: "2704", broker: "B", supervisor: sup)
        _ = try ledger.addEntries([try JSONReader.parse(Repo.bytes("samples/entries/11-informal-truck.json"))], signer: sup)
        try ledger.authorize(AuthorizationBody(reference: "R", date: "2026-11-30", contact: ""), signer: sup)
        let e = #expect(throws: LedgerError.self) { try ledger.replay(outDir: dir + "/o", settings: sampleSettings, signer: sup, dryRun: false) }
        #expect(e?.description.contains("entryledger settings contact") == true)
        #expect(throws: LedgerError.self) { try ledger.setContact(name: "dana", phone: "312 555", signer: sup) }
        try ledger.setContact(name: "DANA WHITFIELD", phone: "3125550142", signer: sup)
        let r = try ledger.replay(outDir: dir + "/o2", settings: sampleSettings, signer: sup, dryRun: false)
        #expect(r.batchIDs == ["B0001"])
    }
}
