/// JSON bytes read once into a flat list of nodes (a "tape") that point back into the bytes:
/// no dictionary, no hashing, and a string is made only when a reader asks for it. The
/// typed readers of the hot paths (an entry decoded from a record's payload) walk it through
/// ``JSONNode``; everything else keeps using ``JSONValue``.
///
/// It accepts exactly what ``JSONReader`` accepts (the restricted profile: strict UTF-8, no
/// floating-point numbers, integers within +/- 2^53, no duplicate member names, no lone
/// surrogates, nesting at most ``CanonicalJSON/maxDepth``), and when it refuses, the error is
/// the one ``JSONReader`` gives for the same bytes.
///
/// ```swift
/// let tape = try JSONTape(Array(#"{"body":{"entry":{}},"seq":1}"#.utf8))
/// let seq = tape.root["seq"]?.intValue   // 1
/// ```
public final class JSONTape: @unchecked Sendable {
    // @unchecked: immutable after init.

    /// The bytes the nodes point into.
    public let bytes: [UInt8]
    fileprivate var nodes: [Node] = []
    /// Strings that held an escape or a non-ASCII character, decoded once.
    fileprivate var decoded: [String] = []

    fileprivate struct Node {
        var kind: JSONKind
        /// A string: true when it is plain ASCII without escapes (its bytes are the string).
        /// A boolean: its value.
        var flag: Bool
        /// A string's content (between the quotes); a container's opening bracket.
        var start: Int32
        var end: Int32
        /// The index of the node after this one's subtree.
        var next: Int32
        /// Members (key/value pairs) of an object, items of an array.
        var count: Int32
        /// An integer's value; for a string that is not plain, its index in `decoded`.
        var value: Int64
    }

    /// Reads `bytes` (exactly one JSON value, surrounding whitespace allowed).
    public init(_ bytes: [UInt8]) throws(CanonicalJSONError) {
        self.bytes = bytes
        do throws(CanonicalJSONError) {
            var parser = TapeParser(bytes: bytes)
            try parser.parseDocument()
            nodes = parser.nodes
            decoded = parser.decoded
        } catch {
            // The reference reader's words for what is wrong, so that every caller reports
            // bad input as it always did.
            do throws(CanonicalJSONError) { _ = try JSONReader.parse(bytes) } catch { throw error }
            throw error
        }
    }

    /// The document's value.
    public var root: JSONNode { JSONNode(tape: self, index: 0) }
}

/// The type of a JSON value.
public enum JSONKind: UInt8, Sendable {
    case null, bool, int, string, array, object

    /// A short name of the type, for error messages (``JSONValue/typeName`` too).
    public var name: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int: return "integer"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

/// One value of a ``JSONTape``.
public struct JSONNode: Sendable {
    public let tape: JSONTape
    let index: Int

    fileprivate var node: JSONTape.Node { tape.nodes[index] }

    public var kind: JSONKind { node.kind }

    public var stringValue: String? {
        let n = node
        guard n.kind == .string else { return nil }
        if !n.flag { return tape.decoded[Int(n.value)] }
        return String(decoding: tape.bytes[Int(n.start)..<Int(n.end)], as: UTF8.self)
    }

    public var intValue: Int64? {
        let n = node
        return n.kind == .int ? n.value : nil
    }

    public var boolValue: Bool? {
        let n = node
        return n.kind == .bool ? n.flag : nil
    }

    /// The number of items of an array or members of an object (0 otherwise).
    public var count: Int { Int(node.count) }

    /// The items of an array.
    public var items: [JSONNode]? {
        let n = node
        guard n.kind == .array else { return nil }
        var out: [JSONNode] = []
        out.reserveCapacity(Int(n.count))
        var i = index + 1
        for _ in 0..<n.count {
            out.append(JSONNode(tape: tape, index: i))
            i = Int(tape.nodes[i].next)
        }
        return out
    }

    /// Whether the string node at `i` is exactly `key`.
    private func keyEquals(_ i: Int, _ key: String) -> Bool {
        let k = tape.nodes[i]
        guard k.flag else { return tape.decoded[Int(k.value)] == key }
        let length = Int(k.end - k.start)
        var key = key
        return key.withUTF8 { u in
            guard u.count == length else { return false }
            return tape.bytes.withUnsafeBufferPointer { b in
                var j = 0
                let s = Int(k.start)
                while j < length {
                    if b[s + j] != u[j] { return false }
                    j += 1
                }
                return true
            }
        }
    }

