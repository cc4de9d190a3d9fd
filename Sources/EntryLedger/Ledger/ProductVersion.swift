import LedgerFormat

/// What `entryledger --version` prints: the program's version, the ledger format version its
/// records carry (`v`, schemas/ledger-format.md), and the version of the customs rules entries
/// are checked under (``CustomsRules/version``, the `rules_version` entry records carry).
///
/// ```swift
/// print(ProductVersion.line)   // "entryledger 0.1.0 (ledger format 1, rules version 2)"
/// ```
public enum ProductVersion {
    public static let program = "0.1.0"
    public static let ledgerFormat = RecordFormat.version
    public static let rules = CustomsRules.version

    public static var line: String { "entryledger \(program) (ledger format \(ledgerFormat), rules version \(rules))" }
}
