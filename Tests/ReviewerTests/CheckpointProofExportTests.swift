import Foundation
import Testing
import TestSupport

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

@Suite struct StoreTree {
    @Test func theStoreAsLeafSourceAgreesWithTheArrayOnEverySize() throws {
        let dir = NSTemporaryDirectory() + "el-tree-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sup = LedgerSigningKey(name: "Dana Whitfield")
        let ledger = try Ledger.create(path: dir + "/l.db", filer: "EL7", port: "4103", broker: "Harbor", supervisor: sup)
        for i in 0..<39 { try ledger.note("note \(i)", signer: sup) }
        var hashes: [[UInt8]] = []
        try ledger.store.forEachChunk { rs in hashes += rs.map(\.record.hash); return true }
        #expect(hashes.count == 40)
        let array = MerkleTree(source: MerkleLeafArray(hashes))
        let store = MerkleTree(source: ledger.store, chunkSize: 3)
        for size in UInt64(1)...40 {
            #expect(try store.root(size: size) == array.root(size: size))
            for i in stride(from: UInt64(0), to: size, by: 7) {
                let p = try store.inclusionProof(index: i, size: size)
                #expect(p == (try array.inclusionProof(index: i, size: size)))
                try p.verify(leafHash: hashes[Int(i)], root: try array.root(size: size))
            }
            if size > 1 { #expect(try store.consistencyProof(from: size / 2, to: size) == array.consistencyProof(from: size / 2, to: size)) }
        }
        #expect(throws: MerkleError.self) { try store.root(size: 41) }
    }

    @Test func aCheckpointRecordCoversTheRecordsBeforeItAndOnlyTheSupervisorSignsIt() throws {
        let dir = NSTemporaryDirectory() + "el-cp-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sup = LedgerSigningKey(name: "Dana Whitfield"), alice = LedgerSigningKey(name: "Alice")
        let ledger = try Ledger.create(path: dir + "/l.db", filer: "EL7", port: "4103", broker: "Harbor", supervisor: sup)
        try ledger.enroll(alice.publicKey, proof: ProofOfPossession.make(alice), signer: sup)
        try ledger.note("one", signer: alice)
        let made = try ledger.appendCheckpoint(signer: sup)
        #expect(made.record.seq == 3)
        #expect(made.checkpoint.size == 3)
        #expect(made.checkpoint.rootHash == (try ledger.tree.root(size: 3)))
        #expect(try made.note.verify(against: [ledger.checkpointVerifierKey()]).count == 1)
        #expect(throws: LedgerError.self) { try ledger.appendCheckpoint(signer: alice) }
        // A stale checkpoint body (size 3 at seq 4) is refused by the rules.
        let stale = CheckpointBody(size: 3, root: made.checkpoint.rootHash, note: made.note.serialized)
        #expect(throws: LedgerError.self) { try ledger.append(.checkpoint, body: stale.json, signer: sup) }
        #expect(try Verifier(trusting: sup.publicKey).verify(store: ledger.store).ok)
    }
}

@Suite struct SignedCheckpoints {
    @Test func checkpointAndCosignatureVerifyAndAnyChangedSignedByteBreaksThem() throws {
        let o = try Outage()
        let cp = try CheckpointInput.load(o.file("cp2.txt"))
        let sup = try o.supervisorPublic
        try cp.verifySignature(trusting: sup)
        #expect(cp.checkpoint.size == UInt64(o.cp2Size))
        // Every byte of the signed text matters.
        let text = Array(cp.note.text.utf8)
        for i in text.indices {
            var t = text
            t[i] ^= 0x01
            let changed = String(decoding: t, as: UTF8.self)
            let broken: Bool
            if let note = try? SignedNote(text: changed, signatures: cp.note.signatures), let input = try? CheckpointInput(label: "x", note: note) {
                broken = (try? input.verifySignature(trusting: sup)) == nil
            } else {
                broken = true
            }
            #expect(broken, "byte \(i) changed and the signature still verified")
        }
        // Cosign through the CLI after verifying the bundle; the cosignature verifies with the
        // reviewer's key, and the supervisor's still does (unknown lines are ignored).
        let r = try CLI.run(["cosign", "--bundle", "bundle", "--checkpoint", "cp2.txt", "--trust", "sup.key.pub", "--key", "rev.key",
                             "--name", "cbp.example/reviewer", "--time", "2026-12-01T12:00:00Z", "--out", "cp2-cosigned.txt"], in: o.path)
        r.expectSuccess()
        let cosigned = try CheckpointInput.load(o.file("cp2-cosigned.txt"))
        try cosigned.verifySignature(trusting: sup)
        let rev = try o.key("rev.key")
        let revKey = try NoteVerifierKey(name: "cbp.example/reviewer", type: .cosignatureV1, key: rev.publicKey)
        #expect(r.stdout.contains(revKey.vkey))
        #expect(try cosigned.note.verify(against: [revKey]) == [revKey])
        let line = try #require(cosigned.note.signatures.first { $0.name == "cbp.example/reviewer" })
        let cosig = try Cosignature(line)
        #expect(cosig.timestamp == UInt64(Timestamp.parse("2026-12-01T12:00:00Z")!))
        try cosig.verify(cosigned.checkpoint, key: revKey)
        let other = try Checkpoint(origin: cosigned.checkpoint.origin, size: cosigned.checkpoint.size + 1, rootHash: cosigned.checkpoint.rootHash)
        #expect(throws: NoteError.self) { try cosig.verify(other, key: revKey) }
        let later = try Cosignature(name: cosig.name, keyID: cosig.keyID, timestamp: cosig.timestamp + 1, signature: cosig.signature)
        #expect(throws: NoteError.self) { try later.verify(cosigned.checkpoint, key: revKey) }
        // And the cosigned checkpoint is still accepted by verify.
        try o.verify(bundle: "bundle", checkpoints: ["cp2-cosigned.txt"]).expectSuccess()
    }

