/// One field an amendment changed: its JSON path in the entry (`lines[2].value_cents`), the
/// value before and after (`nil`: absent), as compact JSON text.
///
/// ```swift
/// let changes = FieldChange.diff(old: v1.json, new: v2.json)
/// // [FieldChange(path: "voyage", old: "\"UA880\"", new: "\"UA881\"")]
/// ```
public struct FieldChange: Sendable, Equatable {
    public let path: String
    public let old: String?
    public let new: String?

    public init(path: String, old: String?, new: String?) {
        self.path = path
        self.old = old
        self.new = new
    }

    /// `voyage: "UA880" -> "UA881"`, `firms_code: (none) -> "M123"`.
    public var sentence: String { "\(path): \(old ?? "(none)") -> \(new ?? "(none)")" }

    public var json: JSONValue {
        var o: [String: JSONValue] = ["path": .string(path)]
        o["old"] = old.map { .string($0) } ?? .null
        o["new"] = new.map { .string($0) } ?? .null
        return .object(o)
    }

    /// Every leaf that differs between two JSON values, in path order: objects member by
    /// member (sorted), arrays element by element (`[i]`); a whole array or object is one change
    /// only when the other side is not of the same kind.
    public static func diff(old: JSONValue?, new: JSONValue?, path: String = "") -> [FieldChange] {
        switch (old, new) {
        case (.object(let a)?, .object(let b)?):
            return Set(a.keys).union(b.keys).sorted().flatMap { k in
                diff(old: a[k], new: b[k], path: path.isEmpty ? k : "\(path).\(k)")
            }
        case (.array(let a)?, .array(let b)?):
            return (0..<max(a.count, b.count)).flatMap { i in
                diff(old: i < a.count ? a[i] : Optional<JSONValue>.none, new: i < b.count ? b[i] : Optional<JSONValue>.none, path: "\(path)[\(i)]")
            }
        default:
            if old == new { return [] }
            return [FieldChange(path: path.isEmpty ? "(entry)" : path, old: old.map(text), new: new.map(text))]
        }
    }

    static func text(_ v: JSONValue) -> String { (try? CanonicalJSON.encodeString(v)) ?? "?" }
}
