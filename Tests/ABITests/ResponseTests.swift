import EntryLedger
import Foundation
import Testing
import TestSupport

/// The sample response files, built here from the response layout table so that every record
/// is exactly where `schemas/ace-responses.md` says; `samples/ace-responses/` holds them.
enum SampleResponses {
    static let L = ACEResponseLayouts.self

    static func control(_ app: String, _ port: String, _ body: [String]) -> [String] {
        [response(ABILayouts.b, ["port": port, "filer code": "EL7", "application id": app, "office code": "01"])] + body
            + [response(ABILayouts.y, ["port": port, "filer code": "EL7", "application id": app, "office code": "01"])]
    }

    static func batch(_ app: String, _ blocks: [[String]]) -> String {
        let a = response(ABILayouts.a, ["site code": "EL01", "sender id": "EL7", "date": "2026-12-01", "application id": app, "office code": "01"])
        let z = response(ABILayouts.z, ["site code": "EL01", "sender id": "EL7", "date": "2026-12-01", "office code": "01"])
        return ([a] + blocks.flatMap { $0 } + [z]).map { $0 + "\n" }.joined()
    }

    /// Cargo release accepted (02), accepted with a warning (03), and rejected (01).
    static var sxAccepted: String {
        batch("SX", [
            control("SX", "2704", [response(L.sx10, ["message type": "02", "filer code": "EL7", "entry number": "10000018", "port": "2704", "action code": "A"])]),
            control("SX", "4701", [
                response(L.sx10, ["message type": "03", "filer code": "EL7", "entry number": "10000034", "port": "4701", "action code": "A"]),
                response(L.sx20, ["severity": "W", "condition code": "W21", "narrative": "VOYAGE NUMBER NOT ON MANIFEST; ACCEPTED"]),
                response(L.sx10, ["message type": "02", "filer code": "EL7", "entry number": "10000067", "port": "4701", "action code": "A"]),
            ]),
            control("SX", "5301", [
                response(L.sx10, ["message type": "01", "filer code": "EL7", "entry number": "10000026", "port": "5301", "action code": "A"]),
                response(L.sx20, ["severity": "F", "condition code": "S14", "narrative": "BILL OF LADING NOT ON FILE"]),
            ]),
        ])
    }

    /// Entry summary rejected with E1 narratives, one accepted, one E1 that names no entry, a UC status.
    static var axRejected: String {
        batch("AX", [
            control("AX", "5301", [
                response(L.e0, ["input record id": "10"]),
                response(L.e1, ["disposition": "R", "severity": "F", "filer code": "EL7", "entry number": "10000026", "filer reference": "K4472",
                                "condition code": "A12", "narrative": "SINGLE TRANSACTION BOND AMOUNT INSUFFICIENT"]),
                response(L.e0, ["input record id": "50", "line number": "2"]),
                response(L.e1, ["disposition": "A", "severity": "W", "filer code": "EL7", "entry number": "10000026", "filer reference": "K4472",
                                "condition code": "C03", "narrative": "AD/CVD CASE NUMBER REQUIRED FOR THIS HTS"]),
            ]),
            control("AX", "4701", [
                response(L.e1, ["disposition": "A", "severity": "I", "filer code": "EL7", "entry number": "10000067", "filer reference": "K4476",
                                "condition code": "000", "narrative": "ENTRY SUMMARY ACCEPTED"]),
                response(L.e1, ["disposition": "R", "severity": "F", "filer reference": "K9999",
                                "condition code": "B01", "narrative": "FILER REFERENCE NOT FOUND"]),
            ]),
            control("UC", "2704", [
                response(L.uc10, ["filer code": "EL7", "entry number": "10000018", "filer reference": "K4471", "status code": "01",
                                  "date": "2026-12-02", "narrative": "SUMMARY ON FILE"]),
            ]),
        ])
    }

    /// Cargo release status: released, detained, cancelled, and an SO60 with no SO10.
    static var soRelease: String {
        batch("SO", [control("SO", "2704", [
            response(L.so10, ["filer code": "EL7", "entry number": "10000018", "port": "2704"]),
            response(L.so60, ["disposition code": "98", "date": "2026-12-01", "narrative": "RELEASED"]),
        ]), control("SO", "2304", [
            response(L.so10, ["filer code": "EL7", "entry number": "10000059", "port": "2304"]),
            response(L.so60, ["disposition code": "04", "date": "2026-12-01", "narrative": "DETAINED FOR EXAMINATION"]),
            response(L.so60, ["disposition code": "97", "date": "2026-12-02", "narrative": "ADMISSIBLE AFTER EXAM"]),
        ]), control("SO", "4601", [
            response(L.so60, ["disposition code": "23", "narrative": "CANCELLED"]),
        ])])
    }

