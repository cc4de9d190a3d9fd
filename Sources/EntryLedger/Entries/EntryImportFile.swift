import LedgerFormat

/// A JSON Lines file of entries, as `entry import` reads it: one entry per line, blank lines
/// skipped, each entry labelled with its line number for the problems an import reports.
///
/// ```swift
/// let file = try EntryImportFile(bytes: data)
/// try ledger.addEntries(file.entries, labels: file.labels, signer: clerk)
/// ```
public struct EntryImportFile: Sendable {
    /// The entries, in file order.
    public let entries: [JSONValue]
    /// `line N` for each entry.
    public let labels: [String]

    /// Reads every line; a line that is not JSON is a problem naming its line number, and every
    /// such problem is reported at once (nothing is imported from a file with one).
    public init(bytes: [UInt8]) throws {
        var entries: [JSONValue] = []
        var labels: [String] = []
        var problems: [Problem] = []
        var start = 0, lineNumber = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            lineNumber += 1
            let line = bytes[start..<end]
            start = end + 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            do {
                entries.append(try JSONReader.parse(Array(line)))
                labels.append("line \(lineNumber)")
            } catch {
                problems.append(Problem(field: "line \(lineNumber)", rule: "entry.json", "line \(lineNumber): \(error)"))
            }
        }
        guard problems.isEmpty else { throw LedgerError.invalidInput(problems + [Problem(rule: "import.nothing-imported", "nothing was imported")]) }
        self.entries = entries
        self.labels = labels
    }
}
