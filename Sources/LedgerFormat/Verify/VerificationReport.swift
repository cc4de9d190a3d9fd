/// What `verify` found: how much it checked, and every problem with the seq it concerns.
public struct VerificationReport: Sendable {
    /// One problem, with the seq it concerns (nil for the ledger as a whole: empty, cut short).
    public typealias Problem = LedgerFormat.Problem

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
            "problems": .array(problems.map(\.json)),
            "notices": .array(notices.map(\.json)),
        ]
        if let origin { o["origin"] = .string(origin) }
        if let headHash { o["head_hash"] = .string(Hex.encode(headHash)) }
        return .object(o)
    }
}
