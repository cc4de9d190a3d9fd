// The README's "Using the library" example, compiled here with nothing but the public API
// (`ReadmeExampleTests` checks that the README shows exactly the code between the markers).
// README example begins
import EntryLedger

/// Keeps one downtime entry in a new ledger, checkpoints it, and checks it as a CBP reviewer
/// would: trusting only the supervisor's public key.
func keepAndCheckOneEntry(folder: String, entryJSON: String) throws -> Bool {
    let supervisor = LedgerSigningKey(name: "PAT SUPERVISOR")
    let ledger = try Ledger.create(path: folder + "/entryledger.db", filer: "EL7", port: "2704",
                                   broker: "EXAMPLE CUSTOMS BROKERS", supervisor: supervisor)
    let clerk = LedgerSigningKey(name: "SAM CLERK")
    try ledger.enroll(clerk.publicKey, proof: ProofOfPossession.make(clerk), signer: supervisor)

    // Every problem of a bad entry comes back at once, in a LedgerError; nothing is written.
    let (record, number) = try ledger.addEntries([try JSONReader.parse(entryJSON)], signer: clerk)[0]
    print("entry \(number.formatted) is record \(record.seq)")

    let made = try ledger.appendCheckpoint(signer: supervisor)
    let audit = try LedgerAudit.run(source: .ledgerFile(folder + "/entryledger.db"),
                                    trusting: supervisor.publicKey,
                                    checkpoints: [try CheckpointInput(label: "checkpoint.txt", note: made.note)],
                                    evidenceFolder: nil)
    for problem in audit.report.problems { print(problem) }
    return audit.report.ok && audit.checkpoints.allSatisfy(\.ok)
}
// README example ends