    @Test func cosignRefusesALedgerThatDoesNotVerifyAndWritesNothing() throws {
        let o = try Outage()
        var lines = try o.lines().map(Line.init)
        try lines[4].replace("held", with: "hold")
        let bad = try o.bundle(named: "bad", lines: lines.map { try $0.bytes })
        let r = try CLI.run(["cosign", "--bundle", bad, "--checkpoint", "cp1.txt", "--trust", "sup.key.pub", "--key", "rev.key", "--out", "x.txt"], in: o.path)
        #expect(r.status == 1)
        #expect(!FileManager.default.fileExists(atPath: o.file("x.txt")))
        // A change after the checkpoint's size does not stop a cosignature of the earlier checkpoint.
        var later = try o.lines().map(Line.init)
        try later[12].replace("held", with: "hold")
        let ok = try o.bundle(named: "later", lines: later.map { try $0.bytes })
        try CLI.run(["cosign", "--bundle", ok, "--checkpoint", "cp1.txt", "--trust", "sup.key.pub", "--key", "rev.key", "--out", "y.txt"], in: o.path).expectSuccess()
        // A checkpoint not signed by the trusted key is refused.
        let r2 = try CLI.run(["cosign", "--checkpoint", "cp1.txt", "--trust", "alice.key.pub", "--key", "rev.key", "--out", "z.txt"], in: o.path)
        #expect(r2.status == 1)
    }
}

@Suite struct ProofFiles {
    @Test func inclusionAndConsistencyProofsVerifyAndTamperedOnesFail() throws {
        let o = try Outage()
        let ledger = try Ledger.open(path: o.file("entryledger.db"))
        let cp1 = try CheckpointInput.load(o.file("cp1.txt")), cp2 = try CheckpointInput.load(o.file("cp2.txt"))
        let sup = try o.supervisorPublic
        for seq in UInt64(0)..<UInt64(o.cp2Size) {
            let p = try ledger.inclusionProof(seq: seq, checkpoint: cp2)
            let back = try ProofFile.parse(try p.bytes())
            #expect(back == .inclusion(p))
            #expect(try p.verify(against: cp2, trusting: sup).seq == Int64(seq))
            #expect(throws: ProofFileError.self) { try p.verify(against: cp1, trusting: sup) }
        }
        #expect(throws: LedgerError.self) { try ledger.inclusionProof(seq: UInt64(o.cp2Size), checkpoint: cp2) }

        try CLI.run(["prove", "inclusion", "--seq", "4", "--checkpoint", "cp2.txt", "--out", "inc.proof"], in: o.path).expectSuccess()
        try CLI.run(["prove", "verify", "--proof", "inc.proof", "--checkpoint", "cp2.txt", "--trust", "sup.key.pub"], in: o.path).expectSuccess()
        try CLI.run(["prove", "consistency", "--old", "cp1.txt", "--new", "cp2.txt", "--out", "con.proof"], in: o.path).expectSuccess()
        try CLI.run(["prove", "verify", "--proof", "con.proof", "--checkpoint", "cp2.txt", "--checkpoint", "cp1.txt", "--trust", "sup.key.pub"], in: o.path).expectSuccess()
        // The wrong trusted key fails.
        #expect(try CLI.run(["prove", "verify", "--proof", "inc.proof", "--checkpoint", "cp2.txt", "--trust", "alice.key.pub"], in: o.path).status == 1)

        // Tampered proofs: every hash, the seq, the record's bytes, the sizes.
        let inc = try String(contentsOfFile: o.file("inc.proof"), encoding: .utf8)
        let con = try String(contentsOfFile: o.file("con.proof"), encoding: .utf8)
        guard case .inclusion(let ip) = try ProofFile.parse(Array(inc.utf8)), case .consistency(let cpf) = try ProofFile.parse(Array(con.utf8)) else {
            Issue.record("proof files did not parse as their kinds"); return
        }
        var variants: [(String, [UInt8])] = []
        for i in ip.hashes.indices {
            var h = ip.hashes; h[i][0] ^= 1
            variants.append(("inclusion hash \(i)", try InclusionProofFile(origin: ip.origin, seq: ip.seq, treeSize: ip.treeSize, root: ip.root, record: ip.record, hashes: h).bytes()))
        }
        variants.append(("inclusion seq", try InclusionProofFile(origin: ip.origin, seq: ip.seq + 1, treeSize: ip.treeSize, root: ip.root, record: ip.record, hashes: ip.hashes).bytes()))
        variants.append(("inclusion dropped hash", try InclusionProofFile(origin: ip.origin, seq: ip.seq, treeSize: ip.treeSize, root: ip.root, record: ip.record, hashes: Array(ip.hashes.dropLast())).bytes()))
        var payload = ip.record.payload
        let idx = try #require(payload.lastIndex(of: UInt8(ascii: "e")))
        payload[idx] = UInt8(ascii: "E")
        variants.append(("inclusion record byte", try InclusionProofFile(origin: ip.origin, seq: ip.seq, treeSize: ip.treeSize, root: ip.root, record: SignedRecord(payload: payload, signature: ip.record.signature), hashes: ip.hashes).bytes()))
        for i in cpf.hashes.indices {
            var h = cpf.hashes; h[i][31] ^= 0x80
            variants.append(("consistency hash \(i)", try ConsistencyProofFile(origin: cpf.origin, oldSize: cpf.oldSize, oldRoot: cpf.oldRoot, newSize: cpf.newSize, newRoot: cpf.newRoot, hashes: h).bytes()))
        }
        variants.append(("consistency extra hash", try ConsistencyProofFile(origin: cpf.origin, oldSize: cpf.oldSize, oldRoot: cpf.oldRoot, newSize: cpf.newSize, newRoot: cpf.newRoot, hashes: cpf.hashes + [cpf.oldRoot]).bytes()))
        for (name, bytes) in variants {
            try Data(bytes).write(to: URL(fileURLWithPath: o.file("t.proof")))
            let r = try CLI.run(["prove", "verify", "--proof", "t.proof", "--checkpoint", "cp1.txt", "--checkpoint", "cp2.txt", "--trust", "sup.key.pub"], in: o.path)
            #expect(r.status == 1, "\(name): exit \(r.status) \(r.stdout) \(r.stderr)")
        }
        // Not a proof at all: exit 2.
        try Data("{\"format\":\"nope\"}\n".utf8).write(to: URL(fileURLWithPath: o.file("g.proof")))
        #expect(try CLI.run(["prove", "verify", "--proof", "g.proof", "--checkpoint", "cp1.txt", "--trust", "sup.key.pub"], in: o.path).status == 2)
    }
}

@Suite struct Export {
    @Test func exportingTwiceGivesIdenticalBytes() throws {
        let o = try Outage()
        try CLI.run(["export", "--out", "again"], in: o.path).expectSuccess()
        func files(_ root: String) throws -> [String: Data] {
            var out: [String: Data] = [:]
            let e = try #require(FileManager.default.enumerator(atPath: o.file(root)))
            for case let rel as String in e {
                var isDir: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: o.file(root + "/" + rel), isDirectory: &isDir)
                if !isDir.boolValue { out[rel] = try Data(contentsOf: URL(fileURLWithPath: o.file(root + "/" + rel))) }
            }
            return out
        }
        let a = try files("bundle"), b = try files("again")
        #expect(a == b)
        #expect(Set(a.keys).isSuperset(of: ["ledger.jsonl", "HOW-TO-VERIFY.txt", "keys/supervisor.pub",
                                           "checkpoints/checkpoint-\(o.cp1Size).txt", "checkpoints/checkpoint-\(o.cp2Size).txt"]))
        #expect(a.keys.filter { $0.hasPrefix("keys/") }.count == 3)
        // The bundle's checkpoint notes are the ones the supervisor sent.
        #expect(a["checkpoints/checkpoint-\(o.cp2Size).txt"] == (try Data(contentsOf: URL(fileURLWithPath: o.file("cp2.txt")))))
        // One line per record, each carrying the exact stored bytes.
        let store = try LedgerStore.open(path: o.file("entryledger.db"))
        let lines = try o.lines().map(Line.init)
        #expect(Int64(lines.count) == o.records)
        for l in lines { #expect(try store.record(at: l.seq)?.record == l.record) }
        // Refuses a non-empty folder.
        #expect(try CLI.run(["export", "--out", "bundle"], in: o.path).status == 2)
    }
}
