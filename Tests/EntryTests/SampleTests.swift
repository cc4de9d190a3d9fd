import EntryLedger
import Foundation
import Testing

@Suite("Samples, invalid fixtures and the round trip")
struct SampleTests {
    @Test("There are at least eight samples and six invalid fixtures")
    func counts() {
        #expect(Repo.samples.count >= 8)
        #expect(Repo.invalidFixtures.count >= 6)
    }

    @Test("Every sample validates with the Swift validator for filer code EL7", arguments: Repo.samples.map(\.lastPathComponent))
    func sampleValidates(name: String) throws {
        let bytes = Repo.bytes(Repo.root.appendingPathComponent("samples/entries/\(name)"))
        let found = EntryValidator.problems(inJSONText: bytes, ledgerFilerCode: ledgerFiler)
        #expect(found.isEmpty, "\(found.map(\.description))")
        let entry = try EntryValidator.validate(jsonText: bytes, ledgerFilerCode: ledgerFiler)
        #expect(entry.filerCode == ledgerFiler)
    }

    @Test("The samples cover the entry types, modes, bonds and forms the issue asks for")
    func coverage() throws {
        let entries = try Repo.samples.map { try CustomsEntry(json: Repo.json($0)) }
        let types = Set(entries.map(\.entryType))
        #expect(types.isSuperset(of: ["01", "03", "11", "21"]))
        let modes = Set(entries.map(\.modeOfTransport))
        #expect(!modes.isDisjoint(with: ["10", "11"]) && !modes.isDisjoint(with: ["40", "41"]) && !modes.isDisjoint(with: ["30", "31"]))
        #expect(Set(entries.map(\.bond.type)).isSuperset(of: ["8", "9"]))
        #expect(entries.contains { $0.lines.count > 1 })
        #expect(entries.contains { $0.cargoRelease != nil && $0.entrySummary != nil })
        #expect(Set(entries.map(\.entryNumber)).count == entries.count)
    }

    /// What each invalid fixture must report: the exact set of paths with a problem.
    static let expectedPaths: [String: Set<String>] = [
        "bad-hts-port-firms.json": ["lines[0].hts", "port_of_entry", "firms_code"],
        "not-upper-case-ascii.json": ["parties[1].name", "lines[1].description", "conveyance_name"],
        "bond-9-without-surety-unknown-mode.json": [
            "bond.surety_code", "bond.amount_cents", "mode_of_transport", "carrier_code", "bills_of_lading[0].issuer",
        ],
        "money-shapes-case-rate-fee-chapter99.json": [
            "lines[0].entry_summary.adcvd[0].case_number", "lines[0].entry_summary.rate",
            "lines[1].entry_summary.fees[0].class_code", "lines[1].entry_summary.chapter_99[0].hts", "entry_summary.fees[0].class_code",
        ],
        "typo-member-and-string-money.json": [
            "carrier_cod", "carrier_code", "lines[1].value_cents",
        ],
        "mid-canada-ca-bad-country-date.json": [
            "lines[0].entry_summary.mid", "lines[1].entry_summary.mid", "lines[1].entry_summary.country_of_export",
            "arrival_date",
        ],
        "type-04-cargo-release-air-scac.json": ["entry_type", "carrier_code"],
        "importer-form-bill-type-check-digit.json": ["entry_number", "importer.number", "bills_of_lading[0].type"],
        "no-forms-no-lines.json": ["", "lines"],
        "line-summary-missing-long-bill.json": ["lines[2].entry_summary", "bills_of_lading[0].number"],
        "float-money.json": [""],
        "bond-0-with-surety-party-scale.json": ["bond.surety_code", "parties[0].entity", "lines[0].quantity.scale"],
    ]

    @Test("Every invalid fixture fails the Swift validator with exactly the problems it was made for",
          arguments: Repo.invalidFixtures.map(\.lastPathComponent))
    func fixtureFails(name: String) throws {
        let bytes = Repo.bytes(Repo.root.appendingPathComponent("Tests/EntryTests/Fixtures/invalid/\(name)"))
        let found = EntryValidator.problems(inJSONText: bytes, ledgerFilerCode: ledgerFiler)
        #expect(!found.isEmpty)
        let expected = try #require(Self.expectedPaths[name], "no expectation for fixture \(name)")
        #expect(Set(found.map(\.path)) == expected, "\(found.map(\.description))")
        #expect(throws: EntryValidationError.self) { try EntryValidator.validate(jsonText: bytes, ledgerFilerCode: ledgerFiler) }
    }

    @Test("Samples are stored in normalized form: json -> model -> json gives the same object and bytes",
          arguments: Repo.samples.map(\.lastPathComponent))
    func roundTrip(name: String) throws {
        let json = Repo.sample(name)
        let entry = try CustomsEntry(json: json)
        #expect(entry.json == json)
        let again = try CustomsEntry(json: entry.json)
        #expect(again == entry)
        let bytes = try CanonicalJSON.encode(entry.json)
        let reread = try CustomsEntry(json: JSONReader.parseCanonical(bytes))
        #expect(reread == entry)
        #expect(try CanonicalJSON.encode(reread.json) == bytes)
    }

    @Test("Normalization writes the entry number with dashes and fills defaults, and is stable")
    func normalization() throws {
        var json = Repo.sample("11-informal-truck.json").setting("entry_number", to: "EL710000083")
        json = json.setting("cargo_release.split_shipment", to: nil).setting("parties", to: nil).setting("bills_of_lading", to: nil)
        let entry = try CustomsEntry(json: json)
        #expect(entry.json["entry_number"] == "EL7-1000008-3")
        #expect(entry.json["cargo_release"]?["split_shipment"] == false)
        #expect(entry.json["parties"] == [])
        #expect(entry.json != json)
        #expect(try CustomsEntry(json: entry.json).json == entry.json)
    }

    @Test("Editing the model and re-checking it finds the new problem")
    func editedModel() throws {
        var entry = try CustomsEntry(json: Repo.sample(vesselSample))
        #expect(EntryValidator.problems(in: entry, ledgerFilerCode: ledgerFiler).isEmpty)
        entry.lines[0].hts = "8471"
        #expect(EntryValidator.problems(in: entry, ledgerFilerCode: ledgerFiler).map(\.path) == ["lines[0].hts"])
    }
}
