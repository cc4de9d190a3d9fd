import Foundation

#if canImport(Glibc)
import Glibc
#endif
import Testing
import TestSupport

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// Valid JSON texts the mutators start from: real record payloads and key files, plus texts
/// that reach the reader's corners (escapes, surrogates, UTF-8, limits, nesting).
enum Corpus {
    static let handWritten: [String] = [
        #"{"a":[1,-2,0,9007199254740992,-9007199254740992],"b":{"c":null,"d":true,"e":false}}"#,
        #"{"s":"\u20ac$\u000f\nA'B\"\\\\\"/","t":"\ud83d\ude00 caf\u00e9 \u0000"}"#,
        #"["\uD834\uDD1E","é","😀","\t\b\f\r",[],{},[[[[[]]]]]]"#,
        "  {\n \"text\" : \"SOC notified by phone, ticket 2026-1129-004\" , \"n\": 12 }\t",
        #"{"entry":{"number":"EL7-0123456-7","lines":[{"hts":"8471.30.0100","value_cents":1234500,"qty":{"value":12,"scale":0}}]}}"#,
        "0", "-0", "\"\"", "[]", "{}", "null", "true", "1234567890",
    ]

    /// Payloads of a small real ledger: genesis, enrolments, notes.
    static func payloads() throws -> [[UInt8]] {
        let w = try Workspace(notes: 3)
        let store = try LedgerStore.open(path: w.ledgerPath)
        var out: [[UInt8]] = []
        try store.forEachChunk { out += $0.map(\.record.payload); return true }
        return out
    }

    static func all() throws -> [[UInt8]] {
        try handWritten.map { Array($0.utf8) } + payloads()
    }
}

/// Runs `body` over `cases` generated inputs, each case numbered (its seed is the suite's seed
/// and the number). No time limit: the machine may be loaded; linear time is shown by the
/// work ratio in `longAndLargeInputsAreReadInLinearTime`.
func forEachCase(_ cases: Int, _ body: (Int) throws -> Void) rethrows {
    for i in 0..<cases { try body(i) }
}

/// CPU time this thread has used, in nanoseconds: unlike the wall clock, it does not grow
/// while other processes have the core.
func threadCPUNanoseconds() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
}

@Suite struct HostileJSON {
    /// What the reader must do with any input: give a value that survives a canonical round
    /// trip, or refuse it with a reason and an offset inside the input.
    static func check(_ input: [UInt8], _ note: @autoclosure () -> String) {
        do {
            let v = try JSONReader.parse(input)
            let back = try JSONReader.parseCanonical(CanonicalJSON.encode(v))
            #expect(back == v, "\(note()): canonical round trip changed the value")
        } catch {
            // Typed throws: the reader can only fail with a CanonicalJSONError.
            #expect(!error.reason.isEmpty, "\(note()): empty reason")
            #expect(error.offset.map { (0...input.count).contains($0) } ?? true, "\(note()): offset \(error.offset!) outside \(input.count) bytes")
        }
        // The canonical reader accepts exactly the texts that are their own canonical form.
        if let v = try? JSONReader.parseCanonical(input) {
            #expect((try? CanonicalJSON.encode(v)) == input, "\(note()): parseCanonical accepted a non-canonical text")
        }
    }

    @Test func randomBytesNeverCrashTheReaderAndEveryRefusalSaysWhy() {
        var m = Mutator(seed: 0x00DE_CAF0)
        forEachCase(4000) { i in
            let input = m.noise(maxLength: 64)
            Self.check(input, "random case \(i) \(input)")
        }
    }

    @Test func mutatedValidJSONNeverCrashesTheReaderAndEveryRefusalSaysWhy() throws {
        let corpus = try Corpus.all()
        var m = Mutator(seed: 0x1D0_F00D)
        var accepted = 0
        forEachCase(6000) { i in
            let input = m.mutate(corpus[i % corpus.count], maxEdits: 4)
            if (try? JSONReader.parse(input)) != nil { accepted += 1 }
            Self.check(input, "mutated case \(i) \(String(decoding: input, as: UTF8.self))")
        }
        // The mutations are neither all harmless nor all fatal: both paths were exercised.
        #expect(accepted > 100 && accepted < 5000, "\(accepted) of 6000 mutated texts parsed")
    }

