import LedgerFormat
/// The layout of one ABI record type as data: its record id, what it is, the sources that give
/// it and their confidence, and its fields in column order. The builders, the response reader,
/// `schemas/abi-layouts.md` (generated from these tables by ``ABILayoutDocument``) and the tests
/// all read these tables; nothing else knows a position.
public struct ABILayout: Sendable, Equatable {
    /// The record id written at the start of the record (`A`, `SE10`, `10`, `E1` ...).
    public let id: String
    /// A distinct name when two chapters use the same id differently (`E1 (UC)`), else the id.
    public let key: String
    public let title: String
    /// Source labels of ``ABISource`` (`S1 S2 CW`).
    public let source: String
    public let confidence: ABIConfidence
    /// Every field, the record id first, in column order.
    public let fields: [ABIField]
    /// Rules of the record as a whole (order, repetition, when it is sent), for the document.
    public let notes: [String]
    /// Each field's place in ``fields`` by name (the first of a name): every value a batch
    /// writes looks its field up here, so a lookup is one hash, not a scan of the record.
    private let index: [String: Int]
    /// Each field's place and class, in ``fields`` order: what a write needs of a field,
    /// without the field's texts (copying those costs reference counting on every write).
    private let slots: [Slot]

    /// Where a field lies in the record and its class.
    struct Slot: Sendable, Equatable {
        let start: Int
        let end: Int
        let fieldClass: ABIFieldClass
        var width: Int { end - start + 1 }
    }

    public init(id: String, key: String? = nil, title: String, source: String, confidence: ABIConfidence,
                fields: [ABIField], notes: [String] = []) {
        self.id = id
        self.key = key ?? id
        self.title = title
        self.source = source
        self.confidence = confidence
        let idField = ABIField("record id", 1, id.utf8.count, id.allSatisfy(\.isLetter) ? .a : .an, .mandatory, "`\(id)`")
        self.fields = ([idField] + fields).map {
            ABIField($0.name, $0.start, $0.end, $0.fieldClass, $0.requirement, $0.rule,
                     source: $0.source ?? source, confidence: $0.confidence ?? confidence)
        }
        self.notes = notes
        var index: [String: Int] = [:]
        for (i, f) in self.fields.enumerated() where index[f.name] == nil { index[f.name] = i }
        self.index = index
        slots = self.fields.map { Slot(start: $0.start, end: $0.end, fieldClass: $0.fieldClass) }
    }

    /// The field called `name`, or nil.
    public func field(_ name: String) -> ABIField? { index[name].map { fields[$0] } }

    /// The place and class of the field called `name`, or nil.
    func slot(_ name: String) -> Slot? { index[name].map { slots[$0] } }

    /// Whether the fields lie inside the record, in order, without overlapping, with unique
    /// names: checked by the tests for every table.
    public var isWellFormed: Bool {
        var last = 0
        for f in fields {
            guard f.start > last, f.end >= f.start, f.end <= ABIRules.recordLength else { return false }
            last = f.end
        }
        return Set(fields.map(\.name)).count == fields.count
    }
}
