import EntryLedger
import Testing

@Suite("All problems of an entry at once")
struct MultiErrorTests {
    @Test("An entry with many mistakes reports every one of them, each at its path")
    func everyError() throws {
        let json = Repo.sample(vesselSample)
            .setting("entry_number", to: "EL7-1000001-5")
            .setting("entry_type", to: "99")
            .setting("port_of_entry", to: "LAX")
            .setting("importer.number", to: "95421873600")
            .setting("bond", to: ["type": "9"])
            .setting("mode_of_transport", to: "13")
            .setting("arrival_date", to: "2026-02-30")
            .setting("firms_code", to: 258)
            .setting("vessel_name", to: "MAERSK ESSEN")
            .setting("parties[1].name", to: "Brightway Trading")
            .setting("parties[0].id", to: "CASHEBRI88SHE")
            .setting("lines[0].hts", to: "8471.30.01")
            .setting("lines[1].country_of_origin", to: "XX")
            .setting("lines[1].line_number", to: 7)
            .setting("lines[2].quantity.scale", to: 4)
            .setting("lines[2].entry_summary.export_date", to: "2026-10-32")
            .setting("entry_summary.totals.total_cents", to: 5)
        let found = problems(json)
        let expected: Set<String> = [
            "entry_number", "entry_type", "port_of_entry", "importer.number", "bond.surety_code", "bond.amount_cents",
            "mode_of_transport", "arrival_date", "firms_code", "vessel_name", "parties[1].name", "parties[0].id",
            "lines[0].hts", "lines[1].country_of_origin", "lines[1].line_number", "lines[2].quantity.scale",
            "lines[2].entry_summary.export_date", "entry_summary.totals.total_cents",
        ]
        #expect(Set(found.map(\.path)) == expected, "\(found.map(\.description))")
        #expect(found.count == expected.count)
        #expect(throws: EntryValidationError(problems: found)) { try CustomsEntry(json: json) }
        let error = try #require(throws: EntryValidationError.self) {
            try EntryValidator.validate(json, ledgerFilerCode: ledgerFiler)
        }
        #expect(error.paths == expected)
        #expect(error.description.hasPrefix("\(expected.count) problems in the entry:"))
    }

    @Test("Totals are still checked when another member of a line is wrong")
    func totalsDespiteOtherErrors() {
        let json = Repo.sample(vesselSample)
            .setting("lines[0].hts", to: "84")
            .setting("lines[0].value_cents", to: 1)
        #expect(Set(problems(json).map(\.path)) == [
            "lines[0].hts", "cargo_release.estimated_value_cents", "entry_summary.totals.entered_value_cents",
        ])
    }
}
