import Foundation

extension Report {
    /// The words every page of a drill's report carries.
    public static let drillBanner = "DRILL: practice outage, not a real incident. Nothing here was or may be sent to CBP."

    /// Marks a rendered report as a drill's, whatever `render` wrote: HTML gets a banner at the
    /// top of the screen, the same words in the top margin of every printed page (a CSS page
    /// margin box), and DRILL in its title; CSV a first
    /// row saying so; JSON a `"drill": true` member. A small hook kept apart from the report
    /// itself, so that the report's layout can change without it.
    public static func markDrill(_ text: String, as format: Format) -> String {
        switch format {
        case .html, .pdf:
            // On screen the banner stays at the top while scrolling; in print it opens page 1 and
            // the page's top margin box repeats the words on every page without covering content.
            let style = "<style>.drill-banner { position: sticky; top: 0; background: #b00; color: #fff; font-weight: 700; "
                + "text-align: center; padding: 4px; z-index: 10; -webkit-print-color-adjust: exact; print-color-adjust: exact; } "
                + "@media print { .drill-banner { position: static; } } "
                + "@page { margin-top: 1.6cm; @top-center { content: \"\(drillBanner)\"; color: #b00; font: 700 9pt sans-serif; } }</style>"
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
