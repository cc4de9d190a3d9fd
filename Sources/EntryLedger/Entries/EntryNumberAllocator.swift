import LedgerFormat
import LedgerSQLite

/// Hands out the free numbers of the reserved downtime ranges in order, inside one append
/// transaction: the ranges and the numbers already used are read once, then each number
/// costs O(1) amortised (an import of n entries reads the store once, not n times).
struct EntryNumberAllocator {
    private let ranges: [EntryNumberRange]
    private var used: [Set<Int>]
    /// Where the search resumes: range index and serial.
    private var range = 0
    private var serial: Int

    init(_ tx: StoreTransaction) throws {
        ranges = try tx.reservedRanges()
        guard !ranges.isEmpty else {
            throw LedgerError.refused([Ledger.noneReserved])
        }
        used = try ranges.map { r in
            let lo = try EntryNumber(filerCode: r.filerCode, serial: r.first).formatted
            let hi = try EntryNumber(filerCode: r.filerCode, serial: r.last).formatted
            return Set(try tx.numbers(from: lo, through: hi).compactMap { try? EntryNumber(parsing: $0).serial })
        }
        serial = ranges[0].first
    }

    /// The lowest free number not handed out yet (ranges in the order they were reserved).
    mutating func next() throws -> EntryNumber {
        while range < ranges.count {
            let r = ranges[range]
            if serial < r.first { serial = r.first }
            while serial <= r.last {
                let s = serial
                serial += 1
                if !used[range].contains(s) {
                    used[range].insert(s)
                    return try EntryNumber(filerCode: r.filerCode, serial: s)
                }
            }
            range += 1
            if range < ranges.count { serial = ranges[range].first }
        }
        throw LedgerError.refused([Problem(rule: "numbers.all-used", "every reserved entry number is used; the supervisor reserves another range with `entryledger entry reserve`")])
    }
}
