import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// Entries from the command line when the output fails, and imports that hold the write lock
/// no longer than the inserts and do linear work.
@Suite struct EntryWrites {
    static let sampleURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples/entries/01-vessel-continuous-3461-7501.json")

    /// The vessel sample without its number (for --next-number), its first line's description
    /// made unique by `tag` so that entries differ in content.
    static func entry(_ tag: Int) throws -> JSONValue {
        guard case .object(var o) = try JSONReader.parse([UInt8](Data(contentsOf: sampleURL))) else { throw CancellationError() }
        o["entry_number"] = nil
        if case .array(var lines) = o["lines"], case .object(var first) = lines[0] {
            first["description"] = .string("PORTABLE COMPUTERS LOT \(tag)")
            lines[0] = .object(first)
            o["lines"] = .array(lines)
        }
        return .object(o)
    }

    static func reserve(_ w: Workspace, count: Int = 9_000) throws {
        let range = try EntryNumberRange(filerCode: "EL7", first: 1_000_001, last: 1_000_000 + count)
        try Ledger.open(path: w.ledgerPath).reserveNumbers(range, reason: "downtime", signer: w.supervisor)
    }

    static func writeImport(_ path: String, _ tags: Range<Int>) throws {
        let text = try tags.map { try CanonicalJSON.encodeString(entry($0)) }.joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func aFullStandardErrorOrOutputNeverCrashesAnAddAndItsRetryIsRefused() throws {
        let w = try Workspace()
        try Self.reserve(w)
        try CanonicalJSONString(Self.entry(1)).write(toFile: w.file("e.json"), atomically: true, encoding: .utf8)
        let add = ["entry", "add", "--next-number", "--file", "e.json", "--key", "alice.key"]
        // Both outputs on a full disk: the entry is logged and the process exits normally.
        let full = try Measured.run(add, in: w.path, stdoutPath: "/dev/full", stderrPath: "/dev/full")
        #expect(!full.signaled && full.status == 0, "exit \(full.status), signaled \(full.signaled)")
        var book = try EntryBook.load(try Ledger.open(path: w.ledgerPath))
        #expect(book.count == 1)
        // The clerk saw nothing and runs it again: refused, naming the entry already logged.
        let retry = try CLI.run(add, in: w.path)
        #expect(retry.status == 2, "\(retry.stderr)")
        #expect(retry.stderr.contains("EL7-1000001-8") && retry.stderr.contains("--allow-duplicate-goods"), "\(retry.stderr)")
        book = try EntryBook.load(try Ledger.open(path: w.ledgerPath))
        #expect(book.count == 1, "the retry logged the same goods twice")
        // Another clerk's identical goods, or the clerk's own with the flag, are logged.
        #expect(try CLI.run(["entry", "add", "--next-number", "--file", "e.json", "--key", "bob.key"], in: w.path).status == 0)
        #expect(try CLI.run(add + ["--allow-duplicate-goods"], in: w.path).status == 0)
        // Other goods by the same clerk: logged.
        try CanonicalJSONString(Self.entry(2)).write(toFile: w.file("e2.json"), atomically: true, encoding: .utf8)
        #expect(try CLI.run(["entry", "add", "--next-number", "--file", "e2.json", "--key", "alice.key"], in: w.path).status == 0)
        #expect(try EntryBook.load(try Ledger.open(path: w.ledgerPath)).count == 4)
        // An import retried after its output was lost is refused the same way, whole.
        try Self.writeImport(w.file("day.jsonl"), 10..<20)
        let imp = ["entry", "import", "--next-number", "--file", "day.jsonl", "--key", "alice.key"]
        #expect(try Measured.run(imp, in: w.path, stdoutPath: "/dev/full", stderrPath: "/dev/full").status == 0)
        let again = try CLI.run(imp, in: w.path)
        #expect(again.status == 2 && again.stderr.contains("line 10: the entry's content"), "\(again.stderr)")
        #expect(try EntryBook.load(try Ledger.open(path: w.ledgerPath)).count == 14)
    }

    /// `--next-number` used to read every used number of the range for each entry (quadratic:
    /// 9,000 entries took 110 s). Counted in rows the store hands back: eight times the
    /// entries must cost about eight times the rows, far from the 64 times of quadratic work.
    @Test func importWithNextNumberReadsTheStoreInLinearWork() throws {
        var rows: [Int: Int] = [:]
        for n in [150, 1_200] {
            let w = try Workspace()
            try Self.reserve(w)
            let ledger = try Ledger.open(path: w.ledgerPath)
            // Some numbers already used, so the allocator has to step over them.
            try ledger.addEntries(try (0..<20).map { try Self.entry(100_000 + $0) }, nextNumber: true, signer: w.bob)
            try Self.writeImport(w.file("import.jsonl"), 0..<n)
            let before = ledger.store.rowsRead
            let added = try EntryImporter.run(ledger, file: w.file("import.jsonl"), nextNumber: true, signer: w.alice)
            rows[n] = ledger.store.rowsRead - before
            #expect(added.count == n)
            #expect(Set(added.map(\.1.formatted)).count == n, "a number was handed out twice")
            #expect(added.first?.1.serial == 1_000_021)
            #expect(try w.verify().ok)
        }
        let ratio = Double(rows[1_200]!) / Double(max(1, rows[150]!))
        print("rows read: \(rows), ratio \(ratio) for 8x the entries")
        #expect(ratio < 16, "rows read grew \(ratio)x for 8x the entries: \(rows)")
    }

    /// The whole file is checked before the write lock is taken: while another process holds
    /// the lock, a bad import fails at once with every problem, not with "database is locked".
    @Test func anImportIsCheckedBeforeTheWriteLockIsTaken() throws {
        let w = try Workspace()
        try Self.reserve(w)
        try Self.writeImport(w.file("good.jsonl"), 0..<50)
        var text = try String(contentsOfFile: w.file("good.jsonl"), encoding: .utf8)
        text += "{\"entry_type\":\"99\"}\n"
        try text.write(toFile: w.file("bad.jsonl"), atomically: true, encoding: .utf8)
        let holder = try LedgerStore.open(path: w.ledgerPath)
        try holder.executeRawSQLForTamperTest("BEGIN IMMEDIATE")
        defer { try? holder.executeRawSQLForTamperTest("ROLLBACK") }
        let r = try CLI.run(["entry", "import", "--next-number", "--file", "bad.jsonl", "--key", "alice.key"], in: w.path)
        #expect(r.status == 2)
        #expect(r.stderr.contains("line 51: entry_type"), "\(r.stderr)")
        #expect(!r.stderr.contains("locked"), "\(r.stderr)")
    }

    /// A file changed between the check and the signing is not imported.
    @Test func anImportFileChangedAfterItsCheckIsRolledBack() throws {
        let w = try Workspace()
        try Self.reserve(w)
        try Self.writeImport(w.file("day.jsonl"), 0..<5)
        let ledger = try Ledger.open(path: w.ledgerPath)
        var changed = false
        #expect(throws: LedgerError.self) {
            _ = try EntryImporter.run(ledger, file: w.file("day.jsonl"), nextNumber: true, signer: w.alice) { p in
                if case .logged = p { return }
                if !changed {
                    changed = true
                    // Replace the file between the passes: the digest of the second reading differs.
                    try? Self.writeImport(w.file("day.jsonl"), 100..<105)
                }
            }
        }
        #expect(try EntryBook.load(ledger).isEmpty)
    }
}

/// Canonical JSON text of a value (a helper for writing entry files).
func CanonicalJSONString(_ v: JSONValue) throws -> String { try CanonicalJSON.encodeString(v) }
