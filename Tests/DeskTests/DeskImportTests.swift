import EntryLedger
import EntryLedgerDesk
import Foundation
import LedgerFormat
import Testing

/// CSV import through the desk: columns mapped once, every row checked, all or nothing.
@Suite struct DeskImportTests {
    static let header = "Entry,Type,Port,IRS qualifier,Importer,Bond,Surety,Mode,Carrier,Arrival,Bill type,Issuer,Bill,Pieces,MID,Maker,HTS,Origin,Goods,Value,Qty,Unit"
    static func row(_ number: String, hts: String = "8708295160", value: String = "51,200.00") -> String {
        "\(number),01,2304,EI,74-288130100,8,457,30,tfex,2026-11-19,R,TFEX,LRD88213,22,MXAUTDEL1200MON,\"AUTOPARTES DEL NORTE, SA DE CV\",\(hts),MX,stamped steel door panels,\"\(value)\",800,NO"
    }
    static let mapping: JSONValue = [
        "Entry": "entry_number", "Type": "entry_type", "Port": "port_of_entry", "IRS qualifier": "importer.qualifier",
        "Importer": "importer.number", "Bond": "bond.type", "Surety": "bond.surety_code", "Mode": "mode_of_transport",
        "Carrier": "carrier_code", "Arrival": "arrival_date", "Bill type": "bills_of_lading[0].type", "Issuer": "bills_of_lading[0].issuer",
        "Bill": "bills_of_lading[0].number", "Pieces": "bills_of_lading[0].quantity", "MID": "parties[0].id", "Maker": "parties[0].name",
        "HTS": "line.hts", "Origin": "line.country_of_origin", "Goods": "line.description", "Value": "line.value_cents",
        "Qty": "line.quantity.amount", "Unit": "line.quantity.unit",
    ]
    static func body(_ rows: [String], mapping: JSONValue = mapping) -> String {
        (try? CanonicalJSON.encodeString(["csv": .string(([header] + rows).joined(separator: "\r\n") + "\r\n"), "mapping": mapping])) ?? ""
    }

    @Test func rowsWithTheSameNumberMakeOneEntryAndAllAreLoggedInOneGo() async throws {
        let f = try DeskFixture()
        let (session, csrf) = try await f.signIn()
        let rows = [Self.row("EL7-1000001-8"), Self.row("EL7-1000001-8", hts: "8708999000", value: "16440"), Self.row("EL7-1000002-6")]
        let r = await f.request("POST", "/api/import", session: session, csrf: csrf, json: Self.body(rows))
        #expect(r.status == 200, "\(r.text)")
        let ledger = try Ledger.open(path: f.ledgerPath)
        let entries = try EntryBook.load(ledger)
        #expect(entries.map(\.number.formatted) == ["EL7-1000001-8", "EL7-1000002-6"])
        #expect(entries.first?.entry.lines.count == 2)
        #expect(entries.first?.entry.json["cargo_release"]?["estimated_value_cents"]?.intValue == 6_764_000)
        #expect(entries.first?.entry.json["parties"]?.arrayValue?.first?["name"]?.stringValue == "AUTOPARTES DEL NORTE, SA DE CV")
    }

    @Test func oneBadRowImportsNothingAndIsNamedWithItsRow() async throws {
        let f = try DeskFixture()
        let (session, csrf) = try await f.signIn()
        let before = try f.recordCount()
        let rows = [Self.row("EL7-1000001-8"), Self.row("EL7-1000002-6", hts: "8708"), Self.row("EL7-1000003-4", value: "12.345")]
        let r = await f.request("POST", "/api/import", session: session, csrf: csrf, json: Self.body(rows))
        #expect(r.status == 422)
        let problems = (try JSONReader.parse(r.body)["problems"]?.arrayValue ?? []).compactMap(\.stringValue)
        #expect(problems.contains { $0.hasPrefix("row 4, Value:") && $0.contains("12.345") })
        #expect(try f.recordCount() == before)
        let second = await f.request("POST", "/api/import", session: session, csrf: csrf, json: Self.body(Array(rows.prefix(2))))
        let named = (try JSONReader.parse(second.body)["problems"]?.arrayValue ?? []).compactMap(\.stringValue)
        #expect(named.contains { $0.hasPrefix("row 3 (EL7-1000002-6): lines[0].hts") }, "\(named)")
        #expect(try f.recordCount() == before)
    }

    @Test func withoutANumberColumnEachRowTakesTheNextReservedNumber() async throws {
        let f = try DeskFixture()
        let (session, csrf) = try await f.signIn()
        guard case .object(var m) = Self.mapping else { return }
        m["Entry"] = ""
        let r = await f.request("POST", "/api/import", session: session, csrf: csrf, json: Self.body([Self.row(""), Self.row("")], mapping: .object(m)))
        #expect(r.status == 200, "\(r.text)")
        let numbers = (try JSONReader.parse(r.body)["imported"]?.arrayValue ?? []).compactMap { $0["entry_number"]?.stringValue }
        #expect(numbers == ["EL7-1000001-8", "EL7-1000002-6"])
    }

    @Test func hostileCSVIsRefusedWithoutACrash() async throws {
        let f = try DeskFixture()
        let (session, csrf) = try await f.signIn()
        for csv in ["\"unclosed", "", "only,a,header", String(repeating: ",", count: 10_000)] {
            let body = (try? CanonicalJSON.encodeString(["csv": .string(csv), "mapping": Self.mapping])) ?? ""
            let r = await f.request("POST", "/api/import", session: session, csrf: csrf, json: body)
            #expect(r.status == 422 || r.status == 400, "\(csv.prefix(20))")
        }
        let unknown = await f.request("POST", "/api/import", session: session, csrf: csrf, json: Self.body([Self.row("EL7-1000001-8")], mapping: ["HTS": "lines[0].secret"]))
        #expect(unknown.status == 422)
        #expect(try f.recordCount() == 3)
    }
}
