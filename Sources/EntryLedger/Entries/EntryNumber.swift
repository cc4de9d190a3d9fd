import LedgerFormat
/// A CBP entry number: 3-character filer code, 7-digit serial, 1 check digit (`FFF-NNNNNNN-C`).
///
/// The check digit follows docs/customs-facts.md section 3 (it equals Luhn over the 10 characters once the
/// letters are mapped to digits, see ``CustomsRules/entryNumberLetterValue(_:)``).
///
/// ```swift
/// let n = try EntryNumber(parsing: "ABC-1234567-6")
/// n.formatted      // "ABC-1234567-6"
/// n.abi            // "12345676" (SE10 11-18, AE10 9-16)
/// n.next?.formatted // "ABC-1234568-4"
/// ```
public struct EntryNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The filer code: 3 upper-case letters or digits.
    public let filerCode: String
    /// The serial, 0...9_999_999.
    public let serial: Int
    /// The check digit, 0...9.
    public let checkDigit: Int

    /// Parses `FFF-NNNNNNN-C` or the same 11 characters without dashes, checking the check digit.
    public init(parsing text: String) throws(EntryNumberError) {
        let chars = Array(text.unicodeScalars)
        let body: [Unicode.Scalar]
        if chars.count == 13 {
            guard chars[3] == "-", chars[11] == "-" else {
                throw .format("entry number \(EntryNumber.show(text)): expected the form FFF-NNNNNNN-C")
            }
            body = Array(chars[0..<3]) + Array(chars[4..<11]) + [chars[12]]
        } else if chars.count == 11 {
            body = chars
        } else {
            throw .format("entry number \(EntryNumber.show(text)): expected the form FFF-NNNNNNN-C (13 characters, or 11 without dashes), found \(chars.count) characters")
        }
        let filer = String(String.UnicodeScalarView(body[0..<3]))
        guard body[0..<3].allSatisfy(EntryNumber.isFilerCharacter) else {
            throw .format("entry number \(EntryNumber.show(text)): the filer code must be 3 upper-case letters or digits")
        }
        guard body[3..<11].allSatisfy({ ("0"..."9").contains($0) }) else {
            throw .format("entry number \(EntryNumber.show(text)): the serial must be 7 digits and the check digit 1 digit")
        }
        let serial = body[3..<10].reduce(0) { $0 * 10 + Int($1.value - 48) }
        let given = Int(body[10].value - 48)
        let expected = EntryNumber.computeCheckDigit(filerCode: filer, serial: serial)!
        guard given == expected else { throw .checkDigit(given: given, expected: expected) }
        self.filerCode = filer
        self.serial = serial
        self.checkDigit = given
    }

    /// Builds the entry number for a filer code and serial, computing its check digit.
    public init(filerCode: String, serial: Int) throws(EntryNumberError) {
        guard (0...9_999_999).contains(serial) else {
            throw .outOfRange("serial \(serial) is outside 0000000...9999999")
        }
        guard let digit = EntryNumber.computeCheckDigit(filerCode: filerCode, serial: serial) else {
            throw .outOfRange("filer code \(EntryNumber.show(filerCode)) must be 3 upper-case letters or digits")
        }
        self.filerCode = filerCode
        self.serial = serial
        self.checkDigit = digit
    }

    /// The check digit for a filer code and serial, or nil when the filer code is not
    /// 3 upper-case letters or digits or the serial is outside 0...9999999.
    public static func computeCheckDigit(filerCode: String, serial: Int) -> Int? {
        let filer = Array(filerCode.unicodeScalars)
        guard filer.count == 3, filer.allSatisfy(isFilerCharacter), (0...9_999_999).contains(serial) else { return nil }
        var digits = filer.map { CustomsRules.entryNumberLetterValue($0)! }
        digits += paddedSerial(serial).unicodeScalars.map { Int($0.value - 48) }
        var sum = 0
        for (index, digit) in digits.enumerated() {
            if index % 2 == 1 {  // positions 2, 4, ... counted from 1 on the left
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return (10 - sum % 10) % 10
    }

    /// `FFF-NNNNNNN-C`, the form people read and the ledger stores.
    public var formatted: String { "\(filerCode)-\(EntryNumber.paddedSerial(serial))-\(checkDigit)" }

    /// The 11 characters without dashes.
    public var compact: String { "\(filerCode)\(EntryNumber.paddedSerial(serial))\(checkDigit)" }

    /// The 8 characters serial + check digit that ABI records carry after the filer code
    /// (SE10 positions 11-18, AE 10 positions 9-16).
    public var abi: String { "\(EntryNumber.paddedSerial(serial))\(checkDigit)" }

    /// The entry number with the next serial (and its own check digit); nil after 9999999.
    public var next: EntryNumber? { try? EntryNumber(filerCode: filerCode, serial: serial + 1) }

    public var description: String { formatted }

    public static func < (lhs: EntryNumber, rhs: EntryNumber) -> Bool {
        (lhs.filerCode, lhs.serial) < (rhs.filerCode, rhs.serial)
    }

    static func paddedSerial(_ serial: Int) -> String {
        let s = String(serial)
        return String(repeating: "0", count: max(0, 7 - s.count)) + s
    }

    static func isFilerCharacter(_ c: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(c) || ("0"..."9").contains(c)
    }

    /// A value for an error message, cut short when long.
    static func show(_ s: String) -> String {
        s.count > 20 ? "\"" + s.prefix(20) + "...\"" : "\"" + s + "\""
    }
}
