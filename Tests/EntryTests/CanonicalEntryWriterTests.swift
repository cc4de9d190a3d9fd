import Foundation
import Testing

@testable import EntryLedger
@testable import LedgerFormat

/// The entry's canonical writer (`CustomsEntry+Canonical.swift`) against the tree encoder it
/// replaces on the append path: the same bytes, for the samples, for every optional member
/// present and absent, and for thousands of generated entries with hostile strings.
@Suite("The canonical entry writer writes the tree encoder's bytes")
struct CanonicalEntryWriterTests {
    static func reference(_ entry: CustomsEntry) throws -> [UInt8] { try CanonicalJSON.encode(EntryRecordBodies.add(entry)) }

    static func expectSame(_ entry: CustomsEntry, _ what: String) throws {
        let written = try EntryRecordBodies.addCanonical(entry)
        let reference = try reference(entry)
        #expect(written == reference, "\(what): \(String(decoding: written, as: UTF8.self)) != \(String(decoding: reference, as: UTF8.self))")
        #expect(try entry.canonicalBytes == CanonicalJSON.encode(entry.json), "\(what)")
    }

    @Test("Every sample entry", arguments: Repo.samples.map(\.lastPathComponent))
    func samples(name: String) throws {
        let entry = try CustomsEntry(json: Repo.sample(name))
        try Self.expectSame(entry, name)
    }

    @Test("Every optional member present, then every one absent")
    func everyOptionalMember() throws {
        var g = EntryGenerator(seed: 1)
        let full = g.entry(optionals: .all)
        // The maximal entry really has every optional member: its tree names each of them.
        let text = String(decoding: try Self.reference(full), as: UTF8.self)
        for member in ["cargo_release", "carrier_code", "conveyance_name", "entry_summary", "firms_code", "foreign_port_of_lading",
                       "port_of_unlading", "voyage", "amount_cents", "surety_code", "address", "id_qualifier", "\"id\"", "postal_code",
                       "subdivision", "adcvd", "adcvd_non_reimbursement", "chapter_99", "\"fees\"", "\"ftz\"", "ir_tax", "\"rate\"",
                       "\"spi\"", "ad_valorem_bp", "specific_hundredth_cents", "specific_unit", "blanket_declaration",
                       "quantity_ten_thousandths", "value_cents", "privileged_filing_date", "originating_entry", "warehouse_firms",
                       "broker_reference", "consignee_number", "entry_date", "ftz_id", "warehouse_entry", "ad_duty_cents", "cv_duty_cents"] {
            #expect(text.contains(member), "\(member) missing from the maximal entry")
        }
        try Self.expectSame(full, "every optional member")
        let bare = g.entry(optionals: .none)
        #expect(!String(decoding: try Self.reference(bare), as: UTF8.self).contains("entry_summary"))
        try Self.expectSame(bare, "no optional member")
    }

    @Test("A sealed importer number (personal data)")
    func sealedImporter() throws {
        var entry = try CustomsEntry(json: Repo.sample("01-air-ssn-importer-single-bond.json"))
        let key = PersonalDataKey(deriving: try LedgerSigningKey(name: "Sup", seed: Array(repeating: 3, count: 32)))
        entry.importer = try entry.importer.sealing(to: key.publicKey)
        #expect(entry.importer.sealed != nil)
        try Self.expectSame(entry, "sealed importer")
    }

    @Test("Three thousand generated entries: unicode, escapes, control characters, extreme integers")
    func generated() throws {
        var g = EntryGenerator(seed: 0x5EED)
        var escaped = 0
        for i in 0..<3000 {
            let entry = g.entry(optionals: .random)
            let written = try EntryRecordBodies.addCanonical(entry)
            #expect(written == (try Self.reference(entry)), "generated entry \(i)")
            if written.contains(0x5C) { escaped += 1 }
            // The bytes read back as the same object.
            #expect(try JSONReader.parseCanonical(written) == EntryRecordBodies.add(entry))
        }
        #expect(escaped > 100, "the generator should produce strings that need escaping")
    }

    @Test("An integer beyond 2^53 has no canonical bytes, in the writer as in the tree encoder")
    func integerOutOfRange() throws {
        var entry = try CustomsEntry(json: Repo.sample(vesselSample))
        entry.lines[0].valueCents = JSONValue.maxSafeInteger + 1
        #expect(throws: CanonicalJSONError.self) { try EntryRecordBodies.addCanonical(entry) }
        #expect(throws: CanonicalJSONError.self) { try Self.reference(entry) }
        entry.lines[0].valueCents = -JSONValue.maxSafeInteger
        try Self.expectSame(entry, "-2^53")
    }

