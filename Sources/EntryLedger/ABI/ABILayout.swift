import LedgerFormat
/// The layout of one ABI record type as data: its record id and its fields at the positions
/// docs/customs-facts.md section 2 gives. Fields docs/customs-facts.md names without a position are left out and listed
/// in ``omitted``; positions it does not mention stay spaces.
public struct ABILayout: Sendable, Equatable {
    /// The record id written at the start of the record (`A`, `SE10`, `10`, `E1` ...).
    public let id: String
    /// Every field, the record id first, in column order.
    public let fields: [ABIField]
    /// What docs/customs-facts.md names for this record without giving a position: left out, never invented.
    public let omitted: [String]

    public init(id: String, fields: [ABIField], omitted: [String] = []) {
        self.id = id
        self.fields = [ABIField("record id", 1, id.utf8.count, .literal(id))] + fields
        self.omitted = omitted
    }

    /// The field called `name`, or nil.
    public func field(_ name: String) -> ABIField? { fields.first { $0.name == name } }

    /// Whether the fields lie inside the record, in order, without overlapping: checked by the
    /// tests for every table.
    public var isWellFormed: Bool {
        var last = 0
        for f in fields {
            guard f.start > last, f.end >= f.start, f.end <= ABIRules.recordLength else { return false }
            last = f.end
        }
        return Set(fields.map(\.name)).count == fields.count
    }
}
