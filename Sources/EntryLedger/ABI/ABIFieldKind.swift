import LedgerFormat
/// How a field of an ABI record is written.
public enum ABIFieldKind: Sendable, Equatable, Hashable {
    /// A fixed text (the record id, `A`, `SE10`, `10` ...), written by the record itself.
    case literal(String)
    /// Upper-case ASCII text, left-justified and space-padded.
    case alphanumeric
    /// Digits, right-justified and filled with ``ABIRules/numericFill``.
    case numeric
    /// A date, written MMDDYY (given as `YYYY-MM-DD`). **[firm]**
    case date
}
