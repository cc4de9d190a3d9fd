import EntryLedger
import Foundation

/// A practice outage, played with the office's own names from its profile: what
/// `entryledger drill` runs. The ledger is marked as a drill in its signed genesis, so its
/// batches are marked test, its notices say "do not send" and its report says DRILL on every
/// page. Each step says what the office would do, then does it in the practice ledger and is
/// timed, so a tabletop exercise can compare how long each step took the people playing it.
///
/// ```swift
/// let result = try Drill.run(in: "/tmp/drill", profile: profile, pause: { _ in }, say: { print($0) })
/// ```
public enum Drill {
    public struct Step: Sendable {
        public let number: Int
        public let title: String
        public let seconds: Double
    }

    public struct Result: Sendable {
        public let ledgerPath: String
        public let supervisorPublicKey: String
        public let replayFolder: String
        public let reportPath: String
        public let notices: [String]
        public let steps: [Step]
    }

    /// The drill's ledger file inside its folder.
    public static let ledgerName = "entryledger-DRILL.db"

    /// Runs the drill in `dir` (which must be empty or new). `pause` is called with the next
    /// step's instructions before it runs (the command waits for Enter there unless
    /// `--non-interactive`); `say` prints.
    public static func run(in dir: String, profile: OfficeProfile, now: Int64 = Int64(Date().timeIntervalSince1970),
                           pause: (String) -> Void, say: (String) -> Void) throws -> Result {
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/keys", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: dir + "/notices", withIntermediateDirectories: true)
        let ledgerPath = dir + "/" + ledgerName
        var steps: [Step] = []
        func step(_ title: String, _ instructions: String, _ body: () throws -> Void) rethrows {
            let n = steps.count + 1
            say("")
            say("Step \(n). \(title)")
            say("   What to do: \(instructions)")
            pause("Step \(n): \(title)")
            let start = Date()
            try body()
            let seconds = Date().timeIntervalSince(start)
            steps.append(Step(number: n, title: title, seconds: seconds))
            say("   (step \(n) took \(String(format: "%.1f", seconds)) s)")
        }
        func ago(_ hours: Int64) -> String { Timestamp.format(unixSeconds: now - hours * 3600) }

        let supName = profile.people.first { $0.role == .supervisor }?.name ?? "Supervisor"
        let clerkNames = profile.people.filter { $0.role == .clerk }.map(\.name)
        let supervisor = LedgerSigningKey(name: supName)
        let clerks = (clerkNames.isEmpty ? ["Clerk"] : clerkNames).map { LedgerSigningKey(name: $0) }
        func clerk(_ i: Int) -> LedgerSigningKey { clerks[i % clerks.count] }
        func contact(_ p: Party) -> OfficeProfile.Contact { profile.contacts(p).first ?? .init(role: p, name: p.title) }
        let importerContact = profile.contacts(.importer).first { !$0.importerNumbers.isEmpty }
        var ledger: Ledger!
        var notices: [String] = []

        say("EntryLedger DRILL for \(profile.broker) (filer \(profile.filer)) in \(dir)")
        say("A practice outage: nothing here is real, nothing is sent to CBP, and every output is marked DRILL or TEST.")

        try step("Keys for the people who sign", "the supervisor (\(supName)) and each clerk make a key pair; in a drill the keys are practice keys in \(dir)/keys.") {
            for (i, key) in ([supervisor] + clerks).enumerated() {
                let file = i == 0 ? "supervisor" : "clerk-\(i)"
                try KeyFile.write(key, to: "\(dir)/keys/\(file).key")
                say("   \(key.name): keys/\(file).key")
            }
        }
        try step("Open the outage ledger", "the supervisor opens a ledger for filer \(profile.filer), port \(profile.ports[0]), and enrols the clerks.") {
            ledger = try Ledger.create(path: ledgerPath, filer: profile.filer, port: profile.ports[0], broker: profile.broker, supervisor: supervisor, drill: true)
            say("   \(ledgerPath), origin \(ledger.origin), marked drill in its genesis")
            for c in clerks {
                let r = try ledger.enroll(c.publicKey, proof: ProofOfPossession.make(c), signer: supervisor)
                say("   enrolled \(c.name) at seq \(r.seq)")
            }
        }
        try step("Ransomware found: open the incident", "note when it was discovered (CBP's 72-hour clock starts there), the systems hit, and importer numbers that may be exposed.") {
            let r = try ledger.openIncident(IncidentOpenBody(
                discoveredAt: ago(2), summary: "DRILL: ransomware found on the filing server; ABI link to ACE disconnected.",
                systems: ["ABI filing server"], exposedImporters: importerContact.map { [$0.importerNumbers[0]] } ?? []), signer: supervisor)
            say("   seq \(r.seq): incident opened, discovered \(ago(2))")
        }
        let soc = contact(.cbpSOC)
        try step("Call the CBP Security Operations Center", "call and e-mail \(soc.name)\(soc.reach.isEmpty ? "" : " (\(soc.reach))") at once; log the call and its ticket.") {
            let r = try ledger.logCommunication(CommunicationBody(party: .cbpSOC, partyName: soc.name, channel: .phone, at: ago(1),
                                                                  summary: "DRILL: reported the attack to the SOC desk.", reference: "DRILL-SOC-1"), signer: supervisor)
            say("   seq \(r.seq): call with \(soc.name) logged")
        }
        let rep = contact(.cbpClientRep)
        try step("Send the 72-hour breach notice", "draft the 19 CFR 111.21(b) notice naming the exposed importer numbers, review it, e-mail it to \(rep.name), log it as sent.") {
            let d = try NoticeDrafter.draft(.breach, to: .cbpClientRep, ledger: ledger, profile: profile, now: now)
            let path = dir + "/notices/DRILL-breach-cbp-client-rep.txt"
            try AtomicFile.write(Array(d.text.utf8), to: path, existing: .replace)
            notices.append(path)
            let r = try ledger.logCommunication(CommunicationBody(party: .cbpClientRep, partyName: rep.name, channel: .email, at: Timestamp.format(unixSeconds: now),
                                                                  summary: "DRILL: sent the \(d.kind.title) \(d.kind.tag)"), signer: supervisor)
            say("   notices/DRILL-breach-cbp-client-rep.txt drafted; seq \(r.seq): logged as sent to \(rep.name)")
        }
        try step("Tell the PGAs, importer clients, surety and software provider", "work down the communication plan; log each call or e-mail.") {
            var i = 0
            for c in profile.contacts(.pga) + profile.contacts(.importer) + profile.contacts(.surety) + profile.contacts(.softwareProvider) {
                let r = try ledger.logCommunication(CommunicationBody(party: c.role, partyName: c.name, channel: .email, at: Timestamp.format(unixSeconds: now),
                                                                      summary: "DRILL: told \(c.name) of the outage."), signer: clerk(i))
                say("   seq \(r.seq) by \(clerk(i).name): \(c.role.rawValue) \(c.name)")
                i += 1
            }
            if i == 0 { say("   the profile names none of them: add them (see `entryledger readiness`)") }
        }
        var logged: [EntryNumber] = []
        try step("Log the entries filed on paper", "reserve entry numbers outside the compromised system; clerks log each entry presented on paper CBP Form 3461 at the port.") {
            let range = try EntryNumberRange(filerCode: profile.filer, first: 9_000_001, last: 9_000_100)
            _ = try ledger.reserveNumbers(range, reason: "DRILL: numbers held for downtime", signer: supervisor)
            for (i, sample) in DemoEntries.files.prefix(4).enumerated() {
                guard case .object(var o) = try JSONReader.parse(sample.json) else { continue }
                o["entry_number"] = .string(try EntryNumber(filerCode: profile.filer, serial: 9_000_001 + i).formatted)
                let (r, n) = try ledger.addEntries([.object(o)], signer: clerk(i))[0]
                logged.append(n)
                say("   seq \(r.seq) by \(clerk(i).name): entry \(n.formatted)")
            }
            let rel = try ledger.releaseEntry(EntryRelease(entryNumber: logged[0], date: String(ago(1).prefix(10)), port: profile.ports[0], reference: "DRILL STAMP"), signer: clerk(0))
            say("   seq \(rel.seq): \(logged[0].formatted) released on paper")
        }
        var cosigned: SignedNote!
        var made: Ledger.MadeCheckpoint!
        let reviewer = LedgerSigningKey(name: "DRILL CBP reviewer")
        let reviewerName = "entryledger-reviewer/\(reviewer.keyID)"
        try step("Publish a checkpoint to CBP", "the supervisor signs a checkpoint and e-mails it with the verifier key; the CBP reviewer verifies and cosigns it.") {
            made = try ledger.appendCheckpoint(signer: supervisor)
            try AtomicFile.write(made.note.bytes, to: dir + "/checkpoint-DRILL.txt", existing: .replace)
            let report = try Verifier(trusting: supervisor.publicKey).verify(store: ledger.store)
            cosigned = made.note
            try cosigned.add(try Cosignature.sign(made.checkpoint, key: reviewer, name: reviewerName, timestamp: UInt64(now)).noteSignature)
            say("   checkpoint-DRILL.txt: \(made.checkpoint.size) records; verify: \(report.ok ? "OK" : "FAILED \(report.problems)")")
        }
        let replayFolder = dir + "/replay-DRILL"
        var replayed: ReplayResult!
        try step("CBP authorises reconnection; replay into ACE batches", "record CBP's authorisation, then replay: in a drill every batch is marked TEST and must never be sent.") {
            _ = try ledger.authorize(AuthorizationBody(
                reference: "DRILL-AUTH-1", date: String(Timestamp.format(unixSeconds: now).prefix(10)), contact: rep.name,
                checkpointSize: Int64(made.checkpoint.size), checkpointRoot: Base64.encode(made.checkpoint.rootHash), checkpointNote: cosigned.serialized,
                reviewerKey: try NoteVerifierKey(name: reviewerName, type: .cosignatureV1, key: reviewer.publicKey).vkey), signer: supervisor)
            let settings = ABIBatchSettings(siteCode: "DRIL", senderID: profile.filer, password: "DRILL1", officeCode: "01", date: String(Timestamp.format(unixSeconds: now).prefix(10)))
            _ = try ledger.setContact(name: "DRILL CONTACT", phone: "0000000000", signer: supervisor)
            replayed = try ledger.replay(outDir: replayFolder, settings: settings, signer: supervisor, dryRun: false)
            for b in replayed.batches { say("   batch \(b.id): \(b.files.map(\.name).joined(separator: ", ")), manifest.json (test)") }
        }
        try step("Record ACE's answers", "read each ACE response file back into the ledger (`entryledger ack`); in a drill the answers are played, every entry accepted.") {
            var sx: [String] = [], ax: [String] = []
            for i in replayed.plan.items {
                if i.application == .cargoRelease {
                    sx += try ACEResponseWriter.sx(i.entry.number, entryType: i.entry.entryType, messageType: "02", narrative: "DRILL ACCEPTED")
                } else {
                    ax += try ACEResponseWriter.ax(i.entry.number, brokerReference: i.entry.brokerReference, accepted: true)
                }
            }
            var bodies: [ResponseBody] = []
            var r: Ledger.Appended!
            for (app, records) in [("SX", sx), ("AX", ax)] where !records.isEmpty {
                let file = try Demo.writeResponse(application: app, batch: replayed.batches[0], records: records,
                                                  to: dir + "/ace-response-\(app)-DRILL.txt", filer: profile.filer, port: profile.ports[0])
                let (appended, body) = try ledger.ack(file: file, signer: supervisor).first
                r = appended
                bodies.append(body)
            }
            say("   seq \(r.seq): ace-response-SX-DRILL.txt and -AX-DRILL.txt recorded, \(bodies.flatMap(\.results).filter { !$0.rejected }.count) accepted")
        }
        let reportPath = dir + "/report-DRILL.html"
        try step("The accounting for CBP", "print the report; check that every entry is accounted for.") {
            let html = Report.markDrill(Report.render(try Accounting.load(ledger, now: now), as: .html), as: .html)
            try AtomicFile.write(Array(html.utf8), to: reportPath, existing: .replace)
            say("   report-DRILL.html written (DRILL on every page)")
        }
        try step("Off-site backup and a restore test", "take an encrypted backup to the off-site location\(profile.backupLocation.map { " (\($0))" } ?? ""), restore it, and write down the date of the restore test in the profile.") {
            let archive = dir + "/DRILL-backup.elbackup"
            let pass = "drill passphrase, practice only"
            let s = try Backup.create(ledger: ledger, to: archive, passphrase: pass)
            try fm.createDirectory(atPath: dir + "/restored", withIntermediateDirectories: true)
            try Backup.restore(from: archive, to: dir + "/restored/" + ledgerName, passphrase: pass, trusting: supervisor.publicKey)
            say("   \(s.records) records sealed and restored, verified")
        }
        say("")
        say("Drill done. Time per step:")
        for s in steps { say("   \(String(s.number).padding(toLength: 3, withPad: " ", startingAt: 0)) \(s.title.padding(toLength: 62, withPad: " ", startingAt: 0)) \(String(format: "%6.1f", s.seconds)) s") }
        return Result(ledgerPath: ledgerPath, supervisorPublicKey: dir + "/keys/supervisor.key.pub", replayFolder: replayFolder,
                      reportPath: reportPath, notices: notices, steps: steps)
    }
}
