import Foundation
import Testing
import Crypto

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// The test vectors of `schemas/ledger-format.md`, recomputed from fixed keys. The document
/// holds them between `<!-- vectors:begin -->` and `<!-- vectors:end -->` as `name = value`
/// lines; this test checks every one. Run with ENTRYLEDGER_PRINT_VECTORS=1 to print them.
@Suite struct SpecVectors {
    static func compute() throws -> [(String, String)] {
        let dir = TempDir()
        let supervisor = try LedgerSigningKey(name: "Dana Whitfield", seed: (0..<32).map { UInt8($0) })
        let alice = try LedgerSigningKey(name: "Alice Moreno", seed: (32..<64).map { UInt8($0) })
        var v: [(String, String)] = []
        for (label, k) in [("supervisor", supervisor), ("alice", alice)] {
            v.append(("\(label).name", k.name))
            v.append(("\(label).seed", Hex.encode(k.seed)))
            v.append(("\(label).public_key", Hex.encode(k.publicKey.raw)))
            v.append(("\(label).public_key_base64", k.publicKey.base64))
            v.append(("\(label).key_id", k.keyID))
        }
        let proof = ProofOfPossession.make(alice)
        v.append(("alice.proof_message", Hex.encode(ProofOfPossession.message(name: alice.name, publicKey: alice.publicKey.raw))))
        v.append(("alice.proof", Hex.encode(proof)))
        v.append(("alice.public_key_file", String(decoding: KeyFile.publicKeyFileBytes(alice.publicKey, proof: proof).dropLast(), as: UTF8.self)))

        let ledger = try Ledger.create(path: dir.file("v.db"), filer: "EL7", port: "4103", broker: "Harbor Point Customs Brokerage LLC",
                                       supervisor: supervisor, time: "2026-11-29T06:10:00Z", ledgerID: "00112233445566778899aabbccddeeff")
        try ledger.enroll(alice.publicKey, proof: proof, signer: supervisor, time: "2026-11-29T06:12:00Z")
        try ledger.note("SOC notified by phone at 06:15; ticket SOC-2026-1129-004.", signer: alice, time: "2026-11-29T06:20:00Z")
        try ledger.revoke(name: "Alice Moreno", reason: "laptop reimaged", signer: supervisor, time: "2026-11-29T09:00:00Z")
        v.append(("ledger.origin", ledger.origin))
        for (seq, label) in ["genesis", "enroll", "note", "revoke"].enumerated() {
            let r = try #require(try ledger.store.record(at: Int64(seq))).record
            v.append(("record\(seq).\(label).payload", String(decoding: r.payload, as: UTF8.self)))
            v.append(("record\(seq).\(label).signing_message_prefix", Hex.encode(RecordFormat.signingMessage(payload: r.payload).prefix(RecordFormat.signingTag.utf8.count + 1))))
            v.append(("record\(seq).\(label).signature", Hex.encode(r.signature)))
            v.append(("record\(seq).\(label).hash", Hex.encode(r.hash)))
        }
        // Merkle tree, checkpoint note and checkpoint record (section 8).
        let tree = ledger.tree
        v.append(("merkle.root_size4", Hex.encode(try tree.root(size: 4))))
        v.append(("merkle.root_size3", Hex.encode(try tree.root(size: 3))))
        v.append(("merkle.inclusion_seq2_size4", try tree.inclusionProof(index: 2, size: 4).hashes.map { Hex.encode($0) }.joined(separator: ",")))
        v.append(("merkle.consistency_3_4", try tree.consistencyProof(from: 3, to: 4).hashes.map { Hex.encode($0) }.joined(separator: ",")))
        let made = try ledger.appendCheckpoint(signer: supervisor, time: "2026-11-29T09:05:00Z")
        v.append(("checkpoint.key_name", ledger.checkpointKeyName))
        v.append(("checkpoint.key_id", Hex.encode(withUnsafeBytes(of: made.verifierKey.keyID.bigEndian) { Array($0) })))
        v.append(("checkpoint.vkey", made.verifierKey.vkey))
        v.append(("checkpoint.text_hex", Hex.encode(Array(made.checkpoint.text.utf8))))
        v.append(("checkpoint.signature_line", String(made.note.signatures[0].line.dropLast())))
        v.append(("checkpoint.note_hex", Hex.encode(made.note.bytes)))
        let r4 = try #require(try ledger.store.record(at: 4)).record
        v.append(("record4.checkpoint.payload", String(decoding: r4.payload, as: UTF8.self)))
        v.append(("record4.checkpoint.signature", Hex.encode(r4.signature)))
        v.append(("record4.checkpoint.hash", Hex.encode(r4.hash)))
        v.append(("merkle.root_size5", Hex.encode(try tree.root(size: 5))))
        // Entry numbers (5.9.1): the check digit computed from filer code and serial; the
        // normal form of a number written without dashes; the store's identity (4.4).
        let numbers = [("ABC", 1_234_567), ("999", 9_999_999), ("316", 1), ("EL7", 1_000_007), ("EL7", 1_000_000), ("ZZZ", 0)]
        v.append(("entry_number.valid", try numbers.map { try EntryNumber(filerCode: $0.0, serial: $0.1).formatted }.joined(separator: ",")))
        v.append(("entry_number.normal_form_of_EL710000075", try EntryNumber(parsing: "EL710000075").formatted))
        v.append(("store.application_id", String(LedgerSchema.applicationID)))
        // Section 5.12: the personal-data key and a sealed SSN from fixed ephemeral key, salt and nonce.
        let personal = supervisor.personalDataKey
        v.append(("personal.supervisor_x25519_private", Hex.encode(personal.privateKey.rawRepresentation)))
        v.append(("personal.personal_data_key", Base64.encode(personal.publicKey)))
        let eph: [UInt8] = (0x40..<0x60).map { UInt8($0) }, salt: [UInt8] = (0x60..<0x70).map { UInt8($0) }, nonce: [UInt8] = (0x70..<0x7C).map { UInt8($0) }
        v.append(("personal.ephemeral_private", Hex.encode(eph)))
        v.append(("personal.salt", Hex.encode(salt)))
        v.append(("personal.nonce", Hex.encode(nonce)))
        v.append(("personal.field", "importer.number"))
        v.append(("personal.value", "123-45-6789"))
        let ephKey = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: eph)
        let shared = try ephKey.sharedSecretFromKeyAgreement(with: Curve25519.KeyAgreement.PublicKey(rawRepresentation: personal.publicKey))
        v.append(("personal.shared_secret", shared.withUnsafeBytes { Hex.encode([UInt8]($0)) }))
        let key = SealedValue.key(shared: shared, epk: [UInt8](ephKey.publicKey.rawRepresentation), to: personal.publicKey)
        v.append(("personal.key", key.withUnsafeBytes { Hex.encode([UInt8]($0)) }))
        let sealed = try SealedValue.seal("123-45-6789", field: "importer.number", to: personal.publicKey, salt: salt, ephemeralPrivate: eph, nonce: nonce)
        v.append(("personal.commitment", Hex.encode(sealed.commitment)))
        v.append(("personal.sealed", try CanonicalJSON.encodeString(sealed.json)))
        #expect(try sealed.open(with: personal, field: "importer.number") == "123-45-6789")
        return v
    }

    static func documented() throws -> [String: String] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../schemas/ledger-format.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let start = text.range(of: "<!-- vectors:begin -->"), let end = text.range(of: "<!-- vectors:end -->") else { return [:] }
        var out: [String: String] = [:]
        for line in text[start.upperBound..<end.lowerBound].split(separator: "\n") {
            guard let eq = line.range(of: " = ") else { continue }
            out[line[..<eq.lowerBound].trimmingCharacters(in: .whitespaces)] = String(line[eq.upperBound...])
        }
        return out
    }

    @Test func theSpecsVectorsReproduce() throws {
        let computed = try Self.compute()
        if ProcessInfo.processInfo.environment["ENTRYLEDGER_PRINT_VECTORS"] != nil {
            print(computed.map { "\($0.0) = \($0.1)" }.joined(separator: "\n"))
        }
        let doc = try Self.documented()
        #expect(doc.count == computed.count)
        for (name, value) in computed {
            #expect(doc[name] == value, "\(name)")
        }
    }

    @Test func theDocumentedRecordsVerify() throws {
        // The payload and signature in the document, read back, verify with the documented key.
        let doc = try Self.documented()
        let pubHex = try #require(doc["alice.public_key"])
        let pub = try LedgerPublicKey(rawRepresentation: try #require(Hex.decode(pubHex)), name: "Alice Moreno")
        let payload = Array(try #require(doc["record2.note.payload"]).utf8)
        let sigHex = try #require(doc["record2.note.signature"])
        let sig = try #require(Hex.decode(sigHex))
        #expect(pub.isValidSignature(sig, for: RecordFormat.signingMessage(payload: payload)))
        var flipped = payload
        flipped[flipped.count - 3] ^= 1
        #expect(!pub.isValidSignature(sig, for: RecordFormat.signingMessage(payload: flipped)))
    }
}
