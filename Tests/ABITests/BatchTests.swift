import EntryLedger
import Foundation
import Testing
import TestSupport

@Suite("Batches: A/B/Y/Z structure, determinism, golden files, the password")
struct BatchTests {
    @Test("One SE batch and one AE batch, each A first, Z last, every line 80 characters ending in \\n")
    func structure() throws {
        let batches = try sampleBatches()
        #expect(batches.map(\.application) == [.cargoRelease, .entrySummary])
        for batch in batches {
            let app = batch.application.rawValue
            #expect(batch.text.hasSuffix("\n") && !batch.text.contains("\r"))
            let ls = lines(batch.text)
            #expect(ls.allSatisfy { $0.utf8.count == 80 })
            #expect(batch.bytes.allSatisfy { $0 == 0x0A || ABIRules.isRecordCharacter($0) })
            #expect(ls.filter { $0.hasPrefix("A") && cols($0, 2, 3) != "  " }.count >= 1)
            let first = ls.first!, last = ls.last!
            #expect(cols(first, 1, 1) == "A")
            #expect(cols(first, 2, 5) == "EL01")
            #expect(cols(first, 6, 8) == "EL7")
            #expect(cols(first, 9, 14) == "******")
            #expect(cols(first, 15, 20) == "113026")
            #expect(cols(first, 21, 25) == "     ")
            #expect(cols(first, 26, 27) == app)
            #expect(cols(first, 38, 39) == "01")
            #expect(cols(first, 60, 80) == "ENTRYLEDGER REPLAY   ")
            #expect(cols(last, 1, 1) == "Z")
            #expect(cols(last, 2, 5) == "EL01" && cols(last, 6, 8) == "EL7" && cols(last, 15, 20) == "113026" && cols(last, 38, 39) == "01")
            #expect(cols(last, 9, 14) == "      ")   // no password in Z

            // Every block: B ... Y with matching port, filer, application; only transaction records inside.
            var i = 1
            var keys: [String] = []
            while i < ls.count - 1 {
                let b = ls[i]
                #expect(cols(b, 1, 1) == "B")
                #expect(cols(b, 11, 12) == app)
                #expect(cols(b, 45, 46) == "01")
                var j = i + 1
                while j < ls.count - 1, cols(ls[j], 1, 1) != "Y" {
                    let id = app == "SE" ? cols(ls[j], 1, 2) : ""
                    #expect(app == "AE" || id == "SE", "line \(j + 1)")
                    if app == "SE" && cols(ls[j], 1, 4) == "SE10" {
                        #expect(cols(ls[j], 50, 53) == cols(b, 4, 7))        // port of entry = block port
                        #expect(cols(ls[j], 6, 8) == cols(b, 8, 10))
                    }
                    if app == "AE" && cols(ls[j], 1, 2) == "10" {
                        #expect(cols(ls[j], 18, 21) == cols(b, 4, 7))
                        #expect(cols(ls[j], 4, 6) == cols(b, 8, 10))
                    }
                    j += 1
                }
                let y = ls[j]
                #expect(cols(y, 1, 1) == "Y")
                #expect(cols(y, 4, 7) == cols(b, 4, 7) && cols(y, 8, 10) == cols(b, 8, 10) && cols(y, 11, 12) == app)
                #expect(cols(y, 45, 46) == "01")
                #expect(j > i + 1, "a block holds at least one transaction")
                keys.append(cols(b, 8, 10) + cols(b, 4, 7))
                i = j + 1
            }
            #expect(keys == keys.sorted() && Set(keys).count == keys.count)
        }
        #expect(batches[0].transactions.count == 9 && batches[1].transactions.count == 5)
        let sePorts = lines(batches[0].text).filter { $0.hasPrefix("B") }.map { cols($0, 4, 7) }
        #expect(sePorts == ["0901", "2304", "2704", "3801", "3901", "4601", "4701", "5301"])
    }

    @Test("Transactions are placed as reported, so an X0 pointer maps back to the entry")
    func placement() throws {
        let se = try sampleBatches()[0]
        let ls = lines(se.text)
        for t in se.transactions {
            #expect(cols(ls[t.firstLine - 1], 1, 4) == "SE10")
            #expect(cols(ls[t.firstLine - 1], 11, 18) == t.entryNumber.abi)
        }
        #expect(se.transaction(block: 2, number: 1)?.entryNumber.formatted == "EL7-1000005-9")
        #expect(se.transaction(block: 7, number: 2)?.entryNumber.formatted == "EL7-1000006-7")   // port 4701, second
        #expect(se.transaction(block: 7, number: 3) == nil)
    }

