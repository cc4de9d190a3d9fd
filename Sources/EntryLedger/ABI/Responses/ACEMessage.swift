import LedgerFormat
/// One condition ACE reported (an X1, SX20 or E1 line, or the narrative of an SO60/UC10):
/// severity, condition code, narrative, the response file line it came from, and for entry
/// summary responses the input record (and line number) its E0 signpost named.
public struct ACEMessage: Sendable, Equatable {
    public let severity: ACESeverity?
    public let conditionCode: String?
    public let narrative: String
    /// 1-based line of the response file.
    public let line: Int
    /// The input record id the E0 signpost before it named (`10`, `50` ...), if any.
    public let recordID: String?
    /// The entry line number the E0 signpost named, if any.
    public let lineNumber: Int?

    public init(severity: ACESeverity?, conditionCode: String?, narrative: String, line: Int,
                recordID: String? = nil, lineNumber: Int? = nil) {
        self.severity = severity
        self.conditionCode = conditionCode
        self.narrative = narrative
        self.line = line
        self.recordID = recordID
        self.lineNumber = lineNumber
    }
}
