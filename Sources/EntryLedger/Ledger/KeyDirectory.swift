/// Where the rules look up keys: the store's index inside an append transaction, or the
/// verifier's in-memory registry built from the records themselves.
public protocol KeyDirectory {
    func key(id: String) throws -> KeyState?
    func activeKey(named name: String) throws -> KeyState?
    /// The seq of the first record of `kind` before the record being checked, if any.
    func firstSeq(of kind: RecordKind) throws -> Int64?
}

extension StoreTransaction: KeyDirectory {}

/// The verifier's own key registry, built only from records it has checked.
public final class KeyRegistry: KeyDirectory {
    public private(set) var byID: [String: KeyState] = [:]
    private var firstOfKind: [RecordKind: Int64] = [:]

    public init() {}

    public func firstSeq(of kind: RecordKind) throws -> Int64? { firstOfKind[kind] }

    /// Notes that a record of `kind` was seen at `seq` (the verifier calls it for every record).
    func saw(_ kind: RecordKind, at seq: Int64) {
        if firstOfKind[kind] == nil { firstOfKind[kind] = seq }
    }

    public func key(id: String) throws -> KeyState? { byID[id] }

    public func activeKey(named name: String) throws -> KeyState? {
        byID.values.first { $0.name == name && $0.revokedSeq == nil }
    }

    func apply(_ effect: KeyEffect) {
        switch effect {
        case .add(let k): byID[k.keyID] = k
        case .revoke(let id, let seq): byID[id]?.revokedSeq = seq
        }
    }
}

/// What a record does to the key directory.
public enum KeyEffect: Equatable, Sendable {
    case add(KeyState)
    case revoke(keyID: String, seq: Int64)
}

extension StoreTransaction {
    func apply(_ effect: KeyEffect) throws {
        switch effect {
        case .add(let k): try addKey(k)
        case .revoke(let id, let seq): try revokeKey(id: id, atSeq: seq)
        }
    }
}
