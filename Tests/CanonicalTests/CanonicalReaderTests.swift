import Foundation
import Testing
import TestSupport

@testable import LedgerFormat

/// ``CanonicalReader`` (one pass, no re-encoding) gives the reference's answer
/// (``JSONReader/parseCanonicalByReencoding(_:)``: parse, encode, compare) on every input:
/// it accepts only what the reference accepts, with the same value, and accepts every canonical
/// text whose member names are plain ASCII (the rest it leaves to the reference).
@Suite struct CanonicalReaderParity {
    /// One input through both readers.
    static func check(_ input: [UInt8], _ note: @autoclosure () -> String) {
        let fast = CanonicalReader.read(input)
        let reference = Result { () throws(CanonicalJSONError) in try JSONReader.parseCanonicalByReencoding(input) }
        switch reference {
        case .success(let v):
            if let fast { #expect(fast == v, "\(note()): different values") }
            if fast == nil, Self.namesArePlain(v) { Issue.record("\(note()): a canonical text with plain names left to the reference") }
        case .failure:
            #expect(fast == nil, "\(note()): accepted a text the reference refuses")
        }
        // What callers see: the same value or the same error.
        let public_ = Result { () throws(CanonicalJSONError) in try JSONReader.parseCanonical(input) }
        switch (reference, public_) {
        case (.success(let a), .success(let b)): #expect(a == b, "\(note())")
        case (.failure(let a), .failure(let b)): #expect(a == b, "\(note())")
        default: Issue.record("\(note()): parseCanonical \(public_), reference \(reference)")
        }
    }

    /// Whether every member name is printable ASCII without anything to escape.
    static func namesArePlain(_ v: JSONValue) -> Bool {
        switch v {
        case .object(let o):
            return o.allSatisfy { k, child in
                k.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != 0x22 && $0 != 0x5C } && namesArePlain(child)
            }
        case .array(let a): return a.allSatisfy(namesArePlain)
        default: return true
        }
    }

    static let pieces: [String] = ["a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\u{08}", "\u{0C}", "\r", "\u{00}", "\u{1F}", "\u{7F}",
                                   "é", "e\u{301}", "€", "😀", "\u{E000}", "\u{FFFF}", "\u{10FFFF}", "0", "-", "{", "}"]

    static func randomString(_ rng: inout SplitMix64, plain: Bool) -> String {
        let n = rng.int(0...6)
        if plain {
            // Printable ASCII with nothing to escape (no quote, no backslash).
            return String(decoding: (0..<n).map { _ in UInt8(rng.int(0x20...0x7E)) }.map { $0 == 0x22 || $0 == 0x5C ? 0x61 : $0 }, as: UTF8.self)
        }
        return (0..<n).map { _ in rng.pick(pieces) }.joined()
    }

    static func randomValue(_ rng: inout SplitMix64, depth: Int) -> JSONValue {
        switch rng.int(0..<(depth > 4 ? 5 : 7)) {
        case 0: return .null
        case 1: return .bool(rng.chance(0.5))
        case 2: return .int(rng.pick([0, 1, -1, 9, 10, -10, JSONValue.maxSafeInteger, -JSONValue.maxSafeInteger, Int64(rng.int(-1_000_000...1_000_000))]))
        case 3, 4: return .string(randomString(&rng, plain: rng.chance(0.5)))
        case 5: return .array((0..<rng.int(0...4)).map { _ in randomValue(&rng, depth: depth + 1) })
        default:
            var o: [String: JSONValue] = [:]
            for _ in 0..<rng.int(0...5) { o[randomString(&rng, plain: !rng.chance(0.1))] = randomValue(&rng, depth: depth + 1) }
            return .object(o)
        }
    }