    @Test("Same input gives the same bytes, whatever the order of the items")
    func determinism() throws {
        let a = try sampleBatches()
        let b = try sampleBatches()
        #expect(a == b)
        var items = Repo.entries.map { ABIBatchItem(entry: $0, action: .add) }
        var rng = SplitMix64(seed: 7)
        for _ in 0..<5 {
            items.shuffle(using: &rng)
            let c = try ABIBatchBuilder.buildAll(items, settings: sampleSettings)
            #expect(c.map(\.bytes) == a.map(\.bytes))
        }
        #expect(a[0].sha256 == b[0].sha256 && a[0].sha256.count == 64 && a[0].sha256 != a[1].sha256)
    }

    @Test("The golden batches in samples/abi equal what the builder writes")
    func golden() throws {
        for batch in try sampleBatches() {
            let path = "samples/abi/\(batch.fileName)"
            if Repo.regenerate { try Data(batch.bytes).write(to: Repo.url(path)) }
            let stored = Repo.bytes(path)
            #expect(!stored.isEmpty, "\(path) missing")
            #expect(stored == batch.bytes, "\(path) differs from the builder's output")
        }
    }

    @Test("The password appears only in A 9-14 and never in descriptions or errors")
    func password() throws {
        var settings = sampleSettings
        settings.password = "PW7XQZ"
        let batches = try ABIBatchBuilder.buildAll(Repo.entries.map { ABIBatchItem(entry: $0, action: .add) }, settings: settings)
        for b in batches {
            #expect(b.text.components(separatedBy: "PW7XQZ").count == 2)
            #expect(cols(lines(b.text)[0], 9, 14) == "PW7XQZ")
        }
        #expect(!settings.description.contains("PW7XQZ") && !String(reflecting: settings).contains("PW7XQZ"))
        for bad in ["pw7xqz", "PW7XQZ9", "PWÉXQZ"] {
            settings.password = bad
            #expect {
                try ABIBatchBuilder.build(.cargoRelease, items: [ABIBatchItem(entry: Repo.entry(vessel), action: .add)], settings: settings)
            } throws: { error in
                let text = "\(error)"
                return text.contains("password") && !text.contains(bad)
            }
        }
    }

    @Test("A duplicate entry, a bad date or an action the application refuses stops the batch")
    func refusals() {
        let item = ABIBatchItem(entry: Repo.entry(vessel), action: .add)
        #expect(throws: ABIError.inEntry(entryNumber: vessel, .duplicateEntry(application: "SE"))) {
            try ABIBatchBuilder.build(.cargoRelease, items: [item, item], settings: sampleSettings)
        }
        var s = sampleSettings
        s.date = "2026-13-01"
        #expect(throws: ABIError.invalidDate(record: "A", field: "date")) {
            try ABIBatchBuilder.build(.cargoRelease, items: [item], settings: s)
        }
        #expect(throws: ABIError.self) {
            try ABIBatchBuilder.buildAll([ABIBatchItem(entry: Repo.entry(vessel), action: .update)], settings: sampleSettings)
        }
        #expect((try? ABIBatchBuilder.build(.entrySummary, items: [], settings: sampleSettings)) == .some(nil))
    }

    @Test("Per-application builds take different actions; the AE reference is reported")
    func perApplication() throws {
        let se = try ABIBatchBuilder.build(.cargoRelease, items: [ABIBatchItem(entry: Repo.entry(vessel), action: .update)],
                                           settings: sampleSettings)!
        #expect(cols(lines(se.text)[2], 5, 5) == "U")
        let ae = try ABIBatchBuilder.build(.entrySummary, items: [ABIBatchItem(entry: Repo.entry(vessel), action: .replace, filerReference: "SEQ000042")],
                                           settings: sampleSettings)!
        #expect(ae.transactions[0].filerReference == "SEQ000042")
        #expect(cols(lines(ae.text)[2], 22, 30) == "SEQ000042")
        #expect(cols(lines(ae.text)[2], 3, 3) == "R")
    }
}

