import Foundation

/// A small PDF 1.4 writer: pages of text in the standard Helvetica fonts, lines and boxes.
///
/// Enough for paper forms: no images, no embedded fonts (Helvetica and Helvetica-Bold are among
/// the 14 fonts every PDF reader has), content streams left uncompressed so that the text can be
/// extracted by `pdftotext`. Text outside printable ASCII is written as `?`.
///
/// ```swift
/// var pdf = PDFDocument()
/// pdf.newPage()
/// pdf.text("CBP Form 3461", x: 40, y: 750, size: 14, bold: true)
/// pdf.box(x: 40, y: 600, width: 200, height: 40)
/// let bytes = pdf.bytes()
/// ```
public struct PDFDocument: Sendable {
    /// US Letter, in points.
    public static let pageWidth = 612.0
    public static let pageHeight = 792.0

    private var pages: [String] = []

    public init() {}

    /// Starts a new page; drawing goes to the last page.
    public mutating func newPage() { pages.append("") }

    public var pageCount: Int { pages.count }

    /// Writes `text` with its baseline at (x, y), y counted up from the bottom of the page.
    public mutating func text(_ text: String, x: Double, y: Double, size: Double = 9, bold: Bool = false) {
        append("BT /\(bold ? "F2" : "F1") \(num(size)) Tf \(num(x)) \(num(y)) Td (\(Self.escape(text))) Tj ET\n")
    }

    /// A straight line.
    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, width: Double = 0.6) {
        append("\(num(width)) w \(num(x1)) \(num(y1)) m \(num(x2)) \(num(y2)) l S\n")
    }

    /// A rectangle's outline, (x, y) its lower-left corner.
    public mutating func box(x: Double, y: Double, width: Double, height: Double, lineWidth: Double = 0.6) {
        append("\(num(lineWidth)) w \(num(x)) \(num(y)) \(num(width)) \(num(height)) re S\n")
    }

    /// The width of `text` in Helvetica at `size`, roughly (0.5 em a character; 0.55 bold).
    public static func roughWidth(_ text: String, size: Double, bold: Bool = false) -> Double {
        Double(text.count) * size * (bold ? 0.56 : 0.5)
    }

    /// Cuts `text` into lines no wider than `width` at `size`, at spaces where it can.
    public static func wrap(_ text: String, width: Double, size: Double) -> [String] {
        let perLine = max(1, Int(width / (size * 0.5)))
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            var w = word
            while w.count > perLine {
                if !current.isEmpty { lines.append(current); current = "" }
                lines.append(String(w.prefix(perLine)))
                w = String(w.dropFirst(perLine))
            }
            if current.isEmpty { current = w } else if current.count + 1 + w.count <= perLine { current += " " + w } else {
                lines.append(current)
                current = w
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// The whole file.
    public func bytes() -> [UInt8] {
        var out: [UInt8] = Array("%PDF-1.4\n%\u{00E2}\u{00E3}\u{00CF}\u{00D3}\n".utf8)
        var offsets: [Int] = []
        func object(_ body: [UInt8]) {
            offsets.append(out.count)
            out += Array("\(offsets.count) 0 obj\n".utf8) + body + Array("\nendobj\n".utf8)
        }
        let pageList = pages.isEmpty ? [""] : pages
        // 1 catalog, 2 pages, 3 and 4 fonts, then for each page: the page and its content stream.
        let kids = pageList.indices.map { "\(5 + 2 * $0) 0 R" }.joined(separator: " ")
        object(Array("<< /Type /Catalog /Pages 2 0 R >>".utf8))
        object(Array("<< /Type /Pages /Kids [\(kids)] /Count \(pageList.count) >>".utf8))
        object(Array("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".utf8))
        object(Array("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>".utf8))
        for (i, content) in pageList.enumerated() {
            let contentRef = 6 + 2 * i
            object(Array(("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(num(Self.pageWidth)) \(num(Self.pageHeight))] "
                + "/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents \(contentRef) 0 R >>").utf8))
            let stream = Array(content.utf8)
            object(Array("<< /Length \(stream.count) >>\nstream\n".utf8) + stream + Array("\nendstream".utf8))
        }
        let xref = out.count
        var table = "xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n"
        for o in offsets { table += String(repeating: "0", count: 10 - String(o).count) + "\(o) 00000 n \n" }
        table += "trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        out += Array(table.utf8)
        return out
    }

    private mutating func append(_ op: String) {
        if pages.isEmpty { pages.append("") }
        pages[pages.count - 1] += op
    }

    private func num(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(format: "%.2f", v)
    }

    /// A PDF literal string's content: printable ASCII, with `\`, `(` and `)` escaped.
    static func escape(_ text: String) -> String {
        var s = ""
        for u in text.unicodeScalars {
            switch u {
            case "\\", "(", ")": s += "\\" + String(u)
            case " "..."~": s.unicodeScalars.append(u)
            default: s += "?"
            }
        }
        return s
    }
}
