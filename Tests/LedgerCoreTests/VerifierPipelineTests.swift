import Foundation
import Testing

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// A record source over records held in memory that watches, as the verifier reads it, whether
/// anyone still holds the payload of a record handed out three chunks or more before: the
/// verifier's pipeline keeps at most two batches queued for its walk, so nothing older may be
/// alive. It counts live payloads (a payload buffer someone else holds is copied by a mutable
/// access, so its address changes), never time.
final class RetentionProbe: RecordSource {
    private var payloads: [[UInt8]]
    private let records: [(seq: Int64, signature: [UInt8], hash: [UInt8], kind: String, keyID: String, time: String)]
    /// Records of chunks three or more behind the one just handed out that were still held.
    private(set) var oldStillHeld = 0
    /// Records checked that way.
    private(set) var oldChecked = 0

    init(_ stored: [StoredRecord]) {
        payloads = stored.map(\.record.payload)
        records = stored.map { ($0.seq, $0.record.signature, $0.storedHash, $0.kind, $0.keyID, $0.time) }
    }

    var hasIndexColumns: Bool { true }
    func rowCount() throws -> Int64? { Int64(records.count) }
    func readSnapshot<T>(_ body: () throws -> T) throws -> T { try body() }

    /// Whether someone besides this source holds record `i`'s payload.
    func isHeldElsewhere(_ i: Int) -> Bool {
        let before = payloads[i].withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        let after = payloads[i].withUnsafeMutableBufferPointer { UInt(bitPattern: $0.baseAddress) }
        return before != after
    }

    /// How many records anyone besides this source holds.
    func heldElsewhere() -> Int { payloads.indices.filter(isHeldElsewhere).count }

    func forEachChunk(from start: Int64, to end: Int64, chunk: Int, _ body: ([StoredRecord]) throws -> Bool) throws {
        var chunks: [Range<Int>] = []
        var next = Int(max(0, start))
        while next < min(Int(min(end, Int64(Int.max))), records.count) {
            let range = next..<min(next + chunk, records.count)
            guard try hand(range, to: body) else { return }
            chunks.append(range)
            if chunks.count >= 4 {
                for i in chunks[chunks.count - 4] where isHeldElsewhere(i) { oldStillHeld += 1 }
                oldChecked += chunks[chunks.count - 4].count
            }
            next = range.upperBound
        }
    }

    /// Hands out one chunk; the source keeps nothing of it once this returns.
    private func hand(_ range: Range<Int>, to body: ([StoredRecord]) throws -> Bool) throws -> Bool {
        let rows = range.map { i in
            StoredRecord(seq: records[i].seq, record: SignedRecord(payload: payloads[i], signature: records[i].signature),
                         storedHash: records[i].hash, kind: records[i].kind, keyID: records[i].keyID, time: records[i].time)
        }
        return try body(rows)
    }
}

@Suite struct VerifierPipeline {
    /// Notes and entries, enough for many chunks past the records checked before the pipeline starts.
    static func sample() throws -> (SampleLedger, [StoredRecord]) {
        let s = try SampleLedger(notes: 150)
        _ = try s.ledger.addEntries([try FastVerify.entry(1_000_001), try FastVerify.entry(1_000_002), try FastVerify.entry(1_000_003)],
                                    allowDuplicateGoods: true, signer: s.alice)
        try s.ledger.note("after the entries", signer: s.bob)
        var all: [StoredRecord] = []
        try s.ledger.store.forEachChunk { all += $0; return true }
        return (s, all)
    }

    @Test func noRecordIsHeldPastTheBatchesQueuedForTheWalk() throws {
        // The records read from the file are dropped here: only the probe holds them.
        let (s, count, probe) = try { () throws -> (SampleLedger, Int, RetentionProbe) in
            let (s, records) = try Self.sample()
            return (s, records.count, RetentionProbe(records))
        }()
        #expect(probe.heldElsewhere() == 0)
        let verifier = Verifier(trusting: s.supervisor.publicKey)
        let report = try verifier.verify(source: probe, chunk: 8)
        #expect(report.ok, "\(report.problems)")
        #expect(report.records == Int64(count))
        #expect(probe.oldChecked > 100, "the probe looked at \(probe.oldChecked) records")
        #expect(probe.oldStillHeld == 0, "\(probe.oldStillHeld) records of chunks three behind were still held")
        // And once verify returns, the verifier (still alive, with its state) holds none.
        #expect(probe.heldElsewhere() == 0)
        withExtendedLifetime(verifier) {}
    }

    @Test func batchesAreCutByPayloadBytes() {
        let big = StoredRecord(seq: 0, record: SignedRecord(payload: Array(repeating: 0x20, count: 1 << 20), signature: []))
        let records = Array(repeating: big, count: 10)
        // 4 MiB of payload a batch: four records of 1 MiB, whatever the record limit.
        #expect(Verifier.batchEnd(records, from: 0, limit: 4096) == 4)
        #expect(Verifier.batchEnd(records, from: 8, limit: 4096) == 10)
        #expect(Verifier.batchEnd(records, from: 0, limit: 3) == 3)
        // A record larger than the budget still makes a batch of its own.
        let huge = StoredRecord(seq: 0, record: SignedRecord(payload: Array(repeating: 0x20, count: 5 << 20), signature: []))
        #expect(Verifier.batchEnd([huge, huge], from: 0, limit: 4096) == 1)
    }

    /// Signatures checked ahead of the walk, with the keys enrolled before: a broken one is
    /// caught at its seq, on a note (no state effect) and on an entry (whose number it would
    /// take), and every signature is counted once.
    @Test func signaturesCheckedAheadOfTheWalkCatchABrokenOneAndCountEachOnce() throws {
        let (s, records) = try Self.sample()
        let clean = try Verifier(trusting: s.supervisor.publicKey).verify(store: s.ledger.store, chunk: 8)
        #expect(clean.ok, "\(clean.problems)")
        #expect(clean.signaturesChecked == Int64(records.count))
        let entrySeq = try #require(records.last { $0.kind == RecordKind.entryAdd.rawValue }).seq
        let noteSeq: Int64 = 120
        #expect(entrySeq > Int64(Verifier.headRecords) && noteSeq > Int64(Verifier.headRecords))
        for seq in [noteSeq, entrySeq] {
            var sig = try #require(try s.ledger.store.record(at: seq)).record.signature
            sig[7] ^= 0x01
            let h = RecordFormat.recordHash(payload: try s.payload(at: seq), signature: sig)
            try s.tamper("UPDATE records SET signature = x'\(Hex.encode(sig))', hash = x'\(Hex.encode(h))' WHERE seq = \(seq)")
        }
        let r = try Verifier(trusting: s.supervisor.publicKey).verify(store: s.ledger.store, chunk: 8)
        for seq in [noteSeq, entrySeq] {
            #expect(r.problems.contains { $0.seq == seq && $0.rule == "record.signature" }, "seq \(seq): \(r.problems)")
        }
        #expect(r.signaturesChecked == Int64(records.count))
    }
}
