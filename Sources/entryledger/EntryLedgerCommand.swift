import LedgerSQLite
import ArgumentParser
import EntryLedger
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The root command. `main()` is ours so that every failure maps to EntryLedger's exit codes:
/// 0 success, 1 verification found a problem, 2 bad input or usage (nothing written).
@main
struct EntryLedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entryledger",
        abstract: "A tamper-evident ledger of the customs entries a broker files while cut off from ACE.",
        version: ProductVersion.line,
        subcommands: [
            DemoCommand.self, KeyCommand.self, InitCommand.self, ClerkCommand.self, IncidentCommand.self, EntryCommand.self,
            CheckpointCommand.self, CosignCommand.self, ExportCommand.self, VerifyCommand.self, ProveCommand.self,
            AuthorizeCommand.self, ReplayCommand.self, AckCommand.self, StatusCommand.self, ReportCommand.self,
            SettingsCommand.self, BackupCommand.self, RestoreCommand.self, StressAppendCommand.self, ProfileCommand.self, ReadinessCommand.self, DrillCommand.self, DeskCommand.self,
        ])

    @OptionGroup var global: GlobalOptions

    static func main() {
        // A closed pipe on standard output ends a write with EPIPE, not the process: the
        // record a command committed is reported as far as it can be, never half-done.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
            CrashPoint.report()
        } catch let failure as VerificationFailed {
            if !failure.message.isEmpty { Output.err((failure.message + "\n")) }
            Foundation.exit(1)
        } catch let refused as LedgerNotVerified {
            FileHandle.standardError.write(Data((refused.description + "\n").utf8))
            Foundation.exit(1)
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            if let (message, category) = Failure.classify(error) {
                Output.err((category == .input ? "error: " : "FAILED: ") + message + "\n")
                Foundation.exit(category.rawValue)
            }
            // Help and version requests exit 0; usage errors exit 2 rather than 64.
            let code = exitCode(for: error)
            if code == .success { Self.exit(withError: error) }
            Output.err((fullMessage(for: error) + "\n"))
            Foundation.exit(2)
        }
    }
}

/// The one place where library errors become messages and exit codes: each library error
/// says its category (bad input 2, a failed check 1); the tool adds what only it knows (flags).
enum Failure {
    /// The message for a library error, or nil when it is not one.
    static func message(for error: Error) -> String? { classify(error)?.0 }

    /// The message for a library error and the exit category it carries, or nil.
    static func classify(_ error: Error) -> (String, ExitCategory)? {
        switch error {
        case let e as InputError: return (e.message, .input)
        case let e as StoreError: return (hint(e), e.exitCategory)
        case let e as LedgerError: return (hinted(e).description, e.exitCategory)
        case KeyError.passphraseRequired(let path):
            return ("key file \(path) is sealed with a passphrase; give it with --passphrase-file, ENTRYLEDGER_KEY_PASSPHRASE or at the prompt", .input)
        case BackupError.exists(let path): return ("\(path) already exists; restore will not overwrite it without --force", .input)
        case BackupError.wouldLoseRecords(let path, let lines):
            return ("\(path) holds records the backup lacks; restoring would lose them, so nothing was restored (--force replaces them):\n"
                    + lines.map { "  " + $0 }.joined(separator: "\n"), .input)
        case let e as CategorizedError: return (e.description, e.exitCategory)
        default: return nil
        }
    }

    /// What to run or give, by the rule a problem breaks.
    static let ruleHints: [String: String] = [
        "numbers.none-reserved": " with `entryledger entry reserve --first ... --last ...`",
        "numbers.all-used": " with `entryledger entry reserve`",
        "entry.number-given": " (--next-number)",
        "incident.not-open": " (`entryledger incident open`)",
        "replay.unrecorded-batch": ": `entryledger replay --record-sent FOLDER --key SUPERVISOR_KEY`",
        "replay.out-not-new": " for --out",
    ]

    /// The ledger's problems with the command or option that fixes them.
    static func hinted(_ e: LedgerError) -> LedgerError {
        func add(_ p: Problem) -> Problem {
            guard let hint = ruleHints[p.rule] else { return p }
            var p = p
            p.message += hint
            return p
        }
        switch e {
        case .refused(let ps): return .refused(ps.map(add))
        case .invalidInput(let ps): return .invalidInput(ps.map(add))
        case .notFound(let p): return .notFound(add(p))
        }
    }

    /// Runs `body`, naming the options a library problem is about: a message that starts with
    /// one of `flags`' keys (a field name) starts with the option instead.
    static func withFlags<T>(_ flags: [String: String], _ body: () throws -> T) throws -> T {
        func rename(_ p: Problem) -> Problem {
            for (field, flag) in flags where p.message.hasPrefix(field + ":") || p.message.hasPrefix(field + " ") {
                var p = p
                p.message = flag + p.message.dropFirst(field.count)
                return p
            }
            return p
        }
        do { return try body() } catch let e as LedgerError {
            switch e {
            case .refused(let ps): throw LedgerError.refused(ps.map(rename))
            case .invalidInput(let ps): throw LedgerError.invalidInput(ps.map(rename))
            case .notFound: throw e
            }
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
