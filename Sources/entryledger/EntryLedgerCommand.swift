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
            BackupCommand.self, RestoreCommand.self, StressAppendCommand.self,
        ])

    @OptionGroup var global: GlobalOptions

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as VerificationFailed {
            if !failure.message.isEmpty { FileHandle.standardError.write(Data((failure.message + "\n").utf8)) }
            Foundation.exit(1)
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            if let (message, category) = Failure.message(for: error) {
                FileHandle.standardError.write(Data(((category == .input ? "error: " : "FAILED: ") + message + "\n").utf8))
                Foundation.exit(category.rawValue)
            }
            // Help and version requests exit 0; usage errors exit 2 rather than 64.
            let code = exitCode(for: error)
            if code == .success { Self.exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

/// The one place where library errors become messages and exit codes: each library error
/// says its category (bad input 2, a failed check 1); the tool adds what only it knows (flags).
enum Failure {
    static func message(for error: Error) -> (String, ExitCategory)? {
        switch error {
        case let e as InputError: return (e.message, .input)
        case let e as StoreError: return (hint(e), e.exitCategory)
        case let e as CategorizedError: return (e.description, e.exitCategory)
        default: return nil
        }
    }

    /// The store's errors, with the command to run or the option to give.
    static func hint(_ e: StoreError) -> String {
        switch e {
        case .missing: return e.description + " (create one with `entryledger init`, or give --ledger PATH)"
        case .inconsistent: return e.description + " with `entryledger verify`"
        default: return e.description
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
