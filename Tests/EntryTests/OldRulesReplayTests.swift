import Foundation
import Testing

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// An entry written under an older customs rules version that the current rules refuse is
/// still an honest entry: replay sends it, and both verifiers re-render its batch file from it
/// byte for byte (schemas/ledger-format.md 5.10.1 step 6): the current rules' findings are
/// notices, never "cannot re-render".
@Suite("Batches of entries written under older rules re-render")
struct OldRulesReplayTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func audit(_ f: EntryLedgerFixture) throws -> VerificationReport {
        let path = f.ledger.store.path
        return try LedgerAudit.run(source: .store(f.ledger.store), trusting: f.supervisor.publicKey, checkpoints: [], evidenceFolder: nil,
                                   batchFolder: BatchArchive.folder(forLedger: path), responseFolder: ResponseArchive.folder(forLedger: path)).report
    }

    /// `scripts/verify-bundle.py` on `bundle`: its exit status and output.
    func pythonVerify(_ bundle: String, trusting key: LedgerPublicKey, in dir: String) throws -> (Int32, String) {
        let trust = dir + "/supervisor.key.pub"
        try Data("{\"public_key\":\"\(key.base64)\"}\n".utf8).write(to: URL(fileURLWithPath: trust))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", Self.root.appendingPathComponent("scripts/verify-bundle.py").path, "--trust", trust, bundle]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
    }

    @Test func aVersionOneEntryTheCurrentRulesRefuseReplaysAndVerifiesInBothVerifiers() throws {
        let old = versionOneEntry()
        #expect(!EntryValidator.problems(in: old, ledgerFilerCode: ledgerFiler).isEmpty)  // the current rules refuse it
        #expect(throws: EntryValidationError.self) { try CustomsEntry(json: old) }
        let f = try EntryLedgerFixture()
        let seq = try f.forgeEntryAdd(["entry": old, "rules_version": 1])   // as the previous version wrote it
        _ = try f.ledger.setContact(name: "DANA WHITFIELD", phone: "3125550142", signer: f.supervisor)
        _ = try f.ledger.authorize(AuthorizationBody(reference: "CBP-RECON-42", date: "2026-11-30", contact: "J. Ortiz"), signer: f.supervisor)
        let settings = ABIBatchSettings(siteCode: "EL01", senderID: "EL7", password: "SECRET", officeCode: "01", date: "2026-11-30")
        let r = try f.ledger.replay(outDir: f.dir + "/out", settings: settings, signer: f.supervisor, dryRun: false)
        #expect(r.plan.items.map(\.versionSeq) == [seq, seq], "the old entry goes out, SE and AE")
        #expect(r.batches.count == 1)

        let report = try audit(f)
        #expect(report.ok, "\(report.problems)")
        #expect(report.notices.contains { $0.seq == seq && $0.message.contains("rules version 1") })
        #expect(!report.problems.contains { $0.message.contains("re-render") || $0.message.contains("renders") })

        // The same ledger exported, through the verifier written from the spec alone.
        let bundle = f.dir + "/bundle"
        _ = try BundleExport.export(ledger: f.ledger, to: bundle)
        let (status, output) = try pythonVerify(bundle, trusting: f.supervisor.publicKey, in: f.dir)
        #expect(status == 0, "\(output)")
        #expect(output.contains("0 failed"), "\(output)")

        // And a byte of its archived SE file changed (hash and record left alone) is still caught:
        // the re-render ran on this entry, it did not skip it.
        let folder = BatchArchive.folder(forLedger: f.ledger.store.path) + "/B0001"
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasSuffix("-SE.abi") })
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
        let k = try #require(bytes.indices.first { $0 > 200 && bytes[$0] == UInt8(ascii: "1") })
        bytes[k] = UInt8(ascii: "2")
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
        #expect(try audit(f).problems.contains { $0.message.contains("is not what the ledger renders") })
    }
}
