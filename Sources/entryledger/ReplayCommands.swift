import ArgumentParser
import EntryLedger
import Foundation

#if canImport(Glibc)
import Glibc
#endif

struct AuthorizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authorize", abstract: "Record CBP's reconnection authorisation (supervisor); replay is refused until then.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "CBP's authorisation reference.") var reference: String
    @Option(help: "Date of the authorisation, YYYY-MM-DD (default today).") var date: String?
    @Option(help: "Who at CBP authorised it.") var contact: String = ""
    @Option(help: "The checkpoint the CBP reviewer cosigned: replay then covers the entries before it.") var checkpoint: String?
    @Option(help: "The reviewer's cosignature verifier key (a file holding name+keyid+base64, or the key itself).") var reviewer: String?
    @OptionGroup var signer: KeyOptions

    func run() throws {
        var body = AuthorizationBody(reference: reference, date: date ?? String(Timestamp.now().prefix(10)), contact: contact)
        if let checkpoint {
            guard let reviewer else { throw InputError("--checkpoint needs --reviewer (the CBP reviewer's verifier key)") }
            // Both are small: a signed note, a verifier key. Regular files only, read up to their limit.
            guard let note = String(validating: try EntryLedgerFiles.read(checkpoint, limit: SignedNote.maxBytes), as: UTF8.self) else {
                throw InputError("checkpoint \(checkpoint): not UTF-8 text")
            }
            let vkey = FileManager.default.fileExists(atPath: reviewer)
                ? String(decoding: try EntryLedgerFiles.read(reviewer, limit: 4096), as: UTF8.self) : reviewer
            do { try body.bind(checkpointNote: note, reviewerKey: vkey) } catch {
                throw InputError("--checkpoint \(checkpoint): \(error)")
            }
        } else if reviewer != nil {
            throw InputError("--reviewer goes with --checkpoint")
        }
        let key = try signer.load()
        let r = try Failure.withFlags(["reference": "--reference", "date": "--date"]) { try global.openLedger().authorize(body, signer: key) }
        print("Recorded CBP's reconnection authorisation \(reference) at seq \(r.seq)"
              + (body.checkpointSize.map { "; replay covers the entries logged in the first \($0) records" } ?? ""))
    }
}

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay", abstract: "Write the ACE-ready ABI batches (SE, AE) and manifest.json; each entry goes once (supervisor).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "A folder for the batch files and manifest.json (new, or one holding this ledger's batches only; nothing in it is overwritten).") var out: String?
    @Flag(help: "Show what would be sent and why; read only, write nothing.") var dryRun = false
    @Option(help: "Record a batch ACE holds that this ledger does not (after a restore or on a copy): its folder, with manifest.json.") var recordSent: String?
    @Option(help: "ABI site code (A record 2-5; default $ENTRYLEDGER_ABI_SITE).") var site: String?
    @Option(help: "ABI sender id (A record 6-8; default the filer code).") var sender: String?
    @Option(help: "Office code (A 38-39; default $ENTRYLEDGER_ABI_OFFICE or 01).") var office: String?
    @Option(help: "Batch date YYYY-MM-DD (default today).") var date: String?
    @Option(help: "A file holding the ABI password (else $ENTRYLEDGER_ABI_PASSWORD, else a prompt). Never recorded in the ledger.") var passwordFile: String?
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Replay a drill ledger: practice batches marked TEST (refused on a real ledger).") var drill = false
    @OptionGroup var signer: KeyOptions

    func password() throws -> String {
        if let passwordFile {
            return try SecretFile.read(passwordFile, what: "ABI password file").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if let env = ProcessInfo.processInfo.environment["ENTRYLEDGER_ABI_PASSWORD"] { return env }
        if isatty(STDIN_FILENO) != 0, let p = getpass("ABI communication password (goes into the --out transmission copy only): ") { return String(cString: p) }
        if dryRun { return "DRYRUN" }  // a dry run writes nothing: any valid password renders the same (masked) bytes
        throw InputError("the ABI password is needed: --password-file, ENTRYLEDGER_ABI_PASSWORD or a terminal prompt")
    }

    func run() throws {
        if let recordSent {
            guard out == nil, !dryRun else { throw InputError("--record-sent goes alone (without --out or --dry-run)") }
            let (r, body) = try global.openLedger().recordSentBatch(folder: recordSent, signer: try signer.load())
            print("Recorded batch \(body.batchID) (\(body.transactions.count) transactions) as sent at seq \(r.seq): its entries will not be planned again")
            return
        }
        guard dryRun || out != nil else { throw InputError("give --out DIR for the batch files (or --dry-run)") }
        guard !(dryRun && out != nil) else { throw InputError("--dry-run writes nothing: leave out --out") }
        let ledger = try global.openLedger()
        try DrillGuard.check(ledger, drill: drill, dryRun: dryRun)
        if !dryRun, try ReplayHistory.load(ledger).authorizations.isEmpty {
            throw LedgerError.refused(["replay needs CBP's reconnection authorisation first: `entryledger authorize --reference REF ...` (or use --dry-run to see what would be sent)"])
        }
        let env = ProcessInfo.processInfo.environment
        let settings = ABIBatchSettings(
            siteCode: site ?? env["ENTRYLEDGER_ABI_SITE"] ?? "", senderID: sender ?? ledger.genesis.filer, password: try password(),
            officeCode: office ?? env["ENTRYLEDGER_ABI_OFFICE"] ?? "01", date: date ?? String(Timestamp.now().prefix(10)))
        if !dryRun, settings.siteCode.isEmpty { throw InputError("the ABI site code is needed: --site or ENTRYLEDGER_ABI_SITE") }
        let key = try dryRun ? (try? signer.load()) : signer.load()
        let r = try ledger.replay(outDir: out, settings: settings, signer: key, dryRun: dryRun)
        if json {
            Output.json([
                "dry_run": .bool(dryRun), "batches": .array(r.batchIDs.map { .string($0) }), "cutoff": .int(r.plan.cutoff),
                "send": .array(r.plan.items.map { ["entry_number": .string($0.entry.number.formatted), "application": .string($0.application.rawValue), "action": .string($0.action.rawValue), "reason": .string($0.reason)] }),
                "skip": .array(r.plan.skipped.map { ["entry_number": .string($0.entryNumber), "application": .string($0.application.rawValue), "reason": .string($0.reason)] }),
                "not_covered": .array(r.plan.excludedAfterCutoff.map { .string($0) }),
                "files": .array(r.batches.flatMap { b in b.files.map { ["batch": .string(b.id), "name": .string($0.name), "sha256": .string($0.sha256)] } }),
            ])
            return
        }
        if r.plan.authorization == nil { print("No reconnection authorisation yet: this is what would be sent once CBP authorises it.") }
        for b in r.batches where b.resumed {
            print("Batch \(b.id) was recorded (seq \(b.record?.seq ?? -1)) by a replay that was interrupted before its files were all written: written now, byte for byte as recorded")
        }
        let fresh = r.batches.filter { !$0.resumed }
        print(dryRun ? "Would send:" : (fresh.isEmpty ? "Nothing new to send." : "Batch\(fresh.count > 1 ? "es" : "") \(fresh.map(\.id).joined(separator: ", ")):"))
        for i in r.plan.items { print("  \(i.action.rawValue) \(i.application.rawValue) \(i.entry.number.formatted): \(i.reason)") }
        if !r.plan.skipped.isEmpty { print("Not sent:") }
        for s in r.plan.skipped { print("  \(s.application.rawValue) \(s.entryNumber): \(s.reason)") }
        for n in r.plan.excludedAfterCutoff { print("  \(n): logged after the authorised checkpoint; not covered by this authorisation") }
        for b in r.batches {
            for f in b.files { print("\(out == nil ? "Would write" : "Wrote") \(out.map { "\($0)/\(b.id)/" } ?? "")\(f.name)  sha256 \(f.sha256)") }
            if let a = b.record, !b.resumed { print("Recorded batch \(b.id) in the ledger at seq \(a.seq) with the SHA-256 of its files and manifest, before writing them") }
        }
    }
}

