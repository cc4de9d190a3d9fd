import LedgerFormat
/// Builds deterministic ABI batch files: one application per batch (a Cargo Release `SE`
/// batch and an Entry Summary `AE` batch separately), blocks grouped by filer code and port of
/// entry, A header and Z trailer from ``ABIBatchSettings``.
///
/// Order: blocks sorted by (filer code, port); transactions within a block by entry number.
/// The order of the items given does not matter. An entry number given twice is refused
/// (a duplicate is a fatal rejection in ACE).
///
/// ```swift
/// let settings = ABIBatchSettings(siteCode: "EL01", senderID: "EL7", password: pw, officeCode: "01", date: "2026-11-30")
/// let batches = try ABIBatchBuilder.buildAll(items, settings: settings)   // SE batch, AE batch
/// for b in batches { write(b.bytes, to: dir + "/" + b.fileName) }
/// ```
public enum ABIBatchBuilder {
    /// The batch of one application, or nil when `items` is empty. Every item's entry must have
    /// the application's data and take its action code.
    public static func build(_ application: ABIApplication, items: [ABIBatchItem],
                             settings: ABIBatchSettings) throws(ABIError) -> ABIBatch? {
        guard !items.isEmpty else { return nil }
        var seen = Set<EntryNumber>()
        for item in items {
            guard seen.insert(item.entry.entryNumber).inserted else {
                throw .inEntry(entryNumber: item.entry.entryNumber.formatted, .duplicateEntry(application: application.rawValue))
            }
        }
        let sorted = items.sorted { a, b in
            (a.entry.filerCode, a.entry.portOfEntry, a.entry.entryNumber.serial)
                < (b.entry.filerCode, b.entry.portOfEntry, b.entry.entryNumber.serial)
        }

        // The file's bytes, written record by record (80 columns and a line end each).
        var out: [UInt8] = []
        out.reserveCapacity((sorted.count * 12 + 4) * (ABIRules.recordLength + 1))
        var lineCount = 0
        func emit(_ r: ABIRecord) {
            r.append(to: &out)
            out.append(0x0A)
            lineCount += 1
        }
        var header = ABIRecord(ABILayouts.a)
        try header.set("site code", text: settings.siteCode)
        try header.set("sender id", text: settings.senderID)
        try header.set("password", text: settings.password)
        try header.set("date", date: settings.date)
        try header.set("application id", text: application.rawValue)
        try header.set("office code", text: settings.officeCode)
        try header.set("user data", text: settings.userData)
        emit(header)

        var transactions: [ABIBatchTransaction] = []
        var index = 0
        var block = 0
        while index < sorted.count {
            let filer = sorted[index].entry.filerCode
            let port = sorted[index].entry.portOfEntry
            var end = index
            while end < sorted.count, sorted[end].entry.filerCode == filer, sorted[end].entry.portOfEntry == port { end += 1 }
            block += 1

            var b = ABIRecord(ABILayouts.b)
            try b.set("port", text: port)
            try b.set("filer code", text: filer)
            try b.set("application id", text: application.rawValue)
            try b.set("office code", text: settings.officeCode)
            try b.set("filer user data", text: settings.blockUserData)
            emit(b)

            for (offset, item) in sorted[index..<end].enumerated() {
                let records: [ABIRecord]
                var reference: String? = nil
                switch application {
                case .cargoRelease:
                    records = try CargoReleaseTransaction.abiRecords(for: item.entry, action: item.action, contact: settings.contact)
                case .entrySummary:
                    reference = item.filerReference ?? item.entry.entrySummary?.brokerReference
                    records = try EntrySummaryTransaction.abiRecords(for: item.entry, action: item.action,
                                                                     filerReference: item.filerReference)
                }
                transactions.append(ABIBatchTransaction(
                    entryNumber: item.entry.entryNumber, action: item.action, filerReference: reference,
                    filerCode: filer, port: port, block: block, number: offset + 1,
                    firstLine: lineCount + 1, recordCount: records.count))
                records.forEach(emit)
            }

            var y = ABIRecord(ABILayouts.y)
            try y.set("port", text: port)
            try y.set("filer code", text: filer)
            try y.set("application id", text: application.rawValue)
            try y.set("office code", text: settings.officeCode)
            emit(y)
            index = end
        }

        var trailer = ABIRecord(ABILayouts.z)
        try trailer.set("site code", text: settings.siteCode)
        try trailer.set("sender id", text: settings.senderID)
        try trailer.set("date", date: settings.date)
        try trailer.set("office code", text: settings.officeCode)
        emit(trailer)

        return ABIBatch(application: application, bytes: out, transactions: transactions)
    }

    /// The Cargo Release batch of the items whose entries have cargo release data, and the
    /// Entry Summary batch of those with entry summary data, in that order; an application
    /// with no such item has no batch. An item goes into both batches when its entry has both
    /// (its action must suit both: `U` is refused for an entry with entry summary data; call
    /// ``build(_:items:settings:)`` per application to give different actions).
    public static func buildAll(_ items: [ABIBatchItem], settings: ABIBatchSettings) throws(ABIError) -> [ABIBatch] {
        var out: [ABIBatch] = []
        if let se = try build(.cargoRelease, items: items.filter { $0.entry.cargoRelease != nil }, settings: settings) {
            out.append(se)
        }
        if let ae = try build(.entrySummary, items: items.filter { $0.entry.entrySummary != nil }, settings: settings) {
            out.append(ae)
        }
        return out
    }
}
