import ArgumentParser
import EntryLedger
import Foundation

/// `--profile PATH`: the office profile (default ./entryledger-office.json).
struct ProfileOptions: ParsableArguments {
    @Option(name: .long, help: "The office profile (default ./\(OfficeProfile.defaultPath)).")
    var profile: String?

    var path: String { profile ?? OfficeProfile.defaultPath }

    func load() throws -> OfficeProfile { try OfficeProfile.load(path: path) }

    /// The profile when `--profile` is given (an unreadable one is an error) or the default
    /// file exists; nil otherwise. A broken default file is named on stderr and passed over, so
    /// that it never stops a clerk logging a call on the worst day.
    func loadIfPresent() throws -> OfficeProfile? {
        if profile != nil { return try load() }
        guard FileManager.default.fileExists(atPath: OfficeProfile.defaultPath) else { return nil }
        do { return try load() } catch {
            FileHandle.standardError.write(Data("warning: not using \(OfficeProfile.defaultPath): \(Failure.message(for: error) ?? "\(error)")\n".utf8))
            return nil
        }
    }

    /// A path the profile gives, relative to the profile's own folder unless absolute.
    func resolve(_ file: String) -> String {
        file.hasPrefix("/") ? file : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(file).path
    }

    /// The clerks the profile lists with a public key file, each file loaded and checked
    /// (name as in the profile, proof of possession present). Every problem at once.
    func clerkKeys(_ p: OfficeProfile) throws -> [(key: LedgerPublicKey, proof: [UInt8])] {
        var out: [(LedgerPublicKey, [UInt8])] = [], problems: [String] = []
        for (i, person) in p.people.enumerated() {
            guard let file = person.publicKey else { continue }
            let at = "office profile \(path): people[\(i)].public_key \"\(file)\""
            do {
                let (key, proof) = try KeyFile.loadPublicWithProof(resolve(file))
                if key.name != person.name { problems.append("\(at): the key file is for \"\(key.name)\", not \"\(person.name)\""); continue }
                guard person.role == .clerk else { continue }
                guard let proof else { problems.append("\(at): no proof of possession; make the key with `entryledger key new`"); continue }
                out.append((key, proof))
            } catch {
                problems.append("\(at): \(Failure.message(for: error) ?? "\(error)")")
            }
        }
        guard problems.isEmpty else { throw LedgerError.invalidInput(problems) }
        return out
    }

    /// `incident log --to`: a party, or the name of a profile contact; `--name` filled from
    /// the profile's first contact of that party when not given.
    func resolveParty(to: String, name: String?) throws -> (to: String, name: String?) {
        if Party(rawValue: to) == nil, let p = try loadIfPresent(), let c = p.contact(named: to) { return (c.role.rawValue, name ?? c.name) }
        if let party = Party(rawValue: to), name == nil, let p = try loadIfPresent(), let c = p.contacts(party).first { return (to, c.name) }
        return (to, name)
    }
}

struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile", abstract: "The office profile: contacts, ISA, policies, backups, people (kept apart from any ledger).",
        subcommands: [ProfileCheck.self])
}

struct ProfileCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check the office profile against its rules and its people's public key files (exit 0 good, 2 problems).")

    @OptionGroup var office: ProfileOptions

    func run() throws {
        let p = try office.load()
        let clerks = try office.clerkKeys(p)
        print("Office profile \(office.path): \(p.broker), filer \(p.filer), ports \(p.ports.joined(separator: ", "))")
        print("\(p.contacts.count) contact(s), \(p.policies.count) polic(ies), \(p.people.count) people (\(clerks.count) clerk key(s) ready to enrol). Run `entryledger readiness` for what is due.")
    }
}

struct ReadinessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "readiness",
        abstract: "The office's \"prevent and protect\" checklist (CBP Cyber Incident Guidance, April 2023): OK, DUE, OVERDUE, MISSING.",
        discussion: "Exit 0 when nothing is overdue or missing, 1 otherwise (for cron), 2 when the profile cannot be read.")

    @OptionGroup var office: ProfileOptions
    @Option(help: "Judge as of this date, YYYY-MM-DD (default today, UTC).") var asOf: String?
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let date = asOf ?? String(Timestamp.now().prefix(10))
        guard CustomsDate.isValid(date) else { throw InputError("--as-of \(date): should be a real date written YYYY-MM-DD") }
        let report = Readiness.evaluate(try office.load(), asOf: date)
        if json {
            Output.json(report.json)
        } else {
            print("Readiness of \(office.path) as of \(date):")
            Output.table(["STATE", "ITEM", "WHY"], report.items.map { [$0.state.rawValue, $0.title, $0.why] })
        }
        let bad = report.items.filter { !$0.state.isFine }
        if !bad.isEmpty {
            throw VerificationFailed(message: "readiness: \(bad.count) item(s) overdue or missing: " + bad.map { "\($0.id) (\($0.state.rawValue))" }.joined(separator: ", "))
        }
    }
}

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
                try AtomicFile.write(draft.text, to: out)
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

/// A drill ledger's real replay is refused unless `--drill`; `--drill` on a real ledger too.
enum DrillGuard {
    static func check(_ ledger: Ledger, drill: Bool, dryRun: Bool) throws {
        if ledger.genesis.drill, !drill, !dryRun {
            throw LedgerError.refused(["\(ledger.store.path) is a DRILL ledger (its genesis says so): its batches are practice, marked TEST, and must never go to ACE; add --drill to make them"])
        }
        if drill, !ledger.genesis.drill { throw LedgerError.refused(["--drill: \(ledger.store.path) is a real ledger, not a drill"]) }
    }
}

/// What `init --profile` does after the genesis: enrol the profile's clerks and note which
/// profile (and contacts) the ledger was opened with.
enum InitFromProfile {
    static func finish(_ ledger: Ledger, profile: OfficeProfile, path: String, clerks: [(key: LedgerPublicKey, proof: [UInt8])], signer: LedgerSigningKey) throws {
        if !profile.people.contains(where: { $0.role == .supervisor && $0.name == signer.name }) {
            print("Note: \(signer.name) is not listed as a supervisor in \(path)")
        }
        for c in clerks {
            let r = try ledger.enroll(c.key, proof: c.proof, signer: signer)
            print("Enrolled \(c.key.name) as a clerk (key \(c.key.keyID)) at seq \(r.seq)")
        }
        let digest = try Evidence.digest(of: path)
        let contacts = profile.contacts.map { "\($0.role.rawValue): \($0.name)\($0.reach.isEmpty ? "" : " " + $0.reach)" }
        let text = "Opened from office profile \(URL(fileURLWithPath: path).lastPathComponent) (SHA-256 \(digest.sha256)). Ports: \(profile.ports.joined(separator: ", ")). Contacts: "
            + (contacts.isEmpty ? "none" : contacts.joined(separator: "; ")) + "."
        let r = try ledger.note(String(text.prefix(20_000)), signer: signer)
        print("Noted the profile and its \(profile.contacts.count) contact(s) at seq \(r.seq)")
    }
}
