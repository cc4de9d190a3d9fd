import Testing
@testable import LedgerFormat

@Suite("C2SP tlog-checkpoint bodies")
struct CheckpointTests {
    static let root = ReferenceMerkle.sha256(Array("root".utf8))
    static let rootB64 = Base64.encode(root)

    @Test("the C2SP example checkpoint parses to its origin, size and root and prints back unchanged")
    func specExample() throws {
        let all = try Support.vector("signed-note.json")
        let spec = try #require(all["specCheckpoint"] as? [String: Any])
        let body = try #require(spec["body"] as? String)
        let cp = try Checkpoint(parsing: body)
        #expect(cp.origin == spec["origin"] as? String)
        #expect(cp.size == UInt64(try #require(spec["size"] as? Int)))
        #expect(cp.rootHash == Base64.decode("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="))
        #expect(cp.extensions.isEmpty)
        #expect(cp.text == body)
        // The whole example note parses too; its body is the checkpoint.
        let note = try SignedNote(parsing: try #require(spec["note"] as? String))
        #expect(try Checkpoint(parsing: note.text) == cp)
        #expect(note.signatures.count == 2)
    }

    @Test("build, sign, parse and verify round trip, with extension lines and the largest size")
    func roundTrip() throws {
        let key = LedgerSigningKey(name: "supervisor")
        for (size, ext) in [(UInt64(0), [String]()), (42, ["ext one", "ext two"]), (UInt64(Int64.max), [])] {
            let cp = try Checkpoint(origin: "acme.example/ledger", size: size, rootHash: Self.root, extensions: ext)
            #expect(cp.text == "acme.example/ledger\n\(size)\n\(Self.rootB64)\n" + ext.map { $0 + "\n" }.joined())
            let note = try cp.signed(by: key, name: "acme.example/ledger")
            let back = try SignedNote(parsing: note.bytes)
            _ = try back.verify(against: [NoteVerifierKey(name: "acme.example/ledger", key: key.publicKey)])
            #expect(try Checkpoint(parsing: back.text) == cp)
        }
    }

    @Test("sizes with leading zeros, signs, spaces, 20 digits or beyond Int64 are refused")
    func badSizes() throws {
        for size in ["00", "007", "-1", "+1", " 1", "1 ", "1.0", "0x10", "9223372036854775808",
                     "18446744073709551615", "12345678901234567890", "\u{0661}", ""] {
            #expect(throws: CheckpointError.self, "size \(size.debugDescription)") {
                try Checkpoint(parsing: "o\n\(size)\n\(Self.rootB64)\n")
            }
        }
        #expect(try Checkpoint(parsing: "o\n9223372036854775807\n\(Self.rootB64)\n").size == UInt64(Int64.max))
        #expect(try Checkpoint(parsing: "o\n0\n\(Self.rootB64)\n").size == 0)
        #expect(throws: CheckpointError.badSize("9223372036854775808")) {
            try Checkpoint(origin: "o", size: UInt64(Int64.max) + 1, rootHash: Self.root)
        }
    }

    @Test("roots that are not canonical base64 of 32 bytes are refused")
    func badRoots() throws {
        let short = Base64.encode(Self.root.prefix(31)), long = Base64.encode(Self.root + [0])
        let unpadded = String(Self.rootB64.dropLast())
        for root in [short, long, unpadded, Hex.encode(Self.root), Self.rootB64 + " ", ""] {
            #expect(throws: CheckpointError.self, "root \(root)") { try Checkpoint(parsing: "o\n1\n\(root)\n") }
        }
        #expect(throws: CheckpointError.badRootHash(short)) { try Checkpoint(origin: "o", size: 1, rootHash: Array(Self.root.prefix(31))) }
    }

    @Test("missing final newline, missing lines, empty lines and control characters are refused")
    func badShapes() throws {
        let good = "o\n1\n\(Self.rootB64)\n"
        #expect(throws: CheckpointError.missingFinalNewline) { try Checkpoint(parsing: String(good.dropLast())) }
        #expect(throws: CheckpointError.tooFewLines(2)) { try Checkpoint(parsing: "o\n1\n") }
        #expect(throws: CheckpointError.badLine(0)) { try Checkpoint(parsing: "\n1\n\(Self.rootB64)\n") }
        #expect(throws: CheckpointError.badLine(3)) { try Checkpoint(parsing: good + "\n") }
        #expect(throws: CheckpointError.badLine(4)) { try Checkpoint(parsing: good + "ext\n\nmore\n") }
        #expect(throws: CheckpointError.badLine(0)) { try Checkpoint(parsing: "o\tx\n1\n\(Self.rootB64)\n") }
        #expect(throws: CheckpointError.self) { try Checkpoint(origin: "", size: 1, rootHash: Self.root) }
        #expect(throws: CheckpointError.self) { try Checkpoint(origin: "a\nb", size: 1, rootHash: Self.root) }
        #expect(throws: CheckpointError.self) { try Checkpoint(origin: "o", size: 1, rootHash: Self.root, extensions: [""]) }
        #expect(try Checkpoint(parsing: good).text == good)
    }
}
