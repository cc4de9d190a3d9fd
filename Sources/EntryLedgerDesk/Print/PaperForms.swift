import EntryLedger
import Foundation
import LedgerFormat

/// CBP Form 3461 (Entry/Immediate Delivery) and, where the entry has its data, CBP Form 7501
/// (Entry Summary), laid out as the paper forms with their blocks numbered as on the forms,
/// and a footer on every page with the ledger's record of the entry (seq and SHA-256 hash) so
/// that the paper and the ledger can be matched later.
///
/// Block numbers and titles follow the paper forms as CBP publishes them (CBP Form 3461 and
/// CBP Form 7501 with their instructions, 19 CFR 142.3 and 141.61) [one source: the forms'
/// published editions; the 7501 block numbering changed between editions, unsure which the port
/// holds]. Blocks the ledger has no data for are printed empty for the clerk to fill by hand.
public enum PaperForms {
    /// What goes in every page's footer.
    public struct Footer: Sendable {
        public var origin: String
        public var seq: Int64
        public var hash: String
        public var status: String
        public var loggedBy: String
        public var loggedAt: String
        public init(origin: String, seq: Int64, hash: String, status: String, loggedBy: String, loggedAt: String) {
            self.origin = origin
            self.seq = seq
            self.hash = hash
            self.status = status
            self.loggedBy = loggedBy
            self.loggedAt = loggedAt
        }
    }

    /// The footer for an entry's current version.
    public static func footer(_ e: EntryState, origin: String) -> Footer {
        Footer(origin: origin, seq: e.versionSeq, hash: Hex.encode(e.versionHash), status: e.status.rawValue,
               loggedBy: e.addedBy, loggedAt: e.addedAt)
    }

    /// The PDF: the 3461 page, then the 7501 page when the entry carries 7501 data.
    public static func pdf(_ e: EntryState, broker: String, origin: String, drill: Bool = false) -> [UInt8] {
        var doc = PDFDocument()
        let footer = footer(e, origin: origin)
        var release: (date: String, port: String, reference: String)?
        if let r = e.release { release = (r.release.date, r.release.port, r.release.reference) }
        form3461(&doc, e.entry.json, broker: broker, footer: footer, release: release, drill: drill)
        if e.entry.json["entry_summary"] != nil { form7501(&doc, e.entry.json, footer: footer, drill: drill) }
        return doc.bytes()
    }

    // MARK: layout helpers

    static let left = 36.0, right = 576.0

    /// A numbered block: its number and title small at the top left, the value below.
    static func block(_ doc: inout PDFDocument, x: Double, y: Double, w: Double, h: Double, _ number: String, _ title: String, _ value: String) {
        doc.box(x: x, y: y, width: w, height: h)
        doc.text("\(number). \(title)", x: x + 3, y: y + h - 8, size: 6)
        let lines = PDFDocument.wrap(value, width: w - 8, size: 9)
        for (i, l) in lines.prefix(max(1, Int((h - 12) / 10))).enumerated() {
            doc.text(l, x: x + 4, y: y + h - 19 - Double(i) * 10, size: 9)
        }
    }

    /// A row of blocks of the given relative widths across the page.
    static func row(_ doc: inout PDFDocument, y: Double, h: Double, _ cells: [(Double, String, String, String)]) {
        let total = cells.reduce(0) { $0 + $1.0 }
        var x = left
        for c in cells {
            let w = (right - left) * c.0 / total
            block(&doc, x: x, y: y, w: w, h: h, c.1, c.2, c.3)
            x += w
        }
    }

    static func header(_ doc: inout PDFDocument, title: String, form: String, drill: Bool) {
        doc.text("DEPARTMENT OF HOMELAND SECURITY", x: left, y: 762, size: 8, bold: true)
        doc.text("U.S. Customs and Border Protection", x: left, y: 752, size: 8)
        doc.text(title, x: 220, y: 756, size: 13, bold: true)
        doc.text(form, x: 480, y: 762, size: 8, bold: true)
        doc.text("Filed under downtime procedures", x: 480, y: 752, size: 6)
        if drill { doc.text("DRILL - TEST DATA, NOT FOR FILING", x: 220, y: 742, size: 9, bold: true) }
    }

    static func footer(_ doc: inout PDFDocument, _ f: Footer, page: String) {
        doc.line(x1: left, y1: 58, x2: right, y2: 58)
        doc.text("EntryLedger record of this entry: seq \(f.seq)   status \(f.status.uppercased())   logged by \(f.loggedBy) at \(f.loggedAt)   \(page)", x: left, y: 48, size: 7)
        doc.text("record hash SHA-256 \(f.hash)", x: left, y: 39, size: 7)
        doc.text("ledger \(f.origin)", x: left, y: 30, size: 6)
    }

