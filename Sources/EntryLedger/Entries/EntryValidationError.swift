import LedgerFormat
/// Every problem found in an entry, all at once. Thrown when an entry is refused; nothing is
/// written when it is.
public struct EntryValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problems in document order (never empty).
    public let problems: [EntryProblem]

    public init(problems: [EntryProblem]) { self.problems = problems }

    /// The set of JSON paths with a problem.
    public var paths: Set<String> { Set(problems.map(\.path)) }

    public var description: String {
        let head = problems.count == 1 ? "1 problem in the entry:" : "\(problems.count) problems in the entry:"
        return ([head] + problems.map { "  " + $0.description }).joined(separator: "\n")
    }
}
