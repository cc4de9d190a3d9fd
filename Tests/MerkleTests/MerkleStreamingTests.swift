import Testing
@testable import LedgerFormat

@Suite("Merkle proofs stream from a leaf source and refuse hostile sizes")
struct MerkleStreamingTests {
    @Test("a root over 5,000 leaves is read in chunks no larger than the chunk size and matches MTH")
    func rootStreamsInChunks() throws {
        let leaves = Support.leaves(5_000)
        let source = CountingSource(leaves)
        let tree = MerkleTree(source: source, chunkSize: 64)
        #expect(try tree.root(size: 5_000) == ReferenceMerkle.mth(leaves[...]))
        #expect(source.largestRequest <= 64)
        #expect(source.leavesServed == 5_000)
        // The default chunk size (4096) crosses a chunk boundary here too.
        #expect(try MerkleTree(source: MerkleLeafArray(leaves)).root(size: 4_097) == ReferenceMerkle.mth(leaves.prefix(4_097)))
    }

    @Test("proofs in a 5,000-leaf tree read each leaf at most once and match the reference")
    func proofsStream() throws {
        let leaves = Support.leaves(5_000)
        let source = CountingSource(leaves)
        let tree = MerkleTree(source: source, chunkSize: 100)
        let proof = try tree.inclusionProof(index: 3_210, size: 4_999)
        #expect(proof.hashes == ReferenceMerkle.path(3_210, leaves.prefix(4_999)))
        #expect(source.leavesServed <= 4_999)
        #expect(source.largestRequest <= 100)
        let consistency = try tree.consistencyProof(from: 1_234, to: 5_000)
        #expect(consistency.hashes == ReferenceMerkle.proof(1_234, leaves[...]))
        try consistency.verify(oldRoot: ReferenceMerkle.mth(leaves.prefix(1_234)), newRoot: ReferenceMerkle.mth(leaves[...]))
    }

    @Test("a billion-leaf claim against a 10-leaf source is an error before any leaf is read")
    func hostileSizeIsRefused() throws {
        let source = CountingSource(Support.leaves(10))
        let tree = MerkleTree(source: source)
        let huge: UInt64 = 1_000_000_000
        #expect(throws: MerkleError.sizeBeyondSource(size: huge, available: 10)) { try tree.root(size: huge) }
        #expect(throws: MerkleError.sizeBeyondSource(size: huge, available: 10)) { try tree.inclusionProof(index: 5, size: huge) }
        #expect(throws: MerkleError.sizeBeyondSource(size: huge, available: 10)) { try tree.consistencyProof(from: 3, to: huge) }
        #expect(throws: MerkleError.sizeBeyondSource(size: .max, available: 10)) { try tree.root(size: .max) }
        #expect(throws: MerkleError.indexOutOfRange(index: .max, size: .max)) { try tree.inclusionProof(index: .max, size: .max) }
        #expect(throws: MerkleError.emptyOldTree) { try tree.consistencyProof(from: 0, to: 5) }
        #expect(throws: MerkleError.oldSizeBeyondNew(old: 6, new: 5)) { try tree.consistencyProof(from: 6, to: 5) }
        #expect(source.leavesServed == 0)
    }

    @Test("a source that claims a billion leaves but runs dry gives an error, not a hang")
    func lyingSourceIsAnError() throws {
        let source = CountingSource(Support.leaves(10), claimedCount: 1_000_000_000)
        let tree = MerkleTree(source: source, chunkSize: 8)
        #expect(throws: MerkleError.sourceShort(start: 8, expected: 8, got: 2)) { try tree.root(size: 1_000_000_000) }
        #expect(throws: MerkleError.self) { try tree.inclusionProof(index: 999_999_999, size: 1_000_000_000) }
        #expect(source.leavesServed <= 20)
    }

    @Test("leaf hashes that are not 32 bytes and a zero chunk size are refused")
    func badInputsAreRefused() throws {
        var leaves = Support.leaves(4)
        leaves[2] = [1, 2, 3]
        #expect(throws: MerkleError.badHashLength(3)) { try MerkleTree(source: MerkleLeafArray(leaves)).root(size: 4) }
        var range = MerkleRange()
        #expect(throws: MerkleError.badHashLength(33)) { try range.append([UInt8](repeating: 0, count: 33)) }
        #expect(range.size == 0)
        #expect(throws: MerkleError.badChunkSize(0)) {
            try MerkleTree(source: MerkleLeafArray(Support.leaves(2)), chunkSize: 0).root(size: 2)
        }
    }

    @Test("record hashes are RFC 9162 leaf hashes, so records feed the tree directly")
    func recordHashIsLeafHash() throws {
        let record = SignedRecord(payload: Array("{\"v\":1}".utf8), signature: [UInt8](repeating: 7, count: 64))
        #expect(record.hash == ReferenceMerkle.leafHash(record.payload + record.signature))
    }
}
