import Foundation
import Testing

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// Verify-before-sign takes the last supervisor-signed checkpoint as vouching for the records it
/// covers (schemas/ledger-format.md section 6): below it, hashes, chain, root and state effects
/// only. These tests count the work (signatures checked, walks made), never time, and show that
/// an edit below the checkpoint is still caught, and that a checkpoint record that is not what
/// it should be makes the check fall back to every record.
@Suite struct FastVerify {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples/entries/01-vessel-continuous-3461-7501.json")

    static func entry(_ serial: Int) throws -> JSONValue {
        guard case .object(var o) = try JSONReader.parse([UInt8](Data(contentsOf: sample))) else { throw CancellationError() }
        o["entry_number"] = .string(try EntryNumber(filerCode: "EL7", serial: serial).formatted)
        return .object(o)
    }

    /// Notes, three entries (one amended, one voided), a checkpoint, then one new note.
    static func checkpointed() throws -> (SampleLedger, checkpointSeq: Int64) {
        let s = try SampleLedger(notes: 3)
        let added = try s.ledger.addEntries([try entry(1_000_001), try entry(1_000_002), try entry(1_000_003)], allowDuplicateGoods: true, signer: s.alice)
        try s.ledger.amendEntry(try entry(1_000_002), reason: "corrected the invoice", signer: s.alice)
        try s.ledger.voidEntry(added[2].1, reason: "filed twice", signer: s.alice)
        let cp = try s.ledger.appendCheckpoint(signer: s.supervisor)
        try s.ledger.note("after the checkpoint", signer: s.bob)
        return (s, cp.record.seq)
    }

    @Test func recordsBelowTheCheckpointHaveNoSignatureCheckedAndTheTablesStillAgree() throws {
        let (s, cpSeq) = try Self.checkpointed()
        let walks = s.ledger.verificationWalks
        let proof = try s.ledger.requireVerified()
        #expect(proof.coveredByCheckpoint == cpSeq)
        #expect(proof.records == cpSeq + 2)
        #expect(proof.signaturesChecked == 2, "the checkpoint record and the note after it")
        #expect(s.ledger.verificationWalks == walks + 1)
        // The same root as a full check, which checks every signature.
        let full = try s.verify()
        #expect(full.ok)
        #expect(full.signaturesChecked == cpSeq + 2)
        #expect(try MerkleTree(source: s.ledger.store).root(size: UInt64(cpSeq + 2)) == proof.treeRoot)
    }

