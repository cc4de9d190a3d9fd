import ArgumentParser
import EntryLedger
import Foundation

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
