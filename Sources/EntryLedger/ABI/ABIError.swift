import LedgerFormat
/// Why an ABI record, transaction or batch could not be built. Messages name the record and
/// field and say what is wrong, but never echo the value itself (it may be the ABI password or
/// a social security number).
public enum ABIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The layout has no field of that name (a programming error in a builder).
    case unknownField(record: String, field: String)
    /// The value holds a character an ABI record cannot carry (not upper-case printable ASCII).
    case notUpperCaseASCII(record: String, field: String, detail: String)
    /// The value is longer than the field: never truncated.
    case overflow(record: String, field: String, positions: String, width: Int, length: Int)
    /// The value holds a character its field's CATAIR class does not allow.
    case notInClass(record: String, field: String, fieldClass: String, detail: String)
    /// A CATAIR rule of the transaction is not met (a record or field it needs is missing from
    /// the entry, or two facts contradict).
    case rule(record: String, detail: String)
    /// The ledger's SE13 contact (name and phone) is not set.
    case missingContact
    /// A numeric field was given a negative number or text that is not digits.
    case notNumeric(record: String, field: String, detail: String)
    /// A date field was given something other than a real `YYYY-MM-DD` date.
    case invalidDate(record: String, field: String)
    /// The action code is not one the application takes (`U` is Cargo Release only).
    case actionNotAllowed(action: String, application: String)
    /// The entry has no data for the application (no `cargo_release` for SE, no
    /// `entry_summary` for AE).
    case missingData(application: String)
    /// The same entry number twice in one batch.
    case duplicateEntry(application: String)
    /// The error concerns this entry.
    indirect case inEntry(entryNumber: String, ABIError)

    public var description: String {
        switch self {
        case .unknownField(let record, let field):
            return "ABI record \(record) has no field '\(field)'"
        case .notUpperCaseASCII(let record, let field, let detail):
            return "ABI record \(record), field '\(field)': \(detail); records are upper-case ASCII only"
        case .overflow(let record, let field, let positions, let width, let length):
            return "ABI record \(record), field '\(field)' (\(positions), \(width) wide): the value has \(length) characters and does not fit (never truncated)"
        case .notInClass(let record, let field, _, let detail):
            return "ABI record \(record), field '\(field)': \(detail)"
        case .rule(let record, let detail):
            return "ABI record \(record): \(detail)"
        case .missingContact:
            return "the SE13 contact (name and phone) every cargo release transaction carries is not set: the supervisor sets it with `entryledger settings contact --name NAME --phone DIGITS --key SUPERVISOR_KEY`"
        case .notNumeric(let record, let field, let detail):
            return "ABI record \(record), field '\(field)': \(detail)"
        case .invalidDate(let record, let field):
            return "ABI record \(record), field '\(field)': not a real date YYYY-MM-DD"
        case .actionNotAllowed(let action, let application):
            return "action code \(action) is not allowed for \(application) (allowed: \(ABIApplication(rawValue: application).map { $0.actions.map(\.rawValue).sorted().joined(separator: ", ") } ?? "none"))"
        case .missingData(let application):
            return application == ABIApplication.cargoRelease.rawValue
                ? "the entry has no cargo release data (cargo_release) for an SE transaction"
                : "the entry has no entry summary data (entry_summary) for an AE transaction"
        case .duplicateEntry(let application):
            return "the entry appears more than once in the \(application) batch"
        case .inEntry(let entryNumber, let error):
            return "entry \(entryNumber): \(error.description)"
        }
    }
}
