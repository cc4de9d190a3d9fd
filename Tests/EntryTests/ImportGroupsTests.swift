import Foundation
import Testing

@_spi(Testing) @testable import EntryLedger
@testable import LedgerFormat

/// `entry import` of entries with their own numbers reads its lines in groups
/// (`EntryImporter.groupSize`) on every core, and under the lock reads each group back while
/// the group before is signed: across several groups the result must be what one line at a
/// time gives, all of it or none.
@Suite struct ImportGroups {
    /// `count` vessel entries numbered from `first`, one per line, a blank line after every 100th.
    static func writeFile(_ path: String, first: Int, count: Int) throws {
        var text = ""
        for i in 0..<count {
            text += try CanonicalJSON.encodeString(Repo.sample(vesselSample).setting("entry_number", to: .string(number(first + i))))
            text += i % 100 == 99 ? "\n   \n" : "\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func number(_ serial: Int) -> String { try! EntryNumber(filerCode: "EL7", serial: serial).formatted }

    @Test func manyGroupsImportWholeInLineOrderEachEntryReadTwice() throws {
        let f = try EntryLedgerFixture()
        let count = 2 * EntryImporter.groupSize + 37
        try Self.writeFile(f.dir + "/day.jsonl", first: 3_000_000, count: count)
        let decodes = EntryDecodeCount()
        let added = try EntryDecodeCount.$current.withValue(decodes) { try EntryImporter.run(f.ledger, file: f.dir + "/day.jsonl", signer: f.clerk) }
        #expect(added.map(\.1.formatted) == (0..<count).map { Self.number(3_000_000 + $0) })
        #expect(added.map(\.0.seq) == (0..<count).map { Int64(2 + $0) })
        // Once checked against every rule before the lock, once read back under it: no more.
        #expect(decodes.value == 2 * count)
        #expect(decodes.ruleChecks == count)
        #expect(try f.verify().ok)
    }

    @Test func aNumberTakenBetweenTheReadingsRefusesTheWholeFileNamingItsLine() throws {
        let f = try EntryLedgerFixture()
        let count = 2 * EntryImporter.groupSize + 10
        try Self.writeFile(f.dir + "/day.jsonl", first: 3_100_000, count: count)
        let late = 2 * EntryImporter.groupSize + 5  // an entry in the third group
        // The file's line of that entry (a blank line after every 100th).
        let line = late + 1 + late / 100
        var taken = false
        let before = try f.count()
        let e = #expect(throws: LedgerError.self) {
            _ = try EntryImporter.run(f.ledger, file: f.dir + "/day.jsonl", signer: f.clerk) { p in
                // After the first reading, before the second: another clerk logs the same number.
                guard case .checked = p, !taken else { return }
                taken = true
                _ = try? f.ledger.addEntries([Repo.sample(vesselSample).setting("entry_number", to: .string(Self.number(3_100_000 + late)))],
                                            signer: f.clerk)
            }
        }
        #expect(taken)
        #expect(e?.description.contains("line \(line):") == true, "\(e?.description ?? "")")
        #expect(e?.description.contains("already used") == true, "\(e?.description ?? "")")
        // Nothing of the file was written: only the other clerk's entry.
        #expect(try f.count() == before + 1)
        #expect(try f.verify().ok)
    }

    @Test func aFileChangedAfterItsCheckWritesNothing() throws {
        let f = try EntryLedgerFixture()
        let path = f.dir + "/day.jsonl"
        try Self.writeFile(path, first: 3_200_000, count: EntryImporter.groupSize + 20)
        var changed = false
        let before = try f.count()
        let e = #expect(throws: LedgerError.self) {
            _ = try EntryImporter.run(f.ledger, file: path, signer: f.clerk) { p in
                guard case .checked = p, !changed else { return }
                changed = true
                // Other entries, same length: the second reading's digest differs.
                try? Self.writeFile(path, first: 3_300_000, count: EntryImporter.groupSize + 20)
            }
        }
        #expect(changed)
        #expect(e?.description.contains("changed while it was imported") == true, "\(e?.description ?? "")")
        #expect(try f.count() == before)
    }

    /// An importer number that is personal data (an SSN) is stored sealed, as `entry add`
    /// stores it, with its own number or one the tool chooses.
    @Test(arguments: [false, true])
    func personalDataIsSealedOnImport(nextNumber: Bool) throws {
        let f = try EntryLedgerFixture()
        if nextNumber {
            try f.ledger.reserveNumbers(try EntryNumberRange(filerCode: "EL7", first: 3_400_000, last: 3_400_010), reason: "downtime", signer: f.supervisor)
        }
        var ssn = Repo.sample("01-air-ssn-importer-single-bond.json")
        if nextNumber { ssn = ssn.setting("entry_number", to: nil) }
        try (try CanonicalJSON.encodeString(ssn) + "\n").write(toFile: f.dir + "/ssn.jsonl", atomically: true, encoding: .utf8)
        let added = try EntryImporter.run(f.ledger, file: f.dir + "/ssn.jsonl", nextNumber: nextNumber, signer: f.clerk)
        #expect(added.count == 1)
        let stored = try #require(try f.ledger.store.record(at: added[0].0.seq))
        let text = String(decoding: stored.record.payload, as: UTF8.self)
        #expect(text.contains("\"sealed\""))
        guard case .string(let clear) = Repo.sample("01-air-ssn-importer-single-bond.json")["importer"]?["number"] ?? .null else {
            Issue.record("the sample has no importer number")
            return
        }
        #expect(!text.contains(clear), "the SSN is stored in clear")
        #expect(try f.verify().ok)
    }
}
