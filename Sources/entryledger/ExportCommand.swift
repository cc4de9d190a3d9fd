import ArgumentParser
import EntryLedger
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the CBP reviewer's bundle: ledger.jsonl, checkpoints, keys, evidence, HOW-TO-VERIFY.txt.",
        discussion: "Deterministic: exporting the same ledger twice gives the same bytes. The folder must be new or empty.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The bundle folder to write (new or empty).") var out: String
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let ledger = try global.openLedgerReadOnly()
        let s = try BundleExport.export(ledger: ledger, to: out)
        if json {
            Output.json(["records": .int(s.records), "checkpoints": .int(Int64(s.checkpoints)), "keys": .int(Int64(s.keys)),
                         "evidence": .int(Int64(s.evidence)), "missing_evidence": .array(s.missingEvidence.map { .string($0) }),
                         "head_hash": s.headHash.map { .string(Hex.encode($0)) } ?? .null, "bundle": .string(out)])
            return
        }
        print("Exported \(s.records) records, \(s.checkpoints) checkpoint(s), \(s.keys) key(s), \(s.evidence) evidence file(s) to \(out)")
        for m in s.missingEvidence { print("warning: evidence file \(m) is missing from the ledger's evidence folder; verify will report it") }
        if s.checkpoints == 0 { print("warning: the ledger holds no checkpoint; make one with `entryledger checkpoint` and send it to CBP") }
        print("Send the folder with HOW-TO-VERIFY.txt; the reviewer needs the supervisor's public key and the checkpoints sent during the outage.")
    }
}
