import ArgumentParser
import EntryLedger
import Foundation

/// `--time-zone` and `--at`, shared by `status` and `report`.
struct AccountingTimeOptions: ParsableArguments {
    @Option(help: "The office's time zone, an IANA name such as America/New_York (default: $TZ, else the machine's).")
    var timeZone: String?
    @Option(help: "Make it as of this time (RFC 3339 UTC; default now).") var at: String?

    func clock() throws -> OfficeClock { try OfficeClock(zone: timeZone) }
    func now() throws -> Int64 { Timestamp.parse(try timeOption(at, "--at"))! }
}

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Where the incident stands: counts, what needs action today, deadlines by due time (--all: every entry).",
        discussion: "States of an entry and of a deadline: see README.md, \"The states of an entry\".")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var time: AccountingTimeOptions
    @Flag(help: "Every entry and every deadline, not only the summary.") var all = false
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var office: ProfileOptions

    func run() throws {
        let clock = try time.clock()
        let now = try time.now()
        let ledger = try global.openLedgerReadOnly()
        // Verified first, then read in the same snapshot: nothing shown that the records do not prove.
        let (proof, a) = try VerifiedRead.run(ledger, "status") { ($0, try Accounting.load(ledger, now: now)) }
        let notices = try NoticeStatus.lines(ledger, office, now: now)
        if json {
            var o = StatusView.json(a, clock: clock, all: all).objectValue ?? [:]
            o["notices"] = notices.json
            o["verified"] = VerifiedRead.json(proof)
            Output.json(.object(o))
            return
        }
        print(VerifiedRead.verdict(proof))
        for line in StatusView.lines(a, clock: clock, all: all, ledgerPath: global.ledgerPath, notices: notices.text) { print(line) }
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The full accounting for CBP, for the licensed broker to sign: html, csv, json, or pdf (headless Chromium).",
        discussion: "The JSON is described by schemas/report.schema.json. A PDF needs --out and Chromium installed.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "html, csv, json or pdf.") var format: String = "html"
    @Option(help: "Write to this file (default: standard output), whole or not at all.") var out: String?
    @OptionGroup var time: AccountingTimeOptions
    @Flag(help: "Print the JSON report (the same as --format json).") var json = false

    func run() throws {
        guard let f = json ? .json : Report.Format(rawValue: format.lowercased()) else {
            throw InputError("--format \(format): should be html, csv, json or pdf")
        }
        if json, format != "html", format.lowercased() != "json" { throw InputError("--json goes with --format json only (given --format \(format))") }
        if f == .pdf, out == nil { throw InputError("--format pdf needs --out FILE.pdf") }
        let clock = try time.clock()
        let now = try time.now()
        let ledger = try global.openLedgerReadOnly()
        // What the broker hands CBP is proven first, like export: a ledger that does not verify gives no report.
        let a = try VerifiedRead.run(ledger, "report", refusal: "no report is made") { _ in try Accounting.load(ledger, now: now) }
        var text = Report.render(a, as: f, clock: clock)
        if ledger.genesis.drill { text = Report.markDrill(text, as: f == .pdf ? .html : f) }
        guard let out else { print(text, terminator: ""); return }
        if f == .pdf { try ReportPDF.print(html: text, to: out) } else { try ReportFile.write(Array(text.utf8), to: out) }
        print("Wrote the \(f.rawValue.uppercased()) report of \(a.entries.count) entries to \(out) (times in \(clock.name))")
    }
}