    /// A batch error pointing at block 2, transaction 1 of the SE batch, and a batch-level warning.
    static var batchError: String {
        batch("SE", [control("SE", "2304", [
            response(L.x0, ["application id": "SE", "port": "2304", "filer code": "EL7", "block number": "2", "transaction number": "1",
                            "input record id": "SE10", "entry number": "10000059"]),
            response(L.x1, ["severity": "F", "condition code": "B23", "narrative": "IMPORTER NUMBER NOT ON FILE"]),
            response(L.x1, ["severity": "F", "condition code": "B24", "narrative": "TRANSACTION REJECTED"]),
        ]), [response(L.x1, ["severity": "W", "condition code": "A01", "narrative": "BATCH RECEIVED AFTER CUTOFF"])]])
    }

    static let files: [(String, String)] = [
        ("sx-accepted.txt", sxAccepted), ("ax-rejected.txt", axRejected), ("so-release.txt", soRelease), ("batch-error.txt", batchError),
    ]
}

func en(_ s: String) -> EntryNumber { try! EntryNumber(parsing: s) }

@Suite("ACE response reader")
struct ResponseTests {
    @Test("The sample response files in samples/ace-responses are the ones built from the layout table")
    func samplesStored() throws {
        for (name, text) in SampleResponses.files {
            let path = "samples/ace-responses/\(name)"
            if Repo.regenerate { try Data(text.utf8).write(to: Repo.url(path)) }
            #expect(Repo.bytes(path) == Array(text.utf8), "\(path)")
        }
    }

    @Test("SX: accepted, accepted with warnings (with its SX20) and rejected")
    func cargoReleaseResponse() throws {
        let f = try ACEResponseReader.read(Repo.bytes("samples/ace-responses/sx-accepted.txt"))
        #expect(f.dispositions.map(\.entryNumber.formatted) == ["EL7-1000001-8", "EL7-1000003-4", "EL7-1000006-7", "EL7-1000002-6"])
        #expect(f.dispositions.map(\.outcome) == [.cargoReleaseAccepted, .cargoReleaseAcceptedWithWarnings, .cargoReleaseAccepted, .cargoReleaseRejected])
        #expect(f.dispositions[1].messages.map(\.conditionCode) == ["W21"])
        #expect(f.dispositions[1].messages.first?.severity == .warning)
        #expect(f.dispositions[3].isRejectionOutcome && !f.dispositions[0].isRejectionOutcome)
        #expect(f.dispositions[3].messages.first?.narrative == "BILL OF LADING NOT ON FILE")
        #expect(f.dispositions.allSatisfy { $0.application == .cargoRelease })
        #expect(f.batchErrors.isEmpty && f.unmatched.isEmpty)
        #expect(f.recordCount == 14)
    }

    @Test("AX: E1 lines grouped per entry, R wins, E0 signposts kept; blank entry is unmatched; UC status")
    func entrySummaryResponse() throws {
        let f = try ACEResponseReader.read(Repo.bytes("samples/ace-responses/ax-rejected.txt"))
        #expect(f.dispositions.count == 3)
        let rejected = f.dispositions[0]
        #expect(rejected.entryNumber == en("EL7-1000002-6"))
        #expect(rejected.outcome == .entrySummaryRejected)
        #expect(rejected.filerReference == "K4472")
        #expect(rejected.messages.map(\.conditionCode) == ["A12", "C03"])
        #expect(rejected.messages.map(\.recordID) == ["10", "50"])
        #expect(rejected.messages.map(\.lineNumber) == [nil, 2])
        #expect(rejected.messages[0].narrative == "SINGLE TRANSACTION BOND AMOUNT INSUFFICIENT")
        #expect(rejected.messages[0].severity == .fatal && rejected.messages[0].line == 4)
        #expect(f.dispositions[1].entryNumber == en("EL7-1000006-7") && f.dispositions[1].outcome == .entrySummaryAccepted)
        #expect(f.dispositions[2].outcome == .entrySummaryStatus(code: "01") && f.dispositions[2].date == "2026-12-02")
        #expect(f.unmatched.count == 1)
        #expect(f.unmatched.first?.filerReference == "K9999" && f.unmatched.first?.recordID == "E1")
        #expect(f.unmatched.first?.line == 10)
    }

