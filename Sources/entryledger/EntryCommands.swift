import ArgumentParser
import EntryLedger
import Foundation

#if canImport(Glibc)
import Glibc
#endif

struct EntryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entry", abstract: "Log, correct, void and release customs entries (clerks).",
        subcommands: [EntryAdd.self, EntryImport.self, EntryAmend.self, EntryVoid.self, EntryReleaseCommand.self,
                      EntryShow.self, EntryList.self, EntryReserve.self, EntryPrint.self])
}

/// The largest entry file `entry add` and `entry amend` read (an entry of 999 lines is far
/// smaller).
let maxEntryFileBytes = 4 << 20

/// Reads one JSON value from a file or standard input, with a clear error for bad JSON. A file
/// must be a regular file of at most 4 MiB (refused by its size, unread); standard input is
/// read up to the same limit and no further.
func readJSON(file: String?) throws -> JSONValue {
    let name = file ?? "standard input"
    let bytes: [UInt8]
    if let file {
        do throws(InputFileError) { bytes = try InputFile.readAll(file, limit: maxEntryFileBytes, what: "entry file") } catch { throw InputError("\(error)") }
    } else {
        let data = (try? FileHandle.standardInput.read(upToCount: maxEntryFileBytes + 1)) ?? Data()
        guard data.count <= maxEntryFileBytes else { throw InputError("standard input: the entry is larger than \(maxEntryFileBytes) bytes") }
        bytes = [UInt8](data)
    }
    do { return try JSONReader.parse(bytes) } catch { throw InputError("\(name): \(error)") }
}

func parseEntryNumber(_ text: String) throws -> EntryNumber {
    do { return try EntryNumber(parsing: text) } catch { throw InputError("entry number \(text): \(error)") }
}

struct EntryAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Log an entry made under downtime procedures; prints its entry number.",
        discussion: "From --file, or standard input; on a terminal with no file, a guided prompt asks field by field.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The entry as JSON (schemas/entry.schema.json).") var file: String?
    @Flag(help: "Take the next free number of the reserved downtime range.") var nextNumber = false
    @Flag(help: "Log the entry even if this key logged one with the same content (all but the number) in the last 24 hours.")
    var allowDuplicateGoods = false
    @OptionGroup var signer: KeyOptions

    func run() throws {
        let json: JSONValue
        let guided = file == nil && isatty(STDIN_FILENO) != 0
        if guided {
            json = try GuidedEntry.ask(nextNumber: nextNumber)
        } else {
            json = try readJSON(file: file)
        }
        let key = try signer.load()
        let ledger = try global.openLedger()
        let r: Ledger.Appended, number: EntryNumber
        do {
            (r, number) = try ledger.addEntries([json], nextNumber: nextNumber, allowDuplicateGoods: allowDuplicateGoods, signer: key)[0]
        } catch let e as LedgerError where guided {
            // Keep what the clerk typed: fix the draft and add it with --file.
            let draft = "entry-draft-\(Timestamp.now().replacingOccurrences(of: ":", with: "")).json"
            if let text = try? CanonicalJSON.encodeString(json), FileManager.default.createFile(atPath: draft, contents: Data((text + "\n").utf8)) {
                Output.err("Your answers are saved in \(draft): correct it and run `entryledger entry add --file \(draft)\(nextNumber ? " --next-number" : "")`\n")
            }
            throw e
        }
        print(number.formatted)
        Output.err("Logged entry \(number.formatted) at seq \(r.seq), signed by \(key.name)\n")
    }
}

struct EntryImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Log many entries from a JSON Lines file: all of them in one transaction, or none.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "One entry per line.") var file: String
    @Flag(help: "Take each entry's number from the reserved downtime range.") var nextNumber = false
    @Flag(help: "Log an entry even if this key logged one with the same content (all but the number) in the last 24 hours.")
    var allowDuplicateGoods = false
    @Flag(help: "Print JSON: every entry number with its seq.") var json = false
    @OptionGroup var signer: KeyOptions

    func run() throws {
        let key = try signer.load()
        let ledger = try global.openLedger()
        // On a terminal, say how far it is: the check of every line, then the signing under the lock.
        let progress: ((EntryImporter.Progress) -> Void)? = isatty(STDERR_FILENO) == 0 ? nil : { p in
            switch p {
            case .checked(let n): Output.err("\rchecked \(n) lines")
            case .logged(let n, let total): Output.err("\rlogged \(n) of \(total) entries   ")
            }
        }
        let added: [(Ledger.Appended, EntryNumber)]
        do {
            added = try EntryImporter.run(ledger, file: file, nextNumber: nextNumber, allowDuplicateGoods: allowDuplicateGoods,
                                        signer: key, progress: progress)
        } catch {
            if progress != nil { Output.err("\n") }
            throw error
        }
        if progress != nil { Output.err("\n") }
        if json {
            Output.json(["imported": .int(Int64(added.count)), "first_seq": .int(added.first!.0.seq), "last_seq": .int(added.last!.0.seq),
                         "entries": .array(added.map { ["entry_number": .string($0.1.formatted), "seq": .int($0.0.seq)] })])
            return
        }
        for (_, n) in added { print(n.formatted) }
        Output.err("Imported \(added.count) entries at seq \(added.first!.0.seq) to \(added.last!.0.seq) in one transaction\n")
    }
}

