import Foundation
import Testing
import TestSupport

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// Random tampering with the stored records through raw SQL (the attacker who can write the
/// file): every ledger that differs from the original fails verification. Zero misses.
@Suite struct TamperFuzz {
    /// The stored columns of one record, as SQL literals can set them.
    struct Row: Equatable {
        var payload: [UInt8]
        var signature: [UInt8]
        var hash: [UInt8]
        var kind: [UInt8]
        var keyID: [UInt8]
        var time: [UInt8]

        subscript(column: Int) -> [UInt8] {
            get { [payload, signature, hash, kind, keyID, time][column] }
            set {
                switch column {
                case 0: payload = newValue
                case 1: signature = newValue
                case 2: hash = newValue
                case 3: kind = newValue
                case 4: keyID = newValue
                default: time = newValue
                }
            }
        }

        static let columns = ["payload", "signature", "hash", "kind", "key_id", "time"]

        /// SQL that stores this row at `seq` (text columns as text, with whatever bytes).
        func upsert(at seq: Int64) -> String {
            func blob(_ b: [UInt8]) -> String { "x'\(Hex.encode(b))'" }
            func text(_ b: [UInt8]) -> String { "CAST(x'\(Hex.encode(b))' AS TEXT)" }
            return "INSERT OR REPLACE INTO records (seq, payload, signature, hash, kind, key_id, time) VALUES (\(seq), \(blob(payload)), \(blob(signature)), \(blob(hash)), \(text(kind)), \(text(keyID)), \(text(time)));"
        }
    }

    static func rows(_ store: LedgerStore) throws -> [Row] {
        var out: [Row] = []
        try store.forEachChunk { rs in
            out += rs.map { Row(payload: $0.record.payload, signature: $0.record.signature, hash: $0.storedHash,
                                kind: Array($0.kind.utf8), keyID: Array($0.keyID.utf8), time: Array($0.time.utf8)) }
            return true
        }
        return out
    }

    @Test func randomByteFlipsAndCutsInStoredRecordsNeverVerify() throws {
        let w = try Workspace(notes: 4)
        let store = try LedgerStore.open(path: w.ledgerPath)
        // The attacker's connection: no append-only triggers, no CHECK constraints, no fsync.
        try store.executeRawSQLForTamperTest("""
            DROP TRIGGER records_refuse_update; DROP TRIGGER records_refuse_delete;
            PRAGMA ignore_check_constraints = ON; PRAGMA synchronous = OFF;
            """)
        let original = try Self.rows(store)
        let verifier = { try Verifier(trusting: w.supervisor.publicKey).verify(store: store) }
        #expect(try verifier().ok)

        var m = Mutator(seed: 0x7A4D_E4ED)
        var misses: [String] = []
        var tested = 0
        forEachCase(2500) { i in
            // One to three records changed; each in one random column, by byte edits or a cut.
            var changed: [Int64: Row] = [:]
            for _ in 0..<m.rng.int(1...3) {
                let seq = Int64(m.rng.int(0..<original.count))
                var row = changed[seq] ?? original[Int(seq)]
                let column = m.rng.int(0..<6)
                if m.rng.chance(0.2) {
                    row[column] = Array(row[column].prefix(m.rng.int(0..<max(1, row[column].count))))
                } else {
                    row[column] = m.mutate(row[column])
                }
                changed[seq] = row
            }
            changed = changed.filter { $0.value != original[Int($0.key)] }
            guard !changed.isEmpty else { return }
            tested += 1
            let sql = changed.map { $0.value.upsert(at: $0.key) }.joined(separator: "\n")
            do {
                try store.executeRawSQLForTamperTest("BEGIN; \(sql) COMMIT;")
            } catch {
                // Only the UNIQUE index on hash can refuse (a hash equal to another record's).
                try? store.executeRawSQLForTamperTest("ROLLBACK")
                #expect("\(error)".contains("UNIQUE"), "case \(i): \(error)")
                tested -= 1
                return
            }
            do {
                let report = try verifier()
                if report.ok {
                    misses.append("case \(i): " + changed.map { "seq \($0.key)" }.joined(separator: ", "))
                } else {
                    #expect(report.problems.allSatisfy { !$0.message.isEmpty })
                    // The first problem is at or before the first changed record.
                    if let first = report.problems.compactMap(\.seq).min() {
                        #expect(first <= changed.keys.min()!, "case \(i): first problem at \(first), first change at \(changed.keys.min()!)")
                    }
                }
            } catch {
                Issue.record("case \(i): verify threw \(error)")
            }
            let restore = changed.keys.map { original[Int($0)].upsert(at: $0) }.joined(separator: "\n")
            try? store.executeRawSQLForTamperTest("BEGIN; \(restore) COMMIT;")
        }
        #expect(misses.isEmpty, "\(misses.count) tampered ledgers verified: \(misses.prefix(10))")
        #expect(tested > 2000)
        #expect(try Self.rows(store) == original)
        #expect(try verifier().ok)
    }

