import Foundation

/// Why a proof file was refused, or a proof did not hold.
public struct ProofFileError: Error, CustomStringConvertible, Sendable {
    public let reason: String
    /// True when the file could be read but the proof does not hold (exit 1), false when the
    /// file is not a proof file at all (exit 2).
    public let isVerificationFailure: Bool
    public init(_ reason: String, failed: Bool) {
        self.reason = reason
        self.isVerificationFailure = failed
    }
    public var description: String { reason }
}

/// The proof files `prove` writes: one canonical JSON object and a newline each (see
/// `schemas/ledger-format.md`, "Proof files").
public enum ProofFile: Equatable, Sendable {
    case inclusion(InclusionProofFile)
    case consistency(ConsistencyProofFile)

    /// The largest proof file read: 4 MiB (a record is at most 1 MiB).
    public static let maxBytes = 4 << 20

    /// Reads a proof file strictly: canonical JSON, one of the two kinds, every member checked.
    public static func parse(_ bytes: [UInt8]) throws(ProofFileError) -> ProofFile {
        guard bytes.count <= maxBytes else { throw ProofFileError("a proof file is at most \(maxBytes) bytes", failed: false) }
        guard bytes.last == 0x0A else { throw ProofFileError("a proof file ends in a newline", failed: false) }
        let value: JSONValue
        do { value = try JSONReader.parseCanonical(Array(bytes.dropLast())) } catch {
            throw ProofFileError("not a canonical JSON proof file: \(error)", failed: false)
        }
        switch value["format"]?.stringValue {
        case InclusionProofFile.format: return .inclusion(try InclusionProofFile(json: value))
        case ConsistencyProofFile.format: return .consistency(try ConsistencyProofFile(json: value))
        default: throw ProofFileError("format should be \(InclusionProofFile.format) or \(ConsistencyProofFile.format)", failed: false)
        }
    }

    static func reader(_ v: JSONValue, members: Set<String>) throws(ProofFileError) -> [String: JSONValue] {
        guard case .object(let o) = v, Set(o.keys) == members else {
            throw ProofFileError("members should be exactly \(members.sorted().joined(separator: ", "))", failed: false)
        }
        guard o["version"]?.intValue == 1 else { throw ProofFileError("version should be 1", failed: false) }
        return o
    }

    static func size(_ o: [String: JSONValue], _ key: String) throws(ProofFileError) -> UInt64 {
        guard let n = o[key]?.intValue, n >= 0 else { throw ProofFileError("\(key) should be a non-negative integer", failed: false) }
        return UInt64(n)
    }

    static func hash(_ v: JSONValue?, _ key: String) throws(ProofFileError) -> [UInt8] {
        guard let s = v?.stringValue, let h = Base64.decode(s), h.count == MerkleHash.size else {
            throw ProofFileError("\(key) should be base64 of 32 bytes", failed: false)
        }
        return h
    }

    static func hashes(_ v: JSONValue?) throws(ProofFileError) -> [[UInt8]] {
        guard let a = v?.arrayValue, a.count <= 64 else { throw ProofFileError("hashes should be an array of at most 64 hashes", failed: false) }
        var out: [[UInt8]] = []
        for h in a { out.append(try hash(h, "each of hashes")) }
        return out
    }

    /// Checks that `cp` is signed by the trusted supervisor (note key name = its origin).
    static func trusted(_ cp: CheckpointInput, _ supervisor: LedgerPublicKey) throws(ProofFileError) {
        do { try cp.verifySignature(trusting: supervisor) } catch {
            throw ProofFileError("checkpoint \(cp.label) is not signed by the trusted supervisor key: \(error)", failed: true)
        }
    }
}

/// "Record `seq` is leaf `seq` of the tree of `tree_size` records whose root is `root`."
public struct InclusionProofFile: Equatable, Sendable {
    public static let format = "entryledger-inclusion-proof"
    public let origin: String
    public let seq: UInt64
    public let treeSize: UInt64
    public let root: [UInt8]
    public let record: SignedRecord
    public let hashes: [[UInt8]]

    public init(origin: String, seq: UInt64, treeSize: UInt64, root: [UInt8], record: SignedRecord, hashes: [[UInt8]]) {
        self.origin = origin
        self.seq = seq
        self.treeSize = treeSize
        self.root = root
        self.record = record
        self.hashes = hashes
    }

    init(json: JSONValue) throws(ProofFileError) {
        let o = try ProofFile.reader(json, members: ["format", "version", "origin", "seq", "tree_size", "root", "record", "hashes"])
        guard let origin = o["origin"]?.stringValue else { throw ProofFileError("origin should be a string", failed: false) }
        guard case .object(let r)? = o["record"], Set(r.keys) == ["payload", "signature"],
              let payload = r["payload"]?.stringValue, let sigText = r["signature"]?.stringValue, let sig = Base64.decode(sigText)
        else { throw ProofFileError("record should be {\"payload\": TEXT, \"signature\": BASE64}", failed: false) }
        self.init(origin: origin, seq: try ProofFile.size(o, "seq"), treeSize: try ProofFile.size(o, "tree_size"),
                  root: try ProofFile.hash(o["root"], "root"), record: SignedRecord(payload: Array(payload.utf8), signature: sig),
                  hashes: try ProofFile.hashes(o["hashes"]))
    }

