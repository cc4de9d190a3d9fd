/// The number grammar of the ledger's readers, in one place so that `JSONReader`,
/// `JSONTape` and `CanonicalReader` cannot disagree on a number: an integer in +/- 2^53, no leading zeros, no
/// fraction nor exponent (money is integer cents).
enum JSONInteger {
    /// Reads the integer starting at `pos` (a `-` or a digit) and leaves `pos` just after it.
    static func parse(_ bytes: [UInt8], _ pos: inout Int) throws(CanonicalJSONError) -> Int64 {
        let start = pos
        var negative = false
        if bytes[pos] == UInt8(ascii: "-") { negative = true; pos += 1 }
        guard pos < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[pos]) else {
            throw CanonicalJSONError(offset: pos, reason: "a digit must follow '-'")
        }
        var magnitude: Int64 = 0
        if bytes[pos] == UInt8(ascii: "0") {
            pos += 1
        } else {
            while pos < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[pos]) {
                // Stop before overflow: anything past 2^53 is refused anyway.
                if magnitude > JSONValue.maxSafeInteger {
                    throw CanonicalJSONError(offset: start, reason: "integer is outside +/- 2^53")
                }
                magnitude = magnitude * 10 + Int64(bytes[pos] - UInt8(ascii: "0"))
                pos += 1
            }
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") || bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
            throw CanonicalJSONError(offset: start, reason: "floating-point numbers are not allowed (use integer cents or a scaled integer)")
        }
        guard magnitude <= JSONValue.maxSafeInteger else {
            throw CanonicalJSONError(offset: start, reason: "integer is outside +/- 2^53")
        }
        return negative ? -magnitude : magnitude
    }
}
