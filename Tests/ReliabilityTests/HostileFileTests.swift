import Foundation
import Testing

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// Damaged key files and ledger files: refused with an error a broker can read, never a crash,
/// and never read as something they are not.
@Suite struct HostileFiles {
    static func write(_ bytes: [UInt8], to path: String, mode: Int = 0o600) {
        try? FileManager.default.removeItem(atPath: path)
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: mode])
    }

    static func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    @Test func mutatedPrivateKeyFilesAreRefusedClearlyOrLoadTheSameKey() throws {
        let w = try Workspace()
        let sealedKey = LedgerSigningKey(name: "Sealed Clerk")
        try KeyFile.write(sealedKey, to: w.file("sealed.key"), passphrase: "correct horse", scrypt: .init(logN: 10, r: 1, p: 1))
        let originals: [(bytes: [UInt8], key: LedgerSigningKey, passphrase: String?)] = [
            (try Self.bytes(w.file("alice.key")), w.alice, nil),
            (try Self.bytes(w.file("sealed.key")), sealedKey, nil),  // no passphrase: refused before scrypt
            (try Self.bytes(w.file("sealed.key")), sealedKey, "correct horse"),
        ]
        var m = Mutator(seed: 0x0C0F_FEE5)
        let path = w.file("case.key")
        var refused = 0
        // Sealed cases with the passphrase run scrypt: fewer of them, one edit each.
        let cases = [2000, 1500, 150]
        for (o, original) in originals.enumerated() {
            forEachCase(cases[o]) { i in
                let input = m.mutate(original.bytes, maxEdits: original.passphrase == nil ? 3 : 1)
                Self.write(input, to: path)
                do {
                    let key = try KeyFile.loadPrivate(path) { original.passphrase }
                    #expect(key.publicKey.raw == original.key.publicKey.raw, "file \(o) case \(i): a damaged file loaded a different key")
                } catch let e as KeyError {
                    refused += 1
                    #expect(!e.description.isEmpty)
                    #expect(e.description.contains(path), "file \(o) case \(i): the error does not name the file: \(e)")
                } catch {
                    Issue.record("file \(o) case \(i): unexpected error type \(type(of: error)): \(error)")
                }
            }
        }
        #expect(refused > 3000)
    }

    @Test func mutatedPublicKeyFilesAreRefusedClearlyOrLoadTheSameKey() throws {
        let w = try Workspace()
        let original = try Self.bytes(w.file("bob.key.pub"))
        var m = Mutator(seed: 0x9B_0B0B)
        let path = w.file("case.pub")
        var refused = 0
        forEachCase(3000) { i in
            let input = m.mutate(original)
            Self.write(input, to: path, mode: 0o644)
            do {
                let (key, proof) = try KeyFile.loadPublicWithProof(path)
                #expect(key.raw == w.bob.publicKey.raw, "case \(i): a damaged file loaded a different key")
                // A key that loads with a proof is one whose name the proof covers.
                if let proof { #expect(ProofOfPossession.isValid(proof, for: key)) }
            } catch let e as KeyError {
                refused += 1
                #expect(e.description.contains(path), "case \(i): \(e)")
            } catch {
                Issue.record("case \(i): unexpected error type \(type(of: error)): \(error)")
            }
        }
        #expect(refused > 2500)
    }

    /// Damaged copies of a ledger file: the store refuses them, or opens them and verify
    /// reports problems, or (when the damage missed the records, e.g. in free space) verify
    /// passes and every record read is exactly the original's.
    @Test func mutatedAndTruncatedLedgerFilesAreRefusedOrVerifiedNeverMisread() throws {
        let w = try Workspace(notes: 5)
        try w.checkpoint()
        let original = try Self.bytes(w.ledgerPath)
        var originalRecords: [SignedRecord] = []
        try LedgerStore.open(path: w.ledgerPath).forEachChunk { originalRecords += $0.map(\.record); return true }
        // A second image: the same ledger with its newest records still in the WAL, as a
        // crash or a copy taken while a writer was running would leave it.
        let withWAL = try Workspace(notes: 3)
        try withWAL.checkpoint()
        let walBase = try Self.bytes(withWAL.ledgerPath)
        do {
            let l = try Ledger.open(path: withWAL.ledgerPath)
            for i in 0..<6 { try l.note("late note \(i)", signer: withWAL.alice) }
            try FileManager.default.copyItem(atPath: withWAL.ledgerPath + "-wal", toPath: withWAL.file("saved-wal"))
        }
        let wal = try Self.bytes(withWAL.file("saved-wal"))
        var walRecords: [SignedRecord] = []
        try LedgerStore.open(path: withWAL.ledgerPath).forEachChunk { walRecords += $0.map(\.record); return true }

        let dir = w.file("cases")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/case.db"
        var m = Mutator(seed: 0xD15C_D15C)
        var outcomes = (refused: 0, problems: 0, clean: 0, shortClean: 0)
        forEachCase(2000) { i in
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            let expected: [SignedRecord]
            switch i % 4 {
            case 0:  // byte edits in the 100-byte header and the schema page
                var b = original
                for _ in 0..<m.rng.int(1...4) { b[m.rng.int(0..<min(b.count, 4096))] = m.rng.chance(0.5) ? m.rng.byte() : m.rng.pick(Mutator.interesting) }
                Self.write(b, to: path)
                expected = originalRecords
            case 1:  // byte edits anywhere
                var b = original
                for _ in 0..<m.rng.int(1...8) { b[m.rng.int(0..<b.count)] ^= UInt8(m.rng.int(1...255)) }
                Self.write(b, to: path)
                expected = originalRecords
            case 2:  // truncated, at a page boundary or anywhere
                let n = m.rng.chance(0.5) ? m.rng.int(0...(original.count / 4096)) * 4096 : m.rng.int(0..<original.count)
                Self.write(Array(original[..<n]), to: path)
                expected = originalRecords
            default:  // a damaged or truncated WAL beside an intact main file
                Self.write(walBase, to: path)
                Self.write(m.rng.chance(0.3) ? Array(wal[..<m.rng.int(0..<wal.count)]) : m.mutate(wal, maxEdits: 6), to: path + "-wal")
                expected = walRecords
            }
            do {
                let store = try LedgerStore.open(path: path)
                let report = try Verifier(trusting: (i % 4 == 3 ? withWAL : w).supervisor.publicKey).verify(store: store)
                #expect(report.problems.allSatisfy { !$0.message.isEmpty })
                if report.ok {
                    var read: [SignedRecord] = []
                    try store.forEachChunk { read += $0.map(\.record); return true }
                    // What verifies is the original, or (a lost tail, which only a checkpoint
                    // held elsewhere can reveal) a prefix of it.
                    #expect(read == Array(expected.prefix(read.count)), "case \(i): a damaged file verified with different records")
                    if read.count < expected.count { outcomes.shortClean += 1 } else { outcomes.clean += 1 }
                } else {
                    outcomes.problems += 1
                }
            } catch let e as StoreError {
                outcomes.refused += 1
                #expect(!e.description.isEmpty)
            } catch {
                Issue.record("case \(i): unexpected error type \(type(of: error)): \(error)")
            }
        }
        // Most damage is noticed; print the split so a change in it shows in the log.
        print("ledger file damage: \(outcomes)")
        #expect(outcomes.refused + outcomes.problems > 1000)
    }
}
