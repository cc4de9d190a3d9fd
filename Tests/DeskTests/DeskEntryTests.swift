import EntryLedger
import EntryLedgerDesk
import Foundation
import LedgerFormat
import Testing

/// The entry form's server side: checks through the library's validator, drafts, submit through
/// `Ledger.addEntries`, the paper forms and the release.
@Suite struct DeskEntryTests {
    static func problems(_ r: DeskResponse) throws -> [(path: String, message: String)] {
        let json = try JSONReader.parse(r.body)
        return (json["problems"]?.arrayValue ?? []).map { ($0["path"]?.stringValue ?? "", $0["message"]?.stringValue ?? "") }
    }

    static func with(_ entry: JSONValue, _ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(var o) = entry else { return entry }
        o[key] = value
        return .object(o)
    }

    @Test func aWrongCheckDigitIsNamedOnTheEntryNumberWithTheRule() async throws {
        let f = try DeskFixture()
        let (session, csrf) = try await f.signIn()
        let entry = Self.with(try DeskFixture.sample(), "entry_number", "EL7-1000005-2")
        let r = await f.request("POST", "/api/check", session: session, csrf: csrf, json: DeskFixture.body(entry))
        #expect(r.status == 200)
        let found = try Self.problems(r)
        #expect(found.count == 1)
        #expect(found.first?.path == "entry_number")
        #expect(found.first?.message.contains("check digit") == true)
        #expect(found.first?.message.contains("should be 9") == true)
    }

    @Test func everyProblemOfAnEntryIsAnsweredAtOnceWithItsPath() async throws {
        let f = try DeskFixture()
        let (session, csrf) = try await f.signIn()
        var entry = Self.with(try DeskFixture.sample(), "port_of_entry", "23")
        entry = Self.with(entry, "carrier_code", "tfex")
        let r = await f.request("POST", "/api/check", session: session, csrf: csrf, json: DeskFixture.body(entry))
        let paths = Set(try Self.problems(r).map(\.path))
        #expect(paths.contains("port_of_entry"))
        #expect(paths.contains("carrier_code"))
        let empty = await f.request("POST", "/api/check", session: session, csrf: csrf, json: "{\"entry\":{}}")
        let missing = Set(try Self.problems(empty).map(\.path))
        for required in ["entry_number", "entry_type", "port_of_entry", "importer", "bond", "lines"] {
            #expect(missing.contains(required), "\(required) missing is named")
        }
        let notJSON = await f.request("POST", "/api/check", session: session, csrf: csrf, json: "{\"entry\": 1.5}")
        #expect(notJSON.status == 400)
    }

    @Test func theCheckAnswersTheDutyFeesAndTotalsTheLedgerComputes() async throws {
        let f = try DeskFixture()
        let (session, csrf) = try await f.signIn()
        let sample = try DeskFixture.sample("01-air-single-bond-3461-7501.json")
        let r = await f.request("POST", "/api/check", session: session, csrf: csrf, json: DeskFixture.body(sample))
        let computed = try #require(try JSONReader.parse(r.body)["computed"])
        let lines = try #require(sample["lines"]?.arrayValue)
        for (i, line) in lines.enumerated() {
            #expect(computed["lines[\(i)].entry_summary.duty_cents"] == line["entry_summary"]?["duty_cents"])
            #expect(computed["lines[\(i)].entry_summary.fees.499"] == line["entry_summary"]?["fees"]?.arrayValue?.first?["amount_cents"])
        }
        let totals = try #require(sample["entry_summary"]?["totals"])
        for k in ["entered_value_cents", "duty_cents", "fees_cents", "total_cents"] {
            #expect(computed["entry_summary.totals.\(k)"] == totals[k], "\(k)")
        }
        // A line's value changed: its duty and MPF follow.
        guard case .object(var o) = sample, case .array(var ls) = o["lines"], case .object(var l0) = ls[0] else { return }
        l0["value_cents"] = .int(2 * (l0["value_cents"]?.intValue ?? 0))
        ls[0] = .object(l0)
        o["lines"] = .array(ls)
        let again = try JSONReader.parse((await f.request("POST", "/api/check", session: session, csrf: csrf, json: DeskFixture.body(.object(o)))).body)
        let before = try #require(computed["lines[0].entry_summary.duty_cents"]?.intValue)
        let after = try #require(again["computed"]?["lines[0].entry_summary.duty_cents"]?.intValue)
        #expect(after > before)
        #expect(try Self.problems(r).isEmpty)
        // An entry that does not read yet has nothing computed.
        let empty = try JSONReader.parse((await f.request("POST", "/api/check", session: session, csrf: csrf, json: "{\"entry\":{}}")).body)
        #expect(empty["computed"] == .object([:]))
    }

    @Test func submitSignsAndAppendsThroughTheLibraryAndAnswersSeqAndHash() async throws {
        let f = try DeskFixture()
        let (session, csrf) = try await f.signIn()
        let r = await f.request("POST", "/api/submit", session: session, csrf: csrf, json: DeskFixture.body(try DeskFixture.sample()))
        #expect(r.status == 200, "\(r.text)")
        let answer = try JSONReader.parse(r.body)
        #expect(answer["entry_number"]?.stringValue == "EL7-1000005-9")
        #expect(answer["seq"]?.intValue == 3)
        let ledger = try Ledger.open(path: f.ledgerPath)
        let e = try #require(try EntryBook.load(ledger).first)
        #expect(e.addedBy == "alice")
        #expect(e.versionSeq == 3)
        #expect(answer["hash"]?.stringValue == Hex.encode(e.versionHash))
        // The same number again is refused beside the field, and nothing is written.
        let again = await f.request("POST", "/api/submit", session: session, csrf: csrf, json: DeskFixture.body(try DeskFixture.sample()))
        #expect(again.status == 422)
        #expect(try Self.problems(again).contains { $0.path == "entry_number" && $0.message.contains("already used") })
        #expect(try f.recordCount() == 4)
    }

