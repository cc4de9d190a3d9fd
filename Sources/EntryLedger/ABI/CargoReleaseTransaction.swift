import LedgerFormat
/// Builds the Cargo Release (`SE`) transaction of an entry by the shapes of ``ABILayouts``:
///
/// - `A`/`R`: SE10, SE11 (when needed), SE13, bill groupings (SE15 in the sequences
///   R | T | M,H | I,R | I,M,H, SE16 after a Non-AMS bill), SE20 `V1`+`AMT` for bond type 9,
///   header parties (SE30 by identifier, or by name with SE35+SE36), then per line SE40, the
///   manufacturer as SE50+SE55+SE56, and SE60s (chapter 99 numbers first, value on the
///   chapter 1-97 number).
/// - `U`: SE10, SE11, SE13, bills, SE20 only.
/// - `D` (cancel): SE10 with the planned port of entry, SE13 with the reason code.
///
/// Every CATAIR rule the entry cannot meet (a party by name without an address, a type 21
/// without its warehouse FIRMS ...) is an error naming the entry, the record and what the entry
/// needs; nothing is guessed.
public enum CargoReleaseTransaction {
    /// The records, each exactly 80 characters without a line end.
    public static func records(for entry: CustomsEntry, action: ABIAction, contact: ABIContact?,
                               cancellationReason: String = ABIRules.defaultCancellationReason) throws(ABIError) -> [String] {
        do {
            return try build(entry, action, contact, cancellationReason).map(\.line)
        } catch {
            throw ABIError.inEntry(entryNumber: entry.entryNumber.formatted, error)
        }
    }

    /// The same records as ``records(for:action:contact:cancellationReason:)``, unrendered.
    static func abiRecords(for entry: CustomsEntry, action: ABIAction, contact: ABIContact?) throws(ABIError) -> [ABIRecord] {
        do {
            return try build(entry, action, contact, ABIRules.defaultCancellationReason)
        } catch {
            throw ABIError.inEntry(entryNumber: entry.entryNumber.formatted, error)
        }
    }

