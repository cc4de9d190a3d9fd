/// What `verify` found: how much it checked, and every problem with the seq it concerns.
public struct VerificationReport: Sendable {
    /// One problem, with the seq it concerns (nil for the ledger as a whole: empty, cut short).
    public typealias Problem = LedgerFormat.Problem

    public var records: Int64 = 0
    public var signaturesChecked: Int64 = 0
    public var origin: String?
    /// The hash of the last record, as recomputed from its bytes.
    public var headHash: [UInt8]?
    /// Every problem, up to `maxProblems`; beyond that only counted in `moreProblems`, so that
    /// a hostile ledger of millions of bad records cannot fill memory with messages.
    public var problems: [Problem] {
        get { kept }
        _modify {
            yield &kept
            cap()
        }
        set {
            kept = newValue
            cap()
        }
    }
    private var kept: [Problem] = []
    /// How many problems were found beyond the first `maxProblems` and not kept.
    public private(set) var moreProblems: Int = 0
    /// Findings that do not fail verification: entries written under an older customs rules
    /// version that the current rules would refuse. Kept apart from ``problems``.
    public var notices: [Problem] = []

    /// The most problems a report keeps.
    public static let maxProblems = 1000

    private mutating func cap() {
        if kept.count > Self.maxProblems {
            moreProblems += kept.count - Self.maxProblems
            kept.removeLast(kept.count - Self.maxProblems)
        }
    }

    /// Adds problems counted elsewhere but not kept (a reader's own cap).
    public mutating func addUnlisted(_ n: Int) { moreProblems += n }

    public var ok: Bool { kept.isEmpty && moreProblems == 0 }

    /// "and N more problems", when some were not kept.
    public var moreProblemsLine: String? { moreProblems > 0 ? "and \(moreProblems) more problem(s) not listed" : nil }

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
        if moreProblems > 0 { o["more_problems"] = .int(Int64(moreProblems)) }
        if let origin { o["origin"] = .string(origin) }
        if let headHash { o["head_hash"] = .string(Hex.encode(headHash)) }
        return .object(o)
    }
}
