import EntryLedger
import Testing

@Suite("SE and AE transactions, field by field")
struct TransactionTests {
    @Test("The vessel sample's SE transaction: every record and field at its docs/customs-facts.md position")
    func cargoReleaseVessel() throws {
        let r = try CargoReleaseTransaction.records(for: Repo.entry(vessel), action: .add)
        #expect(r.map { cols($0, 1, 4) } == ["SE10", "SE11", "SE15", "SE16", "SE30", "SE30", "SE30",
                                             "SE40", "SE60", "SE40", "SE60", "SE40", "SE60"])
        #expect(r.allSatisfy { $0.utf8.count == 80 })
        let se10 = r[0]
        #expect(cols(se10, 5, 5) == "A")
        #expect(cols(se10, 6, 8) == "EL7")
        #expect(cols(se10, 9, 10) == "  ")
        #expect(cols(se10, 11, 18) == "10000018")
        #expect(cols(se10, 20, 21) == "01")
        #expect(cols(se10, 22, 24) == "EI ")
        #expect(cols(se10, 25, 36) == "95-421873600")
        #expect(cols(se10, 37, 38) == "11")
        #expect(cols(se10, 39, 39) == "8")
        #expect(cols(se10, 40, 49) == "0000212480")        // 21_248_000 cents
        #expect(cols(se10, 50, 54) == "2704 ")
        #expect(cols(se10, 55, 55) == "N")
        #expect(cols(se10, 56, 60) == "2704 ")
        #expect(cols(se10, 61, 80) == String(repeating: " ", count: 20))
        let se11 = r[1]
        #expect(cols(se11, 5, 11) == "       ")
        #expect(cols(se11, 12, 15) == "Y258")
        #expect(cols(se11, 16, 19) == "    ")
        #expect(cols(se11, 20, 39) == "MAERSK ESSEN        ")
        #expect(cols(se11, 40, 44) == "245E ")
        let se15 = r[2]
        #expect(cols(se15, 5, 5) == "M")
        #expect(cols(se15, 6, 9) == "MAEU")
        #expect(cols(se15, 10, 59) == "254812907" + String(repeating: " ", count: 41))
        #expect(cols(se15, 60, 67) == "00000412")
        let se16 = r[3]
        #expect(cols(se16, 5, 8) == "MAEU")
        #expect(cols(se16, 9, 13) == "245E ")
        #expect(cols(se16, 14, 19) == "111626")
        #expect(cols(se16, 20, 27) == "00000412")
        let mf = r[4]
        #expect(cols(mf, 5, 7) == "MF ")
        #expect(cols(mf, 8, 42) == "SHENZHEN BRIGHTWAY ELECTRONICS CO  ")
        #expect(cols(mf, 43, 45) == "MID")
        #expect(cols(mf, 46, 65) == "CNSHEBRI88SHE       ")
        #expect(cols(r[5], 43, 65).allSatisfy { $0 == " " })   // seller without id
        #expect(cols(r[7], 5, 7) == "001")
        #expect(cols(r[8], 15, 24) == "0000184500")
        let se40 = r[11]
        #expect(cols(se40, 5, 7) == "003")
        #expect(cols(se40, 8, 9) == "CN")
        #expect(cols(se40, 10, 10) == " ")
        #expect(cols(se40, 11, 80) == "USB-C CHARGING CABLES 1M" + String(repeating: " ", count: 46))
        let se60 = r[12]
        #expect(cols(se60, 5, 14) == "8544429000")
        #expect(cols(se60, 15, 24) == "0000004860")
    }

    @Test("The vessel sample's AE transaction: every record and field at its docs/customs-facts.md position")
    func entrySummaryVessel() throws {
        let r = try EntrySummaryTransaction.records(for: Repo.entry(vessel), action: .replace)
        #expect(r.map { cols($0, 1, 2) } == ["10", "11", "20", "23", "31", "40", "47", "50", "40", "47", "50", "40", "47", "50", "89", "90"])
        #expect(r.allSatisfy { $0.utf8.count == 80 })
        let h = r[0]
        #expect(cols(h, 3, 3) == "R")
        #expect(cols(h, 4, 6) == "EL7")
        #expect(cols(h, 9, 16) == "10000018")
        #expect(cols(h, 18, 21) == "2704")
        #expect(cols(h, 22, 30) == "K4471    ")
        #expect(cols(h, 34, 35) == "01")
        #expect(cols(h, 36, 37) == "11")
        #expect(cols(r[1], 3, 14) == "95-421873600")
        #expect(cols(r[1], 15, 26) == "95-421873600")
        let r20 = r[2]
        #expect(cols(r20, 3, 6) == "MAEU")
        #expect(cols(r20, 7, 10) == "2704")
        #expect(cols(r20, 11, 16) == "111626")
        #expect(cols(r20, 17, 20) == "Y258")
        #expect(cols(r20, 21, 40) == "MAERSK ESSEN        ")
        #expect(cols(r[3], 3, 3) == "M")
        #expect(cols(r[3], 4, 7) == "MAEU")
        #expect(cols(r[3], 8, 19) == "254812907   ")
        #expect(cols(r[4], 3, 3) == "8")
        #expect(cols(r[4], 6, 8) == "457")
        #expect(cols(r[4], 9, 18) == "          ")          // continuous bond: no amount
        let l3 = r[11]
        #expect(cols(l3, 5, 7) == "003")
        #expect(cols(l3, 9, 10) == "CN")
        #expect(cols(l3, 11, 12) == "CN")
        #expect(cols(l3, 13, 18) == "103026")
        #expect(cols(l3, 27, 36) == "0000000055")          // 5_500 cents of charges
        #expect(cols(l3, 42, 51) == "0000000560")
        #expect(cols(l3, 56, 56) == "N")
        #expect(cols(r[12], 3, 3) == "M")
        #expect(cols(r[12], 4, 18) == "CNDONXIN1200DON")
        let v3 = r[13]
        #expect(cols(v3, 3, 12) == "8544429000")
        #expect(cols(v3, 14, 23) == "0000012636")          // duty in cents (2.6 % of $4,860.00)
        #expect(cols(v3, 25, 34) == "0000004860")          // value in whole dollars
        #expect(cols(v3, 36, 47) == "000000540000")        // 5400.00 KG, 2 implied decimals
        #expect(cols(v3, 48, 50) == "KG ")
        #expect(cols(r[7], 36, 47) == "000000030000")      // 300 NO at scale 0
        #expect(r[15] == "90" + String(repeating: " ", count: 78))
    }

    @Test("A single bond's amount goes to AE 31 in whole dollars; a filer reference replaces the broker reference")
    func bondAndReference() throws {
        let r = try EntrySummaryTransaction.records(for: Repo.entry(air), action: .add, filerReference: "L42-0007")
        #expect(cols(r[0], 22, 30) == "L42-0007 ")
        let bond = r.first { cols($0, 1, 2) == "31" }!
        #expect(cols(bond, 3, 3) == "9")
        #expect(cols(bond, 6, 8) == "161")
        #expect(cols(bond, 9, 18) == "0000025000")
        #expect(throws: ABIError.self) {
            try EntrySummaryTransaction.records(for: Repo.entry(air), action: .add, filerReference: "TOO-LONG-REF")
        }
    }

    @Test("Values round half up to whole dollars in SE 10, SE 60 and AE 50")
    func roundingInRecords() throws {
        var e = Repo.entry(air)
        e.lines[0].valueCents = 12_350
        e.lines[1].valueCents = 12_349
        e.cargoRelease?.estimatedValueCents = 24_699
        let se = try CargoReleaseTransaction.records(for: e, action: .add)
        #expect(cols(se[0], 40, 49) == "0000000247")
        let se60 = se.filter { cols($0, 1, 4) == "SE60" }
        #expect(se60.map { cols($0, 15, 24) } == ["0000000124", "0000000123"])
        let ae = try EntrySummaryTransaction.records(for: e, action: .add)
        #expect(ae.filter { cols($0, 1, 2) == "50" }.map { cols($0, 25, 34) } == ["0000000124", "0000000123"])
    }

    @Test("Action codes: U is Cargo Release only; every action writes its code")
    func actions() throws {
        for action in ABIAction.allCases {
            let r = try CargoReleaseTransaction.records(for: Repo.entry(vessel), action: action)
            #expect(cols(r[0], 5, 5) == action.rawValue)
        }
        #expect(throws: ABIError.inEntry(entryNumber: vessel, .actionNotAllowed(action: "U", application: "AE"))) {
            try EntrySummaryTransaction.records(for: Repo.entry(vessel), action: .update)
        }
        let d = try EntrySummaryTransaction.records(for: Repo.entry(vessel), action: .delete)
        #expect(cols(d[0], 3, 3) == "D")
    }

    @Test("An entry without the application's data is refused, naming the entry")
    func missingData() {
        #expect(throws: ABIError.inEntry(entryNumber: "EL7-1000009-1", .missingData(application: "SE"))) {
            try CargoReleaseTransaction.records(for: Repo.entry("EL7-1000009-1"), action: .add)
        }
        #expect(throws: ABIError.inEntry(entryNumber: "EL7-1000003-4", .missingData(application: "AE"))) {
            try EntrySummaryTransaction.records(for: Repo.entry("EL7-1000003-4"), action: .add)
        }
    }

    @Test("A non-ASCII description or an overlong conveyance is refused with entry, record and field")
    func refusalsInEntries() {
        var e = Repo.entry(vessel)
        e.lines[1].description = "CÂBLES"
        #expect {
            try CargoReleaseTransaction.records(for: e, action: .add)
        } throws: { error in
            guard case .inEntry(vessel, .notUpperCaseASCII("SE40", "description", _))? = error as? ABIError else { return false }
            return error.localizedDescription.isEmpty == false
        }
        var f = Repo.entry(vessel)
        f.conveyanceName = "MAERSK ESSEN EXPRESS LINE"
        #expect(throws: ABIError.inEntry(entryNumber: vessel, .overflow(record: "SE11", field: "conveyance name",
                                                                        positions: "positions 20-39", width: 20, length: 25))) {
            try CargoReleaseTransaction.records(for: f, action: .add)
        }
    }

    @Test("Every sample entry builds, every record is 80 upper-case ASCII characters")
    func allSamples() throws {
        #expect(Repo.entries.count == 10)
        for e in Repo.entries {
            var records: [String] = []
            if e.cargoRelease != nil { records += try CargoReleaseTransaction.records(for: e, action: .add) }
            if e.entrySummary != nil { records += try EntrySummaryTransaction.records(for: e, action: .add) }
            #expect(!records.isEmpty)
            for r in records {
                #expect(r.utf8.count == 80)
                #expect(r.utf8.allSatisfy(ABIRules.isRecordCharacter), "\(r)")
            }
        }
    }
}
