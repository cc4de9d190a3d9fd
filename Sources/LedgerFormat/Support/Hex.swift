import Foundation

/// Lower-case hexadecimal, the form every hash and key id takes in payloads and reports.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func encode<B: Sequence>(_ bytes: B) -> String where B.Element == UInt8 {
        var out: [UInt8] = []
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes lower-case hex only, so that one value has one spelling.
    public static func decode(_ text: String) -> [UInt8]? {
        // Read in place (no copy of the text's bytes): verify decodes two hex members a record.
        var text = text
        return text.withUTF8 { chars -> [UInt8]? in
            guard chars.count % 2 == 0 else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(chars.count / 2)
            var i = 0
            while i < chars.count {
                guard let hi = nibble(chars[i]), let lo = nibble(chars[i + 1]) else { return nil }
                out.append(hi << 4 | lo)
                i += 2
            }
            return out
        }
    }

    /// Whether `text` is lower-case hex that ``decode(_:)`` would accept, without decoding it.
    public static func isLowerHex(_ text: String) -> Bool {
        var count = 0
        for c in text.utf8 {
            guard nibble(c) != nil else { return false }
            count += 1
        }
        return count % 2 == 0
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}

/// Standard base64 with padding (RFC 4648 section 4), strict on decode.
public enum Base64 {
    public static func encode<B: Sequence>(_ bytes: B) -> String where B.Element == UInt8 {
        Data(bytes).base64EncodedString()
    }

    /// Decodes strict base64: the canonical spelling only (re-encoding must give the same text).
    public static func decode(_ text: String) -> [UInt8]? {
        guard let data = Data(base64Encoded: text) else { return nil }
        let bytes = [UInt8](data)
        guard encode(bytes) == text else { return nil }
        return bytes
    }
}