    @Test func deepNestingIsRefusedWithoutExhaustingTheStack() {
        var rng = SplitMix64(seed: 42)
        for depth in [CanonicalJSON.maxDepth, CanonicalJSON.maxDepth + 1, CanonicalJSON.maxDepth + 2, 1000, 100_000, 1_000_000] {
            let open = (0..<depth).map { _ in rng.chance(0.5) ? "[" : "{\"k\":" }
            let text = open.joined() + "0" + open.reversed().map { $0 == "[" ? "]" : "}" }.joined()
            let r = Result { try JSONReader.parse(text) }
            if depth <= CanonicalJSON.maxDepth {
                #expect((try? r.get()) != nil, "depth \(depth) should parse")
            } else {
                #expect(throws: CanonicalJSONError.self, "depth \(depth)") { try r.get() }
            }
        }
    }

    /// Long strings, long arrays, huge numbers, wide objects: eight times the input costs about
    /// eight times the work (thread CPU time, the least of three runs), far from the 64 times
    /// of a quadratic reader. A ratio of two sizes in one test, so a loaded machine cannot fail it.
    @Test func longAndLargeInputsAreReadInLinearTime() throws {
        let shapes: [(String, (Int) -> [UInt8])] = [
            ("escaped string", { n in Array(("\"" + String(repeating: "\\u00e9a", count: n) + "\"").utf8) }),
            ("array", { n in Array(("[" + Array(repeating: "1", count: n).joined(separator: ",") + "]").utf8) }),
            ("integer digits", { n in Array(String(repeating: "9", count: n * 5).utf8) }),
            ("object members", { n in Array(("{" + (0..<(n / 4)).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + "}").utf8) }),
        ]
        for (name, make) in shapes {
            var cost: [Int: UInt64] = [:]
            for n in [25_000, 200_000] {
                let input = make(n)
                Self.check(input, "\(name) of \(n)")
                cost[n] = (0..<3).map { _ in
                    let start = threadCPUNanoseconds()
                    _ = try? JSONReader.parse(input)
                    return threadCPUNanoseconds() - start
                }.min()!
            }
            let ratio = Double(cost[200_000]!) / Double(max(1, cost[25_000]!))
            print("\(name): 8x the input cost \(ratio)x the CPU time")
            #expect(ratio < 24, "\(name): 8x the input cost \(ratio)x the CPU time (quadratic would be 64x)")
        }
    }
}

@Suite struct HostilePayloads {
    @Test func mutatedRecordPayloadsAreRefusedWithAReasonOrParseToWhatTheBytesSay() throws {
        let payloads = try Corpus.payloads()
        var m = Mutator(seed: 0xAB1E_5EED)
        var refused = 0
        forEachCase(5000) { i in
            let original = payloads[i % payloads.count]
            let input = m.mutate(original)
            do {
                let h = try RecordHeader(payload: input)
                // Accepted: then the bytes are the canonical form of what was parsed, so a
                // different byte string can never read as the same record.
                let canonical = try? CanonicalJSON.encode([
                    "v": .int(RecordFormat.version), "origin": .string(h.origin), "seq": .int(h.seq),
                    "prev": .string(Hex.encode(h.prev)), "time": .string(h.time), "kind": .string(h.kindName),
                    "key": .string(h.keyID), "body": h.body,
                ])
                #expect(canonical == input, "case \(i): accepted bytes are not the canonical form of what was read")
                if input != original { #expect(canonical != original, "case \(i): different bytes read as the original record") }
            } catch let e as RecordFormatError {
                refused += 1
                #expect(!e.reason.isEmpty, "case \(i): empty reason")
            } catch {
                Issue.record("case \(i): unexpected error type \(type(of: error)): \(error)")
            }
        }
        #expect(refused > 4000, "only \(refused) of 5000 mutated payloads were refused")
    }
}