struct EntryAmend: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "amend", abstract: "Record a complete new version of an entry, with the reason.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The entry number being amended.") var number: String
    @Option(help: "The complete new version as JSON (same entry number).") var file: String?
    @Option(help: "Why.") var reason: String
    @OptionGroup var signer: KeyOptions

    func run() throws {
        let n = try parseEntryNumber(number)
        let json = try readJSON(file: file)
        if let inFile = json["entry_number"]?.stringValue, (try? EntryNumber(parsing: inFile)) != n {
            throw InputError("the file is for entry \(inFile), not \(n.formatted): an amendment keeps its entry number")
        }
        let key = try signer.load()
        let r = try global.openLedger().amendEntry(json, reason: reason, signer: key)
        print("Amended \(n.formatted) at seq \(r.seq)")
    }
}

struct EntryVoid: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "void", abstract: "Void an entry (its number is never reused).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The entry number.") var number: String
    @Option(help: "Why.") var reason: String
    @OptionGroup var signer: KeyOptions

    func run() throws {
        let n = try parseEntryNumber(number)
        let key = try signer.load()
        let r = try global.openLedger().voidEntry(n, reason: reason, signer: key)
        print("Voided \(n.formatted) at seq \(r.seq)")
    }
}

struct EntryReleaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "release", abstract: "Record CBP's paper release of an entry under downtime procedures.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The entry number.") var number: String
    @Option(help: "Release date, YYYY-MM-DD.") var date: String
    @Option(help: "The 4-digit port that released it.") var port: String
    @Option(help: "The officer's stamp or reference.") var reference: String
    @OptionGroup var signer: KeyOptions

    func run() throws {
        let n = try parseEntryNumber(number)
        let key = try signer.load()
        let r = try global.openLedger().releaseEntry(EntryRelease(entryNumber: n, date: date, port: port, reference: reference), signer: key)
        print("Recorded CBP's release of \(n.formatted) on \(date) at port \(port) (seq \(r.seq))")
    }
}

struct EntryShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "An entry's current state, money, standing with ACE, and whole history with each amendment's changes.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The entry number.") var number: String
    @Option(help: "The office's time zone (default: $TZ, else the machine's).") var timeZone: String?
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let n = try parseEntryNumber(number)
        let clock = try OfficeClock(zone: timeZone)
        let ledger = try global.openLedgerReadOnly()
        let (proof, a) = try VerifiedRead.run(ledger, "entry show") { ($0, try Accounting.load(ledger, now: Timestamp.parse(Timestamp.now())!)) }
        guard let acc = a.entries.first(where: { $0.state.number == n }) else {
            throw LedgerError.notFound("no entry \(n.formatted) in the ledger")
        }
        let e = acc.state
        if json {
            var o = e.json.objectValue ?? [:]
            for (k, v) in acc.summaryJSON where o[k] == nil { o[k] = v }
            o["events"] = .array(acc.events.map(\.json))
            Output.json(.object(o))
            return
        }
        let x = e.entry
        print("Entry \(e.number.formatted): \(e.status.rawValue.uppercased()), version \(e.version); \(acc.standing.label)")
        print("  type \(x.entryType), port \(x.portOfEntry), importer \(x.importer.qualifier) \(acc.importerDisplay), mode \(x.modeOfTransport), arrival \(x.arrivalDate)")
        print("  \(x.lines.count) line(s); 3461 data: \(x.cargoRelease == nil ? "no" : "yes"); 7501 data: \(x.entrySummary == nil ? "no" : "yes")")
        let m = acc.money
        print("  value \(Money.text(m.valueCents))" + (m.hasSummary ? ", duty \(Money.text(m.dutyCents)), fees \(Money.text(m.feesCents)), taxes \(Money.text(m.taxesCents)), AD \(Money.text(m.adCents)), CVD \(Money.text(m.cvCents)), total \(Money.text(m.totalCents))" : " (no entry summary data: no duty, fees or taxes yet)"))
        if !m.feesByClass.isEmpty { print("  fees by class: " + m.feesByClass.map { "\(Money.feeClassName($0.classCode)) \(Money.text($0.amountCents))" }.joined(separator: "; ")) }
        if let r = e.release { print("  released by CBP on \(r.release.date) at port \(r.release.port), ref \(r.release.reference)") }
        if let v = e.voided { print("  voided at seq \(v.seq): \(v.reason)") }
        for t in acc.transmissions { print("  \(t.application.rawValue): \(t.standing.label); \(t.reason)") }
        if let d = acc.summaryDue { print("  entry summary due \(clock.both(d))") }
        print("History (times in \(clock.name)):")
        for ev in acc.events {
            if case .amended(let reason, let changes) = ev.what {
                print("  seq \(ev.seq)  \(clock.both(ev.time))  \(ev.author): amended (\(reason)), \(changes.count) field(s) changed")
                for c in changes { print("      \(c.sentence)") }
            } else {
                print("  seq \(ev.seq)  \(clock.both(ev.time))  \(ev.author): \(ev.sentence)")
            }
        }
        print(VerifiedRead.verdict(proof))
    }
}

