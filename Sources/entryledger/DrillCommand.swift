import ArgumentParser
import EntryLedger
import Foundation

struct DrillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drill",
        abstract: "A practice outage with the office's own names: a drill ledger, step by step, timed; every output marked DRILL/TEST.",
        discussion: "Waits for Enter before each step unless --non-interactive. See README, \"Tabletop exercise\".")

    @OptionGroup var office: ProfileOptions
    @Option(help: "A new or empty folder for the drill.") var dir: String
    @Flag(help: "Run straight through without waiting (for CI and tests).") var nonInteractive = false

    func run() throws {
        if let contents = try? FileManager.default.contentsOfDirectory(atPath: dir), !contents.isEmpty {
            throw InputError("--dir \(dir) is not empty; give an empty or new folder")
        }
        let profile = try office.load()
        let interactive = !nonInteractive
        let result = try Drill.run(in: dir, profile: profile, pause: { _ in
            guard interactive else { return }
            print("   Press Enter when the team has done it.")
            _ = readLine()
        }, say: { print($0) })
        print("")
        print("Drill ledger: \(result.ledgerPath) (verify with --trust \(result.supervisorPublicKey))")
        print("Practice batches (TEST): \(result.replayFolder); report: \(result.reportPath)")
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
