import LedgerFormat

/// Why the ledger refused to do something. Nothing was written when one of these is thrown.
///
/// Each problem carries the field, the value and the rule it breaks (``Problem``); a refused
/// append also carries the seq the record would have had.
///
/// ```swift
/// do { try ledger.addEntries([json], signer: clerk) } catch let e as LedgerError {
///     for p in e.problems where p.rule == "entry.check-digit" { print(p.field ?? "", p.value ?? "") }
/// }
/// ```
public enum LedgerError: CategorizedError, Equatable, Sendable {
    /// The ledger's rules refuse the record (role, revoked key, duplicate, ...): every reason.
    case refused([Problem])
    /// Input that is not valid, with the field, the value and the rule.
    case invalidInput([Problem])
    /// Something asked for that the ledger does not hold.
    case notFound(Problem)

    /// Refused, for reasons given as text only.
    public static func refused(_ reasons: [String]) -> LedgerError { .refused(reasons.map { Problem($0) }) }
    /// Invalid input, for problems given as text only.
    public static func invalidInput(_ problems: [String]) -> LedgerError { .invalidInput(problems.map { Problem($0) }) }
    /// Not found, said as text only.
    public static func notFound(_ what: String) -> LedgerError { .notFound(Problem(rule: "not-found", what)) }

    /// Every problem, in order.
    public var problems: [Problem] {
        switch self {
        case .refused(let p), .invalidInput(let p): return p
        case .notFound(let p): return [p]
        }
    }

    /// The problems' messages, in order.
    public var messages: [String] { problems.map(\.message) }

    /// Always input: the command was refused before anything was written (exit code 2).
    public var exitCategory: ExitCategory { .input }

    public var description: String {
        switch self {
        case .refused(let reasons):
            return reasons.count == 1 ? "refused: " + reasons[0].message : "refused, \(reasons.count) problems:\n" + reasons.map { "  - " + $0.message }.joined(separator: "\n")
        case .invalidInput(let problems):
            return problems.count == 1 ? problems[0].message : "\(problems.count) problems:\n" + problems.map { "  - " + $0.message }.joined(separator: "\n")
        case .notFound(let what): return what.message
        }
    }
}
