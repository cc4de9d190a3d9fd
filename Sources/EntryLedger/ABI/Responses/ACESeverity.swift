import LedgerFormat
/// The severity of an ACE condition (X1, SX20, E1). **[one source]**
public enum ACESeverity: String, Sendable, Equatable, Hashable, CaseIterable {
    case fatal = "F"
    case warning = "W"
    /// `P`: listed by docs/customs-facts.md for E1 without its meaning. **[check]**
    case p = "P"
    case informational = "I"
}
