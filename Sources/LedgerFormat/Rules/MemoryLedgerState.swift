/// The verifier's state, built only from records it has checked.
package final class MemoryLedgerState: LedgerState {
    package private(set) var keysByID: [String: KeyState] = [:]
    private var firstOfKind: [RecordKind: Int64] = [:]
    private var numbers: [String: NumberRow] = [:]
    private var ranges: [RangeRow] = []
    /// The ranges with the seq of the record that set each aside, in seq order.
    package private(set) var rangesWithSeq: [(row: RangeRow, seq: Int64)] = []
    /// Every number used, sorted by number (to compare with a store's index).
    package var numberRows: [NumberRow] { numbers.values.sorted { $0.number < $1.number } }
    /// How many numbers were used.
    package var numberCount: Int { numbers.count }
    /// The Merkle tree of the records checked so far (the verifier appends each record's hash).
    var tree = MerkleRange()

    package init() {}

    package func key(id: String) throws -> KeyState? { keysByID[id] }

    package func activeKey(named name: String) throws -> KeyState? {
        keysByID.values.first { $0.name == name && $0.revokedSeq == nil }
    }

    package func firstSeq(of kind: RecordKind) throws -> Int64? { firstOfKind[kind] }
    package func numberRow(_ number: String) throws -> NumberRow? { numbers[number] }
    package func rangeRows() throws -> [RangeRow] { ranges }
    package func treeRoot(size: UInt64) throws -> [UInt8]? { tree.size == size ? tree.root : nil }

    /// Notes that a record of `kind` was seen at `seq` (the verifier calls it for every record).
    func saw(_ kind: RecordKind, at seq: Int64) {
        if firstOfKind[kind] == nil { firstOfKind[kind] = seq }
    }

    func apply(_ effect: StateEffect) {
        switch effect {
        case .addKey(let k): keysByID[k.keyID] = k
        case .revokeKey(let id, let seq): keysByID[id]?.revokedSeq = seq
        case .addNumber(let n, let seq): numbers[n] = NumberRow(number: n, addedSeq: seq)
        case .voidNumber(let n, let seq): numbers[n]?.voidedSeq = seq
        case .addRange(let r, let seq):
            ranges.append(r)
            rangesWithSeq.append((r, seq))
        }
    }
}
