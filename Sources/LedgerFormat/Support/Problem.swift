/// One thing wrong, said so that a program can act on it: the record it concerns (`seq`), the
/// field (a JSON path in the record's body or in the input), the offending value, the rule it
/// breaks (a stable id such as `entry.check-digit` or `chain.prev`), and the message for people.
///
/// ```swift
/// for p in report.problems where p.rule == "record.signature" { print(p.seq ?? -1) }
/// ```
public struct Problem: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The record the problem concerns; nil for the ledger or the input as a whole.
    public var seq: Int64?
    /// Where in the record or the input, as a JSON path (`lines[2].hts`), when known.
    public var field: String?
    /// The offending value as shown to people, when there is one.
    public var value: String?
    /// The rule broken: a stable identifier, `unclassified` for a problem not yet given one.
    public var rule: String
    /// What is wrong, in words a broker can act on (the field is named in it).
    public var message: String

    /// The rule id of a problem that has not been given one.
    public static let unclassified = "unclassified"

    public init(seq: Int64? = nil, field: String? = nil, value: String? = nil, rule: String = Problem.unclassified, _ message: String) {
        self.seq = seq
        self.field = field
        self.value = value
        self.rule = rule
        self.message = message
    }

    /// `seq N: message`, or the message alone when no record is concerned.
    public var description: String { seq.map { "seq \($0): \(message)" } ?? message }

    /// The problem as a JSON object (for `--json` output): `message` and `rule` always, the
    /// others when known.
    public var json: JSONValue {
        var o: [String: JSONValue] = ["message": .string(message), "rule": .string(rule)]
        if let seq { o["seq"] = .int(seq) }
        if let field { o["field"] = .string(field) }
        if let value { o["value"] = .string(value) }
        return .object(o)
    }

    /// The same problem with `prefix` before its message (a label when many items are checked).
    public func prefixed(_ prefix: String) -> Problem {
        var p = self
        p.message = prefix + message
        return p
    }
}

/// Matching on the message's text, for code that held problems as strings before they had
/// fields and rules (`problems.contains { $0.contains("port 41A3") }` reads as it did).
extension Problem {
    /// True when the message is empty.
    public var isEmpty: Bool { message.isEmpty }
    /// True when the message contains `text`.
    public func contains(_ text: some StringProtocol) -> Bool { message.contains(text) }
    /// True when the message starts with `prefix`.
    public func hasPrefix(_ prefix: String) -> Bool { message.hasPrefix(prefix) }
}

/// What a failure means for the program that ran into it, and the exit code the command-line
/// tool gives it: the input was bad (2, nothing written), or a check found the ledger or a
/// proof not as it should be (1).
public enum ExitCategory: Int32, Sendable {
    case verification = 1
    case input = 2
}

/// An error that says which ``ExitCategory`` it belongs to.
public protocol CategorizedError: Error, CustomStringConvertible {
    var exitCategory: ExitCategory { get }
}
