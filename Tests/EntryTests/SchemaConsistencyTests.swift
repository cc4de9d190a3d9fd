import EntryLedger
import Testing

/// schemas/entry.schema.json and CustomsRules must say the same thing.
@Suite("The JSON Schema agrees with the rules table")
struct SchemaConsistencyTests {
    static let schema = try! Repo.json(Repo.root.appendingPathComponent("schemas/entry.schema.json"))

    static func strings(_ v: JSONValue?) -> Set<String> { Set((v?.arrayValue ?? []).compactMap(\.stringValue)) }

    @Test("Entry types, modes, bond types, bill types, party codes and countries match")
    func lists() {
        let s = Self.schema
        #expect(Self.strings(s.at("properties.entry_type.enum")) == Set(CustomsRules.entryTypes))
        #expect(Self.strings(s.at("allOf[0].then.properties.entry_type.enum")) == Set(CustomsRules.cargoReleaseEntryTypes))
        #expect(Self.strings(s.at("allOf[1].then.properties.entry_type.enum")) == Set(CustomsRules.entrySummaryEntryTypes))
        #expect(Self.strings(s.at("properties.mode_of_transport.enum")) == Set(CustomsRules.modesOfTransport.keys))
        #expect(Self.strings(s.at("allOf[2].if.properties.mode_of_transport.enum")) == CustomsRules.airModes)
        #expect(Self.strings(s.at("allOf[3].if.properties.mode_of_transport.enum")) == CustomsRules.modesNeedingCarrier)
        #expect(Self.strings(s.at("$defs.bond.properties.type.enum")) == Set(CustomsRules.bondTypes.keys))
        #expect(Self.strings(s.at("$defs.bill.properties.type.enum")) == Set(CustomsRules.billTypes.keys))
        #expect(Self.strings(s.at("$defs.party.properties.entity.enum")) == Set(CustomsRules.partyEntityCodes.keys))
        #expect(Self.strings(s.at("$defs.party.properties.id_qualifier.enum")) == CustomsRules.partyIDQualifiers)
        #expect(Self.strings(s.at("$defs.importer.properties.qualifier.enum")) == Set(CustomsRules.importerNumberForms.keys))
        // The fields the schema marks personal are the ones the ledger seals.
        #expect(Self.strings(s.at("$defs.importer.properties.number.x-personal.qualifiers")) == CustomsRules.personalDataQualifiers)
        #expect(Self.strings(s.at("$defs.country.enum")) == CountryCode.all)
        #expect(Self.strings(s.at("$defs.lineFee.properties.class_code.enum")) == Set(CustomsRules.feeClasses.filter { $0.level == .line }.map(\.code)))
        #expect(Self.strings(s.at("$defs.summaryFee.properties.class_code.enum")) == Set(CustomsRules.feeClasses.filter { $0.level == .summary }.map(\.code)))
        #expect(Self.strings(s.at("$defs.adcvd.properties.claim.enum")) == Set(CustomsRules.adcvdClaims.keys))
        #expect(Self.strings(s.at("$defs.adcvd.properties.rate_type.enum")) == Set(CustomsRules.adcvdRateTypes.keys))
        #expect(Self.strings(s.at("$defs.ftz.properties.status.enum")) == Set(CustomsRules.ftzStatuses.keys))
    }

    @Test("The schema names exactly the members the model writes")
    func memberNames() throws {
        let entry = try CustomsEntry(json: Repo.sample(vesselSample))
        let written = Set(entry.json.objectValue!.keys)
        let declared = Set(Self.schema.at("properties")!.objectValue!.keys)
        #expect(written.isSubset(of: declared))
        #expect(declared.subtracting(written) == [])  // the vessel sample uses every top-level member
        let wine = try CustomsEntry(json: Repo.sample("31-warehouse-withdrawal-summary-only.json"))
        #expect(wine.json["entry_summary"]?["warehouse_entry"] != nil)
        #expect(Self.schema.at("$defs.entrySummary.properties.warehouse_entry") != nil)
        #expect(Self.schema["additionalProperties"] == false)
    }
}
