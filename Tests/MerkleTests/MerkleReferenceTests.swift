import Testing
@testable import LedgerFormat

@Suite("Merkle tree agrees with the RFC 9162 reference for every size up to 64")
struct MerkleReferenceTests {
    static let leaves = Support.leaves(64)
    static let tree = MerkleTree(source: MerkleLeafArray(leaves), chunkSize: 5)
    static let roots = (0...64).map { ReferenceMerkle.mth(leaves.prefix($0)) }

    @Test("the streamed root equals MTH for every size from 0 to 64")
    func rootsAgree() throws {
        for n in 0...64 {
            #expect(try Self.tree.root(size: UInt64(n)) == Self.roots[n], "size \(n)")
        }
    }

    @Test("the compact range gives MTH after every append")
    func compactRangeAgrees() throws {
        var range = MerkleRange()
        #expect(range.root == Self.roots[0])
        for (i, leaf) in Self.leaves.enumerated() {
            try range.append(leaf)
            #expect(range.size == UInt64(i + 1))
            #expect(range.root == Self.roots[i + 1], "size \(i + 1)")
        }
    }

    @Test("every inclusion proof equals PATH and verifies against MTH")
    func inclusionProofsAgree() throws {
        for n in 1...64 {
            for m in 0..<n {
                let proof = try Self.tree.inclusionProof(index: UInt64(m), size: UInt64(n))
                #expect(proof.hashes == ReferenceMerkle.path(m, Self.leaves.prefix(n)), "leaf \(m) of \(n)")
                #expect(throws: Never.self) { try proof.verify(leafHash: Self.leaves[m], root: Self.roots[n]) }
            }
        }
    }

    @Test("every consistency proof equals PROOF and verifies against both roots")
    func consistencyProofsAgree() throws {
        for n in 1...64 {
            for m in 1...n {
                let proof = try Self.tree.consistencyProof(from: UInt64(m), to: UInt64(n))
                #expect(proof.hashes == ReferenceMerkle.proof(m, Self.leaves.prefix(n)), "\(m) -> \(n)")
                #expect(throws: Never.self) { try proof.verify(oldRoot: Self.roots[m], newRoot: Self.roots[n]) }
            }
        }
    }

    @Test("an inclusion proof with any flipped byte, wrong index, wrong size, or cut or padded path is refused")
    func inclusionTamperIsRefused() throws {
        let extra = ReferenceMerkle.sha256(Array("extra".utf8))
        for n in 1...64 {
            let d = Self.leaves.prefix(n)
            for m in 0..<n {
                let good = ReferenceMerkle.path(m, d)
                let leaf = Self.leaves[m], root = Self.roots[n]
                func refused(_ index: Int, _ size: Int, _ hashes: [[UInt8]], root: [UInt8], leaf: [UInt8]) -> Bool {
                    let p = InclusionProof(index: UInt64(index), size: UInt64(size), hashes: hashes)
                    return (try? p.verify(leafHash: leaf, root: root)) == nil
                }
                // Every byte of every element (every byte for small trees, a rotating byte beyond).
                for e in good.indices {
                    let bytes = n <= 16 ? Array(0..<32) : [(e * 11 + m + n) % 32]
                    for b in bytes {
                        #expect(refused(m, n, Support.flipped(good, element: e, byte: b), root: root, leaf: leaf))
                    }
                }
                var badLeaf = leaf
                badLeaf[31] ^= 0x80
                #expect(refused(m, n, good, root: root, leaf: badLeaf))
                var badRoot = root
                badRoot[0] ^= 0x01
                #expect(refused(m, n, good, root: badRoot, leaf: leaf))
                // Wrong index, against the same root.
                for other in [m - 1, m + 1, m ^ 2, n] where other >= 0 && other != m {
                    #expect(refused(other, n, good, root: root, leaf: leaf), "index \(other) for \(m) of \(n)")
                }
                // Wrong size, against that size's root, unless the proof really is that size's proof.
                for size in [n - 1, n + 1, n * 2, n / 2] where size > m && size != n && size <= 64 {
                    if ReferenceMerkle.path(m, Self.leaves.prefix(size)) != good {
                        #expect(refused(m, size, good, root: Self.roots[size], leaf: leaf), "size \(size) for \(m) of \(n)")
                    }
                }
                #expect(refused(m, 0, good, root: root, leaf: leaf))
                if !good.isEmpty {
                    #expect(refused(m, n, Array(good.dropLast()), root: root, leaf: leaf))
                    #expect(refused(m, n, Array(good.dropFirst()), root: root, leaf: leaf))
                }
                #expect(refused(m, n, good + [extra], root: root, leaf: leaf))
                #expect(refused(m, n, [extra] + good, root: root, leaf: leaf))
                #expect(refused(m, n, good + [root], root: root, leaf: leaf))
            }
        }
    }

    @Test("a consistency proof with any flipped byte, wrong sizes, swapped roots, or cut or padded path is refused")
    func consistencyTamperIsRefused() throws {
        let extra = ReferenceMerkle.sha256(Array("extra".utf8))
        for n in 1...64 {
            for m in 1...n {
                let good = ReferenceMerkle.proof(m, Self.leaves.prefix(n))
                func refused(_ old: Int, _ new: Int, _ hashes: [[UInt8]], _ r1: [UInt8], _ r2: [UInt8]) -> Bool {
                    let p = ConsistencyProof(oldSize: UInt64(old), newSize: UInt64(new), hashes: hashes)
                    return (try? p.verify(oldRoot: r1, newRoot: r2)) == nil
                }
                let r1 = Self.roots[m], r2 = Self.roots[n]
                for e in good.indices {
                    let bytes = n <= 16 ? Array(0..<32) : [(e * 7 + m + n) % 32]
                    for b in bytes {
                        #expect(refused(m, n, Support.flipped(good, element: e, byte: b), r1, r2), "\(m) -> \(n) [\(e)][\(b)]")
                    }
                }
                var bad1 = r1, bad2 = r2
                bad1[5] ^= 0x10
                bad2[5] ^= 0x10
                #expect(refused(m, n, good, bad1, r2))
                #expect(refused(m, n, good, r1, bad2))
                if m != n { #expect(refused(m, n, good, r2, r1), "swapped roots \(m) -> \(n)") }
                for old in [m - 1, m + 1, m ^ 2] where old != m && old <= 64 {
                    if old == 0 || old > n || ReferenceMerkle.proof(old, Self.leaves.prefix(n)) != good {
                        #expect(refused(old, n, good, Self.roots[max(0, old)], r2), "old \(old) for \(m) -> \(n)")
                    }
                }
                for new in [n - 1, n + 1, n * 2, n / 2] where new != n && new <= 64 {
                    if new < m || ReferenceMerkle.proof(m, Self.leaves.prefix(new)) != good {
                        #expect(refused(m, new, good, r1, Self.roots[new]), "new \(new) for \(m) -> \(n)")
                    }
                }
                if !good.isEmpty {
                    #expect(refused(m, n, Array(good.dropLast()), r1, r2))
                    #expect(refused(m, n, Array(good.dropFirst()), r1, r2))
                    #expect(refused(m, n, [good[0]] + good, r1, r2))
                }
                #expect(refused(m, n, good + [extra], r1, r2))
                #expect(refused(m, n, [extra] + good, r1, r2))
                #expect(refused(m, n, good + [r2], r1, r2))
            }
        }
    }
}
