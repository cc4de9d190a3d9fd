import LedgerFormat
/// One field of an ABI record layout: its name and its 1-based inclusive column positions,
/// exactly as docs/customs-facts.md section 2 lists them.
public struct ABIField: Sendable, Equatable, Hashable {
    public let name: String
    /// First column, 1-based.
    public let start: Int
    /// Last column, 1-based and inclusive.
    public let end: Int
    public let kind: ABIFieldKind

    public init(_ name: String, _ start: Int, _ end: Int, _ kind: ABIFieldKind) {
        self.name = name
        self.start = start
        self.end = end
        self.kind = kind
    }

    /// Number of columns.
    public var width: Int { end - start + 1 }

    /// `positions 6-8` or `position 5`, for messages.
    public var positions: String { start == end ? "position \(start)" : "positions \(start)-\(end)" }
}
