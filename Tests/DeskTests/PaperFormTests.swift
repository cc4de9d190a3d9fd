import EntryLedgerDesk
import Testing

@Suite struct PaperFormTests {
    @Test func dollarsAndCentsBothWays() {
        #expect(Money.dollars(123_456) == "$1,234.56")
        #expect(Money.dollars(5) == "$0.05")
        #expect(Money.dollars(-100) == "-$1.00")
        #expect(Money.cents("1,234.56") == 123_456)
        #expect(Money.cents("$12.5") == 1250)
        #expect(Money.cents("12") == 1200)
        for bad in ["", "1.234", "12a", "1e5", "-3", ".5", "123456789012345"] { #expect(Money.cents(bad) == nil, "\(bad)") }
    }

    @Test func aPDFHasEveryObjectWhereItsTableSays() throws {
        var pdf = PDFDocument()
        pdf.newPage()
        pdf.text("ENTRY (1) \\ é", x: 40, y: 700)
        pdf.box(x: 10, y: 10, width: 100, height: 50)
        pdf.newPage()
        pdf.line(x1: 0, y1: 0, x2: 10, y2: 10)
        let bytes = pdf.bytes()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("(ENTRY \\(1\\) \\\\ ?)"), "parentheses and backslash escaped, non-ASCII replaced")
        // Every xref offset points at "N 0 obj".
        let xref = try #require(text.range(of: "xref\n"))
        let rows = text[xref.upperBound...].split(separator: "\n").dropFirst(2).prefix { $0.hasSuffix(" n ") }
        #expect(rows.count == 8)
        for (i, row) in rows.enumerated() {
            let offset = Int(row.prefix(10))!
            #expect(String(decoding: bytes[offset..<offset + 8], as: UTF8.self).hasPrefix("\(i + 1) 0 obj"))
        }
    }

    @Test func wrappingKeepsWordsAndCutsLongOnes() {
        #expect(PDFDocument.wrap("ONE TWO THREE", width: 40, size: 10) == ["ONE TWO", "THREE"])
        #expect(PDFDocument.wrap(String(repeating: "X", count: 20), width: 50, size: 10) == ["XXXXXXXXXX", "XXXXXXXXXX"])
    }
}
