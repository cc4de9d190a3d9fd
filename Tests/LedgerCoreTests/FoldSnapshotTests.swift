import Foundation
import Testing

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// `checkpoint` signs the fold of the records it covers (``FoldSnapshot``, a local cache) and
/// the next verification before acting restores it instead of folding those records again.
/// Someone with write access to the files but not the supervisor's private key must not be able
/// to make it lie: every attack below pairs an edit of a derived table with a snapshot that
/// would hide it, and the check must refuse. The tests count work (records folded from the
/// snapshot, walks), never time.
@Suite struct FoldSnapshots {
    static func snapshotPath(_ s: SampleLedger) -> String { Ledger.foldSnapshotPath(forLedger: s.path) }

    static func snapshot(_ s: SampleLedger) throws -> FoldSnapshot {
        try FoldSnapshot(serialized: [UInt8](Data(contentsOf: URL(fileURLWithPath: snapshotPath(s)))))
    }

    static func write(_ snapshot: FoldSnapshot, _ s: SampleLedger) throws {
        try Data(snapshot.serialized).write(to: URL(fileURLWithPath: snapshotPath(s)))
    }

    /// The state of `honest` with the voided entry number made live again: the lie that would
    /// hide an attacker's `UPDATE entries SET voided_seq = NULL`.
    static func lyingState(_ s: SampleLedger, _ honest: FoldSnapshot) throws -> [UInt8] {
        let verifier = Verifier(trusting: s.ledger.genesis.supervisor, evidenceFolder: Evidence.folder(forLedger: s.path),
                                batchFolder: BatchArchive.folder(forLedger: s.path), responseFolder: ResponseArchive.folder(forLedger: s.path))
        try verifier.restore(honest)
        let voided = try #require(verifier.state.numberRows.first { $0.voidedSeq != nil })
        verifier.state.apply(.addNumber(voided.number, seq: voided.addedSeq))
        #expect(verifier.state.numberRows.allSatisfy { $0.voidedSeq == nil })
        return try verifier.foldState()
    }

    static let unvoid = "UPDATE entries SET voided_seq = NULL WHERE voided_seq IS NOT NULL"

    /// Expects the check to refuse the ledger over the entries table the lie would hide, with
    /// the snapshot not used (every record folded again, by a second walk from seq 0).
    func expectRefused(_ s: SampleLedger, _ comment: Comment) throws {
        let walks = s.ledger.verificationWalks
        let error = #expect(throws: LedgerNotVerified.self, comment) { try s.ledger.requireVerified() }
        #expect(error?.problems.contains { $0.description.contains("entries table") } == true, "\(error?.problems ?? [])")
        #expect(s.ledger.verificationWalks == walks + 2, "a fast walk that finds a problem is followed by a full one")
    }

    @Test func checkpointWritesASnapshotThatTheNextCheckFoldsFrom() throws {
        let (s, cpSeq) = try FastVerify.checkpointed()
        let snapshot = try Self.snapshot(s)
        #expect(snapshot.size == cpSeq)
        #expect(snapshot.verifies(with: s.supervisor.publicKey))
        let walks = s.ledger.verificationWalks
        let fast = try s.ledger.requireVerified()
        #expect(fast.foldedBySnapshot == cpSeq, "every record below the checkpoint folded from the snapshot")
        #expect(fast.coveredByCheckpoint == cpSeq)
        #expect(fast.signaturesChecked == 2, "the checkpoint record and the note after it")
        #expect(s.ledger.verificationWalks == walks + 1)
        // Without the snapshot: the same proof, every covered record folded again.
        try FileManager.default.removeItem(atPath: Self.snapshotPath(s))
        let folded = try s.ledger.requireVerified()
        #expect(folded.foldedBySnapshot == 0)
        #expect(folded.records == fast.records)
        #expect(folded.treeRoot == fast.treeRoot)
        #expect(folded.headHash == fast.headHash)
    }

