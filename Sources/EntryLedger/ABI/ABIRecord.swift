import LedgerFormat
/// A fixed-width ABI record under construction: 80 columns of upper-case ASCII, fields placed
/// by name at the positions of its ``ABILayout``.
///
/// `A`/`AN`/`X` fields are left-justified and space-padded; `N`/`(S)N` fields right-justified
/// and zero-filled; dates written MMDDYY. A value that does not fit its
/// field, or holds anything but upper-case printable ASCII, is an error naming the record and
/// the field; nothing is ever truncated. A field given `nil` (or never set) stays spaces.
///
/// ```swift
/// var r = ABIRecord(ABILayouts.se60)
/// try r.set("HTS number", text: "8471300100")
/// try r.set("line value", number: 48_120)
/// r.line   // "SE6084713001000000048120" + 56 spaces
/// ```
public struct ABIRecord: Sendable, Equatable {
    public let layout: ABILayout
    private var columns: [UInt8]

    /// A blank record of `layout` with its record id written.
    public init(_ layout: ABILayout) {
        self.layout = layout
        columns = [UInt8](repeating: ABIRules.spaceFill, count: ABIRules.recordLength)
        for (i, b) in layout.id.utf8.enumerated() where i < columns.count { columns[i] = b }
    }

    /// The record: exactly ``ABIRules/recordLength`` characters, without a line end.
    public var line: String { String(decoding: columns, as: UTF8.self) }

    /// The record's bytes, without a line end.
    public var bytes: [UInt8] { columns }

    /// Appends the record's bytes (without a line end) to `out`.
    func append(to out: inout [UInt8]) { out.append(contentsOf: columns) }

    /// Writes `value` into a field by its class: `A`, `AN`, `X` left-justified and
    /// space-filled (the characters checked against the class); `N`, `(S)N` digits only,
    /// right-justified and zero-filled; `D` a `YYYY-MM-DD` date. `nil` leaves the field blank.
    public mutating func set(_ name: String, text value: String?) throws(ABIError) {
        let field = try self.field(name)
        guard let value else { return clear(field) }
        switch field.fieldClass {
        case .d: return try set(name, date: value)
        case .n, .sn:
            guard !value.isEmpty, value.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
                throw .notNumeric(record: layout.id, field: name, detail: "expected digits only (class \(field.fieldClass.rawValue))")
            }
            try place(value.utf8, in: field, name, rightJustified: true)
        case .a, .an, .x:
            let bytes = try checkedBytes(value, name)
            if let bad = bytes.firstIndex(where: { !ABIRules.fits($0, field.fieldClass) }) {
                throw .notInClass(record: layout.id, field: name, fieldClass: field.fieldClass.rawValue,
                                  detail: "character \(bytes.distance(from: bytes.startIndex, to: bad) + 1) of the value is not allowed in class \(field.fieldClass.rawValue) (\(ABIRules.classDescription(field.fieldClass)))")
            }
            try place(bytes, in: field, name, rightJustified: false)
        }
    }

    /// Writes a non-negative number into an `N` or `(S)N` field, right-justified and
    /// zero-filled. `nil` leaves the field blank.
    public mutating func set(_ name: String, number value: Int64?) throws(ABIError) {
        let field = try self.field(name)
        guard let value else { return clear(field) }
        guard field.fieldClass.isNumeric else {
            throw .notNumeric(record: layout.id, field: name, detail: "the field is not numeric")
        }
        guard value >= 0 else {
            throw .notNumeric(record: layout.id, field: name, detail: "a negative amount cannot be written")
        }
        try place(String(value).utf8, in: field, name, rightJustified: true)
    }

    /// Writes a `YYYY-MM-DD` date as MMDDYY into a `D` field or a 6-wide `N` date field.
    /// `nil` leaves the field blank.
    public mutating func set(_ name: String, date value: String?) throws(ABIError) {
        let field = try self.field(name)
        guard let value else { return clear(field) }
        guard field.fieldClass == .d || (field.fieldClass == .n && field.width == 6) else {
            throw .invalidDate(record: layout.id, field: name)
        }
        guard let mmddyy = CustomsDate.abi(value) else { throw .invalidDate(record: layout.id, field: name) }
        try place(mmddyy.utf8, in: field, name, rightJustified: false)
    }

    /// Writes `Y` or `N` (``ABIRules/yes``, ``ABIRules/no``) into an alphanumeric field.
    public mutating func set(_ name: String, flag value: Bool?) throws(ABIError) {
        try set(name, text: value.map { $0 ? ABIRules.yes : ABIRules.no })
    }

    /// The text of field `name` as written (spaces included).
    public func value(_ name: String) -> String? {
        guard let f = layout.field(name) else { return nil }
        return String(decoding: columns[(f.start - 1)..<f.end], as: UTF8.self)
    }

    private func field(_ name: String) throws(ABIError) -> ABILayout.Slot {
        guard name != "record id", let f = layout.slot(name) else { throw .unknownField(record: layout.id, field: name) }
        return f
    }

    private mutating func clear(_ field: ABILayout.Slot) {
        for i in (field.start - 1)..<field.end { columns[i] = ABIRules.spaceFill }
    }

    private func checkedBytes(_ value: String, _ name: String) throws(ABIError) -> String.UTF8View {
        // Nearly every value: record characters only, checked byte by byte.
        if value.utf8.allSatisfy({ $0 < 0x80 && ABIRules.isRecordCharacter($0) }) { return value.utf8 }
        var position = 0
        for scalar in value.unicodeScalars {
            position += 1
            guard scalar.isASCII, ABIRules.isRecordCharacter(UInt8(scalar.value)) else {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                let what = ("a"..."z").contains(scalar) ? "a lower-case letter" : scalar.value < 0x20 || scalar.value == 0x7F ? "a control character" : "not ASCII"
                throw .notUpperCaseASCII(record: layout.id, field: name,
                                         detail: "character \(position) of the value (\(code)) is \(what)")
            }
        }
        return value.utf8
    }

    private mutating func place(_ bytes: String.UTF8View, in field: ABILayout.Slot, _ name: String, rightJustified: Bool) throws(ABIError) {
        let count = bytes.count
        guard count <= field.width else {
            let positions = layout.field(name)?.positions ?? ""
            throw .overflow(record: layout.id, field: name, positions: positions, width: field.width, length: count)
        }
        // Written in place: the fill, then the value (right-justified), or the value, then the fill.
        let first = field.start - 1
        let valueStart = rightJustified ? first + field.width - count : first
        let fill = rightJustified ? ABIRules.numericFill : ABIRules.spaceFill
        for i in first..<(first + field.width) { columns[i] = fill }
        var i = valueStart
        for b in bytes {
            columns[i] = b
            i += 1
        }
    }
}
