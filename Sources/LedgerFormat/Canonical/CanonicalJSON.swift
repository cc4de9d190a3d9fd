/// RFC 8785 (JSON Canonicalization Scheme) for EntryLedger's restricted profile.
///
/// Integers are written as plain decimals (what ECMAScript's number serialisation gives for
/// integers within 2^53); strings are escaped as ECMAScript's `JSON.stringify` does; object
/// members are sorted by the UTF-16 code units of their names; no whitespace.
///
/// ```swift
/// let bytes = try CanonicalJSON.encode(["b": 1, "a": "x"])   // {"a":"x","b":1}
/// ```
public enum CanonicalJSON {
    /// Encodes a value as canonical JSON bytes (UTF-8).
    public static func encode(_ value: JSONValue) throws(CanonicalJSONError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        try write(value, into: &out, depth: 0)
        return out
    }

    /// Encodes a value as a canonical JSON string.
    public static func encodeString(_ value: JSONValue) throws(CanonicalJSONError) -> String {
        String(decoding: try encode(value), as: UTF8.self)
    }

    /// The most deeply nested arrays and objects may go, in the encoder and the reader alike.
    public static let maxDepth = 64

    private static func write(_ value: JSONValue, into out: inout [UInt8], depth: Int) throws(CanonicalJSONError) {
        guard depth <= maxDepth else {
            throw CanonicalJSONError(offset: nil, reason: "nested deeper than \(maxDepth) levels")
        }
        switch value {
        case .null: out.append(contentsOf: nullBytes)
        case .bool(let b): out.append(contentsOf: b ? trueBytes : falseBytes)
        case .int(let i):
            guard i >= -JSONValue.maxSafeInteger && i <= JSONValue.maxSafeInteger else {
                throw CanonicalJSONError(offset: nil, reason: "integer \(i) is outside +/- 2^53")
            }
            writeInt(i, into: &out)
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (n, item) in items.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                try write(item, into: &out, depth: depth + 1)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (n, key) in sortedKeys(members.keys).enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                try write(members[key]!, into: &out, depth: depth + 1)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Member names in RFC 8785 order: lexicographic over UTF-16 code units. For ASCII names
    /// (every name in a payload) that is plain byte order, which is much cheaper to compare.
    package static func sortedKeys<S: Sequence>(_ keys: S) -> [String] where S.Element == String {
        let keys = Array(keys)
        if keys.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) {
            return keys.sorted { a, b in a.utf8.lexicographicallyPrecedes(b.utf8) }
        }
        return keys.sorted { a, b in a.utf16.lexicographicallyPrecedes(b.utf16) }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
    static let nullBytes = Array("null".utf8), trueBytes = Array("true".utf8), falseBytes = Array("false".utf8)

    /// An integer as plain decimal digits (the caller has checked it is within +/- 2^53).
    static func writeInt(_ i: Int64, into out: inout [UInt8]) {
        if i >= 0 && i < 10 {
            out.append(0x30 + UInt8(i))
            return
        }
        // At most 17 digits and a sign: written backwards into a small buffer, no String.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buf in
            var n = i.magnitude, at = 24
            repeat {
                at -= 1
                buf[at] = 0x30 + UInt8(n % 10)
                n /= 10
            } while n > 0
            if i < 0 {
                at -= 1
                buf[at] = UInt8(ascii: "-")
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[at..<24]))
        }
    }

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings have nothing to escape: their UTF-8 bytes are written as they are.
        let plain = s.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if plain == true {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in s.utf8 {
            switch byte {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])  // \"
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])  // \\
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x00..<0x20:
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]])
            default:
                // Swift strings hold only Unicode scalars, so there are no lone surrogates to
                // escape; every other character is written as its UTF-8 bytes, as JCS requires.
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
