import LedgerFormat
/// One field of an ABI record layout: its name, its 1-based inclusive positions, its CATAIR
/// class, whether it is mandatory, conditional or optional, and where the fact comes from with
/// its confidence. Positions not covered by a field are filler and stay spaces.
public struct ABIField: Sendable, Equatable, Hashable {
    public let name: String
    /// First column, 1-based.
    public let start: Int
    /// Last column, 1-based and inclusive.
    public let end: Int
    public let fieldClass: ABIFieldClass
    public let requirement: ABIRequirement
    /// The source labels of ``ABISource`` that give this field (`S1 S2`), or nil to take the
    /// record's.
    public let source: String?
    /// The confidence of this field's position and class, or nil to take the record's.
    public let confidence: ABIConfidence?
    /// A short rule (values, when it is required), as the layout document prints it.
    public let rule: String

    public init(_ name: String, _ start: Int, _ end: Int, _ fieldClass: ABIFieldClass, _ requirement: ABIRequirement,
                _ rule: String = "", source: String? = nil, confidence: ABIConfidence? = nil) {
        self.name = name
        self.start = start
        self.end = end
        self.fieldClass = fieldClass
        self.requirement = requirement
        self.rule = rule
        self.source = source
        self.confidence = confidence
    }

    /// Number of columns.
    public var width: Int { end - start + 1 }

    /// `positions 6-8` or `position 5`, for messages.
    public var positions: String { start == end ? "position \(start)" : "positions \(start)-\(end)" }

    /// `6-8` or `5`.
    public var range: String { start == end ? "\(start)" : "\(start)-\(end)" }
}

/// The CATAIR class of a field, which also fixes how it is filled. **[firm]** (CATAIR
/// conventions: A/AN/X left-justified and space-filled, N right-justified and zero-filled).
public enum ABIFieldClass: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Letters A-Z (and spaces as fill).
    case a = "A"
    /// Digits, right-justified, zero-filled.
    case n = "N"
    /// Letters, digits and spaces.
    case an = "AN"
    /// Any printable character, upper case.
    case x = "X"
    /// A date MMDDYY (six digits; given to the builder as `YYYY-MM-DD`).
    case d = "D"
    /// A numeric amount or quantity of the Entry Summary chapter: digits, right-justified and
    /// zero-filled, implied decimals as the field says.
    case sn = "(S)N"

    /// Whether the class is written right-justified with zeros.
    public var isNumeric: Bool { self == .n || self == .sn }
}

/// Mandatory, conditional (a rule says when) or optional.
public enum ABIRequirement: String, Sendable, Equatable, Hashable {
    case mandatory = "M"
    case conditional = "C"
    case optional = "O"
}

/// How sure a layout fact is. **[firm]**: two independent sources agree; **[one source]**: one
/// source only; **[unsure]**: the sources conflict or only inference supports it.
public enum ABIConfidence: String, Sendable, Equatable, Hashable, Comparable {
    case firm
    case oneSource = "one source"
    case unsure

    public static func < (l: ABIConfidence, r: ABIConfidence) -> Bool {
        let order: [ABIConfidence] = [.firm, .oneSource, .unsure]
        return order.firstIndex(of: l)! < order.firstIndex(of: r)!
    }
}