    @Test("SO: released, detained, admissible; an SO60 with no SO10 is unmatched")
    func statusResponse() throws {
        let f = try ACEResponseReader.read(Repo.bytes("samples/ace-responses/so-release.txt"))
        #expect(f.dispositions.map(\.outcome) == [.released, .detained, .admissible])
        #expect(f.dispositions.map(\.entryNumber.formatted) == ["EL7-1000001-8", "EL7-1000005-9", "EL7-1000005-9"])
        #expect(f.dispositions[0].date == "2026-12-01")
        #expect(f.dispositions(for: en("EL7-1000005-9")).count == 2)
        #expect(f.unmatched.map(\.recordID) == ["SO60"])
        #expect(ACEOutcome.cargoReleaseStatus(dispositionCode: "23") == .cancelled)
        #expect(ACEOutcome.cargoReleaseStatus(dispositionCode: "55") == .cargoReleaseStatus(code: "55"))
    }

    @Test("X0/X1: the pointer maps to the batch's transaction; X1 with no X0 is a batch-level error")
    func batchErrors() throws {
        let f = try ACEResponseReader.read(Repo.bytes("samples/ace-responses/batch-error.txt"))
        #expect(f.batchErrors.count == 2)
        let e = f.batchErrors[0]
        #expect(e.block == 2 && e.transaction == 1 && e.recordID == "SE10" && e.application == "SE")
        #expect(e.entryNumber == en("EL7-1000005-9"))
        #expect(e.messages.map(\.conditionCode) == ["B23", "B24"] && e.isFatal)
        let se = try sampleBatches()[0]
        #expect(se.transaction(block: e.block!, number: e.transaction!)?.entryNumber == e.entryNumber)
        #expect(f.batchErrors[1].block == nil && !f.batchErrors[1].isFatal && f.batchErrors[1].messages[0].severity == .warning)
        #expect(f.dispositions.isEmpty)
    }

    @Test("CRLF line ends read the same as LF; a missing final line end is accepted")
    func crlf() throws {
        for (_, text) in SampleResponses.files {
            let lf = try ACEResponseReader.read(text)
            let crlf = try ACEResponseReader.read(text.replacingOccurrences(of: "\n", with: "\r\n"))
            let noFinal = try ACEResponseReader.read(String(text.dropLast()))
            #expect(lf == crlf && lf == noFinal)
        }
    }

    /// A malformed variant of a sample and the line the error must name.
    static let malformed: [(String, @Sendable (String) -> String, Int?, String)] = [
        ("truncated line", { t in replaceLine(t, 3) { String($0.prefix(40)) } }, 3, "expected exactly 80"),
        ("trailing spaces trimmed", { t in replaceLine(t, 4) { String($0.reversed().drop { $0 == " " }.reversed()) } }, 4, "expected exactly 80"),
        ("long line", { t in replaceLine(t, 2) { $0 + "X" } }, 2, "expected exactly 80"),
        ("unknown record id", { t in replaceLine(t, 3) { "QQ" + $0.dropFirst(2) } }, 3, "unknown record id"),
        ("non-ASCII", { t in replaceLine(t, 3) { String($0.prefix(9)) + "É" + $0.dropFirst(11) } }, 3, "not ASCII"),
        ("empty line", { t in replaceLine(t, 3) { _ in "" } }, 3, "empty line"),
        ("tab", { t in replaceLine(t, 3) { "\t" + $0.dropFirst() } }, 3, "control character"),
        ("bad message type", { t in replaceLine(t, 3) { "SX1009" + $0.dropFirst(6) } }, 3, "message type"),
        ("bad check digit", { t in replaceLine(t, 3) { String($0.prefix(17)) + "9" + $0.dropFirst(18) } }, 3, "check digit"),
        ("Y does not match B", { t in replaceLine(t, 4) { "Y  2705" + $0.dropFirst(7) } }, 4, "does not match"),
        ("no Z", { t in lines(t).dropLast().map { $0 + "\n" }.joined() }, 1, "no Z"),
        ("record after Z", { t in t + lines(t)[2] + "\n" }, 15, "after the Z"),
        ("A not first", { t in lines(t)[1] + "\n" + t }, 2, "first record"),
        ("block never closed", { t in replaceLine(t, 4) { _ in lines(t)[2] } }, 5, "opened at line 2 has no Y trailer"),
        ("record of another application in a block", { t in replaceLine(t, 3) { _ in lines(SampleResponses.soRelease)[2] } }, 3, "belongs to application SO"),
    ]

    static func replaceLine(_ text: String, _ n: Int, _ f: (String) -> String) -> String {
        var ls = lines(text)
        ls[n - 1] = f(ls[n - 1])
        return ls.map { $0 + "\n" }.joined()
    }

