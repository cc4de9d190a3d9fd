import Foundation
import Testing
import TestSupport

@testable import LedgerFormat

private func vectors() throws -> [String: JSONValue] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Vectors/rfc8785.json")
    return try JSONReader.parse([UInt8](Data(contentsOf: url))).objectValue ?? [:]
}

@Suite struct RFC8785Examples {
    @Test func publishedExamplesEncodeAsTheRFCSays() throws {
        let cases = try vectors()["encode"]?.arrayValue ?? []
        #expect(cases.count == 7)
        for c in cases {
            let name = c["name"]?.stringValue ?? "?"
            let input = try #require(c["input"]?.stringValue)
            let value = try JSONReader.parse(input)
            let out = try CanonicalJSON.encode(value)
            if let hex = c["output_hex"]?.stringValue {
                #expect(Hex.encode(out) == hex, "\(name)")
            } else {
                #expect(String(decoding: out, as: UTF8.self) == c["output"]?.stringValue, "\(name)")
            }
            // The canonical bytes read back as canonical.
            #expect(try JSONReader.parseCanonical(out) == value, "\(name)")
        }
    }

    @Test func floatsDuplicatesAndMalformedInputAreRefused() throws {
        let cases = try vectors()["refuse"]?.arrayValue ?? []
        #expect(cases.count >= 14)
        for c in cases {
            let input = try #require(c["input"]?.stringValue)
            #expect(throws: CanonicalJSONError.self, "\(c["name"]?.stringValue ?? "?")") { try JSONReader.parse(input) }
        }
    }

    @Test func theRefusalSaysWhy() {
        #expect(throws: CanonicalJSONError(offset: 6, reason: "floating-point numbers are not allowed (use integer cents or a scaled integer)")) {
            try JSONReader.parse(#"{"a": 1.5}"#)
        }
        #expect(throws: CanonicalJSONError(offset: 8, reason: "duplicate member name \"a\"")) {
            try JSONReader.parse(#"{"a":1, "a":2}"#)
        }
    }
}

@Suite struct StrictReader {
    @Test func invalidUTF8IsRefusedNotRepaired() {
        for bytes: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xE2, 0x82, 0x22], [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22]] {
            #expect(throws: CanonicalJSONError.self) { try JSONReader.parse(bytes) }
        }
    }

    @Test func deepNestingIsRefusedWithoutCrashing() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: CanonicalJSONError.self) { try JSONReader.parse(deep) }
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try JSONReader.parse(ok) }
    }

    @Test func hugeNumbersAreRefused() {
        #expect(throws: CanonicalJSONError.self) { try JSONReader.parse(String(repeating: "9", count: 5000)) }
        #expect(throws: CanonicalJSONError.self) { try JSONReader.parse("-" + String(repeating: "9", count: 30)) }
    }

    @Test func nonCanonicalBytesAreNotCanonical() throws {
        #expect(throws: CanonicalJSONError.self) { try JSONReader.parseCanonical(Array(#"{"b":1,"a":2}"#.utf8)) }
        #expect(throws: CanonicalJSONError.self) { try JSONReader.parseCanonical(Array(#"{"a": 2}"#.utf8)) }
        #expect(throws: CanonicalJSONError.self) { try JSONReader.parseCanonical(Array(#""\u0041""#.utf8)) }
        #expect(try JSONReader.parseCanonical(Array(#"{"a":2,"b":"x"}"#.utf8)) == ["a": 2, "b": "x"])
    }

    @Test func encoderRefusesIntegersBeyondTheProfile() {
        #expect(throws: CanonicalJSONError.self) { try CanonicalJSON.encode(.int(JSONValue.maxSafeInteger + 1)) }
        #expect(throws: CanonicalJSONError.self) { try CanonicalJSON.encode(.int(Int64.min)) }
    }

    @Test func everyControlCharacterRoundTrips() throws {
        let s = String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar($0)! })) + "\u{7F}\u{2028}\"\\/"
        let bytes = try CanonicalJSON.encode(.string(s))
        #expect(try JSONReader.parseCanonical(bytes) == .string(s))
        // JCS writes \u001f in lower case and the short forms where ECMAScript has them.
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#"\u001f"#) && text.contains(#"\b\t\n\u000b\f\r"#) && text.hasSuffix(#"\"\\/""#))
    }

    @Test func randomValuesRoundTripThroughTheReader() throws {
        var rng = SplitMix64(seed: 8785)
        for _ in 0..<2000 {
            let v = randomValue(&rng, depth: 0)
            let bytes = try CanonicalJSON.encode(v)
            #expect(try JSONReader.parseCanonical(bytes) == v)
        }
    }

    @Test func randomBytesNeverCrashTheReader() {
        var rng = SplitMix64(seed: 42)
        let alphabet = Array(#"{}[]",:0123456789-.eE truefalsnul\u"#.utf8) + [0xC3, 0xA9, 0xFF, 0x00]
        var refused = 0
        for _ in 0..<5000 {
            let n = Int(rng.next() % 40)
            let bytes = (0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            do { _ = try JSONReader.parse(bytes) } catch { refused += 1; #expect(!error.description.isEmpty) }
        }
        #expect(refused > 4000)
    }
}


func randomValue(_ rng: inout SplitMix64, depth: Int) -> JSONValue {
    let pick = depth > 3 ? rng.next() % 4 : rng.next() % 6
    switch pick {
    case 0: return .null
    case 1: return .bool(rng.next() % 2 == 0)
    case 2: return .int(Int64(bitPattern: rng.next()) % JSONValue.maxSafeInteger)
    case 3:
        let scalars = (0..<(rng.next() % 12)).compactMap { _ -> Unicode.Scalar? in
            let r = rng.next() % 4
            let v = r == 0 ? UInt32(rng.next() % 0x20) : r == 1 ? UInt32(0x20 + rng.next() % 0x60) : UInt32(rng.next() % 0x2FFFF)
            return Unicode.Scalar(v)
        }
        return .string(String(String.UnicodeScalarView(scalars)))
    case 4: return .array((0..<(rng.next() % 4)).map { _ in randomValue(&rng, depth: depth + 1) })
    default:
        var o: [String: JSONValue] = [:]
        for _ in 0..<(rng.next() % 4) { o["k\(rng.next() % 100)"] = randomValue(&rng, depth: depth + 1) }
        return .object(o)
    }
}