    @Test func theSnapshotStateIsTheStateOfFoldingEveryRecord() throws {
        let (s, _) = try FastVerify.checkpointed()
        func verifier() -> Verifier {
            Verifier(trusting: s.ledger.genesis.supervisor, evidenceFolder: Evidence.folder(forLedger: s.path),
                     batchFolder: BatchArchive.folder(forLedger: s.path), responseFolder: ResponseArchive.folder(forLedger: s.path))
        }
        let restored = verifier()
        try restored.restore(try Self.snapshot(s))
        let full = verifier()
        try full.feed(store: s.ledger.store, limit: try Self.snapshot(s).size)
        #expect(full.finish().ok)
        #expect(restored.state.numberRows == full.state.numberRows)
        #expect(restored.state.keysByID == full.state.keysByID)
        #expect(restored.state.rangesWithSeq.map(\.row) == full.state.rangesWithSeq.map(\.row))
        #expect(try restored.foldState().count == full.foldState().count)
    }

    @Test func theLieIsBelievedOnlyWithTheSupervisorsSignature() throws {
        // The control: what the supervisor's own key signs is trusted (it signs checkpoints
        // too). It shows that the attacks below are real ones, refused for the right reason.
        let (s, cpSeq) = try FastVerify.checkpointed()
        let honest = try Self.snapshot(s)
        try Self.write(FoldSnapshot(origin: honest.origin, size: honest.size, root: honest.root, program: honest.program,
                                    state: try Self.lyingState(s, honest), signer: s.supervisor), s)
        try s.tamper(Self.unvoid)
        #expect(try s.ledger.requireVerified().foldedBySnapshot == cpSeq)
    }

    @Test func aSnapshotSignedByAClerkKeyIsRefused() throws {
        let (s, _) = try FastVerify.checkpointed()
        let honest = try Self.snapshot(s)
        try Self.write(FoldSnapshot(origin: honest.origin, size: honest.size, root: honest.root, program: honest.program,
                                    state: try Self.lyingState(s, honest), signer: s.alice), s)
        try s.tamper(Self.unvoid)
        try expectRefused(s, "a lying snapshot signed by an enrolled clerk's key")
    }

    @Test func anEditedSnapshotIsRefused() throws {
        let (s, _) = try FastVerify.checkpointed()
        let honest = try Self.snapshot(s)
        // The honest signature over a state the attacker replaced.
        var bytes = FoldSnapshot(origin: honest.origin, size: honest.size, root: honest.root, program: honest.program,
                                 state: try Self.lyingState(s, honest), signer: s.alice).serialized
        bytes.replaceSubrange((bytes.count - 64)..., with: honest.signature)
        try Data(bytes).write(to: URL(fileURLWithPath: Self.snapshotPath(s)))
        #expect(try Self.snapshot(s).signature == honest.signature)
        try s.tamper(Self.unvoid)
        try expectRefused(s, "the supervisor's signature over another state")
    }

    @Test func aFlippedByteMakesTheSnapshotUnusedNotTheLedgerWrong() throws {
        let (s, _) = try FastVerify.checkpointed()
        var bytes = try Self.snapshot(s).serialized
        for at in [bytes.count / 2, 40, bytes.count - 1] {
            bytes[at] ^= 0x01
            try Data(bytes).write(to: URL(fileURLWithPath: Self.snapshotPath(s)))
            #expect(try s.ledger.requireVerified().foldedBySnapshot == 0, "byte \(at) flipped")
            bytes[at] ^= 0x01
        }
        for hostile in [[UInt8](), Array(bytes.prefix(bytes.count / 3)), Array("entryledger-fold-snapshot 1\n".utf8) + Array(repeating: 0xFF, count: 64)] {
            try Data(hostile).write(to: URL(fileURLWithPath: Self.snapshotPath(s)))
            #expect(try s.ledger.requireVerified().foldedBySnapshot == 0, "a hostile file of \(hostile.count) bytes")
        }
        // A FIFO (never opened for a blocking read) and a folder in its place.
        try FileManager.default.removeItem(atPath: Self.snapshotPath(s))
        #expect(mkfifo(Self.snapshotPath(s), 0o600) == 0)
        #expect(try s.ledger.requireVerified().foldedBySnapshot == 0, "a FIFO")
        try FileManager.default.removeItem(atPath: Self.snapshotPath(s))
        try FileManager.default.createDirectory(atPath: Self.snapshotPath(s), withIntermediateDirectories: false)
        #expect(try s.ledger.requireVerified().foldedBySnapshot == 0, "a folder")
    }

