import LedgerFormat
import LedgerSQLite
import Foundation
import Synchronization

/// The ledger does not verify, so a command that would sign, send or export over it refuses:
/// every problem, each with its seq (the CLI exits 1).
public struct LedgerNotVerified: Error, CustomStringConvertible, Sendable {
    public let problems: [VerificationReport.Problem]
    /// Signatures the failed check verified (every record's, after a fast walk found a problem).
    public var signaturesChecked: Int64 = 0

    public var description: String {
        let shown = problems.prefix(20).map { "  " + $0.description }.joined(separator: "\n")
        let more = problems.count > 20 ? "\n  ... and \(problems.count - 20) more (run `entryledger verify`)" : ""
        return "refused: the ledger does not verify, so nothing is signed, sent or exported over it:\n" + shown + more
    }
}

/// What a command may rely on once ``Ledger/requireVerified(chunk:)`` returned: the records it read, and that
/// the index tables agree with them.
public struct VerifiedLedger: Sendable {
    /// Records verified.
    public let records: Int64
    /// The hash of the last record, recomputed from its bytes.
    public let headHash: [UInt8]?
    /// Records covered by the last checkpoint the supervisor signed (their signatures were not
    /// checked again); the records from there on had their signatures checked.
    public let coveredByCheckpoint: Int64
    public let signaturesChecked: Int64
    /// The Merkle root of the records verified, computed from their bytes.
    public let treeRoot: [UInt8]
    /// Records whose fold (state effects, the replay re-derivation, the walk checks' lists)
    /// came from the fold snapshot `checkpoint` signed (``FoldSnapshot``), not from folding
    /// them again; 0 when none was used. They were still read, hashed and checked against
    /// their columns and the snapshot's root.
    public var foldedBySnapshot: Int64 = 0
    /// The state folded from every record, when asked for (``Ledger/appendCheckpoint(signer:time:)``
    /// signs it as the next fold snapshot).
    var foldState: [UInt8]?
}

extension Ledger {
    /// Verifies the whole ledger before a command signs, sends or exports over it (schemas/
    /// ledger-format.md section 6), trusting the supervisor key of the genesis, and compares the
    /// `keys`, `entries` and `reserved_ranges` tables with the state the records give. Throws
    /// ``LedgerNotVerified`` on any problem. Called inside an append's transaction, it reads in
    /// that transaction, under the write lock: nothing can change between the check and the act.
    ///
    /// Fast: the records covered by the last `checkpoint` record the supervisor signed have
    /// their hashes, chain, rules and Merkle root checked, not their signatures nor their
    /// canonical encoding (both checked when that checkpoint was made, which verifies first, and
    /// their bytes are pinned by its root); only newer records get those checks too. The checkpoint record itself is read by its `kind` column only to find it: its
    /// signature, its seq and its root against the recomputed tree are all checked here.
    ///
    /// ```swift
    /// try ledger.requireVerified()          // before checkpoint, authorize, replay, export, backup
    /// ```
    @discardableResult
    public func requireVerified(chunk: Int = 4096) throws -> VerifiedLedger {
        try requireVerified(copy: store, chunk: chunk)
    }

    /// The same check of a copy of this ledger's file (the snapshot a backup takes), with this
    /// ledger's evidence, batch and response folders.
    ///
    /// When the walk from the last supervisor-signed checkpoint finds any problem at all (a
    /// forged or mismatched checkpoint record, an edit below it), the ledger is checked again
    /// from seq 0 with nothing taken on trust, and that check's problems are the ones reported.
    @discardableResult
    public func requireVerified(copy store: LedgerStore, chunk: Int = 4096) throws -> VerifiedLedger {
        try requireVerified(copy: store, chunk: chunk, excusingMissingBatchFiles: false)
    }

    /// The same check, where a recorded batch's archived file that is missing is not a problem:
    /// for a replay, which verifies before it writes the batches an interrupted replay recorded
    /// (what it writes is each such batch rendered from the records just verified, byte for
    /// byte what the batch record's hashes say).
    @discardableResult
    package func requireVerified(copy store: LedgerStore? = nil, chunk: Int = 4096, excusingMissingBatchFiles excused: Bool,
                                 keepingFold: Bool = false) throws -> VerifiedLedger {
        let store = store ?? self.store
        let trustedBelow = try lastSupervisorCheckpoint(in: store) ?? 0
        var run = try verification(of: store, trustingSignaturesBelow: trustedBelow, snapshot: foldSnapshot(size: trustedBelow), chunk: chunk,
                                   excused: excused, keepingFold: keepingFold)
        if !run.problems.isEmpty, trustedBelow > 0 {
            run = try verification(of: store, trustingSignaturesBelow: 0, snapshot: nil, chunk: chunk, excused: excused, keepingFold: keepingFold)
        }
        guard run.problems.isEmpty else {
            throw LedgerNotVerified(problems: run.problems, signaturesChecked: run.proof.signaturesChecked)
        }
        return run.proof
    }

