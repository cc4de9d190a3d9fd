import EntryLedger
import EntryLedgerDesk
import Foundation
import LedgerFormat
@_spi(Testing) import LedgerSQLite
import Testing

/// The desk shows nothing that nothing proved: a ledger edited outside the program (a derived
/// table, an index column, a record's bytes) gets its problems, not its entries nor a printed 3461.
@Suite struct DeskVerifiedTests {
    static let edits: [(what: String, sql: String)] = [
        ("a derived table row (the entry's number changed)", "UPDATE entries SET entry_number = 'EL7-1000006-7'"),
        ("an index column (the entry.add's kind)", "UPDATE records SET kind = 'incident.note' WHERE kind = 'entry.add'"),
        ("a record byte (the entry's payload)",
         "UPDATE records SET payload = CAST(replace(CAST(payload AS TEXT), 'EL7-1000005-9', 'EL7-1000006-7') AS BLOB) WHERE kind = 'entry.add'"),
    ]

    @Test(arguments: 0..<3)
    func anEditedLedgerShowsItsProblemsAndNoEntryNorForm(_ i: Int) async throws {
        let f = try DeskFixture()
        let (session, csrf) = try await f.signIn()
        let submitted = await f.request("POST", "/api/submit", session: session, csrf: csrf, json: DeskFixture.body(try DeskFixture.sample()))
        #expect(submitted.status == 200)
        let pages = ["/?all=1", "/entries/EL7-1000005-9", "/entries/EL7-1000005-9/forms.pdf", "/incident", "/new"]
        for page in pages {
            let honest = await f.request("GET", page, session: session)
            #expect(honest.status == 200, "\(page) on the honest ledger: \(honest.status)")
        }
        let store = try LedgerStore.open(path: f.ledgerPath)
        try store.executeRawSQLForTamperTest("""
            DROP TRIGGER records_refuse_update; DROP TRIGGER records_refuse_delete; PRAGMA ignore_check_constraints = ON;
            BEGIN; \(Self.edits[i].sql); COMMIT;
            """)
        for page in pages {
            let r = await f.request("GET", page, session: session)
            #expect(r.status == 409, "\(Self.edits[i].what): \(page) answered \(r.status)")
            #expect(r.text.contains("does not verify"), "\(Self.edits[i].what): \(page) said \(r.text)")
            #expect(!r.text.contains("LOGGED") && !r.text.hasPrefix("%PDF"), "\(Self.edits[i].what): \(page) showed what nothing proved")
        }
    }
}
