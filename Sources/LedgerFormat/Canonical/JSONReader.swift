/// A strict JSON reader for the restricted profile.
///
/// It refuses, with the byte offset: invalid UTF-8, floating-point numbers (a fraction or an
/// exponent), integers beyond +/- 2^53, duplicate member names, lone surrogate escapes,
/// nesting deeper than ``CanonicalJSON/maxDepth``, and anything after the value. It never
/// crashes on hostile input and runs in time linear in the input.
///
/// ```swift
/// let v = try JSONReader.parse(Array(#"{"seq":1}"#.utf8))
/// ```
public struct JSONReader {
    private let bytes: [UInt8]
    private var pos = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Parses exactly one JSON value (surrounding whitespace allowed).
    public static func parse(_ bytes: [UInt8]) throws(CanonicalJSONError) -> JSONValue {
        var reader = JSONReader(bytes)
        reader.skipWhitespace()
        let value = try reader.parseValue(depth: 0)
        reader.skipWhitespace()
        guard reader.pos == bytes.count else { throw reader.fail("unexpected data after the JSON value") }
        return value
    }

    public static func parse(_ text: String) throws(CanonicalJSONError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// Parses `bytes` and checks that they are exactly the canonical encoding of what they hold.
    /// Canonical texts are read in one pass (``CanonicalReader``); anything that reader does not
    /// accept is parsed and re-encoded here, which gives the error (or the value).
    public static func parseCanonical(_ bytes: [UInt8]) throws(CanonicalJSONError) -> JSONValue {
        if let value = CanonicalReader.read(bytes) { return value }
        return try parseCanonicalByReencoding(bytes)
    }

    /// The reference check: parse, encode canonically, compare with the bytes.
    static func parseCanonicalByReencoding(_ bytes: [UInt8]) throws(CanonicalJSONError) -> JSONValue {
        let value = try parse(bytes)
        guard try CanonicalJSON.encode(value) == bytes else {
            throw CanonicalJSONError(offset: nil, reason: "not in RFC 8785 canonical form")
        }
        return value
    }

    private func fail(_ reason: String) -> CanonicalJSONError {
        CanonicalJSONError(offset: pos, reason: reason)
    }

    private mutating func skipWhitespace() {
        while pos < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[pos]) { pos += 1 }
    }

    private mutating func expect(_ literal: String, _ value: JSONValue) throws(CanonicalJSONError) -> JSONValue {
        let lit = Array(literal.utf8)
        guard pos + lit.count <= bytes.count, Array(bytes[pos..<pos + lit.count]) == lit else {
            throw fail("invalid literal")
        }
        pos += lit.count
        return value
    }

    private mutating func parseValue(depth: Int) throws(CanonicalJSONError) -> JSONValue {
        guard depth <= CanonicalJSON.maxDepth else { throw fail("nested deeper than \(CanonicalJSON.maxDepth) levels") }
        guard pos < bytes.count else { throw fail("unexpected end of input") }
        switch bytes[pos] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try expect("true", .bool(true))
        case UInt8(ascii: "f"): return try expect("false", .bool(false))
        case UInt8(ascii: "n"): return try expect("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw fail("unexpected character")
        }
    }

    private mutating func parseObject(depth: Int) throws(CanonicalJSONError) -> JSONValue {
        pos += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") {
            pos += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { throw fail("expected a member name") }
            let keyStart = pos
            let key = try parseString()
            guard members[key] == nil else {
                throw CanonicalJSONError(offset: keyStart, reason: "duplicate member name \"\(key)\"")
            }
            skipWhitespace()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { throw fail("expected ':'") }
            pos += 1
            skipWhitespace()
            members[key] = try parseValue(depth: depth + 1)
            skipWhitespace()
            guard pos < bytes.count else { throw fail("unexpected end of input in an object") }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if bytes[pos] == UInt8(ascii: "}") { pos += 1; return .object(members) }
            throw fail("expected ',' or '}'")
        }
    }

    private mutating func parseArray(depth: Int) throws(CanonicalJSONError) -> JSONValue {
        pos += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") {
            pos += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard pos < bytes.count else { throw fail("unexpected end of input in an array") }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if bytes[pos] == UInt8(ascii: "]") { pos += 1; return .array(items) }
            throw fail("expected ',' or ']'")
        }
    }

    private mutating func parseNumber() throws(CanonicalJSONError) -> JSONValue {
        .int(try JSONInteger.parse(bytes, &pos))
    }

    private mutating func parseString() throws(CanonicalJSONError) -> String {
        pos += 1  // opening quote
        // Fast path: a run of printable ASCII up to the closing quote, with no escape, is the
        // string itself (most strings in a ledger are such runs).
        var end = pos
        while end < bytes.count, bytes[end] >= 0x20, bytes[end] < 0x80, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\") {
            end += 1
        }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            let text = String(decoding: bytes[pos..<end], as: UTF8.self)
            pos = end + 1
            return text
        }
        // An escape or a non-ASCII character: the shared string grammar, from the opening quote.
        var decoder = JSONStringDecoder(bytes: bytes, pos: pos - 1)
        let text = try decoder.parseString()
        pos = decoder.pos
        return text
    }
}