    private static func build(_ entry: CustomsEntry, _ action: ABIAction, _ contact: ABIContact?, _ reason: String) throws(ABIError) -> [ABIRecord] {
        let application = ABIApplication.cargoRelease
        guard application.actions.contains(action) else {
            throw .actionNotAllowed(action: action.rawValue, application: application.rawValue)
        }
        guard let release = entry.cargoRelease else { throw .missingData(application: application.rawValue) }
        guard let contact else { throw .missingContact }
        guard entry.entryType != "06" else {
            throw .rule(record: "SE41", detail: "a type 06 (FTZ) entry needs the zone status and FTZ quantity of every line, which the ledger does not record")
        }
        var records: [ABIRecord] = []
        let groupings = try billGroupings(entry)
        let nonAMS = ABIRules.nonAMSModes.contains(entry.modeOfTransport)
        let inBond = entry.billsOfLading.contains { $0.type == "I" }

        var se10 = ABIRecord(ABILayouts.se10)
        try se10.set("action code", text: action.rawValue)
        try se10.set("filer code", text: entry.filerCode)
        try se10.set("entry number", text: entry.entryNumber.abi)
        try se10.set("entry type", text: entry.entryType)
        try se10.set("importer type", text: entry.importer.qualifier)
        try se10.set("importer number", text: entry.importer.number)
        try se10.set("mode of transport", text: entry.modeOfTransport)
        try se10.set("bond type", text: entry.bond.type)
        try se10.set("estimated value", number: try dollars(release.estimatedValueCents, "SE10", "estimated value"))
        if entry.entryType == "11", release.estimatedValueCents > 2_500_00 {
            throw .rule(record: "SE10", detail: "a type 11 informal entry is worth at most $2,500 (estimated value 40-49)")
        }
        if entry.entryType == "86", release.estimatedValueCents > 800_00 {
            throw .rule(record: "SE10", detail: "a type 86 entry is worth at most $800 (estimated value 40-49)")
        }
        if action == .delete || ABIRules.plannedPortTypes.contains(entry.entryType) || inBond || (nonAMS && !groupings.isEmpty) {
            try se10.set("planned port of entry", text: entry.portOfEntry)
        }
        if release.splitShipment { try se10.set("split shipment release code", text: ABIRules.splitShipmentReleaseCode) }
        if ["50", "60", "70"].contains(entry.modeOfTransport), entry.portOfUnlading == nil {
            throw .rule(record: "SE10", detail: "mode of transport \(entry.modeOfTransport) needs the port of unlading (56-60): add port_of_unlading")
        }
        try se10.set("port of unlading", text: entry.portOfUnlading)
        records.append(se10)

        if action != .delete, let se11 = try se11(entry, release) { records.append(se11) }

        var se13 = ABIRecord(ABILayouts.se13)
        try se13.set("contact name", text: contact.name)
        try se13.set("contact phone", text: contact.phone)
        if action == .delete { try se13.set("cancellation reason", text: reason) }
        records.append(se13)
        if action == .delete { return records }

        for group in groupings {
            for bill in group {
                var se15 = ABIRecord(ABILayouts.se15)
                try se15.set("bill type", text: bill.type)
                let noIssuer = bill.type == "I" || ["40", "41"].contains(entry.modeOfTransport) || ABIRules.noIssuerModes.contains(entry.modeOfTransport)
                try se15.set("issuer code", text: noIssuer ? nil : bill.issuer)
                if bill.number.contains(where: { $0 == " " || $0 == "-" || $0 == "/" }) {
                    throw .rule(record: "SE15", detail: "bill number \(bill.number) holds a space, hyphen or slash; the bill number is sent without them")
                }
                try se15.set("bill number", text: bill.number)
                try se15.set("quantity", number: bill.type == "I" ? nil : bill.quantity)
                try se15.set("non-AMS indicator", text: nonAMS && bill.type != "I" && bill.type != "T" ? ABIRules.yes : ABIRules.automatedManifest)
                records.append(se15)
            }
            if nonAMS {
                guard let carrier = entry.carrierCode, let voyage = entry.voyage else {
                    throw .rule(record: "SE16", detail: "a Non-AMS bill (mode \(entry.modeOfTransport)) needs its conveyance record: add carrier_code and voyage")
                }
                var se16 = ABIRecord(ABILayouts.se16)
                try se16.set("carrier code", text: carrier)
                try se16.set("voyage", text: voyage)
                try se16.set("arrival date", date: entry.arrivalDate)
                try se16.set("quantity", number: group.last { $0.type != "I" }?.quantity ?? 0)
                try se16.set("conveyance name", text: entry.conveyanceName)
                records.append(se16)
            }
        }

        if entry.bond.type == "9" {
            guard let surety = entry.bond.suretyCode, let amount = entry.bond.amountCents else {
                throw .rule(record: "SE20", detail: "a single transaction bond (type 9) needs SE20 V1 (surety code) and AMT (amount)")
            }
            var v1 = ABIRecord(ABILayouts.se20)
            try v1.set("qualifier", text: "V1")
            try v1.set("value", text: surety)
            var amt = ABIRecord(ABILayouts.se20)
            try amt.set("qualifier", text: "AMT")
            try amt.set("value", text: String(try dollars(amount, "SE20", "value")))
            records += [v1, amt]
        }
        if action == .update { return records }

        let headerParties = entry.parties.filter { $0.entity != "MF" }
        try checkUnique(headerParties, level: "header")
        for p in headerParties { records += try party(p, entry, ABILayouts.se30, ABILayouts.se35, ABILayouts.se36) }
        let manufacturers = entry.parties.filter { $0.entity == "MF" }
        if manufacturers.count > 1 {
            throw .rule(record: "SE50", detail: "the entry names \(manufacturers.count) manufacturers (MF) but the ledger does not say which line each belongs to; each entity code is sent at most once per line")
        }

        guard !entry.lines.isEmpty else { throw .rule(record: "SE40", detail: "a cargo release needs at least one line") }
        for line in entry.lines {
            var se40 = ABIRecord(ABILayouts.se40)
            try se40.set("line number", number: Int64(line.lineNumber))
            try se40.set("country of origin", text: line.countryOfOrigin)
            try se40.set("description", text: line.description)
            records.append(se40)
            for m in manufacturers { records += try party(m, entry, ABILayouts.se50, ABILayouts.se55, ABILayouts.se56) }
            for t in tariffs(line) {
                var se60 = ABIRecord(ABILayouts.se60)
                try se60.set("HTS number", text: t.hts)
                if let cents = t.valueCents { try se60.set("line value", number: try dollars(cents, "SE60", "line value")) }
                records.append(se60)
            }
        }
        return records
    }

    /// The SE60 numbers of a line: chapter 99 numbers first, then the line's own number with the value.
    static func tariffs(_ line: EntryLine) -> [(hts: String, valueCents: Int64?)] {
        line.tariffs.map { ($0.hts, $0.isChapter99 ? nil : $0.valueCents) }
    }

