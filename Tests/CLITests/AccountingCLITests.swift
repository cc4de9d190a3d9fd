import Foundation
import Testing
import TestSupport

@testable import EntryLedger

/// The accounting through the real binary: the demo's report cross-checked against
/// `entry list --json`, `status` on thousands of entries, and the commands' JSON and errors.
@Suite(.serialized) struct AccountingThroughTheCLI {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("samples/entries")

    static func parse(_ r: CLI.Result) throws -> JSONValue { try JSONReader.parse(Array(r.stdout.utf8)) }

    @Test func theDemosReportAgreesWithEntryListAndShowsRejectionAuthorisationAndStates() throws {
        let dir = NSTemporaryDirectory() + "el-acc-demo-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try CLI.run(["demo", "--dir", dir], in: NSTemporaryDirectory()).expectSuccess()
        let ledger = ["--ledger", dir + "/entryledger.db"]
        let report = try Self.parse(try CLI.run(ledger + ["report", "--format", "json", "--time-zone", "America/New_York"], in: dir))
        let list = try #require(try Self.parse(try CLI.run(ledger + ["entry", "list", "--json"], in: dir)).arrayValue)
        let entries = try #require(report["entries"]?.arrayValue)
        #expect(entries.count == list.count && list.count >= 5)

        // Every entry's money and state is what entry list says; the totals are the sums over
        // the entries not voided, as entry list gives them.
        var sums: [String: Int64] = [:]
        for l in list {
            let n = try #require(l["entry_number"]?.stringValue)
            let r = try #require(entries.first { $0["entry_number"]?.stringValue == n })
            #expect(r["money"] == l["money"] && r["state"] == l["state"] && r["status"] == l["status"], "\(n)")
            guard l["counts_in_totals"] == true else { continue }
            for k in ["value_cents", "duty_cents", "fees_cents", "taxes_cents", "ad_cents", "cv_cents", "total_cents"] { sums[k, default: 0] += l["money"]?[k]?.intValue ?? 0 }
        }
        for (k, v) in sums { #expect(report["totals"]?[k]?.intValue == v, "\(k)") }
        #expect((sums["duty_cents"] ?? 0) > 0)

        // The rejected entry keeps its rejection and its fix.
        let rejected = try #require(entries.first { ($0["rejections"]?.intValue ?? 0) > 0 })
        let kinds = rejected["events"]?.arrayValue?.compactMap { $0["kind"]?.stringValue } ?? []
        #expect(kinds.contains("ace-rejected") && kinds.contains("amended"))
        #expect(kinds.lastIndex(of: "ace-answer")! > kinds.firstIndex(of: "amended")!)
        #expect(rejected["state"] == "in-ace")
        #expect(report["counts"]?["ever_rejected_by_ace"] == 1)

        // CBP's authorisation, bound to the cosigned checkpoint.
        let auth = try #require(report["authorizations"]?.arrayValue?.first)
        #expect(auth["reference"] == "CBP-RECON-2026-0042" && auth["contact"]?.stringValue?.isEmpty == false)
        let covered = try #require(auth["checkpoint"]?["size"]?.intValue)

        // No entry in a state it is not in: one logged after the checkpoint is not covered and never "awaiting".
        for e in entries {
            let logged = try #require(e["logged_seq"]?.intValue)
            if logged >= covered && e["voided"] == .null { #expect(e["state"] == "not-covered", "\(e["entry_number"]!)") }
            if e["state"] == "awaiting-ace" { Issue.record("\(e["entry_number"]!) shown awaiting ACE after every answer was read") }
        }
        #expect(entries.contains { $0["state"] == "not-covered" })
        // Hashes are whole.
        for ev in report["evidence"]?.arrayValue ?? [] { #expect(ev["sha256"]?.stringValue?.count == 64) }
        #expect(report["time_zone"] == "America/New_York")

        // The HTML and CSV say the same.
        let html = try CLI.run(ledger + ["report", "--time-zone", "America/New_York"], in: dir).stdout
        #expect(html.contains("CBP-RECON-2026-0042") && html.contains("ACE REJECTED") && (html.contains(" EST (") || html.contains(" EDT (")))
        let csv = try CLI.run(ledger + ["report", "--format", "csv"], in: dir).stdout
        #expect(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1 + list.count)
    }

    @Test func statusOnThreeThousandEntriesFitsOneScreenAndAllListsEveryEntry() throws {
        let w = try CLIWorkspace()
        try CLI.run(["incident", "open", "--discovered-at", "2026-11-27T06:10:00Z", "--summary", "Ransomware on the filing server",
                     "--system", "ABI filing server", "--key", "sup.key"], in: w.path).expectSuccess()
        let sample = try String(contentsOf: Self.samples.appendingPathComponent("01-vessel-continuous-3461-7501.json"), encoding: .utf8)
            .replacingOccurrences(of: "\n", with: " ")
        var lines: [String] = []
        for i in 0..<3000 {
            lines.append(sample.replacingOccurrences(of: "EL7-1000001-8", with: try EntryNumber(filerCode: "EL7", serial: 3_000_000 + i).formatted))
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: w.file("many.jsonl"), atomically: true, encoding: .utf8)
        let imported = try CLI.run(["entry", "import", "--file", "many.jsonl", "--key", "alice.key", "--json"], in: w.path)
        imported.expectSuccess()
        #expect(try Self.parse(imported)["imported"] == 3000)

        let status = try CLI.run(["status", "--at", "2026-12-15T12:00:00Z", "--time-zone", "UTC"], in: w.path)
        status.expectSuccess()
        let shown = status.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(shown.count <= 40, "\(shown.count) lines:\n\(status.stdout)")
        #expect(shown.allSatisfy { $0.count <= 160 })
        #expect(status.stdout.contains("to send to ACE                     3000"))
        // Proven before shown: the first line is the verdict of the same check the commands that act make.
        #expect(status.stdout.hasPrefix("Verified: "), "\(status.stdout.prefix(200))")
        #expect(status.stdout.contains("What happened: Ransomware on the filing server\n  Systems affected: ABI filing server"))
        #expect(!status.stdout.contains("Sources/") && !status.stdout.contains("configurable"))
        let all = try CLI.run(["status", "--all", "--at", "2026-12-15T12:00:00Z"], in: w.path)
        #expect(all.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("  EL7-") }.count == 3000)
        let json = try Self.parse(try CLI.run(["status", "--json", "--at", "2026-12-15T12:00:00Z"], in: w.path))
        #expect(json["counts"]?["by_state"]?["to-send"] == 3000)
        // Deadlines come sorted by due time.
        let dues = (json["deadlines"]?.arrayValue ?? []).compactMap { $0["due"]?["utc"]?.stringValue }
        #expect(dues == dues.sorted() && dues.count > 3000)
    }

    @Test func filtersIgnoreCaseAndAnUnknownClerkIsBadInput() throws {
        let w = try CLIWorkspace()
        try CLI.run(["entry", "add", "--file", Self.samples.appendingPathComponent("11-informal-truck.json").path, "--key", "alice.key"], in: w.path).expectSuccess()
        let found = try CLI.run(["entry", "list", "--clerk", "  alice ", "--status", "LOGGED", "--json"], in: w.path)
        found.expectSuccess()
        #expect(try Self.parse(found).arrayValue?.count == 1)
        let unknown = try CLI.run(["entry", "list", "--clerk", "Carol Diaz"], in: w.path)
        #expect(unknown.status == 2 && unknown.stderr.contains("--clerk Carol Diaz") && unknown.stderr.contains("Alice"))
        // A social security number importer shows only its last four digits, in every view.
        let ssn = try CLI.run(["entry", "add", "--file", Self.samples.appendingPathComponent("01-air-ssn-importer-single-bond.json").path, "--key", "bob.key"], in: w.path)
        ssn.expectSuccess()
        let table = try CLI.run(["entry", "list"], in: w.path).stdout
        for column in ["IMPORTER", "VALUE", "DUTY", "STATE"] { #expect(table.contains(column)) }
        #expect(table.contains("34 ***-**-****") && !table.contains("512-08-3377"))
        let listed = try CLI.run(["entry", "list", "--json", "--clerk", "BOB"], in: w.path)
        #expect(listed.stdout.contains("***-**-****") && !listed.stdout.contains("512-08-3377"))
        let show = try CLI.run(["entry", "show", "--number", ssn.stdout.trimmingCharacters(in: .whitespacesAndNewlines)], in: w.path).stdout
        #expect(show.contains("importer 34 ***-**-****") && !show.contains("512-08-3377"))
        for format in ["html", "csv", "json"] {
            let r = try CLI.run(["report", "--format", format], in: w.path).stdout
            #expect(r.contains("***-**-****") && !r.contains("512-08-3377"), "\(format)")
        }
        #expect(try CLI.run(["status", "--time-zone", "Mars/Base"], in: w.path).status == 2)
    }

    @Test func versionJsonOutputsAndKeyAdvice() throws {
        let w = try CLIWorkspace()
        let version = try CLI.run(["--version"], in: w.path)
        #expect(version.status == 0 && version.stdout.contains("ledger format \(RecordFormat.version)") && version.stdout.contains("rules version \(CustomsRules.version)"))
        let pub = try CLI.run(["incident", "log", "--text", "x", "--key", "alice.key.pub"], in: w.path)
        #expect(pub.status == 2 && pub.stderr.contains("is a public key") && !pub.stderr.contains("chmod"))
        let folder = try CLI.run(["incident", "log", "--text", "x", "--key", NSTemporaryDirectory()], in: w.path)
        #expect(folder.status == 2 && folder.stderr.contains("is a folder") && !folder.stderr.contains("chmod"))

        let cp = try Self.parse(try CLI.run(["checkpoint", "--key", "sup.key", "--out", "cp.txt", "--json"], in: w.path))
        let vkey = try #require(cp["vkey"]?.stringValue)
        let verified = try CLI.run(["verify", "--trust", vkey, "--checkpoint", "cp.txt"], in: w.path)
        #expect(verified.status == 0, "\(verified.stderr)")
        let proof = try Self.parse(try CLI.run(["prove", "inclusion", "--seq", "1", "--checkpoint", "cp.txt", "--out", "p.proof", "--json"], in: w.path))
        #expect(proof["proof"] == "inclusion" && proof["seq"] == 1)
        try CLI.run(["key", "new", "--name", "CBP Reviewer", "--out", "rev.key"], in: w.path).expectSuccess()
        let cosign = try Self.parse(try CLI.run(["cosign", "--checkpoint", "cp.txt", "--trust", "sup.key.pub", "--key", "rev.key", "--out", "cs.txt", "--json"], in: w.path))
        #expect(cosign["cosigned"] == true)
        let reviewerKey = try #require(cosign["vkey"]?.stringValue)
        let wrongTrust = try CLI.run(["verify", "--trust", reviewerKey], in: w.path)
        #expect(wrongTrust.status == 2 && wrongTrust.stderr.contains("cosigner"))
    }

    @Test func aPDFWithoutChromiumIsBadInputAndWritesNothing() throws {
        let w = try CLIWorkspace()
        let r = try CLI.run(["report", "--format", "pdf", "--out", "a.pdf"], in: w.path, env: ["ENTRYLEDGER_CHROMIUM": "/nonexistent/chromium"])
        #expect(r.status == 2 && r.stderr.contains("Chromium"))
        #expect(!FileManager.default.fileExists(atPath: w.file("a.pdf")))
        #expect(try CLI.run(["report", "--format", "pdf"], in: w.path).status == 2)
        #expect(try CLI.run(["report", "--format", "xml"], in: w.path).status == 2)
        try CLI.run(["report", "--format", "json", "--out", "r.json"], in: w.path).expectSuccess()
        #expect(try JSONReader.parse(Array(try Data(contentsOf: URL(fileURLWithPath: w.file("r.json"))))) ["report_version"] == 1)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: w.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }
}
