/// What a record says: the `kind` member of the payload.
///
/// A kind is a name, not a closed list: each domain declares its own kinds beside its rules
/// (`extension RecordKind { static let entryAdd = RecordKind("entry.add") }`) and registers
/// them with a ``RecordKindRules`` value. The format knows only the kinds every ledger has:
/// the genesis, key enrolment and revocation, and checkpoints.
public struct RecordKind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    /// The first record: who the ledger belongs to and its supervisor key.
    public static let genesis = RecordKind("genesis")
    public static let keyEnroll = RecordKind("key.enroll")
    public static let keyRevoke = RecordKind("key.revoke")
    /// A signed C2SP checkpoint of the records before it.
    public static let checkpoint = RecordKind("checkpoint")
}

/// What a key may do in a ledger. The supervisor's key is the one named in the genesis record.
public enum Role: String, CaseIterable, Sendable {
    case supervisor
    case clerk
}