    @Test func aRefusedSubmitWritesNothing() async throws {
        let f = try DeskFixture()
        let (session, csrf) = try await f.signIn()
        let before = try f.recordCount()
        let entry = Self.with(try DeskFixture.sample(), "entry_number", "EL7-1000005-2")
        let r = await f.request("POST", "/api/submit", session: session, csrf: csrf, json: DeskFixture.body(entry))
        #expect(r.status == 422)
        #expect(try Self.problems(r).first?.path == "entry_number")
        #expect(try f.recordCount() == before)
    }

    @Test func theFormOffersTheNextFreeReservedNumber() async throws {
        let f = try DeskFixture()
        let (session, csrf) = try await f.signIn()
        #expect((await f.request("GET", "/new", session: session)).text.contains("id=\"use-next\">EL7-1000001-8<"))
        let entry = Self.with(try DeskFixture.sample(), "entry_number", "EL7-1000001-8")
        #expect((await f.request("POST", "/api/submit", session: session, csrf: csrf, json: DeskFixture.body(entry))).status == 200)
        #expect((await f.request("GET", "/new", session: session)).text.contains("id=\"use-next\">EL7-1000002-6<"))
    }

    @Test func aDraftIsKeptOnTheServerWholeAndGivenBack() async throws {
        let f = try DeskFixture()
        let (session, csrf) = try await f.signIn()
        let draft = "{\"values\":{\"entry_number\":\"EL7-10\",\"lines[0].hts\":\"8708\"},\"lines\":1}"
        #expect((await f.request("POST", "/api/draft", session: session, csrf: csrf, json: draft)).status == 200)
        let files = try FileManager.default.contentsOfDirectory(atPath: f.dir + "/drafts")
        #expect(files == ["\(f.clerk.keyID).json"], "one whole file, no temporary left: \(files)")
        let back = try JSONReader.parse((await f.request("GET", "/api/draft", session: session)).body)
        #expect(back["draft"]?["values"]?["lines[0].hts"]?.stringValue == "8708")
        // Another clerk's session does not see it; a submit clears it.
        #expect((await f.request("POST", "/api/draft", session: session, csrf: csrf, json: "[1]")).status == 400)
        _ = await f.request("POST", "/api/submit", session: session, csrf: csrf, json: DeskFixture.body(try DeskFixture.sample()))
        #expect(try JSONReader.parse((await f.request("GET", "/api/draft", session: session)).body)["draft"] == .null)
    }

    @Test func thePrintedFormsCarryTheEntryNumberAndTheRecordsSeqAndHash() async throws {
        let f = try DeskFixture()
        let (session, csrf) = try await f.signIn()
        let r = await f.request("POST", "/api/submit", session: session, csrf: csrf, json: DeskFixture.body(try DeskFixture.sample("01-air-single-bond-3461-7501.json")))
        let answer = try JSONReader.parse(r.body)
        let number = try #require(answer["entry_number"]?.stringValue)
        let hash = try #require(answer["hash"]?.stringValue)
        let pdf = await f.request("GET", "/entries/\(number)/forms.pdf", session: session)
        #expect(pdf.status == 200)
        #expect(pdf.header("Content-Type") == "application/pdf")
        let text = String(decoding: pdf.body, as: UTF8.self)
        #expect(text.hasPrefix("%PDF-1.4"))
        #expect(text.contains("(\(number))"))
        #expect(text.contains("record hash SHA-256 \(hash)"))
        #expect(text.contains("CBP Form 3461"))
        #expect(text.contains("CBP Form 7501"), "the 7501 page when the entry has its data")
        #expect(text.contains("/Count 2"))
        #expect(text.hasSuffix("%%EOF\n"))
    }

    @Test func theReleaseIsRecordedFromTheEntrysPageAndABadOneIsNamed() async throws {
        let f = try DeskFixture()
        let (session, csrf) = try await f.signIn()
        _ = await f.request("POST", "/api/submit", session: session, csrf: csrf, json: DeskFixture.body(try DeskFixture.sample()))
        let bad = await f.request("POST", "/entries/EL7-1000005-9/release", session: session, csrf: csrf,
                                  form: [("date", "2026-13-40"), ("port", "2304"), ("reference", "x")])
        #expect(bad.status == 422)
        #expect(bad.text.contains("date"))
        let before = try f.recordCount()
        let ok = await f.request("POST", "/entries/EL7-1000005-9/release", session: session, csrf: csrf,
                                 form: [("date", "2026-11-20"), ("port", "2304"), ("reference", "stamp 4471")])
        #expect(ok.status == 303)
        #expect(try f.recordCount() == before + 1)
        let page = await f.request("GET", "/entries/EL7-1000005-9", session: session)
        #expect(page.text.contains("STAMP 4471"))
        #expect(page.text.contains("RELEASED"))
    }

    @Test func todaysPageListsTheEntriesWithTheirState() async throws {
        let f = try DeskFixture()
        let (session, csrf) = try await f.signIn()
        _ = await f.request("POST", "/api/submit", session: session, csrf: csrf, json: DeskFixture.body(try DeskFixture.sample()))
        let page = await f.request("GET", "/?all=1", session: session)
        #expect(page.text.contains("EL7-1000005-9"))
        #expect(page.text.contains("LOGGED"))
        #expect((await f.request("GET", "/entries/EL7-0000000-0", session: session)).status == 404)
    }
}
