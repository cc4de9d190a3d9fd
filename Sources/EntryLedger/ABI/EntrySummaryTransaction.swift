import LedgerFormat
/// Builds the Entry Summary (`AE`) transaction of an entry: 10, 11, 20, one 23 per bill of
/// lading, 31, then per line 40, 47 (the manufacturer's MID) and 50, then the totals 89 and 90
/// (record id only: docs/customs-facts.md gives them no positions, see ``ABILayouts/ae90``). Duty in cents,
/// values and charges in whole dollars (``ABIRules/wholeDollars(cents:)``), quantities in
/// hundredths. Action codes `A`, `R`, `D` only.
///
/// The broker reference (AE 10 22-30) is `filerReference` when given, else the entry's own
/// `entry_summary.broker_reference`, else blank.
public enum EntrySummaryTransaction {
    /// The records, each exactly 80 characters without a line end.
    public static func records(for entry: CustomsEntry, action: ABIAction, filerReference: String? = nil) throws(ABIError) -> [String] {
        do {
            return try build(entry, action, filerReference)
        } catch {
            throw ABIError.inEntry(entryNumber: entry.entryNumber.formatted, error)
        }
    }

    private static func build(_ entry: CustomsEntry, _ action: ABIAction, _ filerReference: String?) throws(ABIError) -> [String] {
        let application = ABIApplication.entrySummary
        guard application.actions.contains(action) else {
            throw .actionNotAllowed(action: action.rawValue, application: application.rawValue)
        }
        guard let summary = entry.entrySummary else { throw .missingData(application: application.rawValue) }
        var records: [ABIRecord] = []

        var r10 = ABIRecord(ABILayouts.ae10)
        try r10.set("action code", text: action.rawValue)
        try r10.set("filer code", text: entry.filerCode)
        try r10.set("entry number", text: entry.entryNumber.abi)
        try r10.set("port", text: entry.portOfEntry)
        try r10.set("broker reference", text: filerReference ?? summary.brokerReference)
        try r10.set("entry type", text: entry.entryType)
        try r10.set("mode of transport", text: entry.modeOfTransport)
        records.append(r10)

        var r11 = ABIRecord(ABILayouts.ae11)
        try r11.set("importer number", text: entry.importer.number)
        try r11.set("consignee number", text: summary.consigneeNumber)
        records.append(r11)

        var r20 = ABIRecord(ABILayouts.ae20)
        try r20.set("carrier code", text: entry.carrierCode)
        try r20.set("port of unlading", text: entry.portOfUnlading)
        try r20.set("estimated arrival date", date: entry.arrivalDate)
        try r20.set("FIRMS code", text: entry.firmsCode)
        try r20.set("conveyance name", text: entry.conveyanceName)
        records.append(r20)

        for bill in entry.billsOfLading {
            var r23 = ABIRecord(ABILayouts.ae23)
            try r23.set("bill type", text: bill.type)
            try r23.set("issuer code", text: bill.issuer)
            try r23.set("bill number", text: bill.number)
            records.append(r23)
        }

        var r31 = ABIRecord(ABILayouts.ae31)
        try r31.set("bond type", text: entry.bond.type)
        try r31.set("surety code", text: entry.bond.suretyCode)
        if let amount = entry.bond.amountCents {
            try r31.set("bond amount", number: try CargoReleaseTransaction.dollars(amount, "31", "bond amount"))
        }
        records.append(r31)

        for line in entry.lines {
            guard let ls = line.summary else { throw .missingData(application: application.rawValue) }
            var r40 = ABIRecord(ABILayouts.ae40)
            try r40.set("line number", number: Int64(line.lineNumber))
            try r40.set("country of origin", text: line.countryOfOrigin)
            try r40.set("country of export", text: ls.countryOfExport)
            try r40.set("export date", date: ls.exportDate)
            try r40.set("charges", number: try CargoReleaseTransaction.dollars(ls.chargesCents, "40", "charges"))
            try r40.set("gross weight", number: ls.grossWeightKilograms)
            try r40.set("related party", flag: ls.relatedParty)
            records.append(r40)

            var r47 = ABIRecord(ABILayouts.ae47)
            try r47.set("party type", text: ABIRules.manufacturerPartyType)
            try r47.set("identifier", text: ls.mid)
            records.append(r47)

            var r50 = ABIRecord(ABILayouts.ae50)
            try r50.set("HTS number", text: line.hts)
            try r50.set("duty", number: ls.dutyCents)
            try r50.set("value", number: try CargoReleaseTransaction.dollars(line.valueCents, "50", "value"))
            guard (0...2).contains(line.quantity.scale) else {
                throw .notNumeric(record: "50", field: "quantity", detail: "scale \(line.quantity.scale) is not 0, 1 or 2")
            }
            let factor: Int64 = line.quantity.scale == 0 ? 100 : line.quantity.scale == 1 ? 10 : 1
            let (hundredths, overflow) = line.quantity.amount.multipliedReportingOverflow(by: factor)
            guard !overflow else {
                throw .overflow(record: "50", field: "quantity", positions: "positions 36-47", width: 12, length: 20)
            }
            try r50.set("quantity", number: hundredths)
            try r50.set("unit", text: line.quantity.unit)
            records.append(r50)
        }

        records.append(ABIRecord(ABILayouts.ae89))
        records.append(ABIRecord(ABILayouts.ae90))
        return records.map(\.line)
    }
}
