/// Reads the members of a JSON object without building their values: each member's name and
/// the byte range of its value.
///
/// For records a supervisor-signed checkpoint covers, whose full canonical parse was made when
/// that checkpoint was signed and whose bytes its Merkle root pins: only the few members the
/// ledger's state needs are read from them. It validates nothing beyond what it reads, never
/// crashes on hostile bytes and runs in linear time; it answers nil for anything it does not
/// take (a malformed object, a name with an escape), and the caller then parses in full.
///
/// ```swift
/// let bytes = Array(#"{"a":{"deep":[1,2]},"b":"x"}"#.utf8)
/// let m = JSONSkim.members(bytes, 0..<bytes.count)!   // [("a", 5..<19), ("b", 24..<27)]
/// ```
public enum JSONSkim {
    /// The members of the object that spans `range` of `bytes` exactly (whitespace around it
    /// allowed), in the order written; nil when it is not one.
    public static func members(_ bytes: [UInt8], _ range: Range<Int>) -> [(name: String, value: Range<Int>)]? {
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else { return nil }
        return bytes.withUnsafeBufferPointer { b -> [(name: String, value: Range<Int>)]? in
            var i = skipSpace(b, range.lowerBound, range.upperBound)
            let end = range.upperBound
            guard i < end, b[i] == UInt8(ascii: "{") else { return nil }
            i = skipSpace(b, i + 1, end)
            var out: [(name: String, value: Range<Int>)] = []
            if i < end, b[i] == UInt8(ascii: "}") {
                return skipSpace(b, i + 1, end) == end ? out : nil
            }
            while true {
                guard let (nameBytes, valueStart) = memberName(b, i, end) else { return nil }
                let name = String(decoding: nameBytes, as: UTF8.self)
                i = valueStart
                guard let valueEnd = skipValue(b, i, end) else { return nil }
                out.append((name, i..<valueEnd))
                i = skipSpace(b, valueEnd, end)
                guard i < end else { return nil }
                if b[i] == UInt8(ascii: "}") { return skipSpace(b, i + 1, end) == end ? out : nil }
                guard b[i] == UInt8(ascii: ",") else { return nil }
                i = skipSpace(b, i + 1, end)
            }
        }
    }

    /// The members at the front of the object that starts at `range.lowerBound`, in order, up
    /// to the first whose name is `last` or sorts after it (canonical JSON sorts member names):
    /// that member's value is not skipped, its range runs to the end of `range`. For the few
    /// members wanted from the front of a large object, read without going through the rest.
    /// Nil when the object ends before such a member, or is not one this reader takes.
    public static func leadingMembers(_ bytes: [UInt8], _ range: Range<Int>, through last: String) -> [(name: String, value: Range<Int>)]? {
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else { return nil }
        let lastName = Array(last.utf8)
        return bytes.withUnsafeBufferPointer { b -> [(name: String, value: Range<Int>)]? in
            let end = range.upperBound
            var i = skipSpace(b, range.lowerBound, end)
            guard i < end, b[i] == UInt8(ascii: "{") else { return nil }
            i = skipSpace(b, i + 1, end)
            var out: [(name: String, value: Range<Int>)] = []
            while true {
                guard let (nameBytes, valueStart) = memberName(b, i, end) else { return nil }
                let name = String(decoding: nameBytes, as: UTF8.self)
                i = valueStart
                if !nameBytes.lexicographicallyPrecedes(lastName) {
                    out.append((name, i..<end))
                    return out
                }
                guard let valueEnd = skipValue(b, i, end) else { return nil }
                out.append((name, i..<valueEnd))
                i = skipSpace(b, valueEnd, end)
                guard i < end, b[i] == UInt8(ascii: ",") else { return nil }
                i = skipSpace(b, i + 1, end)
            }
        }
    }

    /// The text of the JSON string that spans `range` exactly, when it holds no escape; nil
    /// otherwise (the caller parses it in full).
    public static func plainString(_ bytes: [UInt8], _ range: Range<Int>) -> String? {
        guard range.count >= 2, range.lowerBound >= 0, range.upperBound <= bytes.count,
              bytes[range.lowerBound] == UInt8(ascii: "\""), bytes[range.upperBound - 1] == UInt8(ascii: "\"") else { return nil }
        let inner = (range.lowerBound + 1)..<(range.upperBound - 1)
        guard !bytes[inner].contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 < 0x20 }) else { return nil }
        return String(decoding: bytes[inner], as: UTF8.self)
    }

    /// The value that spans `range`, parsed in full (for the few small members wanted).
    public static func value(_ bytes: [UInt8], _ range: Range<Int>) -> JSONValue? {
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else { return nil }
        return try? JSONReader.parse(Array(bytes[range]))
    }

    /// The member name (without escapes: a name with one is not taken) whose opening quote is
    /// at `i`, and where its value starts (after the colon and any space); nil if there is none.
    private static func memberName(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> (name: UnsafeBufferPointer<UInt8>, valueStart: Int)? {
        guard i < end, b[i] == UInt8(ascii: "\"") else { return nil }
        var j = i + 1
        while j < end, b[j] != UInt8(ascii: "\""), b[j] != UInt8(ascii: "\\") { j += 1 }
        guard j < end, b[j] == UInt8(ascii: "\"") else { return nil }
        let colon = skipSpace(b, j + 1, end)
        guard colon < end, b[colon] == UInt8(ascii: ":") else { return nil }
        return (UnsafeBufferPointer(rebasing: b[(i + 1)..<j]), skipSpace(b, colon + 1, end))
    }

    private static func skipSpace(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var i = start
        while i < end, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
        return i
    }

    /// The end of the value starting at `start`; nil when it does not end before `end`.
    private static func skipValue(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        guard start < end else { return nil }
        var i = start
        switch b[i] {
        case UInt8(ascii: "\""):
            return skipString(b, i, end)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            // Balanced brackets, strings skipped whole; the nesting limit is the full parse's.
            var depth = 0
            while i < end {
                switch b[i] {
                case UInt8(ascii: "\""):
                    guard let after = skipString(b, i, end) else { return nil }
                    i = after
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                    guard depth <= CanonicalJSON.maxDepth + 1 else { return nil }
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return i + 1 }
                default:
                    break
                }
                i += 1
            }
            return nil
        default:
            // A number or a literal: up to the next delimiter.
            while i < end, b[i] != UInt8(ascii: ","), b[i] != UInt8(ascii: "}"), b[i] != UInt8(ascii: "]"),
                  b[i] != 0x20, b[i] != 0x0A, b[i] != 0x0D, b[i] != 0x09 { i += 1 }
            return i > start ? i : nil
        }
    }

    /// The end of the string starting at `start` (a quote), escapes skipped.
    private static func skipString(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var i = start + 1
        while i < end {
            let c = b[i]
            if c == UInt8(ascii: "\"") { return i + 1 }
            i += c == UInt8(ascii: "\\") ? 2 : 1
        }
        return nil
    }
}
