/// What the rules may ask about the ledger as it stood just before the record being checked.
///
/// Two implementations, one set of rules: inside an append transaction, the store's index
/// tables answer (fast, under the write lock); in verify, `MemoryLedgerState`, built only from
/// records the verifier has checked, answers. Nothing in the index is ever trusted by verify.
///
/// Besides keys, the state keeps two generic indexes a domain may use through its
/// ``StateEffect``s: numbers used once (``NumberRow``) and ranges set aside (``RangeRow``).
/// The entries domain keeps entry numbers and reserved ranges in them.
public protocol LedgerState {
    func key(id: String) throws -> KeyState?
    func activeKey(named name: String) throws -> KeyState?
    /// The seq of the first record of `kind`, if any.
    func firstSeq(of kind: RecordKind) throws -> Int64?
    /// Where a number was first used, if it was.
    func numberRow(_ number: String) throws -> NumberRow?
    /// The ranges recorded so far, in seq order.
    func rangeRows() throws -> [RangeRow]
    /// The Merkle root of the ledger's first `size` records, or nil unless the state holds
    /// exactly that many records (a checkpoint covers the records before it).
    func treeRoot(size: UInt64) throws -> [UInt8]?
}

/// A number used once in the ledger (an entry number), when, and when it was voided.
public struct NumberRow: Equatable, Sendable {
    public let number: String
    public let addedSeq: Int64
    public var voidedSeq: Int64?

    public init(number: String, addedSeq: Int64, voidedSeq: Int64? = nil) {
        self.number = number
        self.addedSeq = addedSeq
        self.voidedSeq = voidedSeq
    }
}

/// A range of serials set aside under a group (reserved entry numbers under a filer code).
public struct RangeRow: Equatable, Sendable {
    public let group: String
    public let first: Int64
    public let last: Int64

    public init(group: String, first: Int64, last: Int64) {
        self.group = group
        self.first = first
        self.last = last
    }
}

/// What a valid record changes in the ledger's state.
public enum StateEffect: Equatable, Sendable {
    case addKey(KeyState)
    case revokeKey(keyID: String, seq: Int64)
    case addNumber(String, seq: Int64)
    case voidNumber(String, seq: Int64)
    case addRange(RangeRow, seq: Int64)
}
