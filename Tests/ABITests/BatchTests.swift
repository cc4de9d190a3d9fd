import EntryLedger
import Foundation
import Testing

@Suite("Batches: the envelope, the golden files in samples/abi/, the password")
struct BatchTests {
    @Test("Each batch: A first with the batch id at 60-80, B...Y blocks of one filer and port, Z last; every line 80 columns")
    func envelope() throws {
        for batch in try sampleBatches() {
            let ls = lines(batch.text)
            #expect(ls.allSatisfy { $0.utf8.count == 80 })
            #expect(cols(ls[0], 1, 1) == "A" && cols(ls[0], 26, 27) == batch.application.rawValue && cols(ls[0], 60, 64) == "B0001")
            #expect(cols(ls.last!, 1, 1) == "Z" && cols(ls.last!, 9, 14) == "      ")
            var port = ""
            for l in ls.dropFirst().dropLast() {
                if l.hasPrefix("B") { port = cols(l, 4, 7); #expect(cols(l, 60, 64) == "B0001") }
                if l.hasPrefix("Y") { #expect(cols(l, 4, 7) == port && cols(l, 13, 17) == "     ") }
                if l.hasPrefix("SE10") { #expect(cols(l, 6, 8) == "EL7") }
                if l.hasPrefix("10") { #expect(cols(l, 18, 21) == port) }
            }
        }
    }

    @Test("The golden batches in samples/abi/ are what the builder writes: one per sample entry and application, and the cancel/delete shapes")
    func golden() throws {
        var expected: [String: String] = [:]
        for name in Repo.names("samples/entries", suffix: ".json") {
            let e = try CustomsEntry(json: JSONReader.parse(Repo.bytes("samples/entries/\(name)")))
            let stem = String(name.dropLast(5))
            for b in try ABIBatchBuilder.buildAll([ABIBatchItem(entry: e, action: .add)], settings: sampleSettings) {
                expected["\(stem)-\(b.application.rawValue).abi"] = b.text
            }
        }
        let v = Repo.entry(vessel)
        expected["cancel-SE.abi"] = try ABIBatchBuilder.build(.cargoRelease, items: [ABIBatchItem(entry: v, action: .delete)], settings: sampleSettings)!.text
        expected["delete-AE.abi"] = try ABIBatchBuilder.build(.entrySummary, items: [ABIBatchItem(entry: v, action: .delete)], settings: sampleSettings)!.text
        if Repo.regenerate {
            for old in Repo.names("samples/abi", suffix: ".abi") { try FileManager.default.removeItem(at: Repo.url("samples/abi/\(old)")) }
            for (name, text) in expected { try text.write(to: Repo.url("samples/abi/\(name)"), atomically: true, encoding: .utf8) }
        }
        #expect(Set(Repo.names("samples/abi", suffix: ".abi")) == Set(expected.keys), "regenerate with ABI_REGENERATE=1")
        for (name, text) in expected { #expect(String(decoding: Repo.bytes("samples/abi/\(name)"), as: UTF8.self) == text, "\(name)") }
    }

    @Test("The password stands at A 9-14 only and no description shows it")
    func password() throws {
        var s = sampleSettings
        s.password = "PW4242"
        let batches = try ABIBatchBuilder.buildAll(Repo.entries.map { ABIBatchItem(entry: $0, action: .add) }, settings: s)
        for b in batches {
            #expect(b.text.components(separatedBy: "PW4242").count == 2)
            #expect(cols(lines(b.text)[0], 9, 14) == "PW4242")
        }
        #expect(!s.description.contains("PW4242") && !s.debugDescription.contains("PW4242"))
    }

    @Test("An entry given twice in one batch is refused")
    func duplicate() throws {
        let e = Repo.entry(vessel)
        #expect(throws: ABIError.self) { try ABIBatchBuilder.build(.cargoRelease, items: [ABIBatchItem(entry: e, action: .add), ABIBatchItem(entry: e, action: .replace)], settings: sampleSettings) }
    }
}