    @Test func anotherLedgersSnapshotIsRefused() throws {
        let (s, _) = try FastVerify.checkpointed()
        let (other, _) = try FastVerify.checkpointed()
        try FileManager.default.removeItem(atPath: Self.snapshotPath(s))
        try FileManager.default.copyItem(atPath: Self.snapshotPath(other), toPath: Self.snapshotPath(s))
        #expect(try s.ledger.requireVerified().foldedBySnapshot == 0, "another ledger's snapshot, signed by its own supervisor")
        // The lie about this ledger, signed by the other ledger's supervisor.
        let honest = try Self.snapshot(other)
        try Self.write(FoldSnapshot(origin: s.ledger.origin, size: honest.size, root: try s.ledger.tree.root(size: UInt64(honest.size)),
                                    program: honest.program, state: try Self.lyingState(other, honest), signer: other.supervisor), s)
        try s.tamper(Self.unvoid)
        try expectRefused(s, "a snapshot signed by another ledger's supervisor")
    }

    @Test func aSnapshotOfAnotherSizeIsRefused() throws {
        let (s, _) = try FastVerify.checkpointed()
        let older = try Self.snapshot(s)
        try s.ledger.note("before the second checkpoint", signer: s.alice)
        let second = try s.ledger.appendCheckpoint(signer: s.supervisor)
        #expect(try Self.snapshot(s).size == second.record.seq)
        // The older snapshot put back: stale, not used.
        try Self.write(older, s)
        #expect(try s.ledger.requireVerified().foldedBySnapshot == 0, "the snapshot of the first checkpoint")
        // A lie of the older size, even signed by the supervisor, is never used for the newer checkpoint.
        try Self.write(FoldSnapshot(origin: older.origin, size: older.size, root: older.root, program: older.program,
                                    state: try Self.lyingState(s, older), signer: s.supervisor), s)
        try s.tamper(Self.unvoid)
        try expectRefused(s, "a supervisor-signed snapshot of an older size")
    }

    @Test func aSnapshotOfAnotherProgramIsStale() throws {
        let (s, _) = try FastVerify.checkpointed()
        let honest = try Self.snapshot(s)
        try Self.write(FoldSnapshot(origin: honest.origin, size: honest.size, root: honest.root, program: "entryledger 0.0.9, fold layout 0",
                                    state: try Self.lyingState(s, honest), signer: s.supervisor), s)
        #expect(Ledger.foldProgram != "entryledger 0.0.9, fold layout 0")
        try s.tamper(Self.unvoid)
        try expectRefused(s, "a snapshot another version of the program wrote")
    }

    @Test func aSnapshotWhoseRootIsNotTheRecordsMakesTheCheckFoldEveryRecord() throws {
        // Signed by the supervisor, of the right size, but over other records: the records'
        // root differs, so the walk that trusted it reports it and every record is folded again.
        let (s, cpSeq) = try FastVerify.checkpointed()
        let honest = try Self.snapshot(s)
        try Self.write(FoldSnapshot(origin: honest.origin, size: honest.size, root: Array(repeating: 0xAB, count: 32), program: honest.program,
                                    state: try Self.lyingState(s, honest), signer: s.supervisor), s)
        let walks = s.ledger.verificationWalks
        #expect(try s.ledger.requireVerified().foldedBySnapshot == 0, "the full walk's proof")
        #expect(s.ledger.verificationWalks == walks + 2)
        try s.tamper(Self.unvoid)
        try expectRefused(s, "a lying snapshot with a root that is not the records'")
        #expect(cpSeq > 0)
    }

