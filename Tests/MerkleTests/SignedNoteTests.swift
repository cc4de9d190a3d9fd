import Testing
@testable import LedgerFormat

@Suite("C2SP signed notes")
struct SignedNoteTests {
    struct GoVectors {
        let raw: [String: Any]
        let peter: NoteVerifierKey
        let enoch: NoteVerifierKey
        let signer: LedgerSigningKey
        let text: String
        let signedNote: String
        let peterLine: String
        let enochLine: String

        init() throws {
            let all = try Support.vector("signed-note.json")
            raw = try #require(all["goNote"] as? [String: Any])
            peter = try NoteVerifierKey(vkey: try #require(raw["peterVerifierKey"] as? String))
            enoch = try NoteVerifierKey(vkey: try #require(raw["enochVerifierKey"] as? String))
            // Go signer key: PRIVATE+KEY+<name>+<id>+base64(0x01 || 32-byte Ed25519 seed).
            let skey = try #require(raw["signerKey"] as? String).split(separator: "+", maxSplits: 4)  // the base64 may hold "+"
            let material = try #require(Base64.decode(String(skey[4])))
            #expect(material.count == 33 && material[0] == 0x01)
            signer = try LedgerSigningKey(name: String(skey[2]), seed: Array(material.dropFirst()))
            text = try #require(raw["text"] as? String)
            signedNote = try #require(raw["signedNote"] as? String)
            peterLine = try #require(raw["peterSigLine"] as? String)
            enochLine = try #require(raw["enochSigLine"] as? String)
        }
    }

    @Test("the Go sumdb/note verifier keys parse, carry their published key ids, and print back unchanged")
    func goVerifierKeys() throws {
        let v = try GoVectors()
        #expect(v.peter.name == "PeterNeumann")
        #expect(v.peter.keyID == 0xc74f20a3)
        #expect(v.peter.type == .ed25519)
        #expect(v.peter.vkey == (v.raw["peterVerifierKey"] as? String))
        #expect(v.enoch.keyID == 0xaf0cfe78)
        #expect(v.enoch.vkey == (v.raw["enochVerifierKey"] as? String))
        // The key derived from the published seed is the published verifier key.
        #expect(v.signer.publicKey.raw == v.peter.publicKey)
        #expect(try NoteVerifierKey(name: "PeterNeumann", key: v.signer.publicKey) == v.peter)
    }

    @Test("every substring and every one-byte change of a verifier key is refused, as in Go's TestNewVerifier")
    func mangledVerifierKeys() throws {
        let v = try GoVectors()
        let b = Array(v.peter.vkey.utf8)
        for i in 0...b.count {
            for j in (i + 1)..<(b.count + 1) where !(i == 0 && j == b.count) {
                #expect(throws: NoteError.self) { try NoteVerifierKey(vkey: String(decoding: b[i..<j], as: UTF8.self)) }
            }
        }
        for i in b.indices {
            var m = b
            m[i] &+= 1
            #expect(throws: NoteError.self) { try NoteVerifierKey(vkey: String(decoding: m, as: UTF8.self)) }
        }
        for bad in try #require(v.raw["badVerifierKeys"] as? [String]) {
            #expect(throws: NoteError.self) { try NoteVerifierKey(vkey: bad) }
        }
    }

    @Test("signing the Go vector text with the published seed gives the published note byte for byte")
    func goSignatureVector() throws {
        let v = try GoVectors()
        let note = try SignedNote(text: v.text).signed(by: v.signer, name: "PeterNeumann")
        #expect(note.serialized == v.signedNote)
        #expect(try note.verify(against: [v.peter]) == [v.peter])
    }

    @Test("a known key verifies and an unknown key's line is ignored, as in Go's TestOpen")
    func unknownKeysAreIgnored() throws {
        let v = try GoVectors()
        let note = try SignedNote(parsing: v.text + "\n" + v.peterLine + v.enochLine)
        #expect(note.text == v.text)
        #expect(note.signatures.count == 2)
        #expect(try note.verify(against: [v.peter]) == [v.peter])
        #expect(try note.verify(against: [v.enoch]) == [v.enoch])
        #expect(try note.verify(against: [v.peter, v.enoch]) == [v.peter, v.enoch])
        #expect(throws: NoteError.noKnownSignature) { try note.verify(against: []) }
        // Same name but another key, or same key under another name: unknown, so ignored.
        let other = LedgerSigningKey(name: "x")
        let sameName = try NoteVerifierKey(name: "PeterNeumann", key: other.publicKey)
        #expect(throws: NoteError.noKnownSignature) { try note.verify(against: [sameName]) }
        let renamed = try NoteVerifierKey(name: "PeterNeuman", publicKey: v.peter.publicKey)
        #expect(throws: NoteError.noKnownSignature) { try note.verify(against: [renamed]) }
    }

