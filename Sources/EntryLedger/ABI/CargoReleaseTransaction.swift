import LedgerFormat
/// Builds the Cargo Release (`SE`) transaction of an entry: SE 10, SE 11, one SE 15 per bill of
/// lading, SE 16 (carrier, voyage, arrival: every entry has an arrival date, so always), one
/// SE 30 per party, then SE 40 + SE 60 per line. Money in whole dollars
/// (``ABIRules/wholeDollars(cents:)``). Every action writes the whole transaction, delete
/// included (docs/customs-facts.md does not say a delete may be shorter). **[check]**
///
/// ```swift
/// let records = try CargoReleaseTransaction.records(for: entry, action: .add)  // 80-column lines
/// ```
public enum CargoReleaseTransaction {
    /// The records, each exactly 80 characters without a line end. Throws ``ABIError/inEntry(entryNumber:_:)``
    /// naming the entry, around the record/field error.
    public static func records(for entry: CustomsEntry, action: ABIAction) throws(ABIError) -> [String] {
        do {
            return try build(entry, action)
        } catch {
            throw ABIError.inEntry(entryNumber: entry.entryNumber.formatted, error)
        }
    }

    private static func build(_ entry: CustomsEntry, _ action: ABIAction) throws(ABIError) -> [String] {
        let application = ABIApplication.cargoRelease
        guard application.actions.contains(action) else {
            throw .actionNotAllowed(action: action.rawValue, application: application.rawValue)
        }
        guard let release = entry.cargoRelease else { throw .missingData(application: application.rawValue) }
        var records: [ABIRecord] = []

        var se10 = ABIRecord(ABILayouts.se10)
        try se10.set("action code", text: action.rawValue)
        try se10.set("filer code", text: entry.filerCode)
        try se10.set("entry number", text: entry.entryNumber.abi)
        try se10.set("entry type", text: entry.entryType)
        try se10.set("importer id qualifier", text: entry.importer.qualifier)
        try se10.set("importer number", text: entry.importer.number)
        try se10.set("mode of transport", text: entry.modeOfTransport)
        try se10.set("bond type", text: entry.bond.type)
        try se10.set("estimated value", number: try dollars(release.estimatedValueCents, "SE10", "estimated value"))
        try se10.set("port of entry", text: entry.portOfEntry)
        try se10.set("split shipment", flag: release.splitShipment)
        try se10.set("port of unlading", text: entry.portOfUnlading)
        records.append(se10)

        var se11 = ABIRecord(ABILayouts.se11)
        try se11.set("FIRMS code", text: entry.firmsCode)
        try se11.set("conveyance name", text: entry.conveyanceName)
        try se11.set("voyage", text: entry.voyage)
        records.append(se11)

        for bill in entry.billsOfLading {
            var se15 = ABIRecord(ABILayouts.se15)
            try se15.set("bill type", text: bill.type)
            try se15.set("issuer code", text: bill.issuer)
            try se15.set("bill number", text: bill.number)
            try se15.set("quantity", number: bill.quantity)
            records.append(se15)
        }

        var se16 = ABIRecord(ABILayouts.se16)
        try se16.set("carrier code", text: entry.carrierCode)
        try se16.set("voyage", text: entry.voyage)
        try se16.set("arrival date", date: entry.arrivalDate)
        let billQuantity = entry.billsOfLading.reduce(Int64(0)) { $0 &+ max(0, $1.quantity) }
        try se16.set("quantity", number: entry.billsOfLading.isEmpty ? nil : billQuantity)
        records.append(se16)

        for party in entry.parties {
            var se30 = ABIRecord(ABILayouts.se30)
            try se30.set("entity code", text: party.entity)
            try se30.set("name", text: party.name)
            try se30.set("id qualifier", text: party.idQualifier)
            try se30.set("id", text: party.id)
            records.append(se30)
        }

        for line in entry.lines {
            var se40 = ABIRecord(ABILayouts.se40)
            try se40.set("line number", number: Int64(line.lineNumber))
            try se40.set("country of origin", text: line.countryOfOrigin)
            try se40.set("description", text: line.description)
            records.append(se40)
            var se60 = ABIRecord(ABILayouts.se60)
            try se60.set("HTS number", text: line.hts)
            try se60.set("line value", number: try dollars(line.valueCents, "SE60", "line value"))
            records.append(se60)
        }
        return records.map(\.line)
    }

    static func dollars(_ cents: Int64, _ record: String, _ field: String) throws(ABIError) -> Int64 {
        guard let d = ABIRules.wholeDollars(cents: cents) else {
            throw .notNumeric(record: record, field: field, detail: "a negative amount cannot be written")
        }
        return d
    }
}