    private static func se11(_ entry: CustomsEntry, _ release: CargoRelease) throws(ABIError) -> ABIRecord? {
        var r = ABIRecord(ABILayouts.se11)
        var needed = false
        if ABIRules.warehouseTypes.contains(entry.entryType) {
            guard let firms = release.warehouseFirms else {
                throw .rule(record: "SE11", detail: "a type \(entry.entryType) entry needs the bonded warehouse FIRMS code (65-68): add cargo_release.warehouse_firms")
            }
            try r.set("bonded warehouse FIRMS", text: firms)
            needed = true
            if entry.entryType == "22" {
                guard let origin = release.originatingEntry else {
                    throw .rule(record: "SE11", detail: "a type 22 re-warehouse entry needs the originating warehouse entry (69-79): add cargo_release.originating_entry")
                }
                try r.set("originating warehouse filer code", text: origin.entryNumber.filerCode)
                try r.set("originating warehouse entry number", text: origin.entryNumber.abi)
            }
        }
        for (field, value) in [("location of goods", entry.firmsCode), ("conveyance name", entry.conveyanceName), ("voyage", entry.voyage)] {
            if let value { try r.set(field, text: value); needed = true }
        }
        return needed ? r : nil
    }

    /// The bills in SE15 groupings: each `R` and `T` alone, each house `H` after the master
    /// `M`, each in-bond `I` before the first groupings that are `R` or `M,H`.
    static func billGroupings(_ entry: CustomsEntry) throws(ABIError) -> [[BillOfLading]] {
        let bills = entry.billsOfLading
        let masters = bills.filter { $0.type == "M" }
        let houses = bills.filter { $0.type == "H" }
        let inBonds = bills.filter { $0.type == "I" }
        var groups: [[BillOfLading]] = bills.filter { $0.type == "R" }.map { [$0] }
        if !houses.isEmpty || !masters.isEmpty {
            guard masters.count == 1, !houses.isEmpty else {
                throw .rule(record: "SE15", detail: "bills must come in the sequences R | T | M,H | I,R | I,M,H: the entry has \(masters.count) master (M) and \(houses.count) house (H) bills; give one master and its houses, or a regular (R) bill")
            }
            groups += houses.map { [masters[0], $0] }
        }
        let plain = groups.count
        groups += bills.filter { $0.type == "T" }.map { [$0] }
        guard inBonds.count <= plain else {
            throw .rule(record: "SE15", detail: "an in-bond number (I) is sent before a regular (R) or master/house (M,H) bill; the entry has \(inBonds.count) in-bond numbers and \(plain) such bills")
        }
        for (i, b) in inBonds.enumerated() { groups[i].insert(b, at: 0) }
        if groups.isEmpty && entry.entryType != "06" {
            throw .rule(record: "SE15", detail: "a cargo release needs its bill of lading (every type but 06)")
        }
        return groups
    }

    private static func checkUnique(_ parties: [EntryParty], level: String) throws(ABIError) {
        var seen = Set<String>()
        for p in parties where !seen.insert(p.entity).inserted {
            throw .rule(record: "SE30", detail: "entity code \(p.entity) appears twice; each is sent at most once at \(level) level")
        }
    }

    /// A party by identifier (BY, ST, CN with an importer-number qualifier) or by name with its
    /// address; never both.
    private static func party(_ p: EntryParty, _ entry: CustomsEntry, _ layout: ABILayout, _ street: ABILayout,
                              _ city: ABILayout) throws(ABIError) -> [ABIRecord] {
        var r = ABIRecord(layout)
        try r.set("entity code", text: p.entity)
        if let q = p.idQualifier, let id = p.id, ABIRules.identifierEntities.contains(p.entity), ABIRules.partyIdentifierQualifiers.contains(q) {
            try r.set("identifier qualifier", text: q)
            try r.set("identifier", text: id)
            return [r]
        }
        if p.entity == "CN", !ABIRules.consigneeByNameTypes.contains(entry.entryType) {
            throw .rule(record: layout.id, detail: "the consignee (CN) goes by number on a type \(entry.entryType) entry (by name only on types 11 and 86): give it id_qualifier EI, ANI or 34 and its id")
        }
        guard let address = p.address else {
            throw .rule(record: layout.id, detail: "party \(p.entity) \(p.name) goes to ACE by name, which needs its address (\(street.id) and \(city.id)): add address {street, city, country} to the party")
        }
        try r.set("name", text: p.name)
        var s = ABIRecord(street)
        try s.set("qualifier 1", text: ABIRules.streetAddressQualifier)
        try s.set("address 1", text: address.street)
        var c = ABIRecord(city)
        try c.set("city", text: address.city)
        try c.set("subdivision", text: address.subdivision)
        try c.set("postal code", text: address.postalCode)
        try c.set("country", text: address.country)
        return [r, s, c]
    }

    static func dollars(_ cents: Int64, _ record: String, _ field: String) throws(ABIError) -> Int64 {
        guard let d = ABIRules.wholeDollars(cents: cents) else {
            throw .notNumeric(record: record, field: field, detail: "a negative amount cannot be written")
        }
        return d
    }
}
