import EntryLedger
import LedgerFormat
import Foundation

/// What `status`, `entry list`, `entry show` and `report` show is proven first: the ledger is
/// verified (the fast path of the commands that act, `Ledger.requireVerified`) in one read
/// snapshot, and only then read, in the same snapshot, so that nothing shown comes from a
/// record, an index column or a derived table that the verification did not prove. A ledger
/// that does not verify shows nothing: the problems, each with its seq, and exit 1.
enum VerifiedRead {
    /// Runs `body` over the ledger once it verified. `refusal` says what is withheld.
    static func run<T>(_ ledger: Ledger, _ command: String, refusal: String = "nothing is shown", _ body: (VerifiedLedger) throws -> T) throws -> T {
        do {
            return try ledger.store.snapshot { try body(try ledger.requireVerified()) }
        } catch let e as LedgerNotVerified {
            let shown = e.problems.prefix(20).map { "  " + $0.description }
            let more = e.problems.count > 20 ? ["  ... and \(e.problems.count - 20) more"] : []
            throw VerificationFailed(message: (["\(command): the ledger does not verify, so \(refusal) (run `entryledger verify` for the whole report):"]
                                               + shown + more).joined(separator: "\n"))
        }
    }

    /// The one-line verdict: `Verified: 3214 records, head hash 1a2b3c4d5e6f; signatures checked on the 214 after the supervisor's checkpoint`.
    static func verdict(_ v: VerifiedLedger) -> String {
        let head = v.headHash.map { ", head hash \(Hex.encode($0).prefix(12))" } ?? ""
        let how = v.coveredByCheckpoint > 0
            ? "; the first \(v.coveredByCheckpoint) covered by the supervisor's checkpoint, signatures checked on the \(v.records - v.coveredByCheckpoint) after it"
            : "; every signature checked"
        return "Verified: \(v.records) records\(head)\(how)"
    }

    /// The verdict as JSON (`status --json`).
    static func json(_ v: VerifiedLedger) -> JSONValue {
        ["ok": true, "records": .int(v.records), "head_hash": v.headHash.map { .string(Hex.encode($0)) } ?? .null,
         "covered_by_checkpoint": .int(v.coveredByCheckpoint), "signatures_checked": .int(v.signaturesChecked)]
    }
}
