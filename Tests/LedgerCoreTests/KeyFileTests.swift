import Foundation
import Testing

@testable import EntryLedger
@testable import LedgerFormat

@Suite struct KeyFiles {
    @Test func aPlainKeyRoundTripsWithMode600AndAProofInThePublicFile() throws {
        let dir = TempDir()
        let k = LedgerSigningKey(name: "Alice Moreno")
        try KeyFile.write(k, to: dir.file("alice.key"))
        let attrs = try FileManager.default.attributesOfItem(atPath: dir.file("alice.key"))
        #expect((attrs[.posixPermissions] as? Int) == 0o600)
        let loaded = try KeyFile.loadPrivate(dir.file("alice.key")) { nil }
        #expect(loaded.publicKey == k.publicKey)
        let (pub, proof) = try KeyFile.loadPublicWithProof(dir.file("alice.key.pub"))
        #expect(pub == k.publicKey)
        #expect(ProofOfPossession.isValid(try #require(proof), for: pub))
        #expect(throws: KeyError.exists(path: dir.file("alice.key"))) { try KeyFile.write(k, to: dir.file("alice.key")) }
    }

    @Test func aSealedKeyNeedsTheRightPassphrase() throws {
        let dir = TempDir()
        let k = LedgerSigningKey(name: "Dana Whitfield")
        let path = dir.file("sup.key")
        try KeyFile.write(k, to: path, passphrase: "correct horse", scrypt: .init(logN: 10, r: 8, p: 1))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("\"private_key\""))
        #expect(!text.contains("correct horse"))
        #expect(try KeyFile.loadPrivate(path) { "correct horse" }.publicKey == k.publicKey)
        #expect(throws: KeyError.wrongPassphrase(path: path)) { try KeyFile.loadPrivate(path) { "wrong horse" } }
        #expect(throws: KeyError.passphraseRequired(path: path)) { try KeyFile.loadPrivate(path) { nil } }
    }

    @Test func aChangedHeaderOfASealedKeyIsRefused() throws {
        let dir = TempDir()
        let path = dir.file("sup.key")
        try KeyFile.write(LedgerSigningKey(name: "Dana"), to: path, passphrase: "pw", scrypt: .init(logN: 10, r: 8, p: 1))
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\"Dana\"", with: "\"Mallory\"")
        try FileManager.default.removeItem(atPath: path)
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        #expect(throws: KeyError.self) { try KeyFile.loadPrivate(path) { "pw" } }
    }

    @Test func aKeyFileOthersCanReadIsRefused() throws {
        let dir = TempDir()
        let path = dir.file("k.key")
        try KeyFile.write(LedgerSigningKey(name: "A"), to: path)
        for mode in [0o644, 0o640, 0o604, 0o660] {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
            let e = #expect(throws: KeyError.self) { try KeyFile.loadPrivate(path) { nil } }
            #expect(e?.description.contains("chmod 600") == true)
        }
    }

    @Test func missingCorruptAndWrongKindFilesAreClearErrors() throws {
        let dir = TempDir()
        #expect(throws: KeyError.missing(path: dir.file("none.key"))) { try KeyFile.loadPrivate(dir.file("none.key")) { nil } }
        let cases: [(String, String)] = [
            ("empty.key", ""), ("garbage.key", "\u{FF}\u{00}garbage"), ("json.key", "[1,2,3]"),
            ("float.key", #"{"format":"entryledger-private-key","version":1.0}"#),
            ("short.key", #"{"format":"entryledger-private-key","version":1,"name":"a","public_key":"AAAA","private_key":"AAAA"}"#),
            ("public.key", #"{"format":"entryledger-public-key","version":1,"name":"a","public_key":"AAAA"}"#),
        ]
        for (name, content) in cases {
            let p = dir.file(name)
            _ = FileManager.default.createFile(atPath: p, contents: Data(content.utf8), attributes: [.posixPermissions: 0o600])
            let e = #expect(throws: KeyError.self, "\(name)") { try KeyFile.loadPrivate(p) { nil } }
            #expect(e?.description.contains(p) == true)
        }
    }

    @Test func aPublicKeyFileWithAForgedProofIsRefused() throws {
        let dir = TempDir()
        let k = LedgerSigningKey(name: "Alice")
        let other = LedgerSigningKey(name: "Alice")
        let bytes = KeyFile.publicKeyFileBytes(k.publicKey, proof: ProofOfPossession.make(other))
        _ = FileManager.default.createFile(atPath: dir.file("a.pub"), contents: Data(bytes))
        #expect(throws: KeyError.self) { try KeyFile.loadPublicWithProof(dir.file("a.pub")) }
    }

    @Test func keyIDsAreStableAndDependOnTheKeyAlone() throws {
        let seed = [UInt8](repeating: 7, count: 32)
        let a = try LedgerSigningKey(name: "A", seed: seed)
        let b = try LedgerSigningKey(name: "B", seed: seed)
        #expect(a.keyID == b.keyID)
        #expect(a.keyID.count == 32)
        #expect(a.keyID != LedgerSigningKey(name: "A").keyID)
    }
}

@Suite struct ScryptBounds {
    @Test func aKeyFileAskingForTooMuchMemoryIsRefusedBeforeScryptRuns() {
        #expect(KeyFile.ScryptParameters.isAcceptable(.standard))
        #expect(KeyFile.ScryptParameters.isAcceptable(.init(logN: 18, r: 8, p: 1)))       // 256 MiB
        #expect(!KeyFile.ScryptParameters.isAcceptable(.init(logN: 20, r: 16, p: 1)))     // 2 GiB
        #expect(!KeyFile.ScryptParameters.isAcceptable(.init(logN: 19, r: 8, p: 1)))      // 512 MiB
        #expect(!KeyFile.ScryptParameters.isAcceptable(.init(logN: 9, r: 8, p: 1)))       // too weak
    }
}
