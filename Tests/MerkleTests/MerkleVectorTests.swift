import Testing
@testable import LedgerFormat

@Suite("Published RFC 6962 / 9162 test vectors (transparency-dev/merkle)")
struct MerkleVectorTests {
    struct Vectors {
        let leaves: [[UInt8]]
        let roots: [[UInt8]]
        let emptyRoot: [UInt8]
        let raw: [String: Any]

        init() throws {
            raw = try Support.vector("rfc6962-merkle.json")
            let inputs = try #require(raw["leafInputs"] as? [String])
            leaves = try inputs.map { MerkleHash.leaf(try Support.hex($0)) }
            roots = try #require(raw["roots"] as? [String]).map(Support.hex)
            emptyRoot = try Support.hex(try #require(raw["emptyRoot"] as? String))
        }

        func cases(_ key: String) throws -> [[String: Any]] { try #require(raw[key] as? [[String: Any]]) }
    }

    @Test("the leaf inputs give the published roots for sizes 1 to 8, and the empty tree its root")
    func publishedRoots() throws {
        let v = try Vectors()
        #expect(v.roots.count == 8)
        let tree = MerkleTree(source: MerkleLeafArray(v.leaves), chunkSize: 3)
        #expect(try tree.root(size: 0) == v.emptyRoot)
        #expect(MerkleHash.emptyRoot == v.emptyRoot)
        for n in 1...8 {
            #expect(try tree.root(size: UInt64(n)) == v.roots[n - 1], "size \(n)")
        }
        // The leaf hash the ledger uses is the RFC one: the reference agrees on the same inputs.
        let inputs = try #require(v.raw["leafInputs"] as? [String]).map(Support.hex)
        #expect(v.leaves == inputs.map(ReferenceMerkle.leafHash))
    }

    @Test("published inclusion proofs are generated exactly and verify")
    func publishedInclusionProofs() throws {
        let v = try Vectors()
        let tree = MerkleTree(source: MerkleLeafArray(v.leaves))
        let cases = try v.cases("inclusion")
        #expect(cases.count == 5)
        for c in cases {
            let index = try #require(c["index"] as? Int), size = try #require(c["size"] as? Int)
            let want = try #require(c["proof"] as? [String]).map(Support.hex)
            let proof = try tree.inclusionProof(index: UInt64(index), size: UInt64(size))
            #expect(proof.hashes == want, "leaf \(index) of \(size)")
            try proof.verify(leafHash: v.leaves[index], root: v.roots[size - 1])
            let published = InclusionProof(index: UInt64(index), size: UInt64(size), hashes: want)
            #expect(throws: MerkleError.self) { try published.verify(leafHash: v.leaves[index], root: v.emptyRoot) }
        }
    }

    @Test("published consistency proofs are generated exactly and verify")
    func publishedConsistencyProofs() throws {
        let v = try Vectors()
        let tree = MerkleTree(source: MerkleLeafArray(v.leaves))
        let cases = try v.cases("consistency")
        #expect(cases.count == 5)
        for c in cases {
            let old = try #require(c["oldSize"] as? Int), new = try #require(c["newSize"] as? Int)
            let want = try #require(c["proof"] as? [String]).map(Support.hex)
            let proof = try tree.consistencyProof(from: UInt64(old), to: UInt64(new))
            #expect(proof.hashes == want, "\(old) -> \(new)")
            try proof.verify(oldRoot: v.roots[old - 1], newRoot: v.roots[new - 1])
            if old != new {
                #expect(throws: MerkleError.self) {
                    try proof.verify(oldRoot: v.roots[new - 1], newRoot: v.roots[old - 1])
                }
            }
        }
    }

