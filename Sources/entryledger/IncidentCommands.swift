import LedgerSQLite
import ArgumentParser
import EntryLedger
import Foundation

struct IncidentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incident", abstract: "The incident's record: opening, communications, evidence, notes, closing.",
        subcommands: [IncidentOpen.self, IncidentLog.self, IncidentNotice.self, IncidentEvidence.self, IncidentClose.self, IncidentShow.self])
}

/// Checks an RFC 3339 UTC time given on the command line, or takes now.
func timeOption(_ value: String?, _ option: String) throws -> String {
    guard let value else { return Timestamp.now() }
    guard let utc = Timestamp.utc(value) else {
        throw InputError("\(option) \(value): should be an RFC 3339 time like 2026-11-29T06:10:00Z or 2026-11-29T01:10:00-05:00 (kept in UTC)")
    }
    return utc
}

struct IncidentOpen: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Open the incident: when it was discovered and what happened (supervisor).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "When the attack was discovered (RFC 3339, Z or a UTC offset; default now). CBP's 72-hour clock starts here.") var discoveredAt: String?
    @Option(help: "What happened.") var summary: String
    @Option(help: "A system affected (repeat for each).") var system: [String] = []
    @Option(help: "An importer number known to be exposed (repeat for each).") var exposedImporter: [String] = []
    @OptionGroup var signer: KeyOptions

    func run() throws {
        let at = try timeOption(discoveredAt, "--discovered-at")
        let key = try signer.load()
        let r = try global.openLedger().openIncident(
            IncidentOpenBody(discoveredAt: at, summary: summary, systems: system, exposedImporters: exposedImporter), signer: key)
        print("Incident opened at seq \(r.seq); discovered \(at). CBP must be notified electronically within 72 hours (19 CFR 111.21(b)).")
    }
}

struct IncidentLog: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Log a communication (with --to) or a note about the incident.",
        discussion: "Parties: \(Party.allCases.map(\.rawValue).joined(separator: ", ")). Channels: \(Channel.allCases.map(\.rawValue).joined(separator: ", ")).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "What was said or done.") var text: String
    @Option(help: "Who it was with, a party or a contact's name in the office profile (makes this a communication record).") var to: String?
    @Option(help: "Which one: the PGA, the importer, ... (needed for pga, importer, other; default the profile's contact).") var name: String?
    @Option(help: "How: email, phone, portal, meeting, letter, other.") var channel: String?
    @Option(help: "When it happened (RFC 3339, Z or a UTC offset; default now). Not in the future; an earlier time is shown as recorded late.") var at: String?
    @Option(help: "A ticket or message reference.") var reference: String?
    @OptionGroup var office: ProfileOptions
    @OptionGroup var signer: KeyOptions

    func run() throws {
        guard let given = to else {
            guard channel == nil, name == nil, at == nil, reference == nil else {
                throw InputError("--channel, --name, --at and --reference describe a communication: give --to as well")
            }
            let key = try signer.load()
            let r = try global.openLedger().note(text, signer: key)
            print("Logged note at seq \(r.seq), signed by \(key.name)")
            return
        }
        let (to, name) = try office.resolveParty(to: given, name: name)
        var problems: [String] = []
        let party = Party(rawValue: to)
        if party == nil { problems.append("--to \(to): should be one of \(Party.allCases.map(\.rawValue).joined(separator: ", "))") }
        let ch = Channel(rawValue: channel ?? "")
        if ch == nil { problems.append("--channel \(channel ?? "(missing)"): should be one of \(Channel.allCases.map(\.rawValue).joined(separator: ", "))") }
        if let party, party.needsName, (name ?? "").isEmpty { problems.append("--name is needed with --to \(party.rawValue) (which \(party.title)?)") }
        var when = ""
        do { when = try timeOption(at, "--at") } catch let e as InputError { problems.append(e.message) }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { problems.append("--text: must not be empty") }
        guard problems.isEmpty, let party, let ch else { throw LedgerError.invalidInput(problems) }
        let key = try signer.load()
        let body = CommunicationBody(party: party, partyName: name, channel: ch, at: when, summary: text, reference: reference)
        let r = try global.openLedger().logCommunication(body, signer: key)
        print("Logged \(ch.rawValue) with \(body.who) at seq \(r.seq)")
    }
}

struct IncidentEvidence: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence", abstract: "Record a remediation evidence file (copied beside the ledger with its SHA-256).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The file (forensic report, scan result, ...).") var file: String
    @Option(help: "What it shows.") var description: String = ""
    @OptionGroup var signer: KeyOptions

    func run() throws {
        let key = try signer.load()
        let ledger = try global.openLedger()
        let r = try ledger.addEvidence(file: file, description: description, signer: key)
        print("Recorded evidence \(URL(fileURLWithPath: file).lastPathComponent) at seq \(r.seq); copy kept in \(Evidence.folder(forLedger: ledger.store.path))")
    }
}

struct IncidentClose: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Close the incident (supervisor).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "How it ended.") var summary: String
    @OptionGroup var signer: KeyOptions

    func run() throws {
        let key = try signer.load()
        let r = try global.openLedger().closeIncident(summary: summary, signer: key)
        print("Incident closed at seq \(r.seq). Publish a final checkpoint and send it to CBP.")
    }
}

struct IncidentShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "The incident's timeline.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let t = try IncidentTimeline.load(try global.openLedgerReadOnly())
        if json { Output.json(t.json); return }
        if t.events.isEmpty { print("Nothing logged about the incident yet."); return }
        for e in t.events {
            let when = e.happened.map { h in
                " (happened \(h)\(Timestamp.isRecordedLate(happened: h, recorded: e.recorded) ? "; recorded late, at \(e.recorded)" : ""))"
            } ?? ""
            print("seq \(e.seq)  \(e.recorded)  \(e.author)\(when)")
            print("    \(e.headline)")
        }
    }
}
