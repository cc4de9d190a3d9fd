/// The report as CSV for a spreadsheet: one row per entry (RFC 4180, CRLF), its state, money
/// (dollars with two decimals), paper release, each application's standing with ACE, and every
/// rejection ACE gave it. Text that a spreadsheet would take for a formula is prefixed with `'`.
enum ReportCSV {
    static let columns = [
        "entry_number", "status", "state", "accounted_for", "clerk", "logged_at_utc", "logged_at_local", "entry_type", "port",
        "importer", "entered_value", "duty", "fees", "taxes", "ad_deposit", "cv_deposit", "total", "fees_by_class", "from_entry_summary", "counts_in_totals",
        "cbp_release_date", "cbp_release_port", "cbp_release_reference", "amendments",
        "se_state", "se_batch", "se_action", "se_ace", "ae_state", "ae_batch", "ae_action", "ae_ace",
        "rejections", "pending", "entry_summary_due_utc", "time_zone",
    ]

    static func field(_ s: String) -> String {
        var s = s
        if let f = s.first, "=+-@\t\r".contains(f) { s = "'" + s }
        return s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    static func dollars(_ cents: Int64) -> String {
        let m = cents.magnitude
        return (cents < 0 ? "-" : "") + "\(m / 100)." + (m % 100 < 10 ? "0" : "") + "\(m % 100)"
    }

    static func render(_ a: Accounting, clock: OfficeClock) -> String {
        var out = columns.joined(separator: ",") + "\r\n"
        for e in a.entries {
            let m = e.money
            func app(_ x: ABIApplication) -> [String] {
                guard let t = e.transmissions.first(where: { $0.application == x }) else { return ["", "", "", ""] }
                return [t.standing.rawValue, t.batchID ?? "", t.action?.rawValue ?? "", t.outcome ?? ""]
            }
            let rejections = e.rejections.map { r in "seq \(r.seq) \(r.time): \(r.sentence)" }.joined(separator: " | ")
            let amendments = e.events.filter { if case .amended = $0.what { return true } else { return false } }.count
            let textCells: [String] = [e.number, e.state.status.rawValue, e.standing.rawValue, e.accountedFor ? "yes" : "no", e.state.addedBy,
                                       e.state.addedAt, Timestamp.parse(e.state.addedAt).map(clock.rfc3339) ?? "", e.state.entry.entryType,
                                       e.state.entry.portOfEntry, e.importerDisplay]
            let row = textCells.map(field)
                + [dollars(m.valueCents), dollars(m.dutyCents), dollars(m.feesCents), dollars(m.taxesCents), dollars(m.adCents), dollars(m.cvCents),
                   dollars(m.totalCents), m.feesByClass.map { "\($0.classCode)=\(dollars($0.amountCents))" }.joined(separator: " "),
                   m.hasSummary ? "yes" : "no", e.countsInTotals ? "yes" : "no"]
                + [e.state.release?.release.date ?? "", e.state.release?.release.port ?? "", e.state.release?.release.reference ?? "", "\(amendments)"].map(field)
                + (app(.cargoRelease) + app(.entrySummary)).map(field)
                + [rejections, e.transmissions.compactMap(\.pending).joined(separator: " | "),
                   e.summaryDue.map { Timestamp.format(unixSeconds: $0) } ?? "", clock.name].map(field)
            out += row.joined(separator: ",") + "\r\n"
        }
        return out
    }
}
