import EntryLedger
import Foundation
import LedgerFormat

extension DeskApp {
    /// GET /import: paste or choose a CSV, map its columns once (kept in the browser), import.
    func importPage(_ s: DeskSession) -> DeskResponse {
        let options = CSVImport.targets.map { "<option value=\"\($0.path)\">\(DeskPages.h($0.label))</option>" }.joined()
        let body = """
        <p>A CSV or spreadsheet export (save as CSV), one row per line of an entry: rows with the same entry number make one entry; \
        without an entry-number column each row is an entry and takes the next reserved number. Map each column once (the \
        mapping is remembered in this browser). Every row is checked by the ledger's rules; the entries are logged all together \
        in one transaction, or none of them.</p>
        <p><input type="file" id="csv-file" accept=".csv,text/csv"></p>
        <p><textarea id="csv" rows="8" cols="100" placeholder="or paste the CSV here"></textarea></p>
        <template id="targets"><option value="">(not imported)</option>\(options)</template>
        <table id="mapping"></table>
        <p><button type="button" id="import-button">Check and import</button> <progress id="import-progress" max="3" value="0" hidden></progress> <span id="import-phase"></span></p>
        <div id="import-result"></div>
        """
        return .html(DeskPages.layout("Import a CSV", session: s, body: body, script: true))
    }

    /// POST /api/import `{"csv": "...", "mapping": {"column": "path"}}`: every row checked, then
    /// all the entries appended in one transaction through `Ledger.addEntries`, or none.
    func importCSV(_ req: DeskRequest, _ s: DeskSession) -> DeskResponse {
        guard req.body.count <= 4 << 20, let json = try? JSONReader.parse(req.body), let csv = json["csv"]?.stringValue,
            let mapping = json["mapping"]?.objectValue
        else { return .json(["problems": ["the request should be JSON {\"csv\": \"...\", \"mapping\": {...}} of at most 4 MiB"]], status: 400) }
        let built = CSVImport.build(csv: csv, mapping: mapping.compactMapValues(\.stringValue))
        var problems = built.problems
        if problems.isEmpty {
            let today = String(Timestamp.now().prefix(10))
            for (entry, label) in zip(built.entries, built.labels) {
                var checked = entry
                if built.nextNumber, case .object(var o) = entry, let n = nextFreeNumber() {
                    o["entry_number"] = .string(n.formatted)  // for the check only; the number is taken under the write lock
                    checked = .object(o)
                }
                problems += EntryValidator.problems(in: checked, ledgerFilerCode: ledger.genesis.filer, recordDate: today)
                    .filter { !(built.nextNumber && $0.path == "entry_number") }
                    .map { "\(label): \($0.description)" }
            }
        }
        guard problems.isEmpty else {
            return .json(["problems": .array(problems.map { .string($0) }), "rows": .int(Int64(built.labels.count))], status: 422)
        }
        do {
            let added = try ledger.addEntries(built.entries, nextNumber: built.nextNumber, labels: built.labels, signer: s.key)
            return .json(["imported": .array(added.map { ["entry_number": .string($0.1.formatted), "seq": .int($0.0.seq), "hash": .string(Hex.encode($0.0.hash))] })])
        } catch let e as LedgerError {
            return .json(["problems": .array(e.problems.map { .string($0.description) })], status: 422)
        } catch {
            return .json(["problems": [.string("the ledger refused the import: \(error)")]], status: 500)
        }
    }
}