    @Test("A payload around canonical body bytes is the payload of the body's value")
    func payloadAroundCanonicalBody() throws {
        var g = EntryGenerator(seed: 7)
        for seq in [Int64(1), 9, 10, 123_456_789] {
            let entry = g.entry(optionals: .random)
            let prev = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ Int(seq)) }
            let keyID = String(repeating: "0f", count: 16)
            let fromBytes = try RecordFormat.payload(origin: "entryledger/EL7/" + String(repeating: "ab", count: 16), seq: seq, prev: prev,
                                                     time: "2026-11-29T04:44:12Z", kind: .entryAdd, keyID: keyID,
                                                     canonicalBody: try EntryRecordBodies.addCanonical(entry))
            let fromValue = try RecordFormat.payload(origin: "entryledger/EL7/" + String(repeating: "ab", count: 16), seq: seq, prev: prev,
                                                     time: "2026-11-29T04:44:12Z", kind: .entryAdd, keyID: keyID, body: EntryRecordBodies.add(entry))
            #expect(fromBytes == fromValue)
        }
    }

    @Test("Entries added through the writer verify whole, each body the tree encoder's bytes of its entry")
    func addedEntriesVerify() throws {
        let f = try EntryLedgerFixture()
        let entries = (0..<40).map { i in
            Repo.sample(vesselSample).setting("entry_number", to: .string(try! EntryNumber(filerCode: "EL7", serial: 4_000_000 + i).formatted))
        }
        let added = try f.ledger.addEntries(entries, signer: f.clerk)
        #expect(added.count == 40)
        #expect(try f.verify().ok)
        // Each record's body is the tree encoder's bytes of the entry it names.
        for (appended, _) in added {
            let stored = try #require(try f.ledger.store.record(at: appended.seq))
            let header = try RecordHeader(payload: stored.record.payload)
            let entry = try CustomsEntry(json: try #require(header.body["entry"]))
            #expect(try CanonicalJSON.encode(header.body) == CanonicalJSON.encode(EntryRecordBodies.add(entry)))
        }
    }
}

/// Entries with every field drawn from a seeded generator: strings from a pool of the awkward
/// (quotes, backslashes, control characters, non-ASCII, non-BMP, combining marks, empty),
/// integers across +/- 2^53, optional members present or not. Not valid entries: the writer
/// only writes, and must write what the tree encoder writes.
struct EntryGenerator {
    enum Optionals { case all, none, random }
    private var state: UInt64

