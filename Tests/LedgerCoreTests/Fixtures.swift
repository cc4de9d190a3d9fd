import Foundation
import Testing

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// A fresh folder per test, removed afterwards.
final class TempDir {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "el-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { path + "/" + name }
}

/// A small ledger: supervisor, two clerks, a few notes.
struct SampleLedger {
    let dir = TempDir()
    let supervisor = LedgerSigningKey(name: "Dana Whitfield")
    let alice = LedgerSigningKey(name: "Alice Moreno")
    let bob = LedgerSigningKey(name: "Bob Tanaka")
    let ledger: Ledger

    init(notes: Int = 4) throws {
        ledger = try Ledger.create(path: dir.file("ledger.db"), filer: "EL7", port: "4103", broker: "Harbor Point Customs Brokerage LLC", supervisor: supervisor)
        try ledger.enroll(alice.publicKey, proof: ProofOfPossession.make(alice), signer: supervisor)
        try ledger.enroll(bob.publicKey, proof: ProofOfPossession.make(bob), signer: supervisor)
        for i in 0..<notes {
            try ledger.note("note \(i): container MSCU1234567 held for exam", signer: i % 2 == 0 ? alice : bob)
        }
    }

    var path: String { ledger.store.path }

    func verify(_ store: LedgerStore? = nil) throws -> VerificationReport {
        try Verifier(trusting: supervisor.publicKey).verify(store: store ?? ledger.store)
    }

    /// Runs SQL as an attacker with write access would: the append-only triggers dropped first.
    func tamper(_ sql: String) throws {
        try ledger.store.executeRawSQLForTamperTest("""
            DROP TRIGGER IF EXISTS records_refuse_update;
            DROP TRIGGER IF EXISTS records_refuse_delete;
            \(sql)
            """)
    }

    /// Inserts a well-formed, correctly chained record signed by `key`, bypassing the rules:
    /// what someone holding a key (or a stolen one) could write with raw SQL.
    @discardableResult
    func forge(_ kind: RecordKind, body: JSONValue, signer key: LedgerSigningKey) throws -> Int64 {
        let n = try ledger.store.count()
        let prev = try #require(try ledger.store.record(at: n - 1)).record.hash
        let time = Timestamp.now()
        let payload = try RecordFormat.payload(origin: ledger.origin, seq: n, prev: prev, time: time, kind: kind, keyID: key.keyID, body: body)
        let r = RecordFormat.sign(payload: payload, with: key)
        try ledger.store.executeRawSQLForTamperTest(
            "INSERT INTO records VALUES (\(n), x'\(Hex.encode(r.payload))', x'\(Hex.encode(r.signature))', x'\(Hex.encode(r.hash))', '\(kind.rawValue)', '\(key.keyID)', '\(time)')")
        return n
    }

    func payload(at seq: Int64) throws -> [UInt8] { try #require(try ledger.store.record(at: seq)).record.payload }
}

extension VerificationReport {
    var seqs: Set<Int64> { Set(problems.compactMap(\.seq)) }
    var firstSeq: Int64? { problems.compactMap(\.seq).min() }
}