    /// Runs `sql` as an attacker would, then expects `requireVerified` to refuse after a fast
    /// walk and a full one (`walks`: 1 when no checkpoint record is trusted at all, so the
    /// first walk is already the full one), naming `seq` when given.
    func expectCaught(_ s: SampleLedger, _ sql: String, seq: Int64?, walks expected: Int = 2, _ comment: Comment) throws {
        try s.tamper("PRAGMA ignore_check_constraints = ON; " + sql)
        let walks = s.ledger.verificationWalks
        let records = try s.ledger.store.count()
        let error = #expect(throws: LedgerNotVerified.self, comment) { try s.ledger.requireVerified() }
        #expect(s.ledger.verificationWalks == walks + expected, "a fast walk that finds a problem is followed by a full one")
        #expect(error?.signaturesChecked ?? 0 >= records - 1, "the full walk checks every signature")
        if let seq { #expect(error?.problems.contains { $0.seq == seq } == true, "\(error?.problems ?? [])") }
    }

    @Test func aChangedByteInACoveredRecordIsCaught() throws {
        let (s, _) = try Self.checkpointed()
        let seq = Int64(4)  // a note below the checkpoint
        try expectCaught(s, "UPDATE records SET payload = CAST(replace(CAST(payload AS TEXT), 'exam', 'exim') AS BLOB) WHERE seq = \(seq)",
                         seq: seq, "a note's text changed below the checkpoint")
    }

    @Test func aChangedByteInACoveredRecordWithItsHashColumnRecomputedIsCaught() throws {
        let (s, _) = try Self.checkpointed()
        let r = try #require(try s.ledger.store.record(at: 4)).record
        var payload = r.payload
        payload[payload.count - 20] ^= 0x01
        let hash = RecordFormat.recordHash(payload: payload, signature: r.signature)
        try expectCaught(s, "UPDATE records SET payload = x'\(Hex.encode(payload))', hash = x'\(Hex.encode(hash))' WHERE seq = 4",
                         seq: nil, "a covered payload and its hash column changed together")
    }

    @Test func aCoveredEntryWhoseNumberIsChangedIsCaught() throws {
        let (s, _) = try Self.checkpointed()
        let seq = try #require(try s.ledger.store.seqs(ofKind: "entry.add").first)
        try expectCaught(s, "UPDATE records SET payload = CAST(replace(CAST(payload AS TEXT), 'EL7-1000001', 'EL7-1000009') AS BLOB) WHERE seq = \(seq)",
                         seq: nil, "an entry number changed below the checkpoint")
    }

    @Test func aChangedEntriesTableRowIsCaught() throws {
        let (s, _) = try Self.checkpointed()
        try expectCaught(s, "UPDATE entries SET voided_seq = NULL WHERE voided_seq IS NOT NULL", seq: nil, "a void undone in the entries table")
    }

    @Test func aChangedIndexColumnOfACoveredRecordIsCaught() throws {
        let (s, _) = try Self.checkpointed()
        let seq = try #require(try s.ledger.store.seqs(ofKind: "entry.add").first)
        try expectCaught(s, "UPDATE records SET kind = 'incident.note' WHERE seq = \(seq)", seq: seq, "an entry.add hidden as a note")
    }

    @Test func aCheckpointRecordWithABadSignatureMakesTheCheckFallBackToEveryRecord() throws {
        let (s, cpSeq) = try Self.checkpointed()
        try expectCaught(s, "UPDATE records SET signature = zeroblob(64) WHERE seq = \(cpSeq)", seq: cpSeq, walks: 1,
                         "the checkpoint record's signature zeroed: no checkpoint is trusted, every record is checked at once")
    }

    /// A checkpoint record the supervisor's key signed, with the body given: an insider
    /// holding that key, or a program gone wrong.
    func forgeCheckpoint(_ s: SampleLedger, size: UInt64, root: [UInt8]) throws -> Int64 {
        let cp = try Checkpoint(origin: s.ledger.origin, size: size, rootHash: root)
        let note = try cp.signed(by: s.supervisor, name: s.ledger.checkpointKeyName)
        return try s.forge(.checkpoint, body: CheckpointBody(size: size, root: root, note: note.serialized).json, signer: s.supervisor)
    }

    @Test func aCheckpointRecordOfTheWrongSizeIsNotTrusted() throws {
        let (s, _) = try Self.checkpointed()
        let n = try s.ledger.store.count()
        let root = try MerkleTree(source: s.ledger.store).root(size: UInt64(n - 1))
        let seq = try forgeCheckpoint(s, size: UInt64(n - 1), root: root)
        try expectCaught(s, "SELECT 1", seq: seq, "a checkpoint record whose size is not its seq")
    }

    @Test func aCheckpointRecordWithTheWrongRootMakesTheCheckFallBackToEveryRecord() throws {
        let (s, _) = try Self.checkpointed()
        let n = try s.ledger.store.count()
        let seq = try forgeCheckpoint(s, size: UInt64(n), root: Array(repeating: 0xAB, count: 32))
        try expectCaught(s, "SELECT 1", seq: seq, "a supervisor-signed checkpoint record whose root is not the ledger's")
    }

    @Test func aCheckpointRecordOverAnEditedHistoryIsCaught() throws {
        // The supervisor's key signs a checkpoint over records an attacker edited first: the
        // fast walk trusts nothing below it that the root does not pin, and the edit shows.
        let (s, _) = try Self.checkpointed()
        try s.tamper("UPDATE records SET payload = CAST(replace(CAST(payload AS TEXT), 'exam', 'exim') AS BLOB) WHERE seq = 4")
        let n = try s.ledger.store.count()
        let root = try MerkleTree(source: RecordHashes(bytes: try (0..<n).flatMap { try #require(try s.ledger.store.record(at: $0)).record.hash })).root(size: UInt64(n))
        _ = try forgeCheckpoint(s, size: UInt64(n), root: root)
        try expectCaught(s, "SELECT 1", seq: 4, "a note edited and then covered by a supervisor-signed checkpoint")
    }
}

@Suite struct StoreLeaves {
    @Test func aLargeRangeReadFromTheHashIndexGivesTheSameRootAsTheRecords() throws {
        let s = try SampleLedger(notes: 0)
        let n = LedgerStore.leafIndexScanMinimum + 300
        var i = 3
        while i < n {
            _ = try s.ledger.appendAll((i..<min(n, i + 5000)).map { (RecordKind.incidentNote, NoteBody(text: "note \($0)").json) }, signer: s.alice)
            i += 5000
        }
        let count = try s.ledger.store.count()
        let report = try s.verify()
        #expect(report.ok)
        let hashes = try s.ledger.store.hashes(in: 0..<count).flatMap { $0 }
        #expect(try s.ledger.store.leafBytes(from: 0, count: Int(count)) == hashes, "the whole ledger, from the index")
        #expect(try s.ledger.store.leafBytes(from: 7, count: 100) == Array(hashes[(7 * 32)..<(107 * 32)]), "a small range, from the table")
        #expect(try MerkleTree(source: s.ledger.store).root(size: UInt64(count)) == MerkleTree(source: s.ledger.store, chunkSize: 1000).root(size: UInt64(count)))
        // A seq the index lacks (a row moved out of the range) makes the answer short, never wrong.
        try s.tamper("PRAGMA ignore_check_constraints = ON; UPDATE records SET seq = -5 WHERE seq = 10")
        #expect(try s.ledger.store.leafBytes(from: 0, count: Int(count)).count < Int(count) * 32)
        #expect(throws: MerkleError.self) { try MerkleTree(source: s.ledger.store).root(size: UInt64(count)) }
    }
}
