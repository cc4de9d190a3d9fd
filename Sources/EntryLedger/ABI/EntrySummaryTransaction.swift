import LedgerFormat
/// Builds the Entry Summary (`AE`) transaction of an entry by the shapes of ``ABILayouts``:
///
/// - `A`/`R`: 10 (electronic signature `X` at 39), 11, 20, manifest groupings (22 then its
///   23s), 30 for a warehouse withdrawal, 31 with the bond designation unless the bond is
///   waived, 34 header fees; per line 40, 44, 47 (`M`, the MID), the 50s (chapter 99 numbers
///   first, value and quantity on the chapter 1-97 number), 53 AD/CVD, 60 IR tax, 62 user
///   fees; then 88 when any 53, 89 whenever a fee is sent, and 90.
/// - `D`: the 10 record alone, 36-80 spaces.
///
/// The money comes from ``EntrySummaryAmounts``; the totals records are computed from the
/// records written, so they always add up.
public enum EntrySummaryTransaction {
    /// The records, each exactly 80 characters without a line end. The broker reference (AE 10
    /// 22-30) is `filerReference` when given, else the entry's own, else blank.
    public static func records(for entry: CustomsEntry, action: ABIAction, filerReference: String? = nil) throws(ABIError) -> [String] {
        do {
            return try build(entry, action, filerReference).map(\.line)
        } catch {
            throw ABIError.inEntry(entryNumber: entry.entryNumber.formatted, error)
        }
    }

    /// The same records as ``records(for:action:filerReference:)``, unrendered (the batch
    /// builder writes their bytes straight into the file).
    static func abiRecords(for entry: CustomsEntry, action: ABIAction, filerReference: String?) throws(ABIError) -> [ABIRecord] {
        do {
            return try build(entry, action, filerReference)
        } catch {
            throw ABIError.inEntry(entryNumber: entry.entryNumber.formatted, error)
        }
    }

