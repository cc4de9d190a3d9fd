/// What `verify` found: how much it checked, and every problem with the seq it concerns.
public struct VerificationReport: Sendable {
    /// One problem. `seq` is nil for problems of the ledger as a whole (empty, cut short).
    public struct Problem: Equatable, Sendable, CustomStringConvertible {
        public let seq: Int64?
        public let message: String

        public init(seq: Int64?, _ message: String) {
            self.seq = seq
            self.message = message
        }

        public var description: String { seq.map { "seq \($0): \(message)" } ?? message }
    }

    public var records: Int64 = 0
    public var signaturesChecked: Int64 = 0
    public var origin: String?
    /// The hash of the last record, as recomputed from its bytes.
    public var headHash: [UInt8]?
    public var problems: [Problem] = []
    /// Findings that do not fail verification: entries written under an older customs rules
    /// version that the current rules would refuse. Kept apart from ``problems``.
    public var notices: [Problem] = []

    public var ok: Bool { problems.isEmpty }

    public init() {}

    /// The report as JSON, for `verify --json`.
    public var json: JSONValue {
        var o: [String: JSONValue] = [
            "ok": .bool(ok),
            "records": .int(records),
            "signatures_checked": .int(signaturesChecked),
            "problems": .array(problems.map { p in
                var e: [String: JSONValue] = ["message": .string(p.message)]
                if let s = p.seq { e["seq"] = .int(s) }
                return .object(e)
            }),
            "notices": .array(notices.map { p in
                var e: [String: JSONValue] = ["message": .string(p.message)]
                if let s = p.seq { e["seq"] = .int(s) }
                return .object(e)
            }),
        ]
        if let origin { o["origin"] = .string(origin) }
        if let headHash { o["head_hash"] = .string(Hex.encode(headHash)) }
        return .object(o)
    }
}
