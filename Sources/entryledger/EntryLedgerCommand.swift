import LedgerSQLite
import ArgumentParser
import EntryLedger
import Foundation

/// The root command. `main()` is ours so that every failure maps to EntryLedger's exit codes:
/// 0 success, 1 verification found a problem, 2 bad input or usage (nothing written).
@main
struct EntryLedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entryledger",
        abstract: "A tamper-evident ledger of the customs entries a broker files while cut off from ACE.",
        subcommands: [
            DemoCommand.self, KeyCommand.self, InitCommand.self, ClerkCommand.self, IncidentCommand.self, EntryCommand.self,
            CheckpointCommand.self, CosignCommand.self, ExportCommand.self, VerifyCommand.self, ProveCommand.self,
            AuthorizeCommand.self, ReplayCommand.self, AckCommand.self, StatusCommand.self, ReportCommand.self,
            BackupCommand.self, RestoreCommand.self, StressAppendCommand.self, ProfileCommand.self, ReadinessCommand.self, DrillCommand.self,
        ])

    @OptionGroup var global: GlobalOptions

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
            CrashPoint.report()
        } catch let failure as VerificationFailed {
            if !failure.message.isEmpty { FileHandle.standardError.write(Data((failure.message + "\n").utf8)) }
            Foundation.exit(1)
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            if let message = Failure.message(for: error) {
                FileHandle.standardError.write(Data(("error: " + message + "\n").utf8))
                Foundation.exit(2)
            }
            // Help and version requests exit 0; usage errors exit 2 rather than 64.
            let code = exitCode(for: error)
            if code == .success { Self.exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

/// The one place where library errors become messages (all of them mean exit code 2).
enum Failure {
    static func message(for error: Error) -> String? {
        switch error {
        case let e as LedgerError: return e.description
        case let e as FileWriteError: return e.description
        case let e as KeyError: return e.description
        case let e as StoreError: return e.description
        case let e as RecordFormatError: return e.description
        case let e as CanonicalJSONError: return e.description
        case let e as InputError: return e.message
        case let e as BackupError: return e.description
        case let e as BundleError: return e.description
        case let e as InputFileError: return e.description
        case let e as ProofFileError: return e.description
        case let e as NoteError: return e.description
        case let e as CheckpointError: return e.description
        case let e as MerkleError: return e.description
        case let e as ABIError: return e.description
        case let e as ACEResponseError: return e.description
        case let e as EntryValidationError: return e.description
        case let e as EntryNumberError: return e.description
        default: return nil
        }
    }
}

/// Bad input found by the command line itself (a file that cannot be read, a missing option).
struct InputError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// `verify` found problems: exit code 1.
struct VerificationFailed: Error {
    let message: String
}
