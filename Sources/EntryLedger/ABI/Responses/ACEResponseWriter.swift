import LedgerFormat
/// Writes response files laid out as ACE sends them (``ACEResponseLayouts``), for the demo
/// (which plays ACE's part), the samples in `samples/ace-responses/` and the tests. Every
/// record goes through ``ABIRecord``, so the same class and fill rules hold as for input.
public enum ACEResponseWriter {
    /// One record of `layout` with the given field values (dates given `YYYY-MM-DD`).
    public static func record(_ layout: ABILayout, _ values: [(String, String)]) throws(ABIError) -> String {
        var r = ABIRecord(layout)
        for (name, value) in values {
            if value.contains("-"), let f = layout.field(name), f.fieldClass == .n || f.fieldClass == .d { try r.set(name, date: value) }
            else { try r.set(name, text: value) }
        }
        return r.line
    }

    /// A whole response file: A (application, batch user data echoed), each block B ... Y with
    /// its record count, Z. Lines end with `\n`.
    public static func file(application: String, siteCode: String = "EL01", senderID: String, date: String,
                            batchUserData: String?, blocks: [(port: String, filer: String, userData: String?, records: [String])]) throws(ABIError) -> String {
        var lines = [try record(ABILayouts.a, [("site code", siteCode), ("sender id", senderID), ("date", date), ("application id", application)]
                                 + (batchUserData.map { [("user data", $0)] } ?? []))]
        for b in blocks {
            lines.append(try record(ACEResponseLayouts.b, [("port", b.port), ("filer code", b.filer), ("application id", application)]
                                    + (b.userData.map { [("filer user data", $0)] } ?? [])))
            lines += b.records
            lines.append(try record(ACEResponseLayouts.y, [("port", b.port), ("filer code", b.filer), ("application id", application),
                                                           ("record count", String(b.records.count))]))
        }
        lines.append(try record(ACEResponseLayouts.z, [("site code", siteCode), ("sender id", senderID)]))
        return lines.map { $0 + "\n" }.joined()
    }

    /// An SX transaction: the SE10 echoed, record-level SE90s, then the transaction-level SE90
    /// (`01` rejected, `02` accepted, `03` with warnings, `04` human review).
    public static func sx(_ entry: EntryNumber, entryType: String, action: ABIAction = .add, messageType: String,
                          recordConditions: [(code: String, narrative: String)] = [], narrative: String) throws(ABIError) -> [String] {
        var out = [try record(ABILayouts.se10, [("action code", action.rawValue), ("filer code", entry.filerCode),
                                                ("entry number", entry.abi), ("entry type", entryType)])]
        for c in recordConditions {
            out.append(try record(ACEResponseLayouts.se90, [("message type", "11"), ("condition code", c.code), ("narrative", c.narrative)]))
        }
        out.append(try record(ACEResponseLayouts.se90, [("message type", messageType), ("narrative", narrative)]))
        return out
    }

    /// An SO notification: SO10, an optional SO20 `CMT`, SO50 bill match, SO60 disposition.
    public static func so(_ entry: EntryNumber, entryType: String, importer: String, port: String, date: String,
                          billCode: String? = "93", billNarrative: String = "BILL ON FILE",
                          dispositionCode: String?, narrative: String, releaseDate: String? = nil) throws(ABIError) -> [String] {
        var out = [try record(ACEResponseLayouts.so10, [("port", port), ("filer code", entry.filerCode), ("entry number", entry.abi),
                                                        ("entry type", entryType), ("importer number", importer)])]
        if let billCode {
            out.append(try record(ACEResponseLayouts.so50, [("date", date), ("time", "0930"), ("disposition code", billCode),
                                                            ("narrative", billNarrative), ("split indicator", "N")]))
        }
        if let dispositionCode {
            var values = [("date", date), ("time", "1015"), ("disposition code", dispositionCode), ("narrative", narrative)]
            if let releaseDate { values += [("release date", releaseDate), ("release origin", "01")] }
            out.append(try record(ACEResponseLayouts.so60, values))
        }
        return out
    }

    /// An AX summary answer: E0 SUMMRY, an E0 signpost with each condition (E1 with a blank
    /// disposition), then the final E1 `A` (condition 995) or `R` (998).
    public static func ax(_ entry: EntryNumber, brokerReference: String?, accepted: Bool,
                          conditions: [(reference: String, severity: String, code: String, narrative: String)] = []) throws(ABIError) -> [String] {
        func ref(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
        let summary = entry.filerCode + " " + entry.abi + " " + ref(brokerReference ?? "", 12) + " " + "   "
        var out = [try record(ACEResponseLayouts.e0, [("reference type", "SUMMRY"), ("occurrence", "1"), ("ref id", "REF ID:"), ("reference", summary)])]
        for (i, c) in conditions.enumerated() {
            out.append(try record(ACEResponseLayouts.e0, [("reference type", c.reference), ("occurrence", String(i + 1)), ("ref id", "REF ID:"),
                                                          ("reference", "LINE 001")]))
            out.append(try record(ACEResponseLayouts.e1, [("severity", c.severity), ("condition code", c.code), ("narrative", c.narrative)]))
        }
        var final = [("disposition", accepted ? "A" : "R"), ("condition code", accepted ? "995" : "998"),
                     ("narrative", accepted ? "SUMMARY HAS BEEN ADDED" : "TRANSACTION DATA REJECTED"),
                     ("filer code", entry.filerCode), ("entry number", entry.abi)]
        if !accepted { final.insert(("severity", "F"), at: 1) }
        if accepted { final.append(("version", "00100")) }
        if let brokerReference { final.append(("broker reference", brokerReference)) }
        out.append(try record(ACEResponseLayouts.e1, final))
        return out
    }

    /// A UC notification: the UC E1 (disposition type, reason, date) and CBP's remarks (E3).
    public static func uc(_ entry: EntryNumber, brokerReference: String?, dispositionType: String, reason: String?, date: String,
                          remarks: String) throws(ABIError) -> [String] {
        var e1 = [("disposition type", dispositionType), ("source", "1"), ("date", date), ("filer code", entry.filerCode), ("entry number", entry.abi)]
        if let reason { e1.append(("reason", reason)) }
        if let brokerReference { e1.append(("broker reference", brokerReference)) }
        return [try record(ACEResponseLayouts.ucE1, e1), try record(ACEResponseLayouts.ucE3, [("remarks", remarks)])]
    }

    /// X0 pointing at a transaction by its record's position in the input batch, then X1s; the
    /// last X1 carries `R` when `rejected`.
    public static func x0x1(transactionOccurrence: Int, recordPosition: Int, column: Int, conditions: [(code: String, narrative: String)],
                            rejected: Bool) throws(ABIError) -> [String] {
        let pos = String(recordPosition), col = String(column)
        let reference = String(repeating: "0", count: max(0, 7 - pos.count)) + pos + " " + String(repeating: "0", count: max(0, 2 - col.count)) + col
        var out = [try record(ACEResponseLayouts.x0, [("reference type", "TRNACT"), ("occurrence", String(transactionOccurrence)),
                                                      ("ref id", "REF ID:"), ("reference", reference)])]
        for (i, c) in conditions.enumerated() {
            let last = i == conditions.count - 1
            out.append(try record(ACEResponseLayouts.x1, [("disposition", rejected && last ? "R" : " "), ("severity", "F"),
                                                          ("condition code", c.code), ("narrative", c.narrative)]))
        }
        return out
    }
}
