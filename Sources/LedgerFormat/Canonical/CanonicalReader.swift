/// Reads bytes that are already in canonical form (RFC 8785, the restricted profile) in one
/// pass, checking the form as it goes instead of re-encoding the value and comparing: no
/// whitespace, members in strictly increasing order of their names, integers as `String(i)`
/// writes them (no `-0`), strings escaped exactly as ``CanonicalJSON`` escapes them, nothing
/// after the value.
///
/// It only ever accepts: `nil` means "not proven canonical here", and the caller asks the
/// reference (``JSONReader/parseCanonical(_:)`` parses, re-encodes and compares), which gives
/// the error, or the value for the rare canonical text this reader leaves to it (a member name
/// with an escape or a non-ASCII character). Tests hold the two to the same answers.
enum CanonicalReader {
    /// The value of `bytes` when they are exactly its canonical encoding and every member
    /// name is plain printable ASCII; nil otherwise.
    static func read(_ bytes: [UInt8]) -> JSONValue? {
        bytes.withUnsafeBufferPointer { b in
            var r = Cursor(bytes: bytes, b: b)
            guard let v = r.value(depth: 0), r.pos == b.count else { return nil }
            return v
        }
    }

    /// The members of a record payload (`schemas/ledger-format.md`), read straight from its
    /// canonical bytes: exactly `{"body":{...},"key":"...","kind":"...","origin":"...",
    /// "prev":"...","seq":n,"time":"...","v":n}`, the eight members in their canonical order,
    /// with no dictionary for the outer object. Nil for anything else (the caller reads it the
    /// general way, which names what is wrong).
    static func readPayloadMembers(_ bytes: [UInt8]) -> PayloadMembers? {
        bytes.withUnsafeBufferPointer { b in
            var r = Cursor(bytes: bytes, b: b)
            guard r.literal("{\"body\":"), r.pos < b.count, b[r.pos] == UInt8(ascii: "{"), case .object(let body)? = r.value(depth: 1),
                  r.literal(",\"key\":"), let key = r.stringMember(),
                  r.literal(",\"kind\":"), let kind = r.stringMember(),
                  r.literal(",\"origin\":"), let origin = r.stringMember(),
                  r.literal(",\"prev\":"), let prev = r.stringMember(),
                  r.literal(",\"seq\":"), case .int(let seq)? = r.numberMember(),
                  r.literal(",\"time\":"), let time = r.stringMember(),
                  r.literal(",\"v\":"), case .int(let v)? = r.numberMember(),
                  r.literal("}"), r.pos == b.count
            else { return nil }
            return PayloadMembers(body: .object(body), key: key, kind: kind, origin: origin, prev: prev, seq: seq, time: time, v: v)
        }
    }

    /// What ``readPayloadMembers(_:)`` read.
    struct PayloadMembers {
        let body: JSONValue
        let key: String
        let kind: String
        let origin: String
        let prev: String
        let seq: Int64
        let time: String
        let v: Int64
    }

    private struct Cursor {
        /// The bytes, for the shared string decoder; `b` reads the same bytes in place.
        let bytes: [UInt8]
        let b: UnsafeBufferPointer<UInt8>
        var pos = 0

        mutating func value(depth: Int) -> JSONValue? {
            guard depth <= CanonicalJSON.maxDepth, pos < b.count else { return nil }
            switch b[pos] {
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "["): return array(depth: depth)
            case UInt8(ascii: "\""): return string().map(JSONValue.string)
            case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
            default: return nil
            }
        }

        /// A member's value that must be a string (nil for anything else).
        mutating func stringMember() -> String? {
            guard pos < b.count, b[pos] == UInt8(ascii: "\"") else { return nil }
            return string()
        }

