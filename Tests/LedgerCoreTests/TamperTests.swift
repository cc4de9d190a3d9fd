import Foundation
import Testing

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

@Suite struct TamperIsCaught {
    @Test func anUntouchedLedgerVerifies() throws {
        let s = try SampleLedger()
        let r = try s.verify()
        #expect(r.ok, "\(r.problems)")
        #expect(r.records == 7)
        #expect(r.signaturesChecked == 7)
        #expect(r.origin == s.ledger.origin)
    }

    @Test func aChangedByteInABodyIsCaughtAtItsSeq() throws {
        let s = try SampleLedger()
        var p = try s.payload(at: 4)
        let i = try #require(p.indices.first { p[$0...].starts(with: Array("MSCU".utf8)) })
        p[i] = UInt8(ascii: "N")
        try s.tamper("UPDATE records SET payload = x'\(Hex.encode(p))' WHERE seq = 4")
        let r = try s.verify()
        #expect(r.firstSeq == 4)
        #expect(r.problems.contains { $0.seq == 4 && $0.message.contains("signature does not verify") })
        #expect(r.problems.contains { $0.seq == 5 && $0.message.contains("prev does not match") })
    }

    @Test func aChangedByteInABodyWithTheHashColumnRecomputedIsStillCaught() throws {
        let s = try SampleLedger()
        var p = try s.payload(at: 4)
        let i = try #require(p.indices.first { p[$0...].starts(with: Array("MSCU".utf8)) })
        p[i] = UInt8(ascii: "N")
        let sig = try #require(try s.ledger.store.record(at: 4)).record.signature
        let h = RecordFormat.recordHash(payload: p, signature: sig)
        try s.tamper("UPDATE records SET payload = x'\(Hex.encode(p))', hash = x'\(Hex.encode(h))' WHERE seq = 4")
        let r = try s.verify()
        #expect(r.firstSeq == 4)
        #expect(!r.problems.contains { $0.message.contains("stored hash column") })
    }

    @Test func aChangedByteInASignatureIsCaughtAtItsSeq() throws {
        let s = try SampleLedger()
        var sig = try #require(try s.ledger.store.record(at: 3)).record.signature
        sig[10] ^= 0x01
        try s.tamper("UPDATE records SET signature = x'\(Hex.encode(sig))' WHERE seq = 3")
        let r = try s.verify()
        #expect(r.firstSeq == 3)
        #expect(r.problems.contains { $0.seq == 3 && $0.message.contains("signature does not verify") })
    }

    @Test func aChangedPrevIsCaughtAtItsSeq() throws {
        let s = try SampleLedger()
        let text = String(decoding: try s.payload(at: 5), as: UTF8.self)
        let prev = try #require(text.range(of: #""prev":""#)).upperBound
        var chars = Array(text)
        let i = text.distance(from: text.startIndex, to: prev)
        chars[i] = chars[i] == "a" ? "b" : "a"
        try s.tamper("UPDATE records SET payload = x'\(Hex.encode(Array(String(chars).utf8)))' WHERE seq = 5")
        let r = try s.verify()
        #expect(r.firstSeq == 5)
        #expect(r.problems.contains { $0.seq == 5 && $0.message.contains("prev does not match") })
    }

    @Test func aDeletedMiddleRecordIsCaughtAtItsSeq() throws {
        let s = try SampleLedger()
        try s.tamper("DELETE FROM records WHERE seq = 3")
        let r = try s.verify()
        #expect(r.firstSeq == 3)
        #expect(r.problems.contains { $0.seq == 3 && $0.message.contains("record 3 is missing") })
        #expect(r.problems.contains { $0.seq == 4 && $0.message.contains("prev does not match") })
    }

    @Test func twoSwappedRecordsAreCaughtAtTheFirst() throws {
        let s = try SampleLedger()
        let a = try #require(try s.ledger.store.record(at: 3)).record
        let b = try #require(try s.ledger.store.record(at: 4)).record
        try s.tamper("""
            UPDATE records SET hash = zeroblob(32) WHERE seq = 4;
            UPDATE records SET payload = x'\(Hex.encode(b.payload))', signature = x'\(Hex.encode(b.signature))', hash = x'\(Hex.encode(b.hash))' WHERE seq = 3;
            UPDATE records SET payload = x'\(Hex.encode(a.payload))', signature = x'\(Hex.encode(a.signature))', hash = x'\(Hex.encode(a.hash))' WHERE seq = 4;
            """)
        let r = try s.verify()
        #expect(r.firstSeq == 3)
        #expect(r.problems.contains { $0.seq == 3 && $0.message.contains("payload says seq 4") })
    }

    @Test func aRecordSignedByAnUnenrolledKeyIsCaught() throws {
        let s = try SampleLedger()
        let mallory = LedgerSigningKey(name: "Mallory")
        let seq = try s.forge(.incidentNote, body: NoteBody(text: "all entries filed").json, signer: mallory)
        let r = try s.verify()
        #expect(r.firstSeq == seq)
        #expect(r.problems.contains { $0.message.contains("not enrolled") })
    }