    static func s(_ v: JSONValue?) -> String {
        guard let v else { return "" }
        if let t = v.stringValue { return t }
        if let i = v.intValue { return String(i) }
        if let b = v.boolValue { return b ? "YES" : "NO" }
        return ""
    }

    static func money(_ v: JSONValue?) -> String { v?.intValue.map(Money.dollars) ?? "" }

    static func party(_ json: JSONValue, _ entities: [String]) -> JSONValue? {
        let parties = json["parties"]?.arrayValue ?? []
        for e in entities { if let p = parties.first(where: { $0["entity"]?.stringValue == e }) { return p } }
        return nil
    }

    static func quantity(_ q: JSONValue?) -> String {
        guard let q, let a = q["amount"]?.intValue else { return "" }
        let scale = Int(q["scale"]?.intValue ?? 0)
        var text = String(a)
        if scale > 0 {
            while text.count <= scale { text = "0" + text }
            text.insert(".", at: text.index(text.endIndex, offsetBy: -scale))
        }
        return text + " " + s(q["unit"])
    }

    // MARK: CBP Form 3461

    static func form3461(_ doc: inout PDFDocument, _ j: JSONValue, broker: String, footer f: Footer,
                         release: (date: String, port: String, reference: String)?, drill: Bool) {
        doc.newPage()
        header(&doc, title: "ENTRY/IMMEDIATE DELIVERY", form: "CBP Form 3461", drill: drill)
        var y = 700.0
        let h = 32.0
        func next(_ cells: [(Double, String, String, String)], height: Double = h) {
            y -= height
            row(&doc, y: y, h: height, cells)
        }
        y += h - 4  // first row starts just under the header
        let bond = j["bond"]
        let bondText = [s(bond?["type"]).isEmpty ? "" : "TYPE \(s(bond?["type"]))", s(bond?["surety_code"]).isEmpty ? "" : "SURETY \(s(bond?["surety_code"]))",
                        money(bond?["amount_cents"])].filter { !$0.isEmpty }.joined(separator: "  ")
        let importer = "\(s(j["importer"]?["qualifier"])) \(s(j["importer"]?["number"]))"
        next([(1, "1", "ARRIVAL DATE", s(j["arrival_date"])), (1, "2", "ELECTED ENTRY DATE", ""),
              (1, "3", "ENTRY TYPE CODE/NAME", s(j["entry_type"])), (1.3, "4", "ENTRY NUMBER", s(j["entry_number"]))])
        next([(1, "5", "PORT", s(j["port_of_entry"])), (1.6, "6", "SINGLE TRANS. BOND", bondText),
              (1.4, "7", "BROKER/IMPORTER FILE NUMBER", s(j["entry_summary"]?["broker_reference"]))])
        let consignee = party(j, ["CN", "ST", "BY"])
        next([(1, "8", "CONSIGNEE NUMBER", s(j["entry_summary"]?["consignee_number"]) + s(consignee?["id"])),
              (1, "9", "IMPORTER NUMBER", importer)])
        next([(1, "10", "ULTIMATE CONSIGNEE NAME", s(consignee?["name"])), (1, "11", "IMPORTER OF RECORD NAME", s(party(j, ["BY"])?["name"]))])
        next([(1, "12", "CARRIER CODE", s(j["carrier_code"])), (1, "13", "VOYAGE/FLIGHT/TRIP", s(j["voyage"])),
              (2, "14", "LOCATION OF GOODS-CODE(S)/NAME(S)", s(j["firms_code"]))])
        next([(1.6, "15", "VESSEL CODE/NAME", s(j["conveyance_name"])), (1, "16", "U.S. PORT OF UNLADING", s(j["port_of_unlading"])),
              (1, "17", "MANIFEST NUMBER", ""), (1, "18", "G.O. NUMBER", ""),
              (1.2, "19", "TOTAL VALUE", money(j["cargo_release"]?["estimated_value_cents"]))])
        let lines = j["lines"]?.arrayValue ?? []
        let description = lines.map { s($0["description"]) }.joined(separator: "; ")
        next([(1, "20", "DESCRIPTION OF MERCHANDISE", description)], height: 44)

        // Blocks 21 to 26: one row per bill and per line.
        let cols: [(Double, String, String)] = [(0.8, "21", "IT/BL/AWB CODE"), (1.6, "22", "IT/BL/AWB NO."), (1, "23", "MANIFEST QUANTITY"),
                                                (1.3, "24", "H.S. NUMBER"), (1, "25", "COUNTRY OF ORIGIN"), (1.4, "26", "MANUFACTURER NO.")]
        let total = cols.reduce(0) { $0 + $1.0 }
        y -= 16
        var x = left
        var xs: [Double] = []
        for c in cols {
            let w = (right - left) * c.0 / total
            xs.append(x)
            doc.box(x: x, y: y, width: w, height: 16)
            doc.text("\(c.1). \(c.2)", x: x + 3, y: y + 5, size: 6)
            x += w
        }
        let bills = j["bills_of_lading"]?.arrayValue ?? []
        let rows = max(bills.count, lines.count)
        for i in 0..<min(rows, 12) {
            y -= 14
            let b: JSONValue? = i < bills.count ? bills[i] : nil
            let l: JSONValue? = i < lines.count ? lines[i] : nil
            var values: [String] = []
            values.append(s(b?["type"]))
            values.append(b == nil ? "" : s(b?["issuer"]) + " " + s(b?["number"]))
            values.append(s(b?["quantity"]))
            values.append(s(l?["hts"]))
            values.append(s(l?["country_of_origin"]))
            values.append(l == nil ? "" : (l?["entry_summary"]?["mid"]).map(s) ?? s(party(j, ["MF"])?["id"]))
            for (k, v) in values.enumerated() { doc.text(v, x: xs[k] + 4, y: y + 4, size: 8) }
            doc.line(x1: left, y1: y, x2: right, y2: y, width: 0.3)
        }
        if rows > 12 { y -= 12; doc.text("... and \(rows - 12) more rows: see the ledger", x: left + 4, y: y + 2, size: 7) }

        // Block 27 (the filer's certification) and block 28 (CBP use only).
        y -= 96
        let half = (right - left) / 2
        doc.box(x: left, y: y, width: half, height: 88)
        doc.text("27. CERTIFICATION", x: left + 3, y: y + 80, size: 6)
        let cert = PDFDocument.wrap("I hereby make application for entry/immediate delivery. I certify that the above information is accurate, the bond is sufficient, valid, and current, and that all requirements of 19 CFR Part 142 have been met.", width: half - 8, size: 7)
        for (i, l) in cert.enumerated() { doc.text(l, x: left + 4, y: y + 70 - Double(i) * 8, size: 7) }
        doc.text("BROKER: \(broker)", x: left + 4, y: y + 34, size: 8)
        doc.text("PREPARED BY: \(f.loggedBy)    DATE: \(f.loggedAt.prefix(10))", x: left + 4, y: y + 22, size: 8)
        doc.text("SIGNATURE: ________________________", x: left + 4, y: y + 8, size: 8)
        doc.box(x: left + half, y: y, width: half, height: 88)
        doc.text("28. CBP USE ONLY", x: left + half + 3, y: y + 80, size: 6)
        if let release {
            doc.text("RELEASED \(release.date) AT PORT \(release.port)", x: left + half + 6, y: y + 60, size: 9, bold: true)
            doc.text("OFFICER'S STAMP/REF: \(release.reference)", x: left + half + 6, y: y + 48, size: 8)
        } else {
            doc.text("OTHER AGENCY ACTION REQUIRED, NAMELY:", x: left + half + 6, y: y + 64, size: 7)
            doc.text("CBP EXAMINATION REQUIRED.        ENTRY REJECTED, BECAUSE:", x: left + half + 6, y: y + 50, size: 7)
            doc.text("DELIVERY AUTHORIZED: SIGNATURE ____________  DATE ______", x: left + half + 6, y: y + 12, size: 7)
        }
        Self.footer(&doc, f, page: "page 1 (CBP Form 3461)")
    }

