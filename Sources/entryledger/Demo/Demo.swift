@_spi(Testing) import LedgerSQLite
import EntryLedger
import Foundation

/// A whole outage, end to end, in a folder: what `entryledger demo` runs. It narrates each step
/// in a broker's words through `say` and returns what it found, so tests can check it.
///
/// ```swift
/// let result = try Demo.run(in: "/tmp/demo") { print($0) }
/// assert(result.tamperCaughtAtSeq == result.tamperedSeq)
/// ```
public enum Demo {
    public struct Result: Sendable {
        public let ledgerPath: String
        public let records: Int64
        public let cleanReport: VerificationReport
        public let tamperedSeq: Int64
        public let tamperedReport: VerificationReport
        /// The lowest seq verify named on the tampered copy.
        public var tamperCaughtAtSeq: Int64? { tamperedReport.problems.compactMap(\.seq).min() }
    }

    /// An ACE response file laid out as ACE sends it (the demo plays ACE's part).
    static func writeResponse(application: String, batch: ReplayResult.Batch, records: [String], to path: String,
                              filer: String = "EL7", port: String = "2704") throws -> String {
        let text = try ACEResponseWriter.file(application: application, senderID: filer, date: String(Timestamp.now().prefix(10)),
                                              batchUserData: batch.id, blocks: [(port: port, filer: filer, userData: batch.id, records: records)])
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    public static func run(in dir: String, say: (String) -> Void) throws -> Result {
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/keys", withIntermediateDirectories: true)
        let ledgerPath = dir + "/entryledger.db"
        say("EntryLedger demo in \(dir)")
        say("")
        say("1. The licensed broker (the supervisor), two clerks and the CBP reviewer each make a key pair.")
        let supervisor = LedgerSigningKey(name: "Dana Whitfield")
        let alice = LedgerSigningKey(name: "Alice Moreno")
        let bob = LedgerSigningKey(name: "Bob Tanaka")
        let reviewerKey = LedgerSigningKey(name: "CBP Reviewer")
        for (key, file) in [(supervisor, "supervisor"), (alice, "alice"), (bob, "bob"), (reviewerKey, "cbp-reviewer")] {
            try KeyFile.write(key, to: "\(dir)/keys/\(file).key")
            say("   \(key.name): keys/\(file).key (private, mode 600) and keys/\(file).key.pub, key id \(key.keyID)")
        }

        say("")
        say("2. Ransomware hits. The supervisor opens the outage ledger for filer EL7 at port 4103.")
        let ledger = try Ledger.create(path: ledgerPath, filer: "EL7", port: "4103", broker: "Harbor Point Customs Brokerage LLC", supervisor: supervisor)
        say("   Ledger \(ledgerPath), origin \(ledger.origin)")
        for clerk in [alice, bob] {
            let r = try ledger.enroll(clerk.publicKey, proof: ProofOfPossession.make(clerk), signer: supervisor)
            say("   Enrolled clerk \(clerk.name) at seq \(r.seq)")
        }

        say("")
        say("3. The supervisor opens the incident; everyone logs what happens, each record signed by its")
        say("   author and chained to the one before. CBP's clocks start at the time of discovery.")
        let now = Int64(Date().timeIntervalSince1970)
        func ago(_ hours: Int64) -> String { Timestamp.format(unixSeconds: now - hours * 3600) }
        let opened = try ledger.openIncident(IncidentOpenBody(
            discoveredAt: ago(30), summary: "Ransomware found on the filing server; ABI link to ACE disconnected.",
            systems: ["ABI filing server", "document management"], exposedImporters: ["12-3456789AB"]), signer: supervisor)
        say("   seq \(opened.seq): incident opened, discovered \(ago(30))")
        let comms: [(LedgerSigningKey, CommunicationBody)] = [
            (supervisor, CommunicationBody(party: .cbpSOC, channel: .phone, at: ago(29), summary: "Reported the attack to the SOC desk.", reference: "SOC-2026-1129-004")),
            (alice, CommunicationBody(party: .cbpClientRep, channel: .email, at: ago(26), summary: "Confirmed downtime procedures: paper 3461 at the port for each shipment.")),
            (bob, CommunicationBody(party: .pga, partyName: "FDA", channel: .email, at: ago(20), summary: "Told FDA of the outage; PGA data will follow on reconnection.")),
            (alice, CommunicationBody(party: .importer, partyName: "Pacific Rim Outfitters", channel: .phone, at: ago(18), summary: "Explained paper releases and possible delays.")),
        ]
        for (key, body) in comms {
            let r = try ledger.logCommunication(body, signer: key)
            say("   seq \(r.seq) by \(key.name): \(body.channel.rawValue) with \(body.who)")
        }
        let note = try ledger.note("Downtime letter prepared for the first vessel shipment; paper 3461 presented at the port.", signer: bob)
        say("   seq \(note.seq) by \(bob.name): a note")
        let reportPath = dir + "/forensic-report.txt"
        try Data("Forensic report, Harbor Point Customs Brokerage\nScope: filing server, document management\nFinding: no persistence after reimage.\n".utf8)
            .write(to: URL(fileURLWithPath: reportPath))
        let ev = try ledger.addEvidence(file: reportPath, description: "Forensic firm's remediation report", signer: supervisor)
        say("   seq \(ev.seq): remediation evidence forensic-report.txt, kept by SHA-256 in \(Evidence.folder(forLedger: ledgerPath))")
        say("   Where the deadlines stand:")
        for d in try IncidentTimeline.load(ledger).deadlines(now: now) { say("     " + d.sentence) }

        say("")
        say("4. The supervisor sets entry numbers aside for downtime; clerks log each entry filed on paper.")
        let range = try EntryNumberRange(filerCode: "EL7", first: 1_000_001, last: 1_000_100)
        let reserved = try ledger.reserveNumbers(range, reason: "numbers held outside the compromised system", signer: supervisor)
        say("   seq \(reserved.seq): reserved \(try EntryNumber(filerCode: "EL7", serial: range.first).formatted) to \(try EntryNumber(filerCode: "EL7", serial: range.last).formatted)")
        var logged: [EntryNumber] = []
        for (i, sample) in DemoEntries.files.enumerated() {
            var json = try JSONReader.parse(sample.json)
            let clerk = i % 2 == 0 ? alice : bob
            let viaNext = i == DemoEntries.files.count - 1
            if viaNext, case .object(var o) = json { o["entry_number"] = nil; json = .object(o) }
            let (r, n) = try ledger.addEntries([json], nextNumber: viaNext, signer: clerk)[0]
            logged.append(n)
            say("   seq \(r.seq) by \(clerk.name): entry \(n.formatted) (\(sample.name))\(viaNext ? ", number taken from the reserved range" : "")")
        }
        let duplicate = try JSONReader.parse(DemoEntries.files[0].json)
        do {
            try ledger.addEntries([duplicate], signer: bob)
            say("   UNEXPECTED: a duplicate entry number was accepted")
        } catch {
            say("   \(bob.name) tries to log \(logged[0].formatted) again: \(error)")
        }
        // Released on the day the vessel arrived (a release is never dated before the arrival).
        let arrived = try JSONReader.parse(DemoEntries.files[0].json)["arrival_date"]?.stringValue ?? String(ago(20).prefix(10))
        let rel = try ledger.releaseEntry(EntryRelease(entryNumber: logged[0], date: arrived, port: "2704", reference: "CBP STAMP 2704-0118"), signer: alice)
        say("   seq \(rel.seq): CBP released \(logged[0].formatted) on paper at port 2704")
        if case .object(var o) = try JSONReader.parse(DemoEntries.files[1].json) {
            o["voyage"] = .string("UA881")
            let am = try ledger.amendEntry(.object(o), reason: "flight number corrected from the air waybill", signer: bob)
            say("   seq \(am.seq): \(logged[1].formatted) amended (flight number corrected)")
        }
        let vo = try ledger.voidEntry(logged[2], reason: "importer cancelled the shipment", signer: supervisor)
        say("   seq \(vo.seq): \(logged[2].formatted) voided; its number will never be used again")
        for e in try EntryBook.load(ledger) { say("     \(e.number.formatted)  \(e.status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) version \(e.version), \(e.entry.lines.count) line(s)") }

        say("")
        say("5. The supervisor publishes a signed checkpoint and e-mails it to CBP. The CBP reviewer verifies the")
        say("   ledger up to it, trusting only the supervisor's public key, and countersigns it.")
        let made = try ledger.appendCheckpoint(signer: supervisor)
        try Data(made.note.bytes).write(to: URL(fileURLWithPath: dir + "/checkpoint.txt"))
        say("   checkpoint.txt: \(made.checkpoint.size) records, root \(Base64.encode(made.checkpoint.rootHash))")
        let reviewer = Verifier(trusting: supervisor.publicKey, evidenceFolder: Evidence.folder(forLedger: ledgerPath))
        let clean = try reviewer.verify(store: ledger.store)
        say(clean.ok ? "   OK: all \(clean.records) records (the checkpoint record included): every link, hash and signature checks out, and the evidence files match."
                     : "   UNEXPECTED: \(clean.problems)")
        let reviewerName = "entryledger-reviewer/\(reviewerKey.keyID)"
        var cosigned = made.note
        try cosigned.add(try Cosignature.sign(made.checkpoint, key: reviewerKey, name: reviewerName, timestamp: UInt64(now)).noteSignature)
        let reviewerVKey = try NoteVerifierKey(name: reviewerName, type: .cosignatureV1, key: reviewerKey.publicKey).vkey
        try Data(cosigned.bytes).write(to: URL(fileURLWithPath: dir + "/checkpoint-cosigned.txt"))
        say("   checkpoint-cosigned.txt: the reviewer's cosignature added")

        say("")
        say("6. CBP is satisfied the systems are clean and authorises reconnection, bound to the cosigned checkpoint.")
        say("   The supervisor replays the outage's entries into ACE-ready ABI batches.")
        let auth = try ledger.authorize(AuthorizationBody(
            reference: "CBP-RECON-2026-0042", date: String(Timestamp.now().prefix(10)), contact: "CBP client representative",
            checkpointSize: Int64(made.checkpoint.size), checkpointRoot: Base64.encode(made.checkpoint.rootHash),
            checkpointNote: cosigned.serialized, reviewerKey: reviewerVKey), signer: supervisor)
        say("   seq \(auth.seq): authorisation CBP-RECON-2026-0042 recorded")
        let contact = try ledger.setContact(name: "DANA WHITFIELD", phone: "3125550142", signer: supervisor)
        say("   seq \(contact.seq): the SE13 contact every cargo release carries (entryledger settings contact)")
        let settings = ABIBatchSettings(siteCode: "EL01", senderID: "EL7", password: "DEMO01", officeCode: "01", date: String(Timestamp.now().prefix(10)))
        let first = try ledger.replay(outDir: dir + "/replay-1", settings: settings, signer: supervisor, dryRun: false)
        for i in first.plan.items { say("     \(i.action.rawValue) \(i.application.rawValue) \(i.entry.number.formatted): \(i.reason)") }
        for b in first.batches { say("   batch \(b.id) written to \(b.folder ?? dir) (\(b.files.map(\.name).joined(separator: ", ")), manifest.json)") }

        say("")
        say("7. ACE answers (SX for the cargo releases, AX for the entry summaries): one cargo release is rejected;")
        say("   everything else is accepted. The answers are recorded, the clerk corrects the rejected entry, and only")
        say("   that entry goes out again, as an add: ACE rejected it, so nothing of it is on file to replace.")
        let batch1 = first.batches[0]
        var sx: [String] = []
        var ax: [String] = []
        for item in first.plan.items {
            let n = item.entry.number
            if item.application == .cargoRelease {
                let rejected = n == logged[0]
                sx += try ACEResponseWriter.sx(n, entryType: item.entry.entryType, messageType: rejected ? "01" : "02",
                                               recordConditions: rejected ? [("123", "CONVEYANCE NAME DOES NOT MATCH MANIFEST")] : [],
                                               narrative: rejected ? "MESSAGE REJECTED" : "MESSAGE ACCEPTED")
            } else {
                ax += try ACEResponseWriter.ax(n, brokerReference: item.entry.brokerReference, accepted: true)
            }
        }
        let (ack1, body1) = try ledger.ack(file: try writeResponse(application: "SX", batch: batch1, records: sx, to: dir + "/ace-response-1-sx.txt"), signer: supervisor).first
        let (ack1b, body1b) = try ledger.ack(file: try writeResponse(application: "AX", batch: batch1, records: ax, to: dir + "/ace-response-1-ax.txt"), signer: supervisor).first
        let answers = body1.results + body1b.results
        say("   seq \(ack1.seq), \(ack1b.seq): ace-response-1-sx.txt and -ax.txt recorded: \(answers.filter { !$0.rejected }.count) accepted, \(answers.filter(\.rejected).count) rejected")
        if case .object(var o) = try JSONReader.parse(DemoEntries.files[0].json) {
            o["conveyance_name"] = .string("MAERSK ESSEX")
            let fix = try ledger.amendEntry(.object(o), reason: "vessel name corrected to match the manifest", signer: alice)
            say("   seq \(fix.seq): \(logged[0].formatted) amended by \(alice.name)")
        }
        let second = try ledger.replay(outDir: dir + "/replay-2", settings: settings, signer: supervisor, dryRun: false)
        for i in second.plan.items { say("     \(i.action.rawValue) \(i.application.rawValue) \(i.entry.number.formatted): \(i.reason)") }
        var sx2: [String] = []
        for i in second.plan.items where i.application == .cargoRelease {
            sx2 += try ACEResponseWriter.sx(i.entry.number, entryType: i.entry.entryType, messageType: "02", narrative: "MESSAGE ACCEPTED")
        }
        let (ack2, _) = try ledger.ack(file: try writeResponse(application: "SX", batch: second.batches[0], records: sx2, to: dir + "/ace-response-2-sx.txt"), signer: supervisor).first
        say("   seq \(ack2.seq): ace-response-2-sx.txt recorded: ACE accepts the corrected cargo release")
        // The replaced entry summary is answered too, so that the story ends with nothing awaiting ACE.
        let ax2 = try second.plan.items.filter { $0.application == .entrySummary }.flatMap { i in
            try ACEResponseWriter.ax(i.entry.number, brokerReference: i.entry.brokerReference, accepted: true)
        }
        if !ax2.isEmpty {
            let (ack2b, _) = try ledger.ack(file: try writeResponse(application: "AX", batch: second.batches[0], records: ax2, to: dir + "/ace-response-2-ax.txt"), signer: supervisor).first
            say("   seq \(ack2b.seq): ace-response-2-ax.txt recorded: ACE accepts the replaced entry summary")
        }
        if case .object(var o) = try JSONReader.parse(DemoEntries.files[1].json) {
            o["entry_number"] = nil
            // A second shipment of the same goods, so the duplicate-goods guard is told it is meant.
            let (late, n) = try ledger.addEntries([.object(o)], nextNumber: true, allowDuplicateGoods: true, signer: bob)[0]
            say("   seq \(late.seq): \(n.formatted) logged after the authorised checkpoint; replay leaves it for the next authorisation")
        }
        let accounting = try Accounting.load(ledger, now: Int64(Date().timeIntervalSince1970))
        try Data(Report.render(accounting, as: .html).utf8).write(to: URL(fileURLWithPath: dir + "/report.html"))
        say("   The accounting (report.html):")
        for (k, v) in accounting.counts { say("     \(k.padding(toLength: 22, withPad: " ", startingAt: 0)) \(v)") }

        say("")
        say("8. The supervisor takes an encrypted backup to carry off-site, and checks that it restores.")
        let archive = dir + "/offsite-backup.elbackup"
        let passphrase = "demo passphrase: use a long one of your own"
        let summary = try Backup.create(ledger: ledger, to: archive, passphrase: passphrase)
        try fm.createDirectory(atPath: dir + "/restored", withIntermediateDirectories: true)
        try Backup.restore(from: archive, to: dir + "/restored/entryledger.db", passphrase: passphrase, trusting: supervisor.publicKey)
        say("   \(archive): \(summary.records) records and the evidence, sealed (scrypt + ChaCha20-Poly1305); restored and verified in \(dir)/restored")

        say("")
        let tamperedSeq = note.seq
        say("9. Someone with access to the file edits one byte of record \(tamperedSeq) with raw SQL, on a copy.")
        let copyPath = dir + "/tampered-copy.db"
        if fm.fileExists(atPath: copyPath) { try fm.removeItem(atPath: copyPath) }
        try ledger.store.backup(to: copyPath)
        let copy = try LedgerStore.open(path: copyPath)
        guard let original = try copy.record(at: tamperedSeq) else { throw LedgerError.notFound("record \(tamperedSeq)") }
        var bytes = original.record.payload
        // "paper 3461" becomes "paper 3481" in the note: the kind of quiet edit the ledger must catch.
        let needle = Array("3461".utf8)
        if let i = bytes.indices.first(where: { bytes[$0...].starts(with: needle) }) { bytes[i + 2] = UInt8(ascii: "8") }
        try copy.executeRawSQLForTamperTest("""
            DROP TRIGGER records_refuse_update;
            UPDATE records SET payload = x'\(Hex.encode(bytes))' WHERE seq = \(tamperedSeq);
            """)
        say("   (The append-only triggers had to be dropped first: they refuse UPDATE and DELETE.)")
        let tampered = try Verifier(trusting: supervisor.publicKey).verify(store: copy)
        say("   verify on the copy: \(tampered.ok ? "NOT caught" : "FAILED, as it should")")
        for p in tampered.problems { say("     \(p)") }

        say("")
        say("Done. Try: entryledger --ledger \(ledgerPath) verify --trust \(dir)/keys/supervisor.key.pub --checkpoint \(dir)/checkpoint.txt")
        say("Open \(dir)/report.html for the full accounting to hand to CBP.")
        return Result(ledgerPath: ledgerPath, records: clean.records, cleanReport: clean, tamperedSeq: tamperedSeq, tamperedReport: tampered)
    }
}

extension Ledger.AckOutcome {
    /// The demo's responses are new: the first record and the response.
    var first: (Ledger.Appended, ResponseBody) { (records[0], body) }
}