    private static func build(_ entry: CustomsEntry, _ action: ABIAction, _ filerReference: String?) throws(ABIError) -> [ABIRecord] {
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
        if action == .delete { return [r10] }
        try r10.set("mode of transport", text: entry.modeOfTransport)
        let waived = entry.bond.type == "0"
        if waived { try r10.set("bond waiver", text: ABIRules.bondWaived) }
        try r10.set("electronic signature", text: ABIRules.electronicSignature)
        records.append(r10)

        var r11 = ABIRecord(ABILayouts.ae11)
        try r11.set("importer number", text: entry.importer.number)
        try r11.set("consignee number", text: summary.consigneeNumber)
        try r11.set("date of importation", date: entry.arrivalDate)
        records.append(r11)

        var r20 = ABIRecord(ABILayouts.ae20)
        try r20.set("carrier code", text: entry.carrierCode)
        try r20.set("port of unlading", text: entry.portOfUnlading)
        try r20.set("estimated arrival date", date: entry.arrivalDate)
        try r20.set("location of goods", text: entry.firmsCode)
        try r20.set("conveyance name", text: entry.conveyanceName)
        records.append(r20)

        for group in manifestGroupings(entry) {
            var r22 = ABIRecord(ABILayouts.ae22)
            try r22.set("manifested quantity", number: group.last { $0.type != "I" }?.quantity ?? group[0].quantity)
            try r22.set("unit of measure", text: ABIRules.manifestUnit)
            records.append(r22)
            for bill in group {
                var r23 = ABIRecord(ABILayouts.ae23)
                try r23.set("bill type", text: bill.type == "R" || bill.type == "T" ? "M" : bill.type)
                try r23.set("issuer code", text: bill.type == "I" ? nil : bill.issuer)
                try r23.set("bill number", text: bill.number)
                records.append(r23)
            }
        }

        if ABIRules.withdrawalTypes.contains(entry.entryType) {
            guard let w = summary.warehouseEntry else {
                throw .rule(record: "30", detail: "a type \(entry.entryType) warehouse withdrawal needs the warehouse entry (30): add entry_summary.warehouse_entry {entry_number, port}")
            }
            var r30 = ABIRecord(ABILayouts.ae30)
            try r30.set("warehouse filer code", text: w.entryNumber.filerCode)
            try r30.set("warehouse entry number", text: w.entryNumber.abi)
            try r30.set("warehouse port", text: w.port)
            records.append(r30)
        }

        if !waived {
            guard let surety = entry.bond.suretyCode else {
                throw .rule(record: "31", detail: "bond type \(entry.bond.type) needs the surety code (31 positions 6-8)")
            }
            var r31 = ABIRecord(ABILayouts.ae31)
            try r31.set("bond type", text: entry.bond.type)
            try r31.set("bond designation", text: ABIRules.basicBondDesignation)
            try r31.set("surety code", text: surety)
            if entry.bond.type == "9" {
                guard let amount = entry.bond.amountCents else {
                    throw .rule(record: "31", detail: "a single transaction bond needs its amount (31 positions 9-18)")
                }
                try r31.set("bond amount", number: try CargoReleaseTransaction.dollars(amount, "31", "bond amount"))
            }
            records.append(r31)
        }

        let amounts = EntrySummaryAmounts.of(entry)
        for pair in stride(from: 0, to: amounts.headerFees.count, by: 2) {
            var r34 = ABIRecord(ABILayouts.ae34)
            try r34.set("class 1", text: amounts.headerFees[pair].accountingClass)
            try r34.set("amount 1", number: amounts.headerFees[pair].cents)
            if pair + 1 < amounts.headerFees.count {
                try r34.set("class 2", text: amounts.headerFees[pair + 1].accountingClass)
                try r34.set("amount 2", number: amounts.headerFees[pair + 1].cents)
            }
            records.append(r34)
        }

        guard !entry.lines.isEmpty else { throw .rule(record: "40", detail: "an entry summary needs at least one line") }
        for (line, money) in zip(entry.lines, amounts.lines) {
            guard let ls = line.summary else { throw .missingData(application: application.rawValue) }
            var r40 = ABIRecord(ABILayouts.ae40)
            let number = String(line.lineNumber)
            try r40.set("line number", text: String(repeating: "0", count: max(0, 3 - number.count)) + number)
            try r40.set("country of origin", text: line.countryOfOrigin)
            try r40.set("country of export", text: ls.countryOfExport)
            try r40.set("export date", date: ls.exportDate)
            try r40.set("SPI", text: money.spi)
            try r40.set("charges", number: try CargoReleaseTransaction.dollars(ls.chargesCents, "40", "charges"))
            try r40.set("foreign port of lading", text: entry.foreignPortOfLading)
            try r40.set("gross weight", number: ls.grossWeightKilograms)
            try r40.set("related party", flag: ls.relatedParty)
            if money.nonReimbursement { try r40.set("AD/CVD non-reimbursement", text: ABIRules.yes) }
            records.append(r40)

            var r44 = ABIRecord(ABILayouts.ae44)
            try r44.set("description", text: line.description)
            records.append(r44)

            var r47 = ABIRecord(ABILayouts.ae47)
            try r47.set("party type", text: ABIRules.manufacturerPartyType)
            try r47.set("identifier", text: ls.mid)
            records.append(r47)

            guard (1...32).contains(money.tariffs.count) else {
                throw .rule(record: "50", detail: "line \(line.lineNumber) has \(money.tariffs.count) tariff numbers; 1 to 32 are sent")
            }
            for t in money.tariffs {
                var r50 = ABIRecord(ABILayouts.ae50)
                try r50.set("HTS number", text: t.hts)
                try r50.set("duty", number: t.dutyCents)
                try r50.set("value", number: try CargoReleaseTransaction.dollars(t.valueCents ?? 0, "50", "value"))
                if let q = t.quantity {
                    try r50.set("quantity 1", number: q.hundredths)
                    try r50.set("unit 1", text: q.unit)
                }
                records.append(r50)
            }
            for c in money.cases {
                var r53 = ABIRecord(ABILayouts.ae53)
                try r53.set("case number", text: c.caseNumber)
                try r53.set("bond or cash", text: c.bondOrCash)
                try r53.set("deposit rate", number: c.rateHundredths)
                try r53.set("rate type", text: c.rateType)
                try r53.set("AD/CVD value", number: try CargoReleaseTransaction.dollars(c.valueCents ?? 0, "53", "AD/CVD value"))
                try r53.set("AD/CVD quantity", number: c.quantityTenThousandths ?? 0)
                try r53.set("AD/CVD duty", number: c.dutyCents)
                try r53.set("blanket declaration id", text: c.blanketDeclaration)
                records.append(r53)
            }
            for tax in money.irTax {
                var r60 = ABIRecord(ABILayouts.ae60)
                try r60.set("class", text: tax.accountingClass)
                try r60.set("amount", number: tax.cents)
                records.append(r60)
            }
            for fee in money.fees {
                var r62 = ABIRecord(ABILayouts.ae62)
                try r62.set("class", text: fee.accountingClass)
                try r62.set("amount", number: fee.cents)
                records.append(r62)
            }
        }

        if amounts.hasCases {
            let t = amounts.caseTotals
            var r88 = ABIRecord(ABILayouts.ae88)
            try r88.set("bonded AD", number: t.0)
            try r88.set("cash AD", number: t.1)
            try r88.set("bonded CV", number: t.2)
            try r88.set("cash CV", number: t.3)
            records.append(r88)
        }
        let fees = amounts.feeTotals
        for start in stride(from: 0, to: fees.count, by: 5) {
            var r89 = ABIRecord(ABILayouts.ae89)
            for (i, f) in fees[start..<min(start + 5, fees.count)].enumerated() {
                try r89.set("class \(i + 1)", text: f.accountingClass)
                try r89.set("total \(i + 1)", number: f.cents)
            }
            records.append(r89)
        }
        var r90 = ABIRecord(ABILayouts.ae90)
        try r90.set("duty", number: amounts.dutyCents)
        try r90.set("user fees", number: amounts.feesCents)
        try r90.set("IR tax", number: amounts.irTaxCents)
        try r90.set("AD duty", number: amounts.adCents)
        try r90.set("CV duty", number: amounts.cvCents)
        try r90.set("other revenue", number: 0)
        records.append(r90)
        return records
    }

    /// The bills in manifest groupings (one 22 each): each regular bill alone, each house after
    /// its master; in-bond numbers last in the first groupings (M,H,S then I).
    static func manifestGroupings(_ entry: CustomsEntry) -> [[BillOfLading]] {
        let bills = entry.billsOfLading
        let masters = bills.filter { $0.type == "M" }
        let houses = bills.filter { $0.type == "H" || $0.type == "S" }
        var groups: [[BillOfLading]] = bills.filter { $0.type == "R" || $0.type == "T" }.map { [$0] }
        if houses.isEmpty {
            groups += masters.map { [$0] }
        } else {
            groups += houses.map { masters.count == 1 ? [masters[0], $0] : [$0] }
        }
        let inBonds = bills.filter { $0.type == "I" }
        if groups.isEmpty { return inBonds.map { [$0] } }
        for (i, b) in inBonds.enumerated() { groups[min(i, groups.count - 1)].append(b) }
        return groups
    }
}