    /// One walk of `store` with the records below `trustedBelow` taken as covered by a
    /// supervisor-signed checkpoint, the index tables compared, the batch files re-rendered.
    ///
    /// With a `snapshot` (signed by the supervisor, of exactly `trustedBelow` records), the
    /// records it covers are read, hashed and checked against their columns, chain and its
    /// root, and their fold is the snapshot's; one that does not restore is not used.
    private func verification(of store: LedgerStore, trustingSignaturesBelow trustedBelow: Int64, snapshot: FoldSnapshot?, chunk: Int,
                              excused: Bool, keepingFold: Bool) throws -> (proof: VerifiedLedger, problems: [VerificationReport.Problem]) {
        let batchFolder = BatchArchive.folder(forLedger: self.store.path)
        func makeVerifier() -> Verifier {
            Verifier(trusting: genesis.supervisor, evidenceFolder: Evidence.folder(forLedger: self.store.path), batchFolder: batchFolder,
                     responseFolder: ResponseArchive.folder(forLedger: self.store.path))
        }
        var verifier = makeVerifier()
        if let snapshot, snapshot.size == trustedBelow {
            do { try verifier.restore(snapshot) } catch { verifier = makeVerifier() }
        }
        verifier.signaturesTrustedBelow = trustedBelow
        var tables: [VerificationReport.Problem] = []
        try verifier.feed(store: store, chunk: chunk) { tables = try DerivedTables.problems(store, verifier.state) }
        let report = verifier.finish()
        var found = report.problems + LedgerAudit.rerender(verifier, folder: batchFolder) { try store.payloads(at: $0) }
        if excused { found.removeAll { $0.rule == BatchArchive.missingFileRule } }
        if report.moreProblems > 0 { found.append(.init(seq: nil, report.moreProblemsLine ?? "more problems")) }
        let problems = found + (found.isEmpty ? tables : [])
        Self.walks.withLock { $0[self.store.path, default: 0] += 1 }
        var proof = VerifiedLedger(records: report.records, headHash: report.headHash, coveredByCheckpoint: trustedBelow,
                                   signaturesChecked: report.signaturesChecked, treeRoot: verifier.treeRoot)
        proof.foldedBySnapshot = verifier.foldedBelow
        if keepingFold, problems.isEmpty { proof.foldState = try? verifier.foldState() }
        return (proof, problems)
    }

    /// Walks of this ledger made by ``requireVerified(chunk:)`` in this process: work the
    /// tests count (a replay verifies once, a failed fast walk is followed by a full one).
    package var verificationWalks: Int { Self.walks.withLock { $0[store.path] ?? 0 } }
    private static let walks = Mutex<[String: Int]>([:])

    /// The size of the last checkpoint record whose signature by the supervisor verifies, at
    /// the seq its size says; nil if there is none.
    func lastSupervisorCheckpoint(in store: LedgerStore) throws -> Int64? {
        for seq in try store.seqs(ofKind: RecordKind.checkpoint.rawValue).reversed().prefix(4) {
            guard let r = try store.record(at: seq), let h = try? RecordHeader(payload: r.record.payload), h.kind == .checkpoint,
                  h.seq == seq, h.keyID == genesis.supervisor.keyID, let body = try? CheckpointBody(json: h.body), body.size == UInt64(seq),
                  genesis.supervisor.isValidSignature(r.record.signature, for: RecordFormat.signingMessage(payload: r.record.payload))
            else { continue }
            return seq
        }
        return nil
    }
}

/// The store's index tables (`keys`, `entries`, `reserved_ranges`) compared with the state a
/// verifier built from the records: any difference is an edit outside the ledger.
package enum DerivedTables {
    /// Differences between the index tables and the state verified from the records.
    package static func problems(_ store: LedgerStore, _ state: MemoryLedgerState) throws -> [VerificationReport.Problem] {
        var problems: [VerificationReport.Problem] = []
        let keys = try store.keys().sorted { $0.keyID < $1.keyID }
        let proven = state.keysByID.values.sorted { $0.keyID < $1.keyID }
        if keys != proven {
            problems.append(.init(seq: nil, "the keys table differs from the keys the records enrol and revoke: it was edited outside the ledger"))
        }
        // Each row looked up, not both sides sorted: a hundred thousand entries compare in a pass.
        let rows = try store.allNumberRows()
        if rows.count != state.numberCount || rows.contains(where: { (try? state.numberRow($0.number)) != $0 }) {
            problems.append(.init(seq: nil, "the entries table differs from the entry numbers the records use and void: it was edited outside the ledger"))
        }
        let ranges = try store.rangeRowsWithSeq(), provenRanges = state.rangesWithSeq
        if ranges.count != provenRanges.count || zip(ranges, provenRanges).contains(where: { $0.row != $1.row || $0.seq != $1.seq }) {
            problems.append(.init(seq: nil, "the reserved_ranges table differs from the ranges the records reserve: it was edited outside the ledger"))
        }
        return problems
    }
}
