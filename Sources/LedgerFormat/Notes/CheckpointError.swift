/// Why a checkpoint body (C2SP tlog-checkpoint) was refused.
///
/// ```swift
/// do { _ = try Checkpoint(parsing: "example.com/log\n007\n...\n") }
/// catch let e as CheckpointError { print(e) }   // the tree size has a leading zero
/// ```
public enum CheckpointError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The body does not end in a newline.
    case missingFinalNewline
    /// Fewer than three lines (origin, size, root).
    case tooFewLines(Int)
    /// An empty origin or extension line, or one with a control character.
    case badLine(Int)
    /// A tree size that is not plain decimal without leading zeros within Int64.
    case badSize(String)
    /// A root hash that is not canonical base64 of 32 bytes.
    case badRootHash(String)

    public var description: String {
        switch self {
        case .missingFinalNewline: return "a checkpoint must end in a newline"
        case .tooFewLines(let n): return "a checkpoint needs origin, size and root lines; found \(n) lines"
        case .badLine(let i): return "checkpoint line \(i + 1) is empty or holds a control character"
        case .badSize(let s): return "checkpoint tree size \"\(s)\" is not a decimal number without leading zeros that fits in Int64"
        case .badRootHash(let s): return "checkpoint root hash \"\(s)\" is not base64 of 32 bytes"
        }
    }
}
