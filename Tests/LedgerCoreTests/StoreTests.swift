import Foundation
import Testing

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

@Suite struct JournalingStore {
    @Test func theCodeAppliesExactlyTheSchemaFile() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../schemas/ledger.sql")
        let file = try String(contentsOf: url, encoding: .utf8)
        #expect(file == LedgerSchema.sql + "\n")
    }

    @Test func updateAndDeleteOnRecordsFail() throws {
        let s = try SampleLedger()
        for sql in ["UPDATE records SET kind = 'x' WHERE seq = 1", "DELETE FROM records WHERE seq = 6", "DELETE FROM records"] {
            let e = #expect(throws: StoreError.self) { try s.ledger.store.executeRawSQLForTamperTest(sql) }
            #expect(e?.description.contains("append-only") == true)
        }
        #expect(try s.ledger.store.count() == 7)
        #expect(try s.verify().ok)
    }

    @Test func theFileIsWALWithFullSyncAndItsIdentitySet() throws {
        let s = try SampleLedger()
        let db = s.ledger.store.db
        #expect(try db.query("PRAGMA journal_mode").first?.first?.text == "wal")
        #expect(try db.pragmaInt("synchronous") == 2)  // FULL
        #expect(try db.pragmaInt("application_id") == LedgerSchema.applicationID)
        #expect(try db.pragmaInt("user_version") == LedgerSchema.version)
    }

    @Test func aFileThatIsNotALedgerIsRefusedAndUnchanged() throws {
        let dir = TempDir()
        let text = dir.file("notes.txt")
        try Data("hello, this is not a database".utf8).write(to: URL(fileURLWithPath: text))
        #expect(throws: StoreError.notALedger(path: text, reason: "it is not an SQLite database")) { try Ledger.open(path: text) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: text)) == Data("hello, this is not a database".utf8))

        // Another application's SQLite database is refused before SQLite writes to it.
        let other = dir.file("other.db")
        _ = try SQLiteConnection(path: other, mode: .create).exec("CREATE TABLE t (x); INSERT INTO t VALUES (1)")
        let before = try Data(contentsOf: URL(fileURLWithPath: other))
        let e = #expect(throws: StoreError.self) { try Ledger.open(path: other) }
        #expect(e?.description.contains("not an EntryLedger ledger") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == before)
        #expect(!FileManager.default.fileExists(atPath: other + "-wal"))
    }

    @Test func aLedgerOfANewerVersionIsRefusedAndUnchanged() throws {
        let s = try SampleLedger()
        try s.ledger.store.executeRawSQLForTamperTest("PRAGMA user_version = 2; PRAGMA wal_checkpoint(TRUNCATE)")
        let before = try Data(contentsOf: URL(fileURLWithPath: s.path))
        #expect(throws: StoreError.newerVersion(path: s.path, found: 2, supported: 1)) { try Ledger.open(path: s.path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: s.path)) == before)
    }

    @Test func aMissingLedgerIsAClearErrorAndCreateNeverOverwrites() throws {
        let dir = TempDir()
        #expect(throws: StoreError.missing(path: dir.file("nope.db"))) { try Ledger.open(path: dir.file("nope.db")) }
        let s = try SampleLedger()
        #expect(throws: StoreError.alreadyExists(path: s.path)) {
            try Ledger.create(path: s.path, filer: "EL7", port: "4103", broker: "X", supervisor: s.supervisor)
        }
        #expect(try s.ledger.store.count() == 7)
    }

    @Test func badGenesisInputWritesNoFile() throws {
        let dir = TempDir()
        let e = #expect(throws: LedgerError.self) {
            try Ledger.create(path: dir.file("l.db"), filer: "el", port: "41A3", broker: " ", supervisor: LedgerSigningKey(name: "S"))
        }
        guard case .invalidInput(let problems)? = e else { Issue.record("expected invalid input"); return }
        #expect(problems.count == 3)
        #expect(problems.contains { $0.message.contains("filer code el") })
        #expect(problems.contains { $0.message.contains("port 41A3") })
        #expect(!FileManager.default.fileExists(atPath: dir.file("l.db")))
    }

    @Test func aRefusedBatchWritesNothing() throws {
        let s = try SampleLedger()
        let items: [(RecordKind, JSONValue)] = [(.incidentNote, NoteBody(text: "first").json), (.incidentNote, ["text": "   "]), (.incidentNote, NoteBody(text: "third").json)]
        let e = #expect(throws: LedgerError.self) { try s.ledger.appendAll(items, signer: s.alice) }
        #expect(e?.description.contains("record 2") == true)
        #expect(try s.ledger.store.count() == 7)
        let ok = try s.ledger.appendAll([items[0], items[2]], signer: s.alice)
        #expect(ok.map(\.seq) == [7, 8])
        #expect(try s.verify().ok)
    }

    @Test func readingInChunksSeesEveryRecordOnce() throws {
        let s = try SampleLedger(notes: 30)
        var seen: [Int64] = []
        try s.ledger.store.forEachChunk(chunk: 7) { seen += $0.map(\.seq); return true }
        #expect(seen == Array(0..<33))
        let r = try Verifier(trusting: s.supervisor.publicKey).verify(store: s.ledger.store, chunk: 5)
        #expect(r.ok && r.records == 33 && r.signaturesChecked == 33)
    }
}