    // MARK: CBP Form 7501

    static func form7501(_ doc: inout PDFDocument, _ j: JSONValue, footer f: Footer, drill: Bool) {
        doc.newPage()
        header(&doc, title: "ENTRY SUMMARY", form: "CBP Form 7501", drill: drill)
        var y = 700.0 + 28
        func next(_ cells: [(Double, String, String, String)], height: Double = 30) {
            y -= height
            row(&doc, y: y, h: height, cells)
        }
        let lines = j["lines"]?.arrayValue ?? []
        let first = lines.first?["entry_summary"]
        let bill = j["bills_of_lading"]?.arrayValue?.first
        let consignee = party(j, ["CN", "ST", "BY"])
        next([(1.4, "1", "FILER CODE/ENTRY NO.", s(j["entry_number"])), (0.8, "2", "ENTRY TYPE", s(j["entry_type"])),
              (1, "3", "SUMMARY DATE", ""), (0.8, "4", "SURETY NO.", s(j["bond"]?["surety_code"])),
              (0.7, "5", "BOND TYPE", s(j["bond"]?["type"])), (0.8, "6", "PORT CODE", s(j["port_of_entry"])), (1, "7", "ENTRY DATE", "")])
        next([(1.2, "8", "IMPORTING CARRIER", s(j["carrier_code"]) + " " + s(j["conveyance_name"])),
              (1, "9", "MODE OF TRANSPORT", s(j["mode_of_transport"])), (1, "10", "COUNTRY OF ORIGIN", s(lines.first?["country_of_origin"])),
              (1, "11", "IMPORT DATE", s(j["arrival_date"]))])
        next([(1.6, "12", "B/L OR AWB NO.", bill.map { "\(s($0["issuer"])) \(s($0["number"]))" } ?? ""),
              (1.4, "13", "MANUFACTURER ID", s(first?["mid"])), (1, "14", "EXPORTING COUNTRY", s(first?["country_of_export"])),
              (1, "15", "EXPORT DATE", s(first?["export_date"]))])
        next([(1, "19", "FOREIGN PORT OF LADING", s(j["foreign_port_of_lading"])), (1, "20", "U.S. PORT OF UNLADING", s(j["port_of_unlading"])),
              (1, "21", "LOCATION OF GOODS/G.O. NO.", s(j["firms_code"])), (1, "22", "CONSIGNEE NO.", s(j["entry_summary"]?["consignee_number"]))])
        next([(1, "23", "IMPORTER NO.", "\(s(j["importer"]?["qualifier"])) \(s(j["importer"]?["number"]))"),
              (1, "24", "REFERENCE NO.", s(j["entry_summary"]?["broker_reference"])),
              (1.6, "25", "ULTIMATE CONSIGNEE NAME", s(consignee?["name"]))])

        // Blocks 27 to 34: the lines.
        let cols: [(Double, String)] = [(0.5, "27. LINE"), (2.2, "28. DESCRIPTION"), (1.2, "29. HTSUS NO."), (1.1, "30. GROSS WT (KG)"),
                                        (1.1, "31. NET QUANTITY"), (1.4, "32. ENTERED VALUE / CHGS"), (0.9, "33. RATE"), (1.1, "34. DUTY")]
        let total = cols.reduce(0) { $0 + $1.0 }
        y -= 16
        var x = left, xs: [Double] = []
        for c in cols {
            let w = (right - left) * c.0 / total
            xs.append(x)
            doc.box(x: x, y: y, width: w, height: 16)
            doc.text(c.1, x: x + 2, y: y + 5, size: 5.5)
            x += w
        }
        for l in lines.prefix(20) {
            y -= 24
            let es = l["entry_summary"]
            let rate = es?["rate"]?["ad_valorem_bp"]?.intValue.map { String(format: "%.2f%%", Double($0) / 100) } ?? ""
            let chapter99 = (es?["chapter99"]?.arrayValue ?? l["chapter99"]?.arrayValue ?? []).compactMap(\.stringValue)
            let top = [s(l["line_number"]), String(s(l["description"]).prefix(34)), s(l["hts"]), s(es?["gross_weight_kg"]),
                       quantity(l["quantity"]), money(l["value_cents"]), rate, money(es?["duty_cents"])]
            for (k, v) in top.enumerated() { doc.text(v, x: xs[k] + 3, y: y + 13, size: 7.5) }
            doc.text("C/O \(s(l["country_of_origin"]))  MID \(s(es?["mid"]))", x: xs[1] + 3, y: y + 4, size: 6.5)
            if !chapter99.isEmpty { doc.text(chapter99.joined(separator: " "), x: xs[2] + 3, y: y + 4, size: 6.5) }
            doc.text("\(money(es?["charges_cents"])) \(es?["related_party"]?.boolValue == true ? "REL Y" : "REL N")", x: xs[5] + 3, y: y + 4, size: 6.5)
            doc.line(x1: left, y1: y, x2: right, y2: y, width: 0.3)
        }
        if lines.count > 20 { y -= 12; doc.text("... and \(lines.count - 20) more lines: see the ledger", x: left + 4, y: y + 2, size: 7) }

        let t = j["entry_summary"]?["totals"]
        y -= 20
        let w = (right - left) / 5
        for (i, c) in [("35", "TOTAL ENTERED VALUE", money(t?["entered_value_cents"])), ("37", "DUTY", money(t?["duty_cents"])),
                       ("38", "TAX", money(t?["taxes_cents"])), ("39", "OTHER FEES", money(t?["fees_cents"])),
                       ("40", "TOTAL", money(t?["total_cents"]))].enumerated() {
            y -= 0
            block(&doc, x: left + Double(i) * w, y: y - 30, w: w, h: 30, c.0, c.1, c.2)
        }
        Self.footer(&doc, f, page: "page 2 (CBP Form 7501)")
    }
}
