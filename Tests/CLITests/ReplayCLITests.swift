import Foundation
import Testing

@testable import EntryLedger
@testable import LedgerFormat
import TestSupport

/// Replay, ack and export through the real binary: record then write, answers once, outputs
/// never inside the ledger's own folders.
@Suite struct ReplayThroughTheCLI {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let abi = ["ENTRYLEDGER_ABI_PASSWORD": "SECRET"]

    @Test func theSameResponseFileTwiceSaysAlreadyRecordedAndWritesNothing() throws {
        let w = try CLIWorkspace()
        let sample = Self.root.appendingPathComponent("samples/entries/01-vessel-continuous-3461-7501.json").path
        try CLI.run(["entry", "add", "--file", sample, "--key", "alice.key"], in: w.path).expectSuccess()
        try CLI.run(["settings", "contact", "--name", "DANA WHITFIELD", "--phone", "3125550142", "--key", "sup.key"], in: w.path).expectSuccess()
        try CLI.run(["authorize", "--reference", "CBP-RECON-42", "--key", "sup.key"], in: w.path).expectSuccess()
        let dry = try CLI.run(["replay", "--dry-run", "--out", "x"], in: w.path, env: Self.abi)
        #expect(dry.status == 2 && dry.stderr.contains("--dry-run writes nothing"), "\(dry.stderr)")
        let replay = try CLI.run(["replay", "--out", "out", "--site", "EL01", "--date", "2026-12-01", "--key", "sup.key"], in: w.path, env: Self.abi)
        replay.expectSuccess()
        #expect(replay.stdout.contains("before writing them"))
        // The same --out again: it holds only this ledger's batch; nothing new to send.
        let again = try CLI.run(["replay", "--out", "out", "--site", "EL01", "--key", "sup.key"], in: w.path, env: Self.abi)
        again.expectSuccess()
        #expect(again.stdout.contains("Nothing new to send"), "\(again.stdout)")

        // A batch folder the ledger does not record (as a restore of an older backup leaves):
        // refused, with the command that records it.
        try FileManager.default.createDirectory(atPath: w.file("entryledger-batches/B0002"), withIntermediateDirectories: true)
        try Data("{}\n".utf8).write(to: URL(fileURLWithPath: w.file("entryledger-batches/B0002/manifest.json")))
        let refused = try CLI.run(["replay", "--out", "out2", "--site", "EL01", "--key", "sup.key"], in: w.path, env: Self.abi)
        #expect(refused.status == 2 && refused.stderr.contains("B0002") && refused.stderr.contains("replay --record-sent"), "\(refused.stderr)")
        try FileManager.default.removeItem(atPath: w.file("entryledger-batches/B0002"))

        let response = w.file("sx.txt")
        let vessel = try EntryNumber(parsing: "EL7-1000001-8")
        try ACEResponseWriter.file(application: "SX", senderID: "EL7", date: "2026-12-01", batchUserData: "B0001",
                                   blocks: [(port: "2704", filer: "EL7", userData: "B0001",
                                             records: try ACEResponseWriter.sx(vessel, entryType: "01", messageType: "02", narrative: "MESSAGE ACCEPTED"))])
            .write(toFile: response, atomically: true, encoding: .utf8)
        let first = try CLI.run(["ack", "--file", response, "--key", "sup.key"], in: w.path)
        first.expectSuccess()
        #expect(first.stdout.contains("Recorded ACE's response"))
        let before = try w.ledgerDigest()
        let second = try CLI.run(["ack", "--file", response, "--key", "sup.key"], in: w.path)
        #expect(second.status == 0)
        #expect(second.stdout.contains("Already recorded") && second.stdout.contains("nothing was written"), "\(second.stdout)")
        #expect(try w.ledgerDigest() == before)
    }

    @Test func exportAndReplayRefuseAnOutInsideTheLedgersOwnFolders() throws {
        let w = try CLIWorkspace()
        try FileManager.default.createDirectory(atPath: w.file("entryledger-batches"), withIntermediateDirectories: true)
        let r = try CLI.run(["export", "--out", "entryledger-batches/bundle"], in: w.path)
        #expect(r.status == 2 && r.stderr.contains("inside the ledger's own folder"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: w.file("entryledger-batches/bundle")))
        let r2 = try CLI.run(["export", "--out", "./entryledger-evidence/../entryledger-batches"], in: w.path)
        #expect(r2.status == 2, "\(r2.stderr)")
        try CLI.run(["export", "--out", "bundle"], in: w.path).expectSuccess()
        let twice = try CLI.run(["export", "--out", "bundle"], in: w.path)
        #expect(twice.status == 2 && twice.stderr.contains("not empty"))
    }
}
