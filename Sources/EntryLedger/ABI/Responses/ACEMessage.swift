import LedgerFormat
/// One condition ACE reported (X1, SE90, SO20/50/60/70, E1, UC E2-E4): severity, condition
/// code, narrative, the response file line it came from, and the E0 reference before it
/// (`LINITM 000001`), if any.
public struct ACEMessage: Sendable, Equatable {
    public let severity: ACESeverity?
    public let conditionCode: String?
    public let narrative: String
    /// 1-based line of the response file.
    public let line: Int
    /// The E0 reference type and occurrence before it, when the chapter gives one.
    public let reference: String?

    public init(severity: ACESeverity?, conditionCode: String?, narrative: String, line: Int, reference: String? = nil) {
        self.severity = severity
        self.conditionCode = conditionCode
        self.narrative = narrative
        self.line = line
        self.reference = reference
    }

    /// `F 771 TRFF ADJSTMNT HTS OR EXCLSN MISSING (TARIFF 000001)`.
    public var text: String {
        ([severity?.rawValue, conditionCode, narrative].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " "))
            + (reference.map { " (\($0))" } ?? "")
    }
}
