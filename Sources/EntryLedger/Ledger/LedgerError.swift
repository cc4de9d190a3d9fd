import LedgerFormat
/// Why the ledger refused to do something. Nothing was written when one of these is thrown.
public enum LedgerError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The ledger's rules refuse the record (role, revoked key, duplicate, ...): every reason.
    case refused([String])
    /// Input that is not valid, with the field, the value and the rule.
    case invalidInput([String])
    /// Something asked for that the ledger does not hold.
    case notFound(String)

    public var description: String {
        switch self {
        case .refused(let reasons):
            return reasons.count == 1 ? "refused: " + reasons[0] : "refused, \(reasons.count) problems:\n" + reasons.map { "  - " + $0 }.joined(separator: "\n")
        case .invalidInput(let problems):
            return problems.count == 1 ? problems[0] : "\(problems.count) problems:\n" + problems.map { "  - " + $0 }.joined(separator: "\n")
        case .notFound(let what): return what
        }
    }
}
