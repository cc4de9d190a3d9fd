import LedgerFormat
/// The severity of an ACE condition (X1, AX E1). **[firm]**
public enum ACESeverity: String, Sendable, Equatable, Hashable, CaseIterable {
    case fatal = "F"
    case warning = "W"
    /// PGA warning.
    case pga = "P"
    case informational = "I"
}
