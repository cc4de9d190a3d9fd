import ArgumentParser
import EntryLedger
import Foundation

struct IncidentNotice: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notice", abstract: "Draft a notice (72-hour breach notice, updated importer list, importer's notice, status) or log it as sent.",
        discussion: """
            Kinds: breach (to CBP within 72 hours of discovery, naming the compromised importer numbers; 19 CFR 111.21(b)), \
            update (the updated list of importer numbers), importer, status. Default: breach for cbp-soc and cbp-client-rep, \
            importer for importer, status for the rest. Without --sent, prints the draft (or writes it to --out); nothing is \
            recorded. With --sent, logs the communication in the ledger, tagged with the notice's kind.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var office: ProfileOptions
    @Option(help: "To whom: cbp-soc, cbp-client-rep, importer, pga, cbp-hq, cbp-port, surety, software-provider, or a profile contact's name.") var to: String
    @Option(help: "breach, update, importer or status.") var kind: String?
    @Option(help: "An importer number: the importer of an importer's notice, or one more for the updated list (repeat).") var importer: [String] = []
    @Option(help: "The recipient (a profile contact's name, or any name).") var name: String?
    @Option(help: "Write the draft to this file (whole or not at all) instead of printing it.") var out: String?
    @Option(help: "Draft as of / sent at this time (RFC 3339 UTC; default now).") var at: String?
    @Flag(help: "Log the notice as sent (a communication record, tagged with its kind).") var sent = false
    @Option(help: "With --sent: how it went (email, portal, phone, letter, ...; default email).") var channel: String = "email"
    @Option(help: "With --sent: the text as sent, to record its SHA-256.") var file: String?
    @Option(help: "With --sent: a ticket or message reference.") var reference: String?
    @OptionGroup var signer: KeyOptions

    func run() throws {
        let (toParty, resolvedName) = try office.resolveParty(to: to, name: name)
        var problems: [String] = []
        let party = Party(rawValue: toParty)
        if party == nil || party == .other { problems.append("--to \(to): should be one of \(Party.allCases.filter { $0 != .other }.map(\.rawValue).joined(separator: ", ")) or a contact in the office profile") }
        let k = kind.map { NoticeKind(rawValue: $0) } ?? party.map(NoticeKind.defaultKind(for:))
        if k == nil { problems.append("--kind \(kind ?? ""): should be one of \(NoticeKind.allCases.map(\.rawValue).joined(separator: ", "))") }
        let ch = Channel(rawValue: channel)
        if ch == nil { problems.append("--channel \(channel): should be one of \(Channel.allCases.map(\.rawValue).joined(separator: ", "))") }
        var when = ""
        do { when = try timeOption(at, "--at") } catch let e as InputError { problems.append(e.message) }
        if !sent, file != nil || reference != nil { problems.append("--file and --reference go with --sent") }
        guard problems.isEmpty, let party, let k, let ch else { throw LedgerError.invalidInput(problems) }
        let ledger = try global.openLedger()
        let profile = try office.loadIfPresent()
        let draft = try NoticeDrafter.draft(k, to: party, ledger: ledger, profile: profile, now: Timestamp.parse(when)!,
                                            importers: importer, name: resolvedName)
        guard sent else {
            if let out {
                try AtomicFile.write(Array(draft.text.utf8), to: out, existing: .replace)
                print("Wrote the draft \(k.title) for \(draft.recipient ?? party.title) to \(out). Review it, send it, then log it: `entryledger incident notice --to \(party.rawValue) --kind \(k.rawValue) --sent --file \(out) --key KEY`")
            } else {
                print(draft.text, terminator: "")
            }
            return
        }
        var summary = "Sent the \(k.title) \(k.tag)"
        if let file {
            guard let d = try? Evidence.digest(of: file) else { throw InputError("--file \(file): cannot be read") }
            summary += "; text SHA-256 \(d.sha256) (\(URL(fileURLWithPath: file).lastPathComponent), \(d.size) bytes)"
        }
        let key = try signer.load()
        let body = CommunicationBody(party: party, partyName: draft.recipient ?? (party.needsName ? importer.first : nil), channel: ch, at: when, summary: summary, reference: reference)
        let r = try ledger.logCommunication(body, signer: key)
        print("Logged the \(k.title) as sent (\(ch.rawValue)) to \(body.who) at seq \(r.seq)")
    }
}

/// The notices still due, for `status` (kept here so that status only calls it).
enum NoticeStatus {
    static func lines(_ ledger: Ledger, _ office: ProfileOptions, now: Int64) throws -> (text: [String], json: JSONValue) {
        let due = try NoticeSchedule.load(ledger, profile: try office.loadIfPresent(), now: now)
        let text = due.isEmpty ? [] : ["Notices (draft with `entryledger incident notice --to PARTY`):"] + due.map { "  " + $0.sentence(now: now) }
        return (text, .array(due.map(\.json)))
    }
}