    /// The value of member `key` of an object.
    public subscript(key: String) -> JSONNode? {
        let n = node
        guard n.kind == .object else { return nil }
        var i = index + 1
        for _ in 0..<n.count {
            if keyEquals(i, key) { return JSONNode(tape: tape, index: i + 1) }
            i = Int(tape.nodes[i + 1].next)
        }
        return nil
    }

    /// The members of an object, in the order written.
    public var members: [(key: String, value: JSONNode)]? {
        let n = node
        guard n.kind == .object else { return nil }
        var out: [(key: String, value: JSONNode)] = []
        var i = index + 1
        for _ in 0..<n.count {
            out.append((JSONNode(tape: tape, index: i).stringValue ?? "", JSONNode(tape: tape, index: i + 1)))
            i = Int(tape.nodes[i + 1].next)
        }
        return out
    }

    /// The names of an object's members that are not in `known`, without making a string of
    /// the ones that are.
    public func memberNames(notIn known: [String]) -> [String] {
        let n = node
        guard n.kind == .object else { return [] }
        var out: [String] = []
        var i = index + 1
        for _ in 0..<n.count {
            if !known.contains(where: { keyEquals(i, $0) }) { out.append(JSONNode(tape: tape, index: i).stringValue ?? "") }
            i = Int(tape.nodes[i + 1].next)
        }
        return out
    }

    /// The value as a ``JSONValue`` tree (for the few readers that need one).
    public var jsonValue: JSONValue {
        let n = node
        switch n.kind {
        case .null: return .null
        case .bool: return .bool(n.flag)
        case .int: return .int(n.value)
        case .string: return .string(stringValue ?? "")
        case .array: return .array((items ?? []).map(\.jsonValue))
        case .object:
            var o: [String: JSONValue] = [:]
            for (k, v) in members ?? [] { o[k] = v.jsonValue }
            return .object(o)
        }
    }
}

/// The parser behind ``JSONTape``: ``JSONReader``'s grammar and checks, writing nodes.
private struct TapeParser {
    let bytes: [UInt8]
    var pos = 0
    var nodes: [JSONTape.Node] = []
    var decoded: [String] = []

    init(bytes: [UInt8]) {
        self.bytes = bytes
        nodes.reserveCapacity(bytes.count / 12 + 4)
    }

    func fail(_ reason: String) -> CanonicalJSONError { CanonicalJSONError(offset: pos, reason: reason) }

    mutating func skipWhitespace() {
        while pos < bytes.count {
            let b = bytes[pos]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            pos += 1
        }
    }

    mutating func parseDocument() throws(CanonicalJSONError) {
        skipWhitespace()
        try parseValue(depth: 0)
        skipWhitespace()
        guard pos == bytes.count else { throw fail("unexpected data after the JSON value") }
    }

    mutating func append(_ kind: JSONKind, flag: Bool = false, start: Int, end: Int, value: Int64 = 0) -> Int {
        nodes.append(JSONTape.Node(kind: kind, flag: flag, start: Int32(start), end: Int32(end), next: Int32(nodes.count + 1), count: 0, value: value))
        return nodes.count - 1
    }

    mutating func literal(_ lit: StaticString, _ kind: JSONKind, flag: Bool) throws(CanonicalJSONError) {
        let n = lit.utf8CodeUnitCount
        guard pos + n <= bytes.count else { throw fail("invalid literal") }
        let p = lit.utf8Start
        for i in 0..<n where bytes[pos + i] != p[i] { throw fail("invalid literal") }
        _ = append(kind, flag: flag, start: pos, end: pos + n)
        pos += n
    }

    mutating func parseValue(depth: Int) throws(CanonicalJSONError) {
        guard depth <= CanonicalJSON.maxDepth else { throw fail("nested deeper than \(CanonicalJSON.maxDepth) levels") }
        guard pos < bytes.count else { throw fail("unexpected end of input") }
        switch bytes[pos] {
        case UInt8(ascii: "{"): try parseObject(depth: depth)
        case UInt8(ascii: "["): try parseArray(depth: depth)
        case UInt8(ascii: "\""): try parseString()
        case UInt8(ascii: "t"): try literal("true", .bool, flag: true)
        case UInt8(ascii: "f"): try literal("false", .bool, flag: false)
        case UInt8(ascii: "n"): try literal("null", .null, flag: false)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try parseNumber()
        default: throw fail("unexpected character")
        }
    }

