import Crypto
import Testing
@testable import LedgerFormat

@Suite("C2SP tlog-cosignature v1")
struct CosignatureTests {
    static let checkpoint = try! Checkpoint(origin: "acme.example/ledger", size: 1234,
                                            rootHash: ReferenceMerkle.sha256(Array("r".utf8)))

    @Test("the C2SP example cosignature line decodes to the published key id layout and timestamp")
    func specExample() throws {
        let all = try Support.vector("signed-note.json")
        let spec = try #require(all["specCheckpoint"] as? [String: Any])
        let note = try SignedNote(parsing: try #require(spec["note"] as? String))
        let line = try #require(note.signatures.first { $0.name == spec["cosignerName"] as? String })
        let cosig = try Cosignature(line)
        #expect(cosig.timestamp == UInt64(try #require(spec["cosignatureTimestamp"] as? Int)))
        #expect(cosig.signature.count == 64)
        #expect(cosig.noteSignature == line)
        // The log's own line is a plain Ed25519 signature, not a cosignature.
        let log = try #require(note.signatures.first { $0.name == "example.com/behind-the-sofa" })
        #expect(throws: NoteError.self) { try Cosignature(log) }
    }

    @Test("a cosignature round trips through the note and verifies, checked independently with Ed25519")
    func roundTrip() throws {
        let supervisor = LedgerSigningKey(name: "supervisor"), reviewer = LedgerSigningKey(name: "reviewer")
        let sKey = try NoteVerifierKey(name: "acme.example/ledger", key: supervisor.publicKey)
        let rKey = try NoteVerifierKey(name: "cbp.example/reviewer", type: .cosignatureV1, key: reviewer.publicKey)
        var note = try Self.checkpoint.signed(by: supervisor, name: "acme.example/ledger")
        let cosig = try Cosignature.sign(Self.checkpoint, key: reviewer, name: "cbp.example/reviewer", timestamp: 1_679_315_147)
        try note.add(cosig.noteSignature)
        let back = try SignedNote(parsing: note.bytes)
        // The supervisor's verifier ignores the cosignature line; the reviewer's checks it.
        #expect(try back.verify(against: [sKey]) == [sKey])
        #expect(try back.verify(against: [rKey]) == [rKey])
        #expect(try back.verify(against: [sKey, rKey]) == [sKey, rKey])
        let parsed = try Cosignature(try #require(back.signatures.last))
        #expect(parsed == cosig)
        try parsed.verify(try Checkpoint(parsing: back.text), key: rKey)
        // Independent: key id, line layout and signed message, computed here from the spec text.
        let id = ReferenceMerkle.sha256(Array("cbp.example/reviewer\n".utf8) + [0x04] + reviewer.publicKey.raw).prefix(4)
        #expect(rKey.keyID == id.reduce(0) { $0 << 8 | UInt32($1) })
        let payload = try #require(Base64.decode(String(cosig.noteSignature.line.split(separator: " ")[2].dropLast())))
        #expect(payload.count == 4 + 8 + 64)
        #expect(Array(payload[0..<4]) == Array(id))
        #expect(Array(payload[4..<12]) == [0, 0, 0, 0, 0x64, 0x18, 0x50, 0xCB])
        let message = "cosignature/v1\ntime 1679315147\nacme.example/ledger\n1234\n\(Base64.encode(Self.checkpoint.rootHash))\n"
        let pub = try Curve25519.Signing.PublicKey(rawRepresentation: reviewer.publicKey.raw)
        #expect(pub.isValidSignature(Array(payload[12...]), for: Array(message.utf8)))
    }

    @Test("a cosignature breaks when the timestamp, the checkpoint, the signature or the key changes")
    func tamper() throws {
        let reviewer = LedgerSigningKey(name: "reviewer")
        let rKey = try NoteVerifierKey(name: "cbp.example/reviewer", type: .cosignatureV1, key: reviewer.publicKey)
        let cosig = try Cosignature.sign(Self.checkpoint, key: reviewer, name: "cbp.example/reviewer", timestamp: 1_700_000_000)
        try cosig.verify(Self.checkpoint, key: rKey)
        let later = try Cosignature(name: cosig.name, keyID: cosig.keyID, timestamp: cosig.timestamp + 1, signature: cosig.signature)
        #expect(throws: NoteError.self) { try later.verify(Self.checkpoint, key: rKey) }
        let grown = try Checkpoint(origin: "acme.example/ledger", size: 1235, rootHash: Self.checkpoint.rootHash)
        #expect(throws: NoteError.self) { try cosig.verify(grown, key: rKey) }
        for i in 0..<64 {
            var sig = cosig.signature
            sig[i] ^= 0x01
            let bad = try Cosignature(name: cosig.name, keyID: cosig.keyID, timestamp: cosig.timestamp, signature: sig)
            #expect(throws: NoteError.self) { try bad.verify(Self.checkpoint, key: rKey) }
        }
        // The same key as a plain Ed25519 note key (type 0x01) has another key id and does not verify it.
        let plain = try NoteVerifierKey(name: "cbp.example/reviewer", type: .ed25519, key: reviewer.publicKey)
        #expect(plain.keyID != rKey.keyID)
        #expect(throws: NoteError.self) { try cosig.verify(Self.checkpoint, key: plain) }
        // Inside a note: a changed checkpoint body under the cosignature line is refused.
        var note = try SignedNote(text: grown.text)
        try note.add(cosig.noteSignature)
        #expect(throws: NoteError.invalidSignature(name: "cbp.example/reviewer", keyID: rKey.keyID)) {
            try note.verify(against: [rKey])
        }
    }

    @Test("timestamps beyond 2^63 - 1 and lines of the wrong length are refused")
    func malformed() throws {
        let reviewer = LedgerSigningKey(name: "reviewer")
        #expect(throws: NoteError.self) {
            try Cosignature.sign(Self.checkpoint, key: reviewer, name: "r", timestamp: UInt64(Int64.max) + 1)
        }
        let ok = try Cosignature.sign(Self.checkpoint, key: reviewer, name: "r", timestamp: 5)
        var bytes = ok.noteSignature.signature
        bytes[0] = 0x80   // timestamp high bit
        #expect(throws: NoteError.self) { try Cosignature(try NoteSignature(name: "r", keyID: ok.keyID, signature: bytes)) }
        #expect(throws: NoteError.self) {
            try Cosignature(try NoteSignature(name: "r", keyID: ok.keyID, signature: Array(ok.noteSignature.signature.dropLast())))
        }
        #expect(throws: NoteError.self) { try Cosignature(name: "r", keyID: 1, timestamp: 1, signature: [1, 2, 3]) }
    }
}