struct EntryList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List entries with importer, value, duty and state; filter by status, state, clerk or date logged.",
        discussion: "Filters ignore case. A social security number importer shows as ***-**-1234.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "logged, released or voided.") var status: String?
    @Option(help: "Where it stands with ACE: \(EntryStanding.allCases.map(\.rawValue).joined(separator: ", ")).") var state: String?
    @Option(help: "Only entries logged by this clerk (name, any case).") var clerk: String?
    @Option(help: "Only entries logged on or after this date (YYYY-MM-DD).") var since: String?
    @Option(help: "Only entries logged on or before this date (YYYY-MM-DD).") var until: String?
    @Flag(help: "Print JSON.") var json = false

    static func fold(_ s: String) -> String {
        s.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    func run() throws {
        var problems: [String] = []
        let wanted = status.flatMap { EntryState.Status(rawValue: $0.lowercased()) }
        if let status, wanted == nil { problems.append("--status \(status): should be one of logged, released, voided") }
        let standing = state.flatMap { s in EntryStanding.allCases.first { $0.rawValue == s.lowercased() || Self.fold($0.label) == Self.fold(s) } }
        if let state, standing == nil { problems.append("--state \(state): should be one of \(EntryStanding.allCases.map(\.rawValue).joined(separator: ", "))") }
        for (opt, v) in [("--since", since), ("--until", until)] where v != nil && CustomsDate.parse(v!) == nil {
            problems.append("\(opt) \(v!): should be a date written YYYY-MM-DD")
        }
        let ledger = try global.openLedgerReadOnly()
        // Verified first; the clerks' names and the entries are then read in the same snapshot.
        let (proof, names, a) = try VerifiedRead.run(ledger, "entry list") {
            ($0, try ledger.store.keys().map(\.name), try Accounting.load(ledger, now: Timestamp.parse(Timestamp.now())!))
        }
        if let clerk, !names.contains(where: { Self.fold($0) == Self.fold(clerk) }) {
            problems.append("--clerk \(clerk): no key in the ledger has this name; known: \(names.joined(separator: ", "))")
        }
        guard problems.isEmpty else { throw LedgerError.invalidInput(problems) }
        let all = a.entries.filter { acc in
            let e = acc.state
            let day = String(e.addedAt.prefix(10))
            return (wanted == nil || e.status == wanted) && (standing == nil || acc.standing == standing)
                && (clerk == nil || Self.fold(e.addedBy) == Self.fold(clerk!))
                && (since == nil || day >= since!) && (until == nil || day <= until!)
        }
        if json { Output.json(.array(all.map { .object($0.summaryJSON) })); return }
        Output.table(["ENTRY", "STATUS", "STATE", "TYPE", "PORT", "IMPORTER", "VALUE", "DUTY", "LOGGED", "BY"], all.map { acc in
            let e = acc.state
            return [e.number.formatted, e.status.rawValue, acc.standing.label, e.entry.entryType, e.entry.portOfEntry,
                    "\(e.entry.importer.qualifier) \(acc.importerDisplay)", Money.text(acc.money.valueCents),
                    acc.money.hasSummary ? Money.text(acc.money.dutyCents) : "-", e.addedAt, e.addedBy]
        })
        print(VerifiedRead.verdict(proof))
    }
}

struct EntryReserve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reserve", abstract: "Set a range of entry numbers aside for downtime (supervisor); `entry add --next-number` takes from it.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "First entry number of the range (FFF-NNNNNNN-C).") var first: String
    @Option(help: "Last entry number of the range.") var last: String
    @Option(help: "Why, or where the range comes from.") var reason = "reserved for downtime filing"
    @OptionGroup var signer: KeyOptions

    func run() throws {
        let a = try parseEntryNumber(first), b = try parseEntryNumber(last)
        let range: EntryNumberRange
        do { range = try EntryNumberRange(filerCode: a.filerCode, first: a.serial, last: b.serial) } catch {
            throw InputError("range \(first) to \(last): \(error)")
        }
        guard a.filerCode == b.filerCode else { throw InputError("range \(first) to \(last): both numbers need the same filer code") }
        let key = try signer.load()
        let r = try global.openLedger().reserveNumbers(range, reason: reason, signer: key)
        print("Reserved \(range.count) entry numbers, \(a.formatted) to \(b.formatted), at seq \(r.seq)")
    }
}
