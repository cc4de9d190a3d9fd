import LedgerFormat
/// A range of entry numbers reserved for downtime: one filer code, serials `first...last`.
///
/// ```swift
/// let range = try EntryNumberRange(filerCode: "EL7", first: 1_000_000, last: 1_000_499)
/// let n = range.firstFree(excluding: usedNumbers)   // nil when the range is used up
/// ```
public struct EntryNumberRange: Sendable, Hashable {
    public let filerCode: String
    public let first: Int
    public let last: Int

    public init(filerCode: String, first: Int, last: Int) throws(EntryNumberError) {
        guard EntryNumber.computeCheckDigit(filerCode: filerCode, serial: 0) != nil else {
            throw .outOfRange("filer code \(EntryNumber.show(filerCode)) must be 3 upper-case letters or digits")
        }
        guard (0...9_999_999).contains(first), (0...9_999_999).contains(last), first <= last else {
            throw .outOfRange("serial range \(first)...\(last) must lie within 0000000...9999999, first <= last")
        }
        self.filerCode = filerCode
        self.first = first
        self.last = last
    }

    /// How many entry numbers the range holds.
    public var count: Int { last - first + 1 }

    public func contains(_ number: EntryNumber) -> Bool {
        number.filerCode == filerCode && (first...last).contains(number.serial)
    }

    /// The lowest entry number of the range that is not in `used`, or nil when all are used.
    public func firstFree(excluding used: Set<EntryNumber>) -> EntryNumber? {
        var serial = first
        while serial <= last {
            let n = try! EntryNumber(filerCode: filerCode, serial: serial)
            if !used.contains(n) { return n }
            serial += 1
        }
        return nil
    }

    /// The first number after `current` in the range (nil when `current` is the last or
    /// outside the range); for a clerk taking numbers one after another.
    public func next(after current: EntryNumber) -> EntryNumber? {
        guard contains(current), current.serial < last else { return nil }
        return current.next
    }
}