    @Test func deletedSwappedAndDuplicatedRecordsNeverVerify() throws {
        let w = try Workspace(notes: 4)
        let store = try LedgerStore.open(path: w.ledgerPath)
        try store.executeRawSQLForTamperTest("""
            DROP TRIGGER records_refuse_update; DROP TRIGGER records_refuse_delete;
            PRAGMA ignore_check_constraints = ON; PRAGMA synchronous = OFF;
            """)
        let original = try Self.rows(store)
        let n = Int64(original.count)
        var rng = SplitMix64(seed: 0x5A4B)
        var misses: [String] = []
        for i in 0..<400 {
            let a = Int64(rng.int(0..<Int(n - 1)))  // never the last alone: a cut tail needs a checkpoint
            var b = Int64(rng.int(0..<Int(n)))
            if b == a { b = (a + 1) % n }
            let what: String
            let sql: String
            switch i % 4 {
            case 0: what = "delete \(a)"; sql = "DELETE FROM records WHERE seq = \(a);"
            case 1: what = "swap \(a) \(b)"; sql = "DELETE FROM records WHERE seq IN (\(a), \(b)); " + original[Int(a)].upsert(at: b) + original[Int(b)].upsert(at: a)
            case 2:  // a copy of record a at b (hash column nudged to satisfy UNIQUE)
                var r = original[Int(a)]
                r.hash[0] ^= 1
                what = "copy \(a) over \(b)"; sql = r.upsert(at: b)
            default: what = "renumber from \(a)"; sql = "DELETE FROM records WHERE seq = \(a); UPDATE records SET seq = seq - 1 WHERE seq > \(a);"
            }
            try store.executeRawSQLForTamperTest("BEGIN; \(sql) COMMIT;")
            let report = try Verifier(trusting: w.supervisor.publicKey).verify(store: store)
            if report.ok { misses.append("case \(i): \(what)") }
            try store.executeRawSQLForTamperTest("BEGIN; DELETE FROM records; " + original.enumerated().map { $1.upsert(at: Int64($0)) }.joined() + " COMMIT;")
        }
        #expect(misses.isEmpty, "\(misses.count) tampered ledgers verified: \(misses.prefix(10))")
        #expect(try Self.rows(store) == original)
    }

    @Test func recordsAtExtremeSeqsAreReportedNotACrash() throws {
        let w = try Workspace(notes: 2)
        let store = try LedgerStore.open(path: w.ledgerPath)
        try store.executeRawSQLForTamperTest("PRAGMA ignore_check_constraints = ON")
        let last = try Self.rows(store).last!
        for seq in [Int64.max, -1, Int64.min] {
            var r = last
            r.hash[0] ^= UInt8(truncatingIfNeeded: seq)
            r.hash[1] ^= 0x55
            try store.executeRawSQLForTamperTest(r.upsert(at: seq))
            let report = try Verifier(trusting: w.supervisor.publicKey).verify(store: store)
            #expect(!report.ok, "a record at seq \(seq) went unnoticed")
        }
    }
}
