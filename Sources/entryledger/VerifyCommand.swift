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
    @Option(help: "The supervisor's public key file: the only key trusted.") var trust: String
    @Flag(help: "Print the report as JSON.") var json = false
    @Option(help: "The evidence folder (default: NAME-evidence beside the ledger).") var evidence: String?

    func run() throws {
        let trusted = try KeyFile.loadPublic(trust)
        let store = try LedgerStore.open(path: global.ledgerPath)
        let verifier = Verifier(trusting: trusted)
        // Evidence the ledger records must be where it says; a missing folder is a problem too.
        verifier.evidenceFolder = evidence ?? Evidence.folder(forLedger: global.ledgerPath)
        if isatty(STDERR_FILENO) != 0 {
            verifier.progress = { n in
                if n >= 100_000 { FileHandle.standardError.write(Data("\rverified \(n) records".utf8)) }
            }
        }
        let report = try verifier.verify(store: store)
        if json {
            Output.json(report.json)
        } else if report.ok {
            print("OK: \(report.records) records, \(report.signaturesChecked) signatures; the chain is whole and every record is signed by a key allowed to sign it")
            if let h = report.headHash { print("Head hash \(Hex.encode(h))") }
        } else {
            print("FAILED: \(report.problems.count) problem(s) in \(report.records) records")
            for p in report.problems { print("  \(p)") }
        }
        if !report.ok { throw VerificationFailed(message: json ? "" : "verification failed") }
    }
}