    init(seed: UInt64) { state = seed | 1 }

    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }

    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func coin() -> Bool { next() & 1 == 1 }

    static let pieces = ["A", "z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{00}", "\u{1F}", "\u{7F}",
                         "é", "ß", "Ω", "中", "\u{2028}", "\u{FEFF}", "e\u{0301}", "😀", "𝄞", "\u{10FFFF}", "ACME", "LLC", "<", "&", "'"]

    mutating func string() -> String {
        (0..<below(8)).map { _ in Self.pieces[below(Self.pieces.count)] }.joined()
    }

    mutating func int() -> Int64 {
        switch below(5) {
        case 0: return Int64(below(10))
        case 1: return -Int64(below(1000))
        case 2: return JSONValue.maxSafeInteger - Int64(below(3))
        case 3: return -JSONValue.maxSafeInteger + Int64(below(3))
        default: return Int64(bitPattern: next()) % JSONValue.maxSafeInteger
        }
    }

    mutating func present(_ o: Optionals) -> Bool {
        switch o {
        case .all: return true
        case .none: return false
        case .random: return coin()
        }
    }

    mutating func opt<T>(_ o: Optionals, _ make: (inout EntryGenerator) -> T) -> T? { present(o) ? make(&self) : nil }

    mutating func some<T>(_ o: Optionals, _ make: (inout EntryGenerator) -> T) -> [T] {
        let n = o == .all ? 1 + below(3) : o == .none ? 0 : below(3)
        return (0..<n).map { _ in make(&self) }
    }

    mutating func number() -> EntryNumber { try! EntryNumber(filerCode: "EL7", serial: below(9_999_999)) }
    mutating func quantity() -> LineQuantity { LineQuantity(amount: int(), scale: below(5), unit: string()) }
    mutating func rate(_ o: Optionals) -> DutyRate {
        DutyRate(adValoremBasisPoints: opt(o) { $0.int() }, specificHundredthCents: opt(o) { $0.int() }, specificUnit: opt(o) { $0.string() })
    }

    mutating func entry(optionals o: Optionals) -> CustomsEntry {
        var e = try! CustomsEntry(json: Repo.sample(vesselSample))
        e.entryNumber = number()
        e.entryType = string()
        e.portOfEntry = string()
        e.importer = ImporterNumber(qualifier: string(), number: string())
        e.bond = EntryBond(type: string(), suretyCode: opt(o) { $0.string() }, amountCents: opt(o) { $0.int() })
        e.modeOfTransport = string()
        e.carrierCode = opt(o) { $0.string() }
        e.conveyanceName = opt(o) { $0.string() }
        e.voyage = opt(o) { $0.string() }
        e.arrivalDate = string()
        e.portOfUnlading = opt(o) { $0.string() }
        e.foreignPortOfLading = opt(o) { $0.string() }
        e.firmsCode = opt(o) { $0.string() }
        e.billsOfLading = some(o) { BillOfLading(type: $0.string(), issuer: $0.string(), number: $0.string(), quantity: $0.int()) }
        e.parties = some(o) { g in
            EntryParty(entity: g.string(), name: g.string(), idQualifier: g.opt(o) { $0.string() }, id: g.opt(o) { $0.string() },
                       address: g.opt(o) { g in
                           PartyAddress(street: g.string(), city: g.string(), subdivision: g.opt(o) { $0.string() },
                                        postalCode: g.opt(o) { $0.string() }, country: g.string())
                       })
        }
        e.lines = (0..<(1 + below(3))).map { _ in line(o) }
        e.cargoRelease = opt(o) { g in
            CargoRelease(estimatedValueCents: g.int(), splitShipment: g.coin(), warehouseFirms: g.opt(o) { $0.string() },
                         originatingEntry: g.opt(o) { WarehouseEntry(entryNumber: $0.number(), port: $0.string()) })
        }
        e.entrySummary = opt(o) { g in
            EntrySummary(brokerReference: g.opt(o) { $0.string() }, consigneeNumber: g.opt(o) { $0.string() }, entryDate: g.opt(o) { $0.string() },
                         ftzID: g.opt(o) { $0.string() }, fees: g.some(o) { EntryFee(classCode: $0.string(), amountCents: $0.int()) },
                         totals: EntrySummaryTotals(enteredValueCents: g.int(), dutyCents: g.int(), feesCents: g.int(), taxesCents: g.int(),
                                                    adDutyCents: o == .none ? 0 : g.int(), cvDutyCents: o == .none ? 0 : g.int(), totalCents: g.int()),
                         warehouseEntry: g.opt(o) { WarehouseEntry(entryNumber: $0.number(), port: $0.string()) })
        }
        return e
    }

    mutating func line(_ o: Optionals) -> EntryLine {
        EntryLine(lineNumber: below(1000), hts: string(), countryOfOrigin: string(), description: string(), valueCents: int(),
                  quantity: quantity(), summary: opt(o) { g in
                      LineSummary(mid: g.string(), countryOfExport: g.string(), exportDate: g.string(), grossWeightKilograms: g.int(),
                                  chargesCents: g.int(), dutyCents: g.int(), relatedParty: g.coin(), spi: g.opt(o) { $0.string() },
                                  rate: g.opt(o) { $0.rate(o) },
                                  chapter99: g.some(o) { g in TariffLine(hts: g.string(), rate: g.opt(o) { $0.rate(o) }, dutyCents: g.int()) },
                                  adcvd: g.some(o) { g in
                                      ADCVDDeposit(caseNumber: g.string(), claim: g.string(), rateType: g.string(), depositRate: g.int(),
                                                   valueCents: g.opt(o) { $0.int() }, quantityTenThousandths: g.opt(o) { $0.int() },
                                                   dutyCents: g.int(), blanketDeclaration: g.opt(o) { $0.string() })
                                  },
                                  adcvdNonReimbursement: o == .all ? true : o == .none ? false : g.coin(),
                                  irTax: g.opt(o) { g in IRTax(classCode: g.string(), rateHundredthCents: g.int(), quantity: g.quantity(), amountCents: g.int()) },
                                  fees: g.some(o) { EntryFee(classCode: $0.string(), amountCents: $0.int()) },
                                  ftz: g.opt(o) { g in FTZLineStatus(status: g.string(), privilegedFilingDate: g.opt(o) { $0.string() }, quantity: g.int()) })
                  })
    }
}