struct AckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ack", abstract: "Read an ACE response file and record what ACE said about each entry.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The ACE response file.") var file: String
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var signer: KeyOptions

    func run() throws {
        let key = try signer.load()
        let outcome = try global.openLedger().ack(file: file, signer: key)
        let body = outcome.body
        if json {
            var o = body.json.objectValue ?? [:]
            if let r = outcome.records.first { o["seq"] = .int(r.seq) }
            if let seq = outcome.alreadyRecordedAt { o["already_recorded_at"] = .int(seq) }
            Output.json(.object(o))
            return
        }
        if let seq = outcome.alreadyRecordedAt {
            print("Already recorded: ACE's response \(file) (SHA-256 \(body.fileSHA256)) is in the ledger at seq \(seq); nothing was written")
            return
        }
        let seqs = outcome.records.map(\.seq)
        print("Recorded ACE's response \(body.fileName) at seq \(seqs.count == 1 ? "\(seqs[0])" : "\(seqs.first ?? 0) to \(seqs.last ?? 0) (\(seqs.count) parts)")")
        for x in body.results { print("  \(x.application.rawValue) \(x.entryNumber): \(x.outcome)\(x.messages.isEmpty ? "" : " (" + x.messages.joined(separator: "; ") + ")")") }
        for e in body.batchErrors { print("  batch error: \(e)") }
        if !body.unmatched.isEmpty { print("Lines that match no entry sent:") }
        for u in body.unmatched { print("  \(u)") }
    }
}
