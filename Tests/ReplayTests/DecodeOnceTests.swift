import Foundation
import Testing

@_spi(Testing) @testable import EntryLedger
@testable import LedgerFormat

/// The hot paths check each entry once: counted (never timed) through ``EntryDecodeCount``.
@Suite struct DecodeOnce {
    static func numbered(_ sample: JSONValue, _ serial: Int) throws -> JSONValue {
        guard case .object(var o) = sample else { throw CancellationError() }
        o["entry_number"] = .string(try EntryNumber(filerCode: "EL7", serial: serial).formatted)
        return .object(o)
    }

    @Test func appendingEntriesChecksEachOnceNotAgainInTheLedgersRuleCheck() throws {
        let f = try ReplayFixture(samples: [])
        let sample = try ReplayFixture.sample("01-vessel-continuous-3461-7501.json")
        let entries = try (0..<7).map { try Self.numbered(sample, 2_000_000 + $0) }
        let count = EntryDecodeCount()
        let added = try EntryDecodeCount.$current.withValue(count) { try f.ledger.addEntries(entries, signer: f.clerk) }
        #expect(added.count == 7)
        #expect(count.value == 7)
        // What was appended is what verify reads from the bytes: every rule, once more per entry.
        let verify = EntryDecodeCount()
        try EntryDecodeCount.$current.withValue(verify) { _ = try f.ledger.requireVerified() }
        #expect(verify.value == 7)
    }

    @Test func anImportChecksEveryRuleOnceAndOnlyReadsTheEntryAgainUnderTheLock() throws {
        let f = try ReplayFixture(samples: [])
        let sample = try ReplayFixture.sample("01-vessel-continuous-3461-7501.json")
        let n = 5
        let path = f.dir + "/today.jsonl"
        let text = try (0..<n).map { try CanonicalJSON.encodeString(try Self.numbered(sample, 2_000_000 + $0)) }.joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let count = EntryDecodeCount()
        let added = try EntryDecodeCount.$current.withValue(count) { try EntryImporter.run(f.ledger, file: path, signer: f.clerk) }
        #expect(added.count == n)
        // Every rule once per entry (the first reading); the second reading, under the lock,
        // only decodes the same bytes (the file's digest proves them); the ledger's rule check
        // takes the entry it was handed.
        #expect(count.ruleChecks == n)
        #expect(count.value == 2 * n)
        #expect(try f.ledger.requireVerified().records == Int64(3 + n))
    }

    @Test func anImportWhoseFileChangesBetweenItsReadingsWritesNothing() throws {
        let f = try ReplayFixture(samples: [])
        let sample = try ReplayFixture.sample("01-vessel-continuous-3461-7501.json")
        let path = f.dir + "/today.jsonl"
        try (try CanonicalJSON.encodeString(try Self.numbered(sample, 2_000_000)) + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        var changed = false
        let e = #expect(throws: LedgerError.self) {
            try EntryImporter.run(f.ledger, file: path, signer: f.clerk) { progress in
                // Once the first reading is done, the file is replaced by other content (which the
                // second reading does not check against every rule: the digests must refuse it).
                guard case .checked = progress, !changed else { return }
                changed = true
                var bad = try! Self.numbered(sample, 2_000_000).objectValue!
                bad["conveyance_name"] = "OTHER VESSEL"
                try! (try! CanonicalJSON.encodeString(.object(bad)) + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            }
        }
        #expect(e?.description.contains("changed while it was imported") == true)
        #expect(try f.ledger.store.count() == 3)   // genesis, enrolment, contact: nothing imported
    }

    @Test func anAmendmentIsCheckedOnce() throws {
        let f = try ReplayFixture(samples: ["01-vessel-continuous-3461-7501.json"])
        let count = EntryDecodeCount()
        try EntryDecodeCount.$current.withValue(count) {
            _ = try f.ledger.amendEntry(try Self.numbered(try ReplayFixture.sample("01-vessel-continuous-3461-7501.json"), 1_000_001), reason: "typo", signer: f.clerk)
        }
        #expect(count.value == 1)
    }

    @Test func aBodyNotBuiltFromTheCheckedEntryIsCheckedByTheRules() throws {
        // A prechecked entry for another time is not used: the rule check reads the body.
        let f = try ReplayFixture(samples: [])
        var bad = try ReplayFixture.sample("01-vessel-continuous-3461-7501.json")
        bad = try Self.numbered(bad, 2_000_000)
        let entry = try EntryValidator.validate(bad, ledgerFilerCode: "EL7")
        var o = entry.json.objectValue!
        o["port_of_entry"] = "99999"   // not a Schedule D port
        let record = Ledger.BuiltRecord(kind: .entryAdd, body: ["entry": .object(o), "rules_version": .int(Int64(CustomsRules.version))],
                                        prechecked: PrecheckedEntry(entry: entry, filer: "EL7", time: "2026-11-29T00:00:00Z", rulesVersion: CustomsRules.version))
        var done = false
        let e = #expect(throws: LedgerError.self) {
            try f.ledger.appendStreamed(labelled: false, signer: f.clerk, time: "2026-11-29T05:00:00Z") {
                guard !done else { return nil }
                done = true
                return ("record 1", { _ in [record] })
            }
        }
        #expect(e?.description.contains("port_of_entry") == true)
    }

