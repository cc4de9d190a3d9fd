import Foundation

extension Report {
    /// The words every page of a drill's report carries.
    public static let drillBanner = "DRILL: practice outage, not a real incident. Nothing here was or may be sent to CBP."

    /// Marks a rendered report as a drill's, whatever `render` wrote: HTML gets a banner fixed
    /// to the top of the screen and of every printed page, and DRILL in its title; CSV a first
    /// row saying so; JSON a `"drill": true` member. A small hook kept apart from the report
    /// itself, so that the report's layout can change without it.
    public static func markDrill(_ text: String, as format: Format) -> String {
        switch format {
        case .html:
            let style = "<style>.drill-banner { position: fixed; top: 0; left: 0; right: 0; background: #b00; color: #fff; font-weight: 700; "
                + "text-align: center; padding: 4px; z-index: 10; } body { padding-top: 2.2em; } "
                + "@media print { .drill-banner { position: fixed; top: 0; -webkit-print-color-adjust: exact; print-color-adjust: exact; } }</style>"
            let banner = "<div class=\"drill-banner\" id=\"drill\">\(esc(drillBanner))</div>"
            var h = text.replacingOccurrences(of: "<title>", with: "<title>DRILL - ")
            if let r = h.range(of: "</head>") { h.replaceSubrange(r, with: style + "</head>") }
            if let r = h.range(of: "<body>") { h.replaceSubrange(r, with: "<body>" + banner) } else { h = banner + h }
            return h
        case .csv:
            return Report.csvField(drillBanner) + "\r\n" + text
        case .json:
            guard case .object(var o)? = try? JSONReader.parse(text.trimmingCharacters(in: .newlines)) else { return text }
            o["drill"] = .bool(true)
            return ((try? CanonicalJSON.encodeString(.object(o))) ?? text) + "\n"
        }
    }
}
