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

extension MemoryLedgerState {
    /// Writes keys, the kinds seen, numbers and ranges for a ``FoldSnapshot`` (not the tree:
    /// a verifier rebuilds it from the records' hashes).
    func writeFold(_ w: inout FoldWriter) {
        w.count(keysByID.count)
        for k in keysByID.values.sorted(by: { $0.keyID < $1.keyID }) {
            w.string(k.keyID)
            w.string(k.name)
            w.string(k.role.rawValue)
            w.data(k.publicKey)
            w.int(k.enrolledSeq)
            w.optionalInt(k.revokedSeq)
        }
        w.count(firstOfKind.count)
        for (kind, seq) in firstOfKind.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            w.string(kind.rawValue)
            w.int(seq)
        }
        w.count(numbers.count)
        for n in numbers.values {
            w.string(n.number)
            w.int(n.addedSeq)
            w.optionalInt(n.voidedSeq)
        }
        w.count(rangesWithSeq.count)
        for r in rangesWithSeq {
            w.string(r.row.group)
            w.int(r.row.first)
            w.int(r.row.last)
            w.int(r.seq)
        }
    }

    /// Takes the keys, kinds seen, numbers and ranges another state read from a snapshot (not its tree).
    func adoptFold(of other: MemoryLedgerState) {
        keysByID = other.keysByID
        firstOfKind = other.firstOfKind
        numbers = other.numbers
        ranges = other.ranges
        rangesWithSeq = other.rangesWithSeq
    }

    /// Reads what ``writeFold(_:)`` wrote into this (empty) state.
    func readFold(_ r: inout FoldReader) throws {
        for _ in 0..<(try r.count(itemBytes: 40)) {
            let id = try r.string(), name = try r.string(), roleName = try r.string(), key = try r.data()
            guard let role = Role(rawValue: roleName) else { throw FoldSnapshotError("a key's role \(roleName)") }
            keysByID[id] = KeyState(keyID: id, name: name, role: role, publicKey: key, enrolledSeq: try r.int(), revokedSeq: try r.optionalInt())
        }
        for _ in 0..<(try r.count(itemBytes: 16)) { firstOfKind[RecordKind(rawValue: try r.string())] = try r.int() }
        let n = try r.count(itemBytes: 17)
        numbers.reserveCapacity(n)
        for _ in 0..<n {
            let number = try r.string()
            numbers[number] = NumberRow(number: number, addedSeq: try r.int(), voidedSeq: try r.optionalInt())
        }
        for _ in 0..<(try r.count(itemBytes: 32)) {
            let row = RangeRow(group: try r.string(), first: try r.int(), last: try r.int())
            ranges.append(row)
            rangesWithSeq.append((row, try r.int()))
        }
    }
}
