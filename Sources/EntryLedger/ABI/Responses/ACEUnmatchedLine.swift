import LedgerFormat
/// A well-formed response line that names no entry: an SX10/SO10/E1/UC10 with a blank entry
/// number, or a continuation (SX20, SO60) with no header before it. The filer's reference is
/// kept when echoed, so the ledger may still match it.
public struct ACEUnmatchedLine: Sendable, Equatable {
    /// 1-based line number.
    public let line: Int
    public let recordID: String
    /// The line as read (80 characters).
    public let text: String
    public let filerReference: String?
    /// Why it could not be matched.
    public let reason: String

    public init(line: Int, recordID: String, text: String, filerReference: String?, reason: String) {
        self.line = line
        self.recordID = recordID
        self.text = text
        self.filerReference = filerReference
        self.reason = reason
    }
}
