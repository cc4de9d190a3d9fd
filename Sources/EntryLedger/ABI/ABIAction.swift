import LedgerFormat
/// The action code of an ABI transaction (SE 10 position 5, AE 10 position 3). **[firm]**
public enum ABIAction: String, Sendable, Equatable, Hashable, CaseIterable {
    case add = "A"
    case replace = "R"
    case delete = "D"
    /// Cargo Release (`SE`) only.
    case update = "U"
}
