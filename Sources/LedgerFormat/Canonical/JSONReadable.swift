/// What a typed reader needs of a JSON value, so that one reader serves both the generic
/// ``JSONValue`` tree (a value built in memory, or read by the verifier) and a ``JSONNode`` of a
/// ``JSONTape`` (bytes read once, without a dictionary: the hot paths).
public protocol JSONReadable: Sendable {
    var kind: JSONKind { get }
    var stringValue: String? { get }
    var intValue: Int64? { get }
    var boolValue: Bool? { get }
    /// The items of an array, nil for any other value.
    var items: [Self]? { get }
    /// The number of items of an array or members of an object (0 otherwise).
    var count: Int { get }
    /// The value of member `key` of an object.
    subscript(key: String) -> Self? { get }
    /// The names of an object's members that are not in `known`.
    func memberNames(notIn known: [String]) -> [String]
    /// The value as a ``JSONValue`` tree.
    var jsonValue: JSONValue { get }
}

extension JSONValue: JSONReadable {
    public var kind: JSONKind {
        switch self {
        case .null: return .null
        case .bool: return .bool
        case .int: return .int
        case .string: return .string
        case .array: return .array
        case .object: return .object
        }
    }

    public var items: [JSONValue]? { arrayValue }

    public var count: Int {
        switch self {
        case .array(let a): return a.count
        case .object(let o): return o.count
        default: return 0
        }
    }

    public func memberNames(notIn known: [String]) -> [String] {
        guard case .object(let o) = self else { return [] }
        return o.keys.filter { !known.contains($0) }
    }

    public var jsonValue: JSONValue { self }
}

extension JSONNode: JSONReadable {}