    @Test("a known key's bad signature rejects the whole note")
    func invalidKnownSignatureRejects() throws {
        let v = try GoVectors()
        let line = v.peterLine
        let cut = line.index(line.startIndex, offsetBy: 60)
        let tampered = String(line[..<cut]) + "ABCD" + String(line[cut...])
        let note = try SignedNote(parsing: v.text + "\n" + tampered + v.enochLine)
        #expect(throws: NoteError.invalidSignature(name: "PeterNeumann", keyID: 0xc74f20a3)) {
            try note.verify(against: [v.peter, v.enoch])
        }
    }

    @Test("any change to any byte of a signed note breaks it")
    func everyByteMatters() throws {
        let v = try GoVectors()
        let bytes = Array(v.signedNote.utf8)
        for i in bytes.indices {
            var m = bytes
            m[i] ^= 0x01
            let opened = try? SignedNote(parsing: m).verify(against: [v.peter])
            #expect(opened == nil, "byte \(i) changed but the note still verified")
        }
    }

    @Test("sign and verify round trip with a fresh key, adding a second signer and replacing a line")
    func roundTrip() throws {
        let supervisor = LedgerSigningKey(name: "supervisor"), clerk = LedgerSigningKey(name: "clerk")
        let sKey = try NoteVerifierKey(name: "acme.example/ledger", key: supervisor.publicKey)
        let cKey = try NoteVerifierKey(name: "acme.example/clerk", key: clerk.publicKey)
        var note = try SignedNote(text: "hello\n\nworld\n").signed(by: supervisor, name: "acme.example/ledger")
        note = try note.signed(by: clerk, name: "acme.example/clerk")
        note = try note.signed(by: supervisor, name: "acme.example/ledger")   // replaces, not duplicates
        #expect(note.signatures.count == 2)
        let back = try SignedNote(parsing: note.bytes)
        #expect(back == note)
        #expect(back.text == "hello\n\nworld\n")
        #expect(try back.verify(against: [sKey, cKey]).count == 2)
        // An independent check: the line's bytes are key id || Ed25519 over exactly the text.
        let line = try #require(back.signatures.first { $0.name == "acme.example/ledger" })
        #expect(line.keyID == sKey.keyID)
        #expect(supervisor.publicKey.isValidSignature(line.signature, for: Array("hello\n\nworld\n".utf8)))
        let id = ReferenceMerkle.sha256(Array("acme.example/ledger\n".utf8) + [0x01] + supervisor.publicKey.raw).prefix(4)
        #expect(line.keyID == id.reduce(0) { $0 << 8 | UInt32($1) })
    }

