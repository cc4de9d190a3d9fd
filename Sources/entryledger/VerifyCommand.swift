import LedgerSQLite
import ArgumentParser
import EntryLedger
import Foundation

#if canImport(Glibc)
import Glibc
#endif

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the whole ledger: chain, hashes, signatures, keys and roles (CBP reviewer).",
        discussion: "Exit code 0: the ledger is whole. 1: problems were found (each named with its seq). 2: bad input.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The supervisor's public key file, or the verifier key `checkpoint` printed: the only key trusted.") var trust: String
    @Flag(help: "Print the report as JSON.") var json = false
    @Option(help: "The evidence folder (default: NAME-evidence beside the ledger, or the bundle's evidence/).") var evidence: String?
    @Option(help: "Verify this bundle folder (from `entryledger export`) instead of a ledger file.") var bundle: String?
    @Option(help: "A checkpoint received out of band (repeat): its signature, size and root are checked against the ledger.")
    var checkpoint: [String] = []

    func run() throws {
        let trusted = try loadTrustedKey(trust)
        let checkpoints = try checkpoint.map(CheckpointInput.load)
        let source: LedgerAudit.Source = try bundle.map { .bundle($0) } ?? .store(LedgerStore.open(path: global.ledgerPath, readOnly: true))
        // Evidence the ledger records must be where it says; a missing folder is a problem too.
        let folder = evidence ?? bundle.map { $0 + "/evidence" } ?? Evidence.folder(forLedger: global.ledgerPath)
        var progress: ((Int64) -> Void)?
        if isatty(STDERR_FILENO) != 0 {
            progress = { n in
                if n >= 100_000 { Output.err("\rverified \(n) records") }
            }
        }
        let batches = bundle.map { $0 + "/batches" } ?? BatchArchive.folder(forLedger: global.ledgerPath)
        let result = try LedgerAudit.run(source: source, trusting: trusted, checkpoints: checkpoints, evidenceFolder: folder,
                                         batchFolder: batches, progress: progress)
        let report = result.report
        if result.drill, !json { print("DRILL ledger (its genesis says so): practice records, not a real outage") }
        if json {
            var o = report.json.objectValue ?? [:]
            o["tree_root"] = .string(Base64.encode(result.treeRoot))
            o["checkpoints"] = .array(result.checkpoints.map(\.json))
            if result.drill { o["drill"] = true }
            Output.json(.object(o))
        } else if report.ok {
            print("OK: \(report.records) records, \(report.signaturesChecked) signatures; the chain is whole and every record is signed by a key allowed to sign it")
            if let h = report.headHash { print("Head hash \(Hex.encode(h))") }
            print("Merkle root \(Base64.encode(result.treeRoot)) of \(report.records) records")
            for c in result.checkpoints { print("Checkpoint \(c.label): \(c.size) records, signed by the supervisor, matches the ledger") }
            if checkpoint.isEmpty { print("No checkpoint given: a ledger cut short cannot be told from a whole one without the checkpoints CBP received (--checkpoint)") }
        } else {
            print("FAILED: \(report.problems.count + report.moreProblems) problem(s) in \(report.records) records")
            for p in report.problems { print("  \(p)") }
            if let more = report.moreProblemsLine { print("  \(more)") }
        }
        if !json && !report.notices.isEmpty {
            print("\(report.notices.count) notice(s): entries written under older customs rules that the current rules would refuse (not a failed verification)")
            for n in report.notices { print("  \(n)") }
        }
        if !report.ok { throw VerificationFailed(message: json ? "" : "verification failed") }
    }
}
