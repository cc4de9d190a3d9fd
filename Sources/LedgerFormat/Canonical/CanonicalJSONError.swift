/// Why a JSON text was refused by the strict reader or a value by the canonical encoder.
public struct CanonicalJSONError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Byte offset in the input where the problem was found (nil for encoder errors).
    public let offset: Int?
    public let reason: String

    public init(offset: Int?, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String {
        if let offset { return "invalid JSON at byte \(offset): \(reason)" }
        return "invalid JSON value: \(reason)"
    }
}
