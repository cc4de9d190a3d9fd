/// The accounting as a document to hand to CBP: JSON (`schemas/report.schema.json`), CSV (one
/// row per entry and application) or one self-contained printable HTML page (Letter and A4);
/// ``ReportPDF`` prints the HTML to PDF with headless Chromium where it is installed.
///
/// ```swift
/// let a = try Accounting.load(ledger, now: now)
/// let html = Report.render(a, as: .html, clock: try OfficeClock(zone: "America/New_York"))
/// ```
public enum Report {
    public enum Format: String, CaseIterable, Sendable { case json, csv, html, pdf }

    /// The version of the report's JSON shape (`report_version`).
    public static let jsonVersion: Int64 = 1

    /// The text of a JSON, CSV or HTML report (a PDF is made from the HTML by ``ReportPDF``).
    public static func render(_ a: Accounting, as format: Format, clock: OfficeClock = .machine) -> String {
        switch format {
        case .json: return ((try? CanonicalJSON.encodeString(ReportJSON.document(a, clock: clock))) ?? "{}") + "\n"
        case .csv: return ReportCSV.render(a, clock: clock)
        case .html, .pdf: return ReportHTML.render(a, clock: clock)
        }
    }

    /// Text for HTML (the drill banner uses it).
    static func esc(_ s: String) -> String { ReportHTML.esc(s) }

    /// One CSV field (the drill banner uses it).
    static func csvField(_ s: String) -> String { ReportCSV.field(s) }

    /// The statement the licensed broker signs, printed above the signature block.
    public static func attestation(_ a: Accounting) -> String {
        "I have reviewed this accounting of the \(a.entries.count) entries \(a.header.broker) (filer code \(a.header.filer)) made while cut off "
            + "from ACE, and of the incident's communications and evidence. To the best of my knowledge it is complete and correct, "
            + "and it agrees with the ledger of \(a.header.records) records whose Merkle root it states."
    }
}
