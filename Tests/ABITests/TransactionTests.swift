import EntryLedger
import Foundation
import Testing

@Suite("Transactions: the records each action carries, and the CATAIR rules an entry must meet")
struct TransactionTests {
    static let withRelease = Repo.entries.filter { $0.cargoRelease != nil }
    static let withSummary = Repo.entries.filter { $0.entrySummary != nil }

    @Test("Every sample's SE add: SE10 first, SE13 with the contact, bills with the Non-AMS flag, SE40 and SE60 per line, every record 80 columns")
    func cargoReleaseAddsHaveEveryMandatoryRecord() throws {
        for e in Self.withRelease {
            let r = try transaction(e, .cargoRelease)
            let ids = r.map { cols($0, 1, 4) }
            #expect(ids.first == "SE10", "\(e.entryNumber)")
            #expect(r.allSatisfy { $0.utf8.count == 80 })
            #expect(ids.filter { $0 == "SE13" }.count == 1)
            let se13 = r.first { $0.hasPrefix("SE13") }!
            #expect(cols(se13, 5, 44).hasPrefix("DANA WHITFIELD") && cols(se13, 45, 59).hasPrefix("3125550142"))
            #expect(ids.filter { $0 == "SE40" }.count == e.lines.count)
            #expect(ids.filter { $0 == "SE60" }.count >= e.lines.count)
            for b in r where b.hasPrefix("SE15") { #expect(["N", "Y"].contains(cols(b, 73, 73))); #expect(cols(b, 68, 72) == "     ") }
            let se10 = r[0]
            #expect(cols(se10, 5, 5) == "A" && cols(se10, 11, 18) == e.entryNumber.abi && cols(se10, 20, 21) == e.entryType)
            #expect(cols(se10, 39, 39) == e.bond.type)
            #expect(cols(se10, 40, 49).allSatisfy { $0.isNumber })
            // Bond type 9: SE20 V1 and AMT, the amount left-justified without leading zeros.
            let se20 = r.filter { $0.hasPrefix("SE20") }
            if e.bond.type == "9" {
                #expect(se20.contains { cols($0, 5, 7) == "V1 " && cols($0, 8, 10) == e.bond.suretyCode })
                let amt = se20.first { cols($0, 5, 7) == "AMT" }
                #expect(amt.map { cols($0, 8, 8) != "0" && cols($0, 8, 57).trimmingCharacters(in: .whitespaces).allSatisfy { $0.isNumber } } == true)
            } else {
                #expect(se20.isEmpty)
            }
            // Every party by name is followed by its street (SE35/55) and city (SE36/56); by identifier by neither.
            for (i, p) in r.enumerated() where p.hasPrefix("SE30") || p.hasPrefix("SE50") {
                let byName = cols(p, 8, 42).trimmingCharacters(in: .whitespaces) != ""
                let byID = cols(p, 43, 65).trimmingCharacters(in: .whitespaces) != ""
                #expect(byName != byID, "name or identifier, never both: \(p)")
                if byName { #expect(r[i + 1].hasPrefix(p.hasPrefix("SE30") ? "SE35" : "SE55") && r[i + 2].hasPrefix(p.hasPrefix("SE30") ? "SE36" : "SE56")) }
            }
            // The manufacturer goes at line level.
            #expect(!r.contains { $0.hasPrefix("SE30MF") })
        }
    }

    @Test("A warehouse entry (type 21) carries the bonded warehouse FIRMS at SE11 65-68 and the planned port of entry")
    func warehouse() throws {
        let e = Repo.entry("EL7-1000004-2")
        let r = try transaction(e, .cargoRelease)
        let se11 = try #require(r.first { $0.hasPrefix("SE11") })
        #expect(cols(se11, 65, 68) == "E104")
        #expect(cols(r[0], 50, 54) == "4601 ")
        var missing = e
        missing.cargoRelease?.warehouseFirms = nil
        let err = #expect(throws: ABIError.self) { try transaction(missing, .cargoRelease) }
        #expect(err?.description.contains("warehouse_firms") == true)
    }

    @Test("A cancel (SE D) is SE10 with the planned port and SE13 with the reason code, nothing else")
    func cancel() throws {
        let e = Repo.entry(vessel)
        let r = try transaction(e, .cargoRelease, .delete)
        #expect(r.map { cols($0, 1, 4) } == ["SE10", "SE13"])
        #expect(cols(r[0], 5, 5) == "D" && cols(r[0], 50, 54) == "2704 ")
        #expect(cols(r[1], 60, 61) == "01")
        let u = try transaction(e, .cargoRelease, .update)
        #expect(Set(u.map { cols($0, 1, 4) }).isSubset(of: ["SE10", "SE11", "SE13", "SE15", "SE16", "SE17", "SE20"]))
    }

    @Test("Without the SE13 contact no cargo release is built, and the error names the command that sets it")
    func contactIsMandatory() throws {
        let e = #expect(throws: ABIError.self) { try CargoReleaseTransaction.records(for: Repo.entry(vessel), action: .add, contact: nil) }
        #expect(e?.description.contains("entryledger settings contact") == true)
        #expect(ABIContact(name: "dana", phone: "3125550142") == nil)
        #expect(ABIContact(name: "DANA", phone: "312-555") == nil)
        #expect(ABIContact(name: "DANA", phone: "3125550142") != nil)
    }

    @Test("A party by name without an address, a consignee by name on a formal entry and a lone master bill are refused")
    func partyAndBillRules() throws {
        var e = Repo.entry(vessel)
        e.parties[0].address = nil
        let a = #expect(throws: ABIError.self) { try transaction(e, .cargoRelease) }
        #expect(a?.description.contains("address") == true && a?.description.contains(e.parties[0].name) == true)
        var c = Repo.entry(vessel)
        c.parties = [EntryParty(entity: "CN", name: "SOMEONE", address: PartyAddress(street: "1 MAIN ST", city: "X", country: "US"))]
        let cn = #expect(throws: ABIError.self) { try transaction(c, .cargoRelease) }
        #expect(cn?.description.contains("by number") == true)
        var m = Repo.entry(vessel)
        m.billsOfLading = [BillOfLading(type: "M", issuer: "MAEU", number: "254812907", quantity: 4)]
        let b = #expect(throws: ABIError.self) { try transaction(m, .cargoRelease) }
        #expect(b?.description.contains("R | T | M,H | I,R | I,M,H") == true)
        var h = m
        h.billsOfLading.append(BillOfLading(type: "H", issuer: "MAEU", number: "HB1", quantity: 4))
        h.billsOfLading.append(BillOfLading(type: "I", issuer: "MAEU", number: "V12345678", quantity: 4))
        let seq = try transaction(h, .cargoRelease).filter { $0.hasPrefix("SE15") }.map { cols($0, 5, 5) }
        #expect(seq == ["I", "M", "H"])
    }

    @Test("Every sample's AE add: 10 with X at 39, 11, a 31 with designation B unless waived, 40 charges and weight zero-filled, 90 last with six totals")
    func entrySummaryAddsHaveEveryMandatoryRecord() throws {
        for e in Self.withSummary {
            let r = try transaction(e, .entrySummary)
            let ids = r.map { cols($0, 1, 2) }
            #expect(ids.first == "10" && ids.last == "90", "\(e.entryNumber)")
            #expect(cols(r[0], 39, 39) == "X")
            #expect(ids.filter { $0 == "11" }.count == 1)
            if e.bond.type == "0" {
                #expect(cols(r[0], 38, 38) == "0" && !ids.contains("31"))
            } else {
                let r31 = try #require(r.first { $0.hasPrefix("31") })
                #expect(cols(r31, 3, 3) == e.bond.type && cols(r31, 4, 4) == "B")
            }
            for l in r where l.hasPrefix("40") {
                #expect(cols(l, 27, 36).allSatisfy { $0.isNumber } && cols(l, 42, 51).allSatisfy { $0.isNumber })
            }
            // Every 23 follows a 22 or another 23.
            for (i, l) in r.enumerated() where l.hasPrefix("23") { #expect(r[i - 1].hasPrefix("22") || r[i - 1].hasPrefix("23")) }
            let r90 = r.last!
            for (a, b) in [(3, 13), (15, 25), (27, 37), (39, 49), (51, 61), (63, 73)] { #expect(cols(r90, a, b).allSatisfy { $0.isNumber }) }
            let duty = r.filter { $0.hasPrefix("50") }.reduce(0) { $0 + Int(cols($1, 14, 23))! }
            #expect(Int(cols(r90, 3, 13)) == duty)
            let fees = r.filter { $0.hasPrefix("62") }.reduce(0) { $0 + Int(cols($1, 6, 13))! }
                + r.filter { $0.hasPrefix("34") }.reduce(0) { $0 + Int(cols($1, 6, 13))! }
            #expect(Int(cols(r90, 15, 25)) == fees)
            #expect(fees == 0 || ids.contains("89"))
        }
    }

    @Test("A warehouse withdrawal (type 31) carries its 30 record; without the warehouse entry it is refused")
    func withdrawal() throws {
        let e = Repo.entry("EL7-1000009-1")
        let r30 = try #require(try transaction(e, .entrySummary).first { $0.hasPrefix("30") })
        #expect(cols(r30, 3, 5) == "EL7" && cols(r30, 8, 15) == "10000042" && cols(r30, 17, 20) == "4601")
        var missing = e
        missing.entrySummary?.warehouseEntry = nil
        #expect(throws: ABIError.self) { try transaction(missing, .entrySummary) }
    }

    @Test("An AE delete is the 10 record alone with 36-80 spaces")
    func delete() throws {
        let r = try transaction(Repo.entry(vessel), .entrySummary, .delete)
        #expect(r.count == 1 && cols(r[0], 1, 3) == "10D" && cols(r[0], 36, 80) == String(repeating: " ", count: 45))
        #expect(throws: ABIError.self) { try transaction(Repo.entry(vessel), .entrySummary, .update) }
    }
}
