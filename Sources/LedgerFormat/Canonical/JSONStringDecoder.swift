/// The JSON string grammar of the ledger's readers (escapes, surrogate pairs, strict UTF-8), in
/// one place so that `JSONReader` and `JSONTape` cannot disagree on a string: each reads plain
/// ASCII runs itself and hands any other string here, at its opening quote.
struct JSONStringDecoder {
    let bytes: [UInt8]
    var pos: Int

    func fail(_ reason: String) -> CanonicalJSONError { CanonicalJSONError(offset: pos, reason: reason) }

    mutating func parseHex4() throws(CanonicalJSONError) -> UInt32 {
        guard pos + 4 <= bytes.count else { throw fail("truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[pos]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw fail("invalid hex digit in \\u escape")
            }
            v = v << 4 | d
            pos += 1
        }
        return v
    }

    mutating func parseString() throws(CanonicalJSONError) -> String {
        pos += 1
        var scalars = String.UnicodeScalarView()
        while true {
            guard pos < bytes.count else { throw fail("unterminated string") }
            let b = bytes[pos]
            switch b {
            case UInt8(ascii: "\""):
                pos += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                pos += 1
                guard pos < bytes.count else { throw fail("unterminated escape") }
                let e = bytes[pos]
                pos += 1
                switch e {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    let escStart = pos - 2
                    var code = try parseHex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard pos + 6 <= bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") else {
                            throw CanonicalJSONError(offset: escStart, reason: "lone surrogate in \\u escape")
                        }
                        pos += 2
                        let low = try parseHex4()
                        guard (0xDC00...0xDFFF).contains(low) else {
                            throw CanonicalJSONError(offset: escStart, reason: "lone surrogate in \\u escape")
                        }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(code) {
                        throw CanonicalJSONError(offset: escStart, reason: "lone surrogate in \\u escape")
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw fail("invalid \\u escape") }
                    scalars.append(scalar)
                default: throw CanonicalJSONError(offset: pos - 2, reason: "invalid escape")
                }
            case 0x00..<0x20:
                throw fail("control character in a string must be escaped")
            case 0x00..<0x80:
                scalars.append(Unicode.Scalar(b))
                pos += 1
            default:
                scalars.append(try decodeUTF8Scalar())
            }
        }
    }

    mutating func decodeUTF8Scalar() throws(CanonicalJSONError) -> Unicode.Scalar {
        let b0 = bytes[pos]
        let count: Int
        var value: UInt32
        let minimum: UInt32
        switch b0 {
        case 0xC2...0xDF: count = 2; value = UInt32(b0 & 0x1F); minimum = 0x80
        case 0xE0...0xEF: count = 3; value = UInt32(b0 & 0x0F); minimum = 0x800
        case 0xF0...0xF4: count = 4; value = UInt32(b0 & 0x07); minimum = 0x10000
        default: throw fail("invalid UTF-8")
        }
        guard pos + count <= bytes.count else { throw fail("truncated UTF-8 sequence") }
        for i in 1..<count {
            let b = bytes[pos + i]
            guard b & 0xC0 == 0x80 else { throw fail("invalid UTF-8") }
            value = value << 6 | UInt32(b & 0x3F)
        }
        guard value >= minimum, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value),
            let scalar = Unicode.Scalar(value)
        else { throw fail("invalid UTF-8") }
        pos += count
        return scalar
    }
}
