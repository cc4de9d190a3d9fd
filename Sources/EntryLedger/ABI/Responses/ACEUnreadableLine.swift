import LedgerFormat
/// A line of a response file the reader could not take in: an unknown record id, a line that
/// is not 80 printable characters, a field that is not in its class, or a record where the
/// chapter does not put it. Reported with the reason, never guessed at.
public struct ACEUnreadableLine: Sendable, Equatable {
    /// 1-based line number.
    public let line: Int
    /// The line as read (printable characters only; others shown as `?`).
    public let text: String
    public let reason: String

    public init(line: Int, text: String, reason: String) {
        self.line = line
        self.text = text
        self.reason = reason
    }
}
