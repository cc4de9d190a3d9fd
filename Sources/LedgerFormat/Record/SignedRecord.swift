import Crypto

/// A record as it is stored and exported: the exact payload bytes and the Ed25519 signature.
/// Nothing is ever re-encoded; the hash is over these bytes.
///
/// ```swift
/// let r = SignedRecord(payload: bytes, signature: sig)
/// r.hash   // SHA-256(0x00 || payload || signature)
/// ```
public struct SignedRecord: Equatable, Sendable {
    public let payload: [UInt8]
    public let signature: [UInt8]

    public init(payload: [UInt8], signature: [UInt8]) {
        self.payload = payload
        self.signature = signature
    }

    /// The record hash: the next record's `prev` and the Merkle leaf hash (RFC 9162 leaf).
    public var hash: [UInt8] { RecordFormat.recordHash(payload: payload, signature: signature) }
}

/// The constants and byte-level rules of the record format (`schemas/ledger-format.md`).
public enum RecordFormat {
    /// The payload's `v` member.
    public static let version: Int64 = 1
    /// The domain-separation tag that precedes the payload in the signed message.
    public static let signingTag = "entryledger-record-v1"
    /// The `prev` of the genesis record: 32 zero bytes, in hex.
    public static let zeroHash = [UInt8](repeating: 0, count: 32)
    /// The largest payload a record may have (1 MiB).
    public static let maxPayloadBytes = 1 << 20

    /// `tag || 0x00 || payload`: the bytes the author signs.
    public static func signingMessage(payload: [UInt8]) -> [UInt8] {
        // One allocation (verify builds one message a record).
        var m: [UInt8] = []
        m.reserveCapacity(signingTag.utf8.count + 1 + payload.count)
        m.append(contentsOf: signingTag.utf8)
        m.append(0)
        m.append(contentsOf: payload)
        return m
    }

    /// SHA-256(0x00 || payload || signature).
    public static func recordHash(payload: [UInt8], signature: [UInt8]) -> [UInt8] {
        var h = SHA256()
        h.update(data: [0])
        h.update(data: payload)
        h.update(data: signature)
        return Array(h.finalize())
    }

    /// Builds the payload object and its canonical bytes.
    public static func payload(origin: String, seq: Int64, prev: [UInt8], time: String, kind: RecordKind,
                               keyID: String, body: JSONValue) throws(CanonicalJSONError) -> [UInt8] {
        try CanonicalJSON.encode([
            "v": .int(version),
            "origin": .string(origin),
            "seq": .int(seq),
            "prev": .string(Hex.encode(prev)),
            "time": .string(time),
            "kind": .string(kind.rawValue),
            "key": .string(keyID),
            "body": body,
        ])
    }

    /// The payload around a body already written as canonical JSON (``CanonicalWriter``):
    /// the same bytes as ``payload(origin:seq:prev:time:kind:keyID:body:)`` of that body.
    public static func payload(origin: String, seq: Int64, prev: [UInt8], time: String, kind: RecordKind,
                               keyID: String, canonicalBody: [UInt8]) throws(CanonicalJSONError) -> [UInt8] {
        var w = CanonicalWriter(capacity: canonicalBody.count + 256)
        w.beginObject()
        w.key("body"); w.raw(canonicalBody)
        w.key("key"); w.string(keyID)
        w.key("kind"); w.string(kind.rawValue)
        w.key("origin"); w.string(origin)
        w.key("prev"); w.string(Hex.encode(prev))
        w.key("seq"); w.int(seq)
        w.key("time"); w.string(time)
        w.key("v"); w.int(version)
        w.endObject()
        return try w.finish()
    }

    /// Signs a payload with `key`.
    public static func sign(payload: [UInt8], with key: LedgerSigningKey) -> SignedRecord {
        SignedRecord(payload: payload, signature: key.sign(signingMessage(payload: payload)))
    }
}