    @Test("texts that cannot be signed and names that are not key names are refused")
    func badTextsAndNames() throws {
        let key = LedgerSigningKey(name: "k")
        #expect(throws: NoteError.self) { try SignedNote(text: "abc") }
        #expect(throws: NoteError.self) { try SignedNote(text: "") }
        #expect(throws: NoteError.self) { try SignedNote(text: "tab\there\n") }
        #expect(throws: NoteError.self) { try SignedNote(text: "cr\r\n") }
        for name in ["", "a b", "a+b", "a\u{2003}b", "a\nb"] {
            #expect(throws: NoteError.self, "name \(name.debugDescription)") {
                try SignedNote(text: "ok\n").signed(by: key, name: name)
            }
        }
    }

    @Test("malformed notes from Go's TestOpen are refused")
    func goMalformedNotes() throws {
        let v = try GoVectors()
        let t = v.text, sig = v.peterLine
        let bad = [
            t,
            t + "\n",
            t + "\n" + String(sig.dropLast()),
            "\u{01}" + t + "\n" + sig,
            t + "\n" + "\u{2014} Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
            t + "\n" + sig + "Unexpected line.\n",
        ]
        for msg in bad {
            #expect(throws: NoteError.self, "\(msg.debugDescription)") { try SignedNote(parsing: msg).verify(against: [v.peter]) }
        }
        // "\xff" + text: invalid UTF-8.
        #expect(throws: NoteError.malformed("the note is not UTF-8")) {
            try SignedNote(parsing: [0xFF] + Array((t + "\n" + sig).utf8))
        }
    }

    @Test("hostile notes give errors, not crashes: no blank line, truncated base64, short signature, too many lines, huge notes")
    func hostileNotes() throws {
        let v = try GoVectors()
        let t = v.text, sig = v.peterLine
        #expect(throws: NoteError.self) { try SignedNote(parsing: t + sig) }
        let truncated = String(sig.dropLast(3)) + "\n"   // base64 cut mid-quantum
        #expect(throws: NoteError.self) { try SignedNote(parsing: t + "\n" + truncated) }
        #expect(throws: NoteError.self) { try SignedNote(parsing: t + "\n\u{2014} PeterNeumann AAAA\n") }   // 3 bytes
        #expect(throws: NoteError.self) { try SignedNote(parsing: t + "\n\u{2014} PeterNeumann\n") }
        #expect(throws: NoteError.self) { try SignedNote(parsing: t + "\n\u{2014} PeterNeumann \n") }
        #expect(throws: NoteError.self) { try SignedNote(parsing: t + "\n- PeterNeumann x08go/ZJ\n") }
        #expect(throws: NoteError.self) { try SignedNote(parsing: "") }
        #expect(throws: NoteError.self) { try SignedNote(parsing: "\n") }
        // 100 lines are accepted, 101 are not (Go's limit).
        let hundred = try SignedNote(parsing: t + "\n" + String(repeating: sig, count: 100))
        #expect(hundred.signatures.count == 100)
        #expect(try hundred.verify(against: [v.peter]) == [v.peter])
        #expect(throws: NoteError.tooManySignatures) { try SignedNote(parsing: t + "\n" + String(repeating: sig, count: 101)) }
        // 10,000 short lines (under 1 MiB) and 10,000 full lines (over 1 MiB).
        #expect(throws: NoteError.tooManySignatures) {
            try SignedNote(parsing: t + "\n" + String(repeating: "\u{2014} a AAAAAAAA\n", count: 10_000))
        }
        #expect(throws: NoteError.tooLarge(Array((t + "\n" + String(repeating: sig, count: 10_000)).utf8).count)) {
            try SignedNote(parsing: t + "\n" + String(repeating: sig, count: 10_000))
        }
        let big = [UInt8](repeating: 0x61, count: SignedNote.maxBytes + 1)
        #expect(throws: NoteError.tooLarge(SignedNote.maxBytes + 1)) { try SignedNote(parsing: big) }
        // Lines that are only newlines and em dashes.
        #expect(throws: NoteError.self) { try SignedNote(parsing: String(repeating: "\n", count: 50_000)) }
        #expect(throws: NoteError.self) { try SignedNote(parsing: "a\n\n" + String(repeating: "\u{2014}", count: 50_000) + "\n") }
    }

    @Test("the C2SP signed-note example parses, and with no trusted key it is refused")
    func specExample() throws {
        let all = try Support.vector("signed-note.json")
        let text = try #require(all["specNote"] as? String)
        let note = try SignedNote(parsing: text)
        #expect(note.text == "Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned \u{00E8} subito sera.\n")
        #expect(note.signatures.map(\.name) == ["quasimodo.example/salvatore"])
        #expect(note.signatures[0].signature.count == 64)
        #expect(note.serialized == text)
        #expect(throws: NoteError.noKnownSignature) { try note.verify(against: []) }
    }
}

@Suite struct VerifierKeysWithPlusInTheirBase64 {
    @Test func aKeyWhoseBase64HoldsAPlusRoundTrips() throws {
        // Find a seed whose verifier key's base64 part contains "+", as about a third do.
        var found = 0
        for i in 0..<64 {
            let key = try LedgerSigningKey(name: "k", seed: [UInt8](repeating: UInt8(i), count: 32))
            for type in [NoteSignatureType.ed25519, .cosignatureV1] {
                let v = try NoteVerifierKey(name: "cbp-reviewer", type: type, key: key.publicKey)
                let keyPart = v.vkey.split(separator: "+", maxSplits: 2)[2]
                guard keyPart.contains("+") else { continue }
                found += 1
                let parsed = try NoteVerifierKey(vkey: v.vkey)
                #expect(parsed.publicKey == key.publicKey.raw && parsed.type == type && parsed.keyID == v.keyID)
            }
        }
        #expect(found > 5)
    }
}