    @Test("cut and padded published proofs fail on length, before any root comparison")
    func lengthErrors() throws {
        let v = try Vectors()
        let tree = MerkleTree(source: MerkleLeafArray(v.leaves))
        let inc = try tree.inclusionProof(index: 5, size: 8)
        #expect(throws: MerkleError.proofTooShort) {
            try InclusionProof(index: 5, size: 8, hashes: Array(inc.hashes.dropLast())).verify(leafHash: v.leaves[5], root: v.roots[7])
        }
        #expect(throws: MerkleError.proofTooLong) {
            try InclusionProof(index: 5, size: 8, hashes: inc.hashes + [v.roots[0]]).verify(leafHash: v.leaves[5], root: v.roots[7])
        }
        for (old, new) in [(6, 8), (2, 5), (6, 7), (1, 8)] {
            let proof = try tree.consistencyProof(from: UInt64(old), to: UInt64(new))
            let (r1, r2) = (v.roots[old - 1], v.roots[new - 1])
            #expect(throws: MerkleError.proofTooShort, "\(old) -> \(new)") {
                try ConsistencyProof(oldSize: proof.oldSize, newSize: proof.newSize, hashes: Array(proof.hashes.dropLast()))
                    .verify(oldRoot: r1, newRoot: r2)
            }
            #expect(throws: MerkleError.proofTooLong, "\(old) -> \(new)") {
                try ConsistencyProof(oldSize: proof.oldSize, newSize: proof.newSize, hashes: proof.hashes + [r2])
                    .verify(oldRoot: r1, newRoot: r2)
            }
        }
    }

    @Test("edge cases from the transparency-dev verifier tests: sizes 0, equal sizes, time travel")
    func verifierEdgeCases() throws {
        let v = try Vectors()
        let r = v.roots
        // Equal sizes: empty proof and equal roots only.
        try ConsistencyProof(oldSize: 1, newSize: 1, hashes: []).verify(oldRoot: r[0], newRoot: r[0])
        #expect(throws: MerkleError.rootMismatch) {
            try ConsistencyProof(oldSize: 1, newSize: 1, hashes: []).verify(oldRoot: r[0], newRoot: r[1])
        }
        #expect(throws: MerkleError.proofTooLong) {
            try ConsistencyProof(oldSize: 1, newSize: 1, hashes: [v.emptyRoot]).verify(oldRoot: r[0], newRoot: r[0])
        }
        // Old size 0 is refused, even with the empty-tree root.
        #expect(throws: MerkleError.emptyOldTree) {
            try ConsistencyProof(oldSize: 0, newSize: 1, hashes: []).verify(oldRoot: v.emptyRoot, newRoot: r[0])
        }
        // Time travel to the past.
        #expect(throws: MerkleError.oldSizeBeyondNew(old: 2, new: 1)) {
            try ConsistencyProof(oldSize: 2, newSize: 1, hashes: []).verify(oldRoot: r[1], newRoot: r[0])
        }
        // Empty proof between different sizes.
        #expect(throws: MerkleError.proofTooShort) {
            try ConsistencyProof(oldSize: 1, newSize: 2, hashes: []).verify(oldRoot: r[0], newRoot: r[1])
        }
        // Inclusion: index >= size, size 0, and hashes that are not 32 bytes.
        for (index, size) in [(0, 0), (1, 0), (2, 1), (1, 1)] as [(UInt64, UInt64)] {
            #expect(throws: MerkleError.indexOutOfRange(index: index, size: size)) {
                try InclusionProof(index: index, size: size, hashes: []).verify(leafHash: v.leaves[0], root: r[0])
            }
        }
        try InclusionProof(index: 0, size: 1, hashes: []).verify(leafHash: v.leaves[0], root: r[0])
        #expect(throws: MerkleError.badHashLength(0)) {
            try InclusionProof(index: 0, size: 1, hashes: []).verify(leafHash: [], root: r[0])
        }
        #expect(throws: MerkleError.badHashLength(31)) {
            try InclusionProof(index: 0, size: 2, hashes: [Array(v.leaves[1].prefix(31))]).verify(leafHash: v.leaves[0], root: r[1])
        }
    }
}
