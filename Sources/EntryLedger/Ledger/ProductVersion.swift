/// What `entryledger --version` prints: the program's version, the ledger format version its
/// records carry (`v`, schemas/ledger-format.md), and the version of its customs rules tables
/// (entry rules, deadlines, ABI layouts): bump ``rules`` whenever one of those tables changes,
/// so that a report or a bug can name the rules it was made under.
///
/// ```swift
/// print(ProductVersion.line)   // "entryledger 0.1.0 (ledger format 1, rules 2026.11.29)"
/// ```
public enum ProductVersion {
    public static let program = "0.1.0"
    public static let ledgerFormat = RecordFormat.version
    public static let rules = "2026.11.29"

    public static var line: String { "entryledger \(program) (ledger format \(ledgerFormat), rules \(rules))" }
}
