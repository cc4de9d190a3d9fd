import LedgerFormat
/// Why a response file was refused: the 1-based line (and column) and what was expected.
/// A refused file yields nothing, so the ledger records nothing from it.
public struct ACEResponseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line, or nil for the file as a whole.
    public let line: Int?
    /// 1-based column, when known.
    public let column: Int?
    public let message: String

    public init(line: Int?, column: Int? = nil, _ message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        switch (line, column) {
        case (let l?, let c?): return "ACE response, line \(l), column \(c): \(message)"
        case (let l?, nil): return "ACE response, line \(l): \(message)"
        default: return "ACE response: \(message)"
        }
    }
}
