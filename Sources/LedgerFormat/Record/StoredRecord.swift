/// A record as read back from the store: its position and the exact stored bytes, plus the
/// columns the store keeps beside them (which verify recomputes rather than trusts).
public struct StoredRecord: Sendable {
    public let seq: Int64
    public let record: SignedRecord
    public let storedHash: [UInt8]
    public let kind: String
    public let keyID: String
    public let time: String

    public init(seq: Int64, record: SignedRecord, storedHash: [UInt8]? = nil, kind: String = "", keyID: String = "", time: String = "") {
        self.seq = seq
        self.record = record
        self.storedHash = storedHash ?? record.hash
        self.kind = kind
        self.keyID = keyID
        self.time = time
    }
}

/// A key as the index knows it: who holds it, what it may do, from and until which seq.
public struct KeyState: Equatable, Sendable {
    public let keyID: String
    public let name: String
    public let role: Role
    public let publicKey: [UInt8]
    public let enrolledSeq: Int64
    public var revokedSeq: Int64?

    public init(keyID: String, name: String, role: Role, publicKey: [UInt8], enrolledSeq: Int64, revokedSeq: Int64? = nil) {
        self.keyID = keyID
        self.name = name
        self.role = role
        self.publicKey = publicKey
        self.enrolledSeq = enrolledSeq
        self.revokedSeq = revokedSeq
    }

    /// True if a record at `seq` may be signed by this key: enrolled before it, and not
    /// revoked before it (a revocation takes effect from its own seq on).
    public func isActive(at seq: Int64) -> Bool {
        enrolledSeq <= seq && (revokedSeq.map { seq < $0 } ?? true)
    }
}