    /// A hostile edit of a canonical text: whitespace, duplicated or swapped members,
    /// non-canonical numbers and escapes, stray bytes.
    static func edit(_ text: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var b = text
        let at = rng.int(0...b.count)
        switch rng.int(0..<12) {
        case 0: b.insert(rng.pick([0x20, 0x0A, 0x09, 0x0D]), at: at)
        case 1: b.insert(contentsOf: Array(rng.pick(["-0", "00", "01", "1.0", "1e2", "-", "9007199254740993", "-9007199254740993", "99999999999999999999"]).utf8), at: at)
        case 2: b.insert(contentsOf: Array(rng.pick([#"\u0041"#, #"\/"#, #"\u001F"#, #"\u001f"#, #"\u00e9"#, #"\ud83d\ude00"#, #"\ud800"#, #"\b"#, #"\u0008"#, #"\""#]).utf8), at: at)
        case 3: b.insert(rng.pick([0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0xFF, 0x00, 0x1F]), at: at)
        case 4: if !b.isEmpty { b.remove(at: min(at, b.count - 1)) }
        case 5: if !b.isEmpty { b[min(at, b.count - 1)] = rng.byte() }
        case 6: b.insert(contentsOf: Array(rng.pick([",", ":", "{}", "[]", #""a":1,"#, #","a":1"#, #""b":2,"a":1"#, "null", "true"]).utf8), at: at)
        default:
            // Two members of the first object swapped, or one repeated.
            guard let open = b.firstIndex(of: UInt8(ascii: "{")), let comma = b[open...].firstIndex(of: UInt8(ascii: ",")),
                  let close = b[(comma + 1)...].firstIndex(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "}") }) else { return b }
            let first = Array(b[(open + 1)..<comma]), second = Array(b[(comma + 1)..<close])
            b.replaceSubrange((open + 1)..<close, with: rng.chance(0.5) ? second + [0x2C] + first : first + [0x2C] + first)
        }
        return b
    }

    @Test func randomCanonicalTextsAndTheirHostileEditsGetTheReferenceAnswer() throws {
        var rng = SplitMix64(seed: 0xCA40_41CA)
        var accepted = 0, refused = 0
        for i in 0..<4000 {
            let v = Self.randomValue(&rng, depth: 0)
            let text = try CanonicalJSON.encode(v)
            Self.check(text, "case \(i) \(String(decoding: text, as: UTF8.self))")
            if CanonicalReader.read(text) != nil { accepted += 1 }
            var edited = text
            for _ in 0..<rng.int(1...3) { edited = Self.edit(edited, &rng) }
            Self.check(edited, "edit \(i) \(String(decoding: edited, as: UTF8.self))")
            if CanonicalReader.read(edited) == nil { refused += 1 }
        }
        // Both answers were exercised often.
        #expect(accepted > 3000, "\(accepted) of 4000 canonical texts read in one pass")
        #expect(refused > 1000, "\(refused) of 4000 edited texts refused")
    }

    @Test(arguments: [
        #"{"a":1,"a":2}"#, #"{"b":1,"a":2}"#, #"{"a":1,"\u0061":2}"#, #"{"é":1,"e\u0301":2}"#, #"{"e\u0301":1,"é":2}"#,
        #"{"a":-0}"#, "-0", "0", "-1", "01", "1.0", "1e5", "9007199254740992", "9007199254740993", "-9007199254740992",
        #""\u0041""#, #""\/""#, #""/""#, #""\u001f""#, #""\u001F""#, #""\u007f""#, "\"\u{7F}\"", #""\b\t\n\f\r""#, #""\u0008""#,
        #""\ud83d\ude00""#, "\"😀\"", #""\ud800""#, #""é""#, #""\u00e9""#, " 1", "1 ", "[1, 2]", "[1,2]", #"{"a" :1}"#, "{}", "[]",
        "", "nul", "truex", "[1,]", #"{"a":1,}"#, #"{"":1,"a":2}"#, #"{"a":1,"":2}"#, #"{"a":1,"ab":2,"b":3}"#, #"{"ab":1,"a":2}"#,
        String(repeating: "[", count: 64) + String(repeating: "]", count: 64),
        String(repeating: "[", count: 65) + String(repeating: "]", count: 65),
        String(repeating: "{\"k\":", count: 65) + "0" + String(repeating: "}", count: 65),
    ]) func cornerCasesGetTheReferenceAnswer(_ text: String) {
        Self.check(Array(text.utf8), text)
    }

    @Test func invalidUTF8IsNeverAccepted() {
        for bytes: [UInt8] in [[0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], [0x22, 0xE2, 0x82, 0x22],
                               [0x22, 0xFF, 0x22], [0x7B, 0x22, 0xC3, 0xA9, 0x22, 0x3A, 0x31, 0x7D]] {
            Self.check(bytes, "\(bytes)")
            #expect(CanonicalReader.read(bytes) == nil || (try? JSONReader.parse(bytes)) != nil)
        }
    }

    @Test func realRecordPayloadsAreReadInOnePass() throws {
        let key = try LedgerSigningKey(name: "s", seed: Array(repeating: 7, count: 32))
        let payload = try RecordFormat.payload(origin: "ledger.example/EL7", seq: 3, prev: Array(repeating: 1, count: 32), time: "2026-11-29T04:44:12Z",
                                               kind: RecordKind(rawValue: "incident.note"), keyID: key.keyID,
                                               body: ["text": "SOC notified by phone \"ticket\" 2026-1129-004\ncafé €", "n": -12])
        #expect(CanonicalReader.read(payload) == (try JSONReader.parseCanonicalByReencoding(payload)))
        #expect(CanonicalReader.read(payload) != nil)
    }
}

/// A record header read member by member from a canonical payload
/// (``RecordHeader/canonical(_:)``) is the one the general reading gives, and every payload the
/// general reading accepts is read that way; hostile edits of payloads get the general
/// reading's answer (the error included, since the general reading then gives it).
@Suite struct PayloadHeaderParity {
    static func payloads(_ rng: inout SplitMix64) throws -> [[UInt8]] {
        let key = try LedgerSigningKey(name: "s", seed: Array(repeating: 7, count: 32))
        var out: [[UInt8]] = []
        for i in 0..<40 {
            let origin = i % 7 == 0 ? "é.example/EL7" : "ledger.example/EL7"
            let prev: [UInt8] = (0..<32).map { _ in rng.byte() }
            let kind = RecordKind(rawValue: rng.pick(["incident.note", "entry.add", "key.enroll", "x"]))
            var body: JSONValue = ["text": .string("note \(i)")]
            if case .object(let o) = CanonicalReaderParity.randomValue(&rng, depth: 1) { body = .object(o) }
            out.append(try RecordFormat.payload(origin: origin, seq: Int64(i * 1_000_003), prev: prev, time: "2026-11-29T04:44:\(10 + i % 50)Z",
                                                kind: kind, keyID: key.keyID, body: body))
        }
        return out
    }

    static func check(_ payload: [UInt8], _ note: @autoclosure () -> String) {
        let fast = RecordHeader.canonical(payload)
        let general = Result { () throws(RecordFormatError) in try RecordHeader(general: payload, checkCanonical: true) }
        switch general {
        case .success(let g):
            guard let f = fast else {
                // Only a body with a member name the one-pass reader leaves to the reference.
                #expect(!CanonicalReaderParity.namesArePlain(g.body), "\(note()): a valid payload not read member by member")
                return
            }
            #expect(f.origin == g.origin && f.seq == g.seq && f.prev == g.prev && f.time == g.time, "\(note())")
            #expect(f.kindName == g.kindName && f.keyID == g.keyID && f.body == g.body, "\(note())")
        case .failure:
            #expect(fast == nil, "\(note()): read a payload the general reading refuses")
        }
    }

    @Test func payloadsAndTheirHostileEditsGetTheGeneralReadingsAnswer() throws {
        var rng = SplitMix64(seed: 0x4EAD_E125)
        var read = 0
        for (i, p) in try Self.payloads(&rng).enumerated() {
            Self.check(p, "payload \(i)")
            if RecordHeader.canonical(p) != nil { read += 1 }
            for j in 0..<60 {
                var edited = p
                for _ in 0..<rng.int(1...2) { edited = CanonicalReaderParity.edit(edited, &rng) }
                Self.check(edited, "payload \(i) edit \(j): \(String(decoding: edited, as: UTF8.self))")
            }
        }
        #expect(read > 30, "\(read) of 40 payloads read member by member")
        // Members out of order, missing, extra, or of the wrong type: never read member by member.
        let base = String(decoding: try Self.payloads(&rng)[0], as: UTF8.self)
        for bad in [base.replacingFirst(#""v":1"#, #""v":2"#), base.replacingFirst(#""seq":"#, #""seq":-"#),
                    base.replacingFirst(#","v":1}"#, #","v":1,"w":0}"#), base.replacingFirst(#""kind":""#, #""kind":"x"#),
                    base.replacingFirst(#""body":{"#, #""body":[{"#), base.replacingFirst(#","v":1}"#, "}")] {
            Self.check(Array(bad.utf8), bad)
        }
    }

    @Test func aKeyOrPrevNotInLowerCaseHexIsRefusedByBothReadings() throws {
        var rng = SplitMix64(seed: 0x4EA_D1E5)
        let p = String(decoding: try Self.payloads(&rng)[1], as: UTF8.self)
        let key = try LedgerSigningKey(name: "s", seed: Array(repeating: 7, count: 32)).keyID
        let upper = key.prefix(31) + "A", odd = key.prefix(31) + "g"
        for bad in [p.replacingFirst(key, String(upper)), p.replacingFirst(key, String(odd)), p.replacingFirst(#""prev":""#, #""prev":"F"#)] {
            #expect(RecordHeader.canonical(Array(bad.utf8)) == nil, "\(bad)")
            Self.check(Array(bad.utf8), bad)
        }
        for (text, hex) in [("", true), ("0a", true), ("0A", false), ("abc", false), ("0g", false), ("é0", false), (key, true)] {
            #expect(Hex.isLowerHex(text) == hex && (Hex.decode(text) != nil) == hex, "\(text)")
        }
        #expect(Hex.decode("00ff7a") == [0, 255, 0x7a])
    }
}

private extension String {
    func replacingFirst(_ a: String, _ b: String) -> String {
        guard let r = range(of: a) else { return self }
        return replacingCharacters(in: r, with: b)
    }
}