    @Test func aRevokedKeyCannotSignAfterItsRevocation() throws {
        let s = try SampleLedger()
        let rev = try s.ledger.revoke(name: "Alice Moreno", reason: "laptop encrypted by the ransomware", signer: s.supervisor)
        #expect(throws: LedgerError.self) { try s.ledger.note("still here", signer: s.alice) }
        #expect(try s.verify().ok)
        let seq = try s.forge(.incidentNote, body: NoteBody(text: "backdated").json, signer: s.alice)
        let r = try s.verify()
        #expect(r.problems.map(\.seq) == [seq])
        #expect(r.problems[0].message.contains("after its revocation at seq \(rev.seq)"))
    }

    @Test func aClerkCannotEnrolAKey() throws {
        let s = try SampleLedger()
        let mallory = LedgerSigningKey(name: "Mallory")
        let refused = #expect(throws: LedgerError.self) {
            try s.ledger.enroll(mallory.publicKey, proof: ProofOfPossession.make(mallory), signer: s.alice)
        }
        #expect(refused?.description.contains("may not sign key.enroll records") == true)
        let before = try s.ledger.store.count()
        #expect(before == 7)
        let seq = try s.forge(.keyEnroll, body: EnrollmentBody(key: mallory.publicKey, role: .clerk, proof: ProofOfPossession.make(mallory)).json, signer: s.alice)
        let r = try s.verify()
        #expect(r.firstSeq == seq)
        #expect(r.problems.contains { $0.message.contains("may not sign key.enroll") })
    }

    @Test func aForgedEnrolmentDoesNotVouchForItsKey() throws {
        let s = try SampleLedger()
        let mallory = LedgerSigningKey(name: "Mallory")
        // Enrolment "by the supervisor" but signed with Mallory's own key under the supervisor's id.
        let n = try s.ledger.store.count()
        let prev = try #require(try s.ledger.store.record(at: n - 1)).record.hash
        let payload = try RecordFormat.payload(origin: s.ledger.origin, seq: n, prev: prev, time: Timestamp.now(), kind: .keyEnroll,
                                               keyID: s.supervisor.keyID, body: EnrollmentBody(key: mallory.publicKey, role: .clerk, proof: ProofOfPossession.make(mallory)).json)
        let r = RecordFormat.sign(payload: payload, with: mallory)
        try s.ledger.store.executeRawSQLForTamperTest("INSERT INTO records VALUES (\(n), x'\(Hex.encode(r.payload))', x'\(Hex.encode(r.signature))', x'\(Hex.encode(r.hash))', 'key.enroll', 'x', 'x')")
        let next = try s.forge(.incidentNote, body: NoteBody(text: "mallory was here").json, signer: mallory)
        let report = try s.verify()
        #expect(report.problems.contains { $0.seq == n && $0.message.contains("signature does not verify") })
        #expect(report.problems.contains { $0.seq == next && $0.message.contains("not enrolled") })
    }

    @Test func aLedgerFromAnotherSupervisorIsRefused() throws {
        let s = try SampleLedger()
        let other = LedgerSigningKey(name: "Someone Else")
        let r = try Verifier(trusting: other.publicKey).verify(store: s.ledger.store)
        #expect(r.problems.contains { $0.seq == 0 && $0.message.contains("but the trusted key is") })
    }

    @Test func aRecordReplayedFromAnotherLedgerIsCaught() throws {
        let s = try SampleLedger()
        let other = try SampleLedger()
        // Copy a properly signed note of the other ledger (same clerk name, other key) into this one.
        let rec = try #require(try other.ledger.store.record(at: 3)).record
        let n = try s.ledger.store.count()
        try s.ledger.store.executeRawSQLForTamperTest("INSERT INTO records VALUES (\(n), x'\(Hex.encode(rec.payload))', x'\(Hex.encode(rec.signature))', x'\(Hex.encode(rec.hash))', 'incident.note', 'x', 'x')")
        let r = try s.verify()
        #expect(r.firstSeq == n)
        #expect(r.problems.contains { $0.message.contains("is not this ledger's") })
    }

    @Test func malformedPayloadsAreReportedNotCrashed() throws {
        let s = try SampleLedger()
        let garbage: [[UInt8]] = [[], Array("not json".utf8), Array(#"{"v":1.5}"#.utf8), [0xFF, 0xFE], Array(String(repeating: "[", count: 10000).utf8)]
        for (i, g) in garbage.enumerated() {
            try s.tamper("UPDATE records SET payload = x'\(Hex.encode(g))' WHERE seq = \(3 + i)")
        }
        let r = try s.verify()
        for seq in 3...6 { #expect(r.problems.contains { $0.seq == Int64(seq) && $0.message.contains("malformed payload") }) }
    }
}