    /// With the honest snapshot in place, each derived table edited and each covered record
    /// edited is still refused: the snapshot replaces the fold, not the comparison.
    @Test(arguments: [
        ("UPDATE keys SET role = 'supervisor' WHERE name = 'Alice Moreno'", "keys table"),
        ("DELETE FROM keys WHERE name = 'Bob Tanaka'", "keys table"),
        (unvoid, "entries table"),
        ("DELETE FROM entries WHERE entry_number = (SELECT min(entry_number) FROM entries)", "entries table"),
        ("INSERT INTO entries VALUES ('EL7-1000004-4', 5, NULL)", "entries table"),
        ("INSERT INTO reserved_ranges VALUES ('EL7', 2000000, 2000100, 3)", "reserved_ranges table"),
    ])
    func anEditedDerivedTableIsRefusedWithTheSnapshotInPlace(sql: String, table: String) throws {
        let (s, cpSeq) = try FastVerify.checkpointed()
        #expect(try s.ledger.requireVerified().foldedBySnapshot == cpSeq)
        try s.tamper("PRAGMA ignore_check_constraints = ON; " + sql)
        let error = #expect(throws: LedgerNotVerified.self, "\(sql)") { try s.ledger.requireVerified() }
        #expect(error?.problems.contains { $0.description.contains(table) } == true, "\(error?.problems ?? [])")
    }

    @Test func anEditedCoveredPayloadIsRefusedWithTheSnapshotInPlace() throws {
        let (s, cpSeq) = try FastVerify.checkpointed()
        #expect(try s.ledger.requireVerified().foldedBySnapshot == cpSeq)
        // The voided entry's void record made a note-like no-op would need its bytes changed:
        // change a byte of an entry below the checkpoint and recompute its hash column too.
        let seq = try #require(try s.ledger.store.seqs(ofKind: "entry.add").first)
        let r = try #require(try s.ledger.store.record(at: seq)).record
        var payload = r.payload
        payload[payload.count / 2] ^= 0x01
        let hash = RecordFormat.recordHash(payload: payload, signature: r.signature)
        try s.tamper("UPDATE records SET payload = x'\(Hex.encode(payload))', hash = x'\(Hex.encode(hash))' WHERE seq = \(seq)")
        let walks = s.ledger.verificationWalks
        let error = #expect(throws: LedgerNotVerified.self) { try s.ledger.requireVerified() }
        #expect(s.ledger.verificationWalks == walks + 2)
        #expect(error?.problems.contains { $0.seq == seq } == true, "\(error?.problems ?? [])")
    }

    /// Batches of three records below the snapshot pass through the three stages (read, hash,
    /// walk) many at a time: they must reach the walk in order, then the batches after the
    /// snapshot, and an edit in one of them must still be found.
    @Test func manySmallBatchesBelowTheSnapshotReachTheWalkInOrder() throws {
        let s = try SampleLedger(notes: 120)
        let cp = try s.ledger.appendCheckpoint(signer: s.supervisor)
        try s.ledger.note("after the checkpoint", signer: s.bob)
        let walks = s.ledger.verificationWalks
        let fast = try s.ledger.requireVerified(chunk: 3)
        #expect(s.ledger.verificationWalks == walks + 1, "no problem, so no second walk")
        #expect(fast.foldedBySnapshot == cp.record.seq)
        #expect(fast.records == cp.record.seq + 2)
        #expect(try MerkleTree(source: s.ledger.store).root(size: UInt64(fast.records)) == fast.treeRoot)
        let seq = cp.record.seq / 2
        let r = try #require(try s.ledger.store.record(at: seq)).record
        var payload = r.payload
        payload[payload.count / 2] ^= 0x01
        let hash = RecordFormat.recordHash(payload: payload, signature: r.signature)
        try s.tamper("UPDATE records SET payload = x'\(Hex.encode(payload))', hash = x'\(Hex.encode(hash))' WHERE seq = \(seq)")
        let error = #expect(throws: LedgerNotVerified.self) { try s.ledger.requireVerified(chunk: 3) }
        #expect(error?.problems.contains { $0.seq == seq } == true, "\(error?.problems ?? [])")
    }

    @Test func anEditedIndexColumnOfAFoldedRecordIsRefused() throws {
        let (s, cpSeq) = try FastVerify.checkpointed()
        #expect(try s.ledger.requireVerified().foldedBySnapshot == cpSeq)
        let seq = try #require(try s.ledger.store.seqs(ofKind: "entry.void").first)
        try s.tamper("UPDATE records SET kind = 'incident.note' WHERE seq = \(seq)")
        let error = #expect(throws: LedgerNotVerified.self) { try s.ledger.requireVerified() }
        #expect(error?.problems.contains { $0.seq == seq && $0.rule == "record.index-columns" } == true, "\(error?.problems ?? [])")
    }
}