    @Test("Malformed files are refused with the line and what was expected", arguments: 0..<malformed.count)
    func refusals(index: Int) {
        let (name, mutate, line, phrase) = Self.malformed[index]
        let text = mutate(SampleResponses.sxAccepted)
        do {
            _ = try ACEResponseReader.read(text)
            Issue.record("\(name): accepted")
        } catch {
            #expect(error.line == line, "\(name): \(error)")
            #expect(error.description.contains(phrase), "\(name): \(error)")
        }
    }

    @Test("Empty, record-less and oversized files are refused; invalid UTF-8 names its column")
    func fileLevel() {
        #expect(throws: ACEResponseError.self) { try ACEResponseReader.read([UInt8]()) }
        #expect(throws: ACEResponseError(line: 1, "empty line; expected an 80-character record")) { try ACEResponseReader.read("\n") }
        let text = Array(SampleResponses.sxAccepted.utf8)
        #expect(throws: ACEResponseError(line: nil, "the file has \(text.count) bytes, more than the 100 allowed")) {
            try ACEResponseReader.read(text, maximumBytes: 100)
        }
        var bad = text
        bad[81 + 20] = 0xFF   // line 2, column 21
        #expect(throws: ACEResponseError(line: 2, column: 21, "byte 0xFF is not ASCII (invalid UTF-8 or non-ASCII text); expected printable ASCII")) {
            try ACEResponseReader.read(bad)
        }
    }

    @Test("A large file (100,000 records) is read")
    func large() throws {
        let so10 = response(ACEResponseLayouts.so10, ["filer code": "EL7", "entry number": "10000018", "port": "2704"])
        let so60 = response(ACEResponseLayouts.so60, ["disposition code": "98", "narrative": "RELEASED"])
        var bytes: [UInt8] = []
        bytes.reserveCapacity(81 * 100_000)
        for _ in 0..<50_000 { bytes += Array((so10 + "\n" + so60 + "\n").utf8) }
        let f = try ACEResponseReader.read(bytes)
        #expect(f.recordCount == 100_000 && f.dispositions.count == 50_000)
    }

    @Test("Fuzz: thousands of seeded random and mutated inputs never trap; errors name a real line")
    func fuzz() {
        var rng = SplitMix64(seed: 0xE1_7E_D6_E5)
        let seeds = SampleResponses.files.map { Array($0.1.utf8) }
        var accepted = 0, refused = 0
        for round in 0..<4000 {
            var input: [UInt8]
            switch round % 5 {
            case 0:   // random bytes
                input = (0..<Int.random(in: 0...400, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            case 1:   // random printable lines with valid-looking ids
                let ids = ["A", "B", "Y", "Z", "X0", "X1", "SX10", "SX20", "SO10", "SO60", "E0", "E1", "UC10", "??"]
                input = []
                for _ in 0..<Int.random(in: 1...12, using: &rng) {
                    let id = ids.randomElement(using: &rng)!
                    let len = Bool.random(using: &rng) ? 80 : Int.random(in: 0...90, using: &rng)
                    var l = Array(id.utf8) + (0..<80).map { _ in UInt8.random(in: 0x20...0x5A, using: &rng) }
                    l = Array(l.prefix(len))
                    input += l + [Bool.random(using: &rng) ? 0x0A : 0x0D]
                }
            default:  // a sample with a few bytes flipped, cut or inserted
                input = seeds.randomElement(using: &rng)!
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    guard !input.isEmpty else { break }
                    let i = Int.random(in: 0..<input.count, using: &rng)
                    switch Int.random(in: 0...3, using: &rng) {
                    case 0: input[i] = UInt8.random(in: 0...255, using: &rng)
                    case 1: input.removeSubrange(i...)
                    case 2: input.insert([0x0A, 0x0D, 0x20, 0x30, 0xC3].randomElement(using: &rng)!, at: i)
                    default: input[i] = [0x30, 0x39, 0x20, 0x41].randomElement(using: &rng)!
                    }
                }
            }
            let lineCount = input.split(separator: 0x0A, omittingEmptySubsequences: false).count
            do {
                let f = try ACEResponseReader.read(input)
                accepted += 1
                #expect(f.recordCount > 0 && f.recordCount <= lineCount)
                #expect(f.dispositions.allSatisfy { $0.line >= 1 && $0.line <= lineCount })
            } catch {
                refused += 1
                if let l = error.line { #expect(l >= 1 && l <= lineCount, "round \(round): \(error)") }
                #expect(!error.message.isEmpty)
            }
        }
        #expect(accepted > 50 && refused > 2000, "accepted \(accepted), refused \(refused)")
    }
}

extension ACEDisposition {
    var isRejectionOutcome: Bool { outcome.isRejection }
}