    /// The file as written: canonical JSON and a newline.
    public func bytes() throws -> [UInt8] {
        guard let payload = String(validating: record.payload, as: UTF8.self) else { throw ProofFileError("the record payload is not UTF-8", failed: false) }
        return try CanonicalJSON.encode([
            "format": .string(Self.format), "version": 1, "origin": .string(origin), "seq": .int(Int64(seq)),
            "tree_size": .int(Int64(treeSize)), "root": .string(Base64.encode(root)),
            "record": ["payload": .string(payload), "signature": .string(Base64.encode(record.signature))],
            "hashes": .array(hashes.map { .string(Base64.encode($0)) }),
        ]) + [0x0A]
    }

    /// Checks the proof against a checkpoint the reviewer holds, signed by the trusted key.
    public func verify(against cp: CheckpointInput, trusting supervisor: LedgerPublicKey) throws(ProofFileError) -> RecordHeader {
        try ProofFile.trusted(cp, supervisor)
        let c = cp.checkpoint
        guard c.origin == origin else { throw ProofFileError("the proof is for \(origin), the checkpoint for \(c.origin)", failed: true) }
        guard c.size == treeSize, c.rootHash == root else {
            throw ProofFileError("the proof is against the tree of \(treeSize) records; the checkpoint is of \(c.size) records with another root", failed: true)
        }
        let header: RecordHeader
        do { header = try RecordHeader(payload: record.payload) } catch {
            throw ProofFileError("the record in the proof is malformed: \(error)", failed: true)
        }
        guard header.seq >= 0, UInt64(header.seq) == seq, header.origin == origin else {
            throw ProofFileError("the record in the proof says seq \(header.seq) of \(header.origin), not seq \(seq) of \(origin)", failed: true)
        }
        do {
            try InclusionProof(index: seq, size: treeSize, hashes: hashes).verify(leafHash: record.hash, root: root)
        } catch {
            throw ProofFileError("record \(seq) is not in the checkpointed tree: \(error)", failed: true)
        }
        return header
    }
}

/// "The tree of `old_size` records (root `old_root`) is a prefix of the tree of `new_size`
/// records (root `new_root`)": the ledger only grew between two checkpoints.
public struct ConsistencyProofFile: Equatable, Sendable {
    public static let format = "entryledger-consistency-proof"
    public let origin: String
    public let oldSize: UInt64
    public let oldRoot: [UInt8]
    public let newSize: UInt64
    public let newRoot: [UInt8]
    public let hashes: [[UInt8]]

    public init(origin: String, oldSize: UInt64, oldRoot: [UInt8], newSize: UInt64, newRoot: [UInt8], hashes: [[UInt8]]) {
        self.origin = origin
        self.oldSize = oldSize
        self.oldRoot = oldRoot
        self.newSize = newSize
        self.newRoot = newRoot
        self.hashes = hashes
    }

    init(json: JSONValue) throws(ProofFileError) {
        let o = try ProofFile.reader(json, members: ["format", "version", "origin", "old_size", "old_root", "new_size", "new_root", "hashes"])
        guard let origin = o["origin"]?.stringValue else { throw ProofFileError("origin should be a string", failed: false) }
        self.init(origin: origin, oldSize: try ProofFile.size(o, "old_size"), oldRoot: try ProofFile.hash(o["old_root"], "old_root"),
                  newSize: try ProofFile.size(o, "new_size"), newRoot: try ProofFile.hash(o["new_root"], "new_root"),
                  hashes: try ProofFile.hashes(o["hashes"]))
    }

    public func bytes() throws -> [UInt8] {
        try CanonicalJSON.encode([
            "format": .string(Self.format), "version": 1, "origin": .string(origin),
            "old_size": .int(Int64(oldSize)), "old_root": .string(Base64.encode(oldRoot)),
            "new_size": .int(Int64(newSize)), "new_root": .string(Base64.encode(newRoot)),
            "hashes": .array(hashes.map { .string(Base64.encode($0)) }),
        ]) + [0x0A]
    }

    /// Checks the proof against the two checkpoints (old and new), both signed by the trusted key.
    public func verify(old: CheckpointInput, new: CheckpointInput, trusting supervisor: LedgerPublicKey) throws(ProofFileError) {
        try ProofFile.trusted(old, supervisor)
        try ProofFile.trusted(new, supervisor)
        for (cp, size, root) in [(old, oldSize, oldRoot), (new, newSize, newRoot)] {
            guard cp.checkpoint.origin == origin else { throw ProofFileError("the proof is for \(origin), checkpoint \(cp.label) for \(cp.checkpoint.origin)", failed: true) }
            guard cp.checkpoint.size == size, cp.checkpoint.rootHash == root else {
                throw ProofFileError("checkpoint \(cp.label) (size \(cp.checkpoint.size)) is not the one the proof names (size \(size))", failed: true)
            }
        }
        do {
            try ConsistencyProof(oldSize: oldSize, newSize: newSize, hashes: hashes).verify(oldRoot: oldRoot, newRoot: newRoot)
        } catch {
            throw ProofFileError("the ledger of \(newSize) records does not extend the ledger of \(oldSize) records: \(error)", failed: true)
        }
    }
}
