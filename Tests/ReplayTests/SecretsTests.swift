import Foundation
import Testing
import Crypto

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// Issue 15: the ABI password only in the transmission copy; an SSN only sealed in the ledger.
@Suite("Secrets: the ABI password and SSNs")
struct SecretsTests {
    static let ssnSample = "01-air-ssn-importer-single-bond.json"
    static let ssn = "512-08-3377"

    func contains(_ path: String, _ needle: String) throws -> Bool {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return data.range(of: Data(needle.utf8)) != nil
    }

    func allFiles(_ folder: String) -> [String] {
        (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).map { folder + "/" + $0 }.filter {
            var d: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0, isDirectory: &d) && !d.boolValue
        }
    }

    @Test func theTransmissionCopyAloneCarriesThePasswordAndDiffersOnlyThere() throws {
        let f = try ReplayFixture()
        try f.authorize()
        let r = try f.replay("out")
        let batch = try #require(r.batches.first)
        let archive = BatchArchive.folder(forLedger: f.ledger.store.path) + "/" + batch.id
        for file in batch.files {
            let sent = [UInt8](try Data(contentsOf: URL(fileURLWithPath: f.dir + "/out/\(batch.id)/\(file.name)")))
            let kept = [UInt8](try Data(contentsOf: URL(fileURLWithPath: archive + "/" + file.name)))
            #expect(Array(sent[8..<14]) == Array("SECRET".utf8))
            #expect(Array(kept[8..<14]) == Array("******".utf8))
            #expect(sent.count == kept.count)
            #expect(zip(sent, kept).enumerated().allSatisfy { i, p in p.0 == p.1 || (8..<14).contains(i) })
            #expect(Hex.encode(SHA256Digest(kept)) == file.sha256)  // the ledger hashes the masked form
            let mode = try FileManager.default.attributesOfItem(atPath: f.dir + "/out/\(batch.id)/\(file.name)")[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
        // Nothing beside the ledger, nor the ledger itself, holds the password.
        for path in allFiles(f.dir) where !path.hasPrefix(f.dir + "/out/") {
            #expect(try !contains(path, "SECRET"), "\(path) holds the ABI password")
        }
        #expect(try Verifier(trusting: f.supervisor.publicKey, batchFolder: BatchArchive.folder(forLedger: f.ledger.store.path))
            .verify(store: f.ledger.store).problems.isEmpty)
    }

    @Test func aPasswordAgainstTheRulesIsRefusedWithoutEchoingIt() throws {
        let f = try ReplayFixture()
        try f.authorize()
        for bad in ["s3cret", "TOOLONG7", "AB CD1", "ÄBCDE1", "******"] {
            var settings = f.settings
            settings.password = bad
            #expect {
                _ = try f.ledger.replay(outDir: f.dir + "/out-bad", settings: settings, signer: f.supervisor, dryRun: false)
            } throws: { error in
                let text = "\(error)"
                return text.contains("6 characters") && text.contains("AN") && (bad == "******" || !text.contains(bad)) && !text.contains("U+")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: f.dir + "/out-bad"))
    }

    @Test func anSSNIsSealedInTheLedgerAndOpenedOnlyInTheTransmissionCopy() throws {
        let f = try ReplayFixture(samples: [Self.ssnSample])
        // The record holds no SSN, only a sealed value the supervisor's key opens.
        let count = try f.ledger.store.count()
        for seq in 0..<count {
            let payload = try #require(try f.ledger.store.record(at: seq)).record.payload
            #expect(String(decoding: payload, as: UTF8.self).contains(Self.ssn) == false)
        }
        let entry = try #require(try EntryBook.load(f.ledger).first { $0.number == f.numbers[0] })
        #expect(entry.entry.importer.number == ImporterNumber.masked)
        let sealed = try #require(entry.entry.importer.sealed)
        #expect(try sealed.open(with: f.supervisor.personalDataKey, field: ImporterNumber.field) == Self.ssn)
        #expect(throws: SealedValue.Failure.self) { try sealed.open(with: f.clerk.personalDataKey, field: ImporterNumber.field) }
        #expect(throws: SealedValue.Failure.self) { try sealed.open(with: f.supervisor.personalDataKey, field: "entry_summary.consignee_number") }

        try f.authorize()
        let r = try f.replay("out")
        #expect(!r.batches.isEmpty)
        for path in allFiles(f.dir) {
            let inOut = path.hasPrefix(f.dir + "/out/") && path.hasSuffix(".abi")
            #expect(try contains(path, Self.ssn) == inOut, "\(path): SSN \(inOut ? "missing from the transmission copy" : "in clear")")
        }
        #expect(try Verifier(trusting: f.supervisor.publicKey, batchFolder: BatchArchive.folder(forLedger: f.ledger.store.path))
            .verify(store: f.ledger.store).problems.isEmpty)
    }

    @Test func aRecordWithAnSSNInClearOrSealedToAnotherKeyIsRefused() throws {
        let f = try ReplayFixture(samples: [])
        let before = try f.ledger.store.count()
        let plain = try ReplayFixture.sample(Self.ssnSample)
        // Around the sealing step: the record rules (which verify applies too) refuse it.
        #expect { _ = try f.ledger.append(.entryAdd, body: ["entry": plain], signer: f.clerk) } throws: { error in
            "\(error)".contains("personal data in clear") && !"\(error)".contains(Self.ssn)
        }
        let other = try SealedValue.seal(Self.ssn, field: ImporterNumber.field, to: LedgerSigningKey(name: "x").personalDataKey.publicKey)
        guard case .object(var o) = plain else { Issue.record("not an object"); return }
        o["importer"] = ["qualifier": "34", "sealed": other.json]
        #expect { _ = try f.ledger.append(.entryAdd, body: ["entry": .object(o)], signer: f.clerk) } throws: { error in
            "\(error)".contains("another key")
        }
        // A malformed sealed value is named by its member.
        var broken = other.json
        if case .object(var b) = broken { b["nonce"] = "AAAA"; broken = .object(b) }
        o["importer"] = ["qualifier": "34", "sealed": broken]
        #expect { _ = try f.ledger.append(.entryAdd, body: ["entry": .object(o)], signer: f.clerk) } throws: { error in
            "\(error)".contains("importer.number.nonce")
        }
        #expect(try f.ledger.store.count() == before)  // nothing written
    }

    @Test func theSpecVectorOfASealedSSN() throws {
        let supervisor = try LedgerSigningKey(name: "s", seed: Hex.decode("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")!)
        let key = supervisor.personalDataKey
        #expect(Base64.encode(key.publicKey) == "jX4JWIblE35Hm8Z4V9jVOmlcA42jOMw0CBAINZbeUBk=")
        let sealed = try SealedValue.seal("123-45-6789", field: "importer.number", to: key.publicKey,
                                          salt: Hex.decode("606162636465666768696a6b6c6d6e6f")!,
                                          ephemeralPrivate: Hex.decode("404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f")!,
                                          nonce: Hex.decode("707172737475767778797a7b")!)
        let expected = #"{"alg":"X25519-HKDF-SHA256-ChaCha20Poly1305","ciphertext":"UNuhHVKsqJs79CfYOVhjzAismr0659xk7lapo5DJG3FQ0ixrxNxz0IFJjQ==","commitment":"803a492d107843c174b40288de9a49e089df802f154b10005e94eaa0324a0420","epk":"eaYx7t4b+cmPEgMs3q3Q56B5OY/HhriMyEbsia+FpRo=","nonce":"cHFyc3R1dnd4eXp7","to":"jX4JWIblE35Hm8Z4V9jVOmlcA42jOMw0CBAINZbeUBk="}"#
        #expect(try CanonicalJSON.encodeString(sealed.json) == expected)
        #expect(try SealedValue(json: JSONReader.parse(Array(expected.utf8)), field: "importer.number") == sealed)
        #expect(try sealed.open(with: key, field: "importer.number") == "123-45-6789")
    }
}

private func SHA256Digest(_ bytes: [UInt8]) -> [UInt8] {
    var h = SHA256()
    h.update(data: bytes)
    return [UInt8](h.finalize())
}

@Suite("Secrets: incident records")
struct IncidentSecretsTests {
    @Test func anSSNIsNotAcceptedAsAnExposedImporter() throws {
        let f = try ReplayFixture(samples: [])
        let before = try f.ledger.store.count()
        for ssn in ["512-08-3377", "512083377"] {
            #expect {
                try f.ledger.openIncident(IncidentOpenBody(discoveredAt: "2026-11-27T06:10:00Z", summary: "x", systems: [], exposedImporters: ["12-3456789AB", ssn]),
                                          signer: f.supervisor)
            } throws: { error in "\(error)".contains("exposed_importers[1]") && !"\(error)".contains(ssn) }
        }
        #expect(try f.ledger.store.count() == before)
        try f.ledger.openIncident(IncidentOpenBody(discoveredAt: "2026-11-27T06:10:00Z", summary: "x", systems: [], exposedImporters: ["12-3456789AB"]),
                                  signer: f.supervisor)
    }
}