        /// A member's value that must be an integer (nil for anything else).
        mutating func numberMember() -> JSONValue? {
            guard pos < b.count, b[pos] == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[pos]) else { return nil }
            return number()
        }

        mutating func literal(_ text: StaticString) -> Bool {
            let n = text.utf8CodeUnitCount
            guard pos + n <= b.count else { return false }
            let p = text.utf8Start
            for i in 0..<n where b[pos + i] != p[i] { return false }
            pos += n
            return true
        }

        /// An integer in the readers' own grammar (``JSONInteger``: no leading zero, within
        /// +/- 2^53, no fraction nor exponent), and not `-0`, which is not canonical.
        mutating func number() -> JSONValue? {
            let start = pos
            guard let i = try? JSONInteger.parse(bytes, &pos) else { return nil }
            guard i != 0 || bytes[start] != UInt8(ascii: "-") else { return nil }
            return .int(i)
        }

        /// The range of a plain string's content (printable ASCII, no escape) and moves past
        /// its closing quote; nil, not moving, for any other string.
        mutating func plainString() -> Range<Int>? {
            let start = pos + 1
            var end = start
            while end < b.count {
                let c = b[end]
                if c == UInt8(ascii: "\"") {
                    pos = end + 1
                    return start..<end
                }
                guard c >= 0x20, c < 0x80, c != UInt8(ascii: "\\") else { return nil }
                end += 1
            }
            return nil
        }

        mutating func string() -> String? {
            if let r = plainString() { return String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self) }
            // An escape or a non-ASCII character: the readers' own string grammar, then the
            // encoder's escaping of what it decoded must give back these very bytes.
            let start = pos
            var decoder = JSONStringDecoder(bytes: bytes, pos: start)
            guard let s = try? decoder.parseString() else { return nil }
            var again: [UInt8] = []
            CanonicalJSON.writeString(s, into: &again)
            guard again.count == decoder.pos - start, again.elementsEqual(b[start..<decoder.pos]) else { return nil }
            pos = decoder.pos
            return s
        }

        mutating func array(depth: Int) -> JSONValue? {
            pos += 1
            var items: [JSONValue] = []
            if pos < b.count, b[pos] == UInt8(ascii: "]") {
                pos += 1
                return .array(items)
            }
            while true {
                guard let v = value(depth: depth + 1), pos < b.count else { return nil }
                items.append(v)
                let c = b[pos]
                pos += 1
                if c == UInt8(ascii: ",") { continue }
                return c == UInt8(ascii: "]") ? .array(items) : nil
            }
        }

        /// Members with plain ASCII names in strictly increasing byte order (RFC 8785's UTF-16
        /// order for ASCII), so no name repeats.
        mutating func object(depth: Int) -> JSONValue? {
            pos += 1
            var members: [String: JSONValue] = [:]
            if pos < b.count, b[pos] == UInt8(ascii: "}") {
                pos += 1
                return .object(members)
            }
            var previous: Range<Int>?
            while true {
                guard pos < b.count, b[pos] == UInt8(ascii: "\""), let name = plainString() else { return nil }
                if let previous, !precedes(previous, name) { return nil }
                previous = name
                guard pos < b.count, b[pos] == UInt8(ascii: ":") else { return nil }
                pos += 1
                guard let v = value(depth: depth + 1), pos < b.count else { return nil }
                members[String(decoding: UnsafeBufferPointer(rebasing: b[name]), as: UTF8.self)] = v
                let c = b[pos]
                pos += 1
                if c == UInt8(ascii: ",") { continue }
                return c == UInt8(ascii: "}") ? .object(members) : nil
            }
        }

        /// Whether the bytes at `a` come strictly before those at `c`.
        func precedes(_ a: Range<Int>, _ c: Range<Int>) -> Bool {
            var i = a.lowerBound, j = c.lowerBound
            while i < a.upperBound, j < c.upperBound {
                if b[i] != b[j] { return b[i] < b[j] }
                i += 1
                j += 1
            }
            return i == a.upperBound && j < c.upperBound
        }
    }
}
