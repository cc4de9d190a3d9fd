/// What the rules may ask about the ledger as it stood just before the record being checked.
///
/// Two implementations, one set of rules: inside an append transaction, the store's index
/// tables answer (fast, under the write lock); in verify, `MemoryLedgerState`, built only from
/// records the verifier has checked, answers. Nothing in the index is ever trusted by verify.
public protocol LedgerState {
    func key(id: String) throws -> KeyState?
    func activeKey(named name: String) throws -> KeyState?
    /// The seq of the first record of `kind`, if any.
    func firstSeq(of kind: RecordKind) throws -> Int64?
    /// Where an entry number was used, if it was.
    func entry(number: String) throws -> EntryIndex?
    /// The reserved ranges of entry numbers recorded so far.
    func reservedRanges() throws -> [EntryNumberRange]
}

/// Where an entry number stands in the ledger.
public struct EntryIndex: Equatable, Sendable {
    public let number: String
    public let addedSeq: Int64
    public var voidedSeq: Int64?

    public init(number: String, addedSeq: Int64, voidedSeq: Int64? = nil) {
        self.number = number
        self.addedSeq = addedSeq
        self.voidedSeq = voidedSeq
    }
}

/// What a valid record changes in the ledger's state.
public enum StateEffect: Equatable, Sendable {
    case addKey(KeyState)
    case revokeKey(keyID: String, seq: Int64)
    case addEntry(number: String, seq: Int64)
    case voidEntry(number: String, seq: Int64)
    case reserveRange(EntryNumberRange, seq: Int64)
}

extension StoreTransaction: LedgerState {}

/// The verifier's state, built only from records it has checked.
public final class MemoryLedgerState: LedgerState {
    public private(set) var keysByID: [String: KeyState] = [:]
    private var firstOfKind: [RecordKind: Int64] = [:]
    private var entries: [String: EntryIndex] = [:]
    private var ranges: [EntryNumberRange] = []
    /// The reserved ranges with the seq of the record that reserved each.
    public private(set) var rangeRows: [ReservedRangeRow] = []
    /// Every entry number taken, with where it was added and voided.
    public var entryIndex: [EntryIndex] { entries.values.sorted { $0.number < $1.number } }
    /// The Merkle tree of the records checked so far (the verifier appends each record's hash).
    var tree = MerkleRange()

    public init() {}

    public func key(id: String) throws -> KeyState? { keysByID[id] }

    public func activeKey(named name: String) throws -> KeyState? {
        keysByID.values.first { $0.name == name && $0.revokedSeq == nil }
    }

    public func firstSeq(of kind: RecordKind) throws -> Int64? { firstOfKind[kind] }
    public func entry(number: String) throws -> EntryIndex? { entries[number] }
    public func reservedRanges() throws -> [EntryNumberRange] { ranges }

    /// Notes that a record of `kind` was seen at `seq` (the verifier calls it for every record).
    func saw(_ kind: RecordKind, at seq: Int64) {
        if firstOfKind[kind] == nil { firstOfKind[kind] = seq }
    }

    func apply(_ effect: StateEffect) {
        switch effect {
        case .addKey(let k): keysByID[k.keyID] = k
        case .revokeKey(let id, let seq): keysByID[id]?.revokedSeq = seq
        case .addEntry(let n, let seq): entries[n] = EntryIndex(number: n, addedSeq: seq)
        case .voidEntry(let n, let seq): entries[n]?.voidedSeq = seq
        case .reserveRange(let r, let seq):
            ranges.append(r)
            rangeRows.append(ReservedRangeRow(filer: r.filerCode, first: Int64(r.first), last: Int64(r.last), seq: seq))
        }
    }
}

extension StoreTransaction {
    func apply(_ effect: StateEffect) throws {
        switch effect {
        case .addKey(let k): try addKey(k)
        case .revokeKey(let id, let seq): try revokeKey(id: id, atSeq: seq)
        case .addEntry(let n, let seq): try addEntry(number: n, seq: seq)
        case .voidEntry(let n, let seq): try voidEntry(number: n, seq: seq)
        case .reserveRange(let r, let seq): try addRange(r, seq: seq)
        }
    }
}
