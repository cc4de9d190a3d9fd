import LedgerFormat
/// One thing wrong with an entry: where (a JSON path such as `lines[2].hts`), the offending
/// value as it was given (personal data masked, long text cut short), the rule it breaks, and a
/// message a broker can act on.
public struct EntryProblem: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// JSON path of the member, `""` for the entry itself: `importer.number`, `lines[0].hts`.
    public let path: String
    /// The offending value as shown to people, or nil when the member is missing.
    public let value: String?
    public let rule: EntryRule
    /// What is wrong, without the path.
    public let message: String

    public init(path: String, value: String?, rule: EntryRule, message: String) {
        self.path = path
        self.value = value
        self.rule = rule
        self.message = message
    }

    /// `path: message`, e.g. `lines[2].hts: "8471.30" is not an HTS number: 10 digits expected`.
    public var description: String { "\(path.isEmpty ? "entry" : path): \(message)" }

    /// The problem as a JSON object (for `--json` output).
    public var json: JSONValue {
        var o: [String: JSONValue] = ["path": .string(path), "rule": .string(rule.rawValue), "message": .string(message)]
        if let value { o["value"] = .string(value) }
        return .object(o)
    }
}

extension EntryProblem {
    /// The problem in the ledger's common shape: field `path`, its value, rule `entry.RULE`.
    public var problem: Problem { Problem(field: path, value: value, rule: "entry." + rule.rawValue, description) }
}
