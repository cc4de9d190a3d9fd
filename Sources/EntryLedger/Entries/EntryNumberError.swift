import LedgerFormat
/// Why a text is not a valid entry number (see ``EntryNumber``).
public enum EntryNumberError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text does not have the shape `FFF-NNNNNNN-C` (or the same 11 characters without dashes).
    case format(String)
    /// The shape is right but the check digit is not the one the filer code and serial give.
    case checkDigit(given: Int, expected: Int)
    /// A serial number outside 0...9999999, or a filer code that is not 3 upper-case letters or digits.
    case outOfRange(String)

    public var description: String {
        switch self {
        case .format(let reason): return reason
        case .checkDigit(let given, let expected): return "check digit is \(given), should be \(expected)"
        case .outOfRange(let reason): return reason
        }
    }
}