    mutating func close(_ i: Int, count: Int) {
        nodes[i].count = Int32(count)
        nodes[i].next = Int32(nodes.count)
        nodes[i].end = Int32(pos)
    }

    mutating func parseObject(depth: Int) throws(CanonicalJSONError) {
        let me = append(.object, start: pos, end: pos)
        pos += 1
        skipWhitespace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") {
            pos += 1
            close(me, count: 0)
            return
        }
        var keys: [(index: Int, offset: Int)] = []
        var names: Set<String>?
        while true {
            skipWhitespace()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { throw fail("expected a member name") }
            let keyStart = pos
            try parseString()
            try refuseDuplicate(nodes.count - 1, at: keyStart, among: keys, names: &names)
            keys.append((nodes.count - 1, keyStart))
            skipWhitespace()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { throw fail("expected ':'") }
            pos += 1
            skipWhitespace()
            try parseValue(depth: depth + 1)
            skipWhitespace()
            guard pos < bytes.count else { throw fail("unexpected end of input in an object") }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if bytes[pos] == UInt8(ascii: "}") {
                pos += 1
                close(me, count: keys.count)
                return
            }
            throw fail("expected ',' or '}'")
        }
    }

    /// Refuses a member name already used in the object. Names compare as `JSONReader`'s
    /// dictionary compares them (Swift strings); plain ASCII names compare byte for byte.
    /// Past 32 members the earlier names go through a set, so that a hostile object costs
    /// linear time.
    mutating func refuseDuplicate(_ key: Int, at offset: Int, among keys: [(index: Int, offset: Int)], names: inout Set<String>?) throws(CanonicalJSONError) {
        let k = nodes[key]
        func duplicate() -> CanonicalJSONError {
            CanonicalJSONError(offset: offset, reason: "duplicate member name \"\(string(key))\"")
        }
        if keys.count >= 32 {
            // Rare (no record has such objects): the names as strings, in a set.
            if names == nil { names = Set(keys.map { string($0.index) }) }
            guard names!.insert(string(key)).inserted else { throw duplicate() }
            return
        }
        for e in keys {
            let o = nodes[e.index]
            if k.flag && o.flag {
                let length = Int(k.end - k.start)
                guard Int(o.end - o.start) == length else { continue }
                var same = true
                var j = 0
                while j < length {
                    if bytes[Int(k.start) + j] != bytes[Int(o.start) + j] { same = false; break }
                    j += 1
                }
                if same { throw duplicate() }
            } else if string(key) == string(e.index) {
                throw duplicate()
            }
        }
    }

    func string(_ i: Int) -> String {
        let n = nodes[i]
        return n.flag ? String(decoding: bytes[Int(n.start)..<Int(n.end)], as: UTF8.self) : decoded[Int(n.value)]
    }

    mutating func parseArray(depth: Int) throws(CanonicalJSONError) {
        let me = append(.array, start: pos, end: pos)
        pos += 1
        skipWhitespace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") {
            pos += 1
            close(me, count: 0)
            return
        }
        var count = 0
        while true {
            skipWhitespace()
            try parseValue(depth: depth + 1)
            count += 1
            skipWhitespace()
            guard pos < bytes.count else { throw fail("unexpected end of input in an array") }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if bytes[pos] == UInt8(ascii: "]") {
                pos += 1
                close(me, count: count)
                return
            }
            throw fail("expected ',' or ']'")
        }
    }

    mutating func parseNumber() throws(CanonicalJSONError) {
        let start = pos
        let value = try JSONInteger.parse(bytes, &pos)
        _ = append(.int, start: start, end: pos, value: value)
    }

    mutating func parseString() throws(CanonicalJSONError) {
        pos += 1
        let start = pos
        var end = pos
        while end < bytes.count, bytes[end] >= 0x20, bytes[end] < 0x80, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\") {
            end += 1
        }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            _ = append(.string, flag: true, start: start, end: end)
            pos = end + 1
            return
        }
        // An escape or a non-ASCII character: decoded now, as JSONReader decodes it.
        pos = start - 1
        var reader = JSONStringDecoder(bytes: bytes, pos: pos)
        let text = try reader.parseString()
        pos = reader.pos
        decoded.append(text)
        _ = append(.string, flag: false, start: start, end: pos - 1, value: Int64(decoded.count - 1))
    }
}
