import Foundation
import Testing
import TestSupport

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

@Suite struct ReadinessChecks {
    let asOf = "2026-11-29"

    @Test func anISAFourYearsOldMakesReadinessExitOneNamingTheISA() throws {
        let office = try OfficeFolder { set(&$0, ["isa", "signed"], "2022-11-29") }
        let r = try office.run(["readiness", "--as-of", asOf])
        r.expectStatus(1)
        let isaLine = r.stdout.split(separator: "\n").first { $0.contains("Interconnection Security Agreement") } ?? ""
        #expect(isaLine.hasPrefix("OVERDUE"))
        #expect(isaLine.contains("2022-11-29") && isaLine.contains("older than 3 years"))
        #expect(r.stderr.contains("isa (OVERDUE)"))
        // Only the ISA: everything else in the sample is in date.
        #expect(r.stdout.split(separator: "\n").filter { $0.hasPrefix("OVERDUE") || $0.hasPrefix("MISSING") }.count == 1)
    }

    @Test func aCompleteProfileExitsZero() throws {
        let office = try OfficeFolder()
        let r = try office.run(["readiness", "--as-of", asOf, "--json"])
        r.expectStatus(0)
        let json = try JSONReader.parse(r.stdout.trimmingCharacters(in: .newlines))
        #expect(json["ready"] == .bool(true))
        let states = json["items"]?.arrayValue?.compactMap { $0["state"]?.stringValue } ?? []
        #expect(states.count == 17 && states.allSatisfy { $0 == "OK" })
    }

    @Test func eachDatedItemIsDueOverdueOrMissingAtItsBoundary() throws {
        var p = try OfficeProfile(json: try JSONReader.parse(OfficeFolder.sampleText))
        func state(_ id: String, _ date: String = "2026-11-29") -> Readiness.State? {
            Readiness.evaluate(p, asOf: date).items.first { $0.id == id }?.state
        }
        p.isaSigned = "2023-11-29"
        #expect(state("isa", "2026-11-29") == .due)        // due that very day: not yet overdue
        #expect(state("isa", "2026-11-30") == .overdue)
        #expect(state("isa", "2026-09-30") == .due)        // 60 days before
        #expect(state("isa", "2026-09-29") == .ok)         // 61 days before
        p.isaSigned = "2024-02-29"                          // three years on: 1 March 2027
        #expect(Readiness.evaluate(p, asOf: "2027-03-01").items.first { $0.id == "isa" }?.due == "2027-03-01")
        p.isaSigned = nil
        #expect(state("isa") == .missing)
        p.transmitsDirectlyToACE = false
        #expect(state("isa") == .ok)
        p.lastRestoreTest = "2026-08-01"                    // more than a quarter ago
        #expect(state("restore-test") == .overdue)
        p.backupEncrypted = false
        let backups = Readiness.evaluate(p, asOf: asOf).items.first { $0.id == "backups" }
        #expect(backups?.state == .missing && backups?.why.contains("encrypted") == true)
        p.contacts.removeAll { $0.role == .cbpSOC }
        #expect(state("contact-cbp-soc") == .missing)
        p.policies.removeAll { $0.id == "communication-plan" }
        #expect(state("policy-communication-plan") == .missing)
        #expect(!Readiness.evaluate(p, asOf: asOf).ready)
    }

    @Test func aBadProfileNamesEveryProblemAndExitsTwo() throws {
        let office = try OfficeFolder { o in
            o["filer"] = "el7"
            o["ports"] = ["41O3"]
            o["surprise"] = 1
            set(&o, ["isa", "signed"], "2025-02-30")
            var contacts = o["contacts"]?.arrayValue ?? []
            contacts.append(["role": "cbp-soc", "name": "No way to reach"])
            contacts.append(["role": "lawyer", "name": "X", "email": "not-an-address"])
            o["contacts"] = .array(contacts)
        }
        for args in [["readiness"], ["profile", "check"]] {
            let r = try office.run(args)
            r.expectStatus(2)
            for needle in ["filer \"el7\"", "ports[0] \"41O3\"", "surprise", "isa.signed \"2025-02-30\"", "contacts[10]: needs a phone or an email",
                           "contacts[11].role \"lawyer\"", "contacts[11].email \"not-an-address\""] {
                #expect(r.stderr.contains(needle), "\(needle) not in \(r.stderr)")
            }
            #expect(r.stdout.isEmpty)
        }
    }

    @Test func hostileProfilesAreRefusedWithoutACrash() throws {
        var rng = SplitMix64(seed: 19)
        let sample = Array(OfficeFolder.sampleText.utf8)
        var refused = 0
        for _ in 0..<400 {
            var bytes = sample
            for _ in 0..<rng.int(1...6) {
                switch rng.int(0..<3) {
                case 0: bytes[rng.int(0..<bytes.count)] = rng.byte()
                case 1:
                    let a = rng.int(0..<bytes.count)
                    bytes.removeSubrange(a..<min(bytes.count, a + rng.int(1...40)))
                default: bytes.insert(contentsOf: rng.bytes(rng.int(1...8)), at: rng.int(0..<bytes.count))
                }
                if bytes.isEmpty { bytes = [0x7B] }
            }
            do {
                guard let json = try? JSONReader.parse(bytes) else { refused += 1; continue }
                _ = try OfficeProfile(json: json)
            } catch let LedgerError.invalidInput(problems) {
                #expect(!problems.isEmpty && problems.allSatisfy { !$0.isEmpty })
                refused += 1
            }
        }
        #expect(refused > 300)
    }

    @Test func theProfileIsWrittenWholeAndReadsBackTheSame() throws {
        let office = try OfficeFolder()
        let p = try OfficeProfile.load(path: office.file(OfficeProfile.defaultPath))
        try p.write(to: office.file("copy.json"))
        #expect(try OfficeProfile.load(path: office.file("copy.json")) == p)
        #expect(try FileManager.default.contentsOfDirectory(atPath: office.path).filter { $0.hasPrefix(".") }.isEmpty)
    }
}