    @Test func replayReadsEachEntryOncePerRenderOfItsBatchNotPerTransaction() throws {
        let f = try ReplayFixture(samples: [])
        let sample = try ReplayFixture.sample("01-vessel-continuous-3461-7501.json")
        let n = 12
        _ = try f.ledger.addEntries(try (0..<n).map { try Self.numbered(sample, 2_000_000 + $0) }, signer: f.clerk)
        try f.authorize()
        let count = EntryDecodeCount()
        let r = try EntryDecodeCount.$current.withValue(count) { try f.replay("out") }
        #expect(r.plan.items.count == 2 * n)
        // Once by verify (every rule, from the bytes) and once for the batch's one render (its
        // files staged as they are hashed, before the record): not by the plan's fold (which
        // reads only the few members it keeps of each entry), not again per SE/AE transaction,
        // nor to write the files, nor for the transmission copy.
        #expect(count.value == 2 * n)
        // And the files are the ones a render from the store gives.
        let history = try ReplayHistory.load(f.ledger)
        for (_, body) in history.batches {
            let fresh = try BatchRenderer.render(recorded: body, in: f.ledger, history: history, password: "SECRET")
            #expect(fresh.files.map(\.file) == body.files)
        }
    }
}

/// The plan's fold reads only the members it keeps of each entry version: what it reads must
/// be what the typed entry (every rule, under its own rules version) has.
@Suite struct ReplayFold {
    @Test func theFoldReadsWhatTheDecodedEntriesHaveThroughAmendmentsAndVoids() throws {
        let f = try ReplayFixture(samples: (try FileManager.default.contentsOfDirectory(atPath: ReplayFixture.samples.path)).filter { $0.hasSuffix(".json") }.sorted())
        // An amendment that drops the cargo release and changes the broker reference, and a void.
        var amended = try #require(try ReplayFixture.sample("01-vessel-continuous-3461-7501.json").objectValue)
        amended.removeValue(forKey: "cargo_release")
        if case .object(var summary)? = amended["entry_summary"] {
            summary["broker_reference"] = "AMENDED1"
            amended["entry_summary"] = .object(summary)
        }
        _ = try f.ledger.amendEntry(.object(amended), reason: "no release", signer: f.clerk)
        let amendedNumber = try EntryNumber(parsing: try #require(amended["entry_number"]?.stringValue))
        let voided = try #require(f.numbers.first { $0 != amendedNumber })
        _ = try f.ledger.voidEntry(voided, reason: "duplicate", signer: f.clerk)
        let folded = try ReplayEntry.loadAll(f.ledger)
        let decoded = try EntryBook.load(f.ledger).map(ReplayEntry.init)
        #expect(folded.count == f.numbers.count && folded.count == decoded.count)
        for (a, b) in zip(folded, decoded) {
            #expect(a.number == b.number && a.addedSeq == b.addedSeq && a.versionSeq == b.versionSeq && a.versionHash == b.versionHash)
            #expect(a.applications == b.applications && a.entryType == b.entryType && a.brokerReference == b.brokerReference, "\(a.number.formatted)")
            #expect(a.voided?.seq == b.voided?.seq && a.voided?.reason == b.voided?.reason)
        }
        let a = try #require(folded.first { $0.number == amendedNumber })
        #expect(a.applications == [.entrySummary] && a.brokerReference == "AMENDED1")
        #expect(folded.first { $0.number == voided }?.voided?.reason == "duplicate")
    }
}
