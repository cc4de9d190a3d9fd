import Foundation
import Testing
import TestSupport

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// Each command that writes files is killed (SIGKILL, by the real binary itself) at steps of its
/// run drawn from a seed: every write, fsync, rename and commit is a numbered step
/// (`ENTRYLEDGER_KILL_AT_STEP`), and one uninterrupted run counts them
/// (`ENTRYLEDGER_COUNT_STEPS`), so the kills cover the whole run however loaded the machine
/// is. After each kill: nothing acknowledged is lost, nothing looks complete that is not, no
/// entry can be sent twice; then the same command run again finishes the work.
@Suite(.serialized) struct KilledAtEveryStep {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("samples/entries")
    static let passEnv = ["ENTRYLEDGER_ABI_PASSWORD": "SECRET", "ENTRYLEDGER_BACKUP_PASSPHRASE": "offsite pass"]
    /// Kill points per command (all of them when the run has fewer steps).
    static let points = Int(ProcessInfo.processInfo.environment["ENTRYLEDGER_KILL_POINTS"] ?? "") ?? 14

    /// A folder prepared once, copied for every run.
    final class Template {
        let w: Workspace
        init(_ prepare: (Workspace) throws -> Void) throws {
            w = try Workspace(notes: 3)
            try prepare(w)
            if AtomicFile.exists(w.ledgerPath) { try w.checkpoint() }
        }

        /// A fresh copy of the prepared folder.
        func copy() throws -> String {
            let dest = NSTemporaryDirectory() + "el-kill-" + UUID().uuidString
            try FileManager.default.copyItem(atPath: w.path, toPath: dest)
            return dest
        }
    }

    /// Counts the steps of one uninterrupted run in a copy, then returns the kill points: the
    /// first and last step and others drawn from `seed`.
    static func killPoints(_ t: Template, _ args: [String], seed: UInt64, every: Bool = false) throws -> [Int] {
        let dir = try t.copy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let countFile = dir + "/steps"
        let r = try CLI.run(args, in: dir, env: passEnv.merging(["ENTRYLEDGER_COUNT_STEPS": countFile]) { $1 })
        #expect(r.status == 0, "calibration run: \(r.stderr)")
        let total = Int((try? String(contentsOfFile: countFile, encoding: .utf8)) ?? "") ?? 0
        #expect(total >= 3, "the run reached \(total) steps")
        guard total > 0 else { return [] }
        if total <= points || every { return Array(1...total) }
        var rng = SplitMix64(seed: seed)
        return Array(Set([1, total] + (0..<(points - 2)).map { _ in rng.int(1...total) })).sorted()
    }

    /// Runs `args` killed at each point in a fresh copy, checks `afterKill`, runs it again to
    /// the end and checks `afterRerun`.
    static func killAndRerun(_ t: Template, _ args: [String], seed: UInt64, every: Bool = false, rerun: [String]? = nil,
                             afterKill: (String, Int) throws -> Void, afterRerun: (String, Int, CLI.Result) throws -> Void) throws {
        let points = try killPoints(t, args, seed: seed, every: every)
        for step in points {
            let dir = try t.copy()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let killed = try CLI.run(args, in: dir, env: passEnv.merging(["ENTRYLEDGER_KILL_AT_STEP": String(step)]) { $1 })
            #expect(!killed.exited, "seed \(seed) step \(step): the run was not killed (exit \(killed.status))")
            try afterKill(dir, step)
            let again = try CLI.run(rerun ?? args, in: dir, env: passEnv)
            try afterRerun(dir, step, again)
        }
    }

    static func verified(_ dir: String, trust: LedgerPublicKey) throws -> VerificationReport {
        let ledger = dir + "/entryledger.db"
        let v = Verifier(trusting: trust, evidenceFolder: Evidence.folder(forLedger: ledger), batchFolder: BatchArchive.folder(forLedger: ledger))
        return try v.verify(store: LedgerStore.open(path: ledger))
    }

    static func batches(_ dir: String) throws -> [BatchBody] {
        let store = try LedgerStore.open(path: dir + "/entryledger.db")
        return try store.seqs(ofKind: "replay.batch").map { try BatchBody(json: try RecordHeader(payload: try #require(try store.record(at: $0)).record.payload).body) }
    }

    /// A batch folder with its manifest holds every file its record names, byte for byte.
    static func expectCompleteOrAbsent(_ folder: String, _ recorded: [BatchBody], _ label: String, transmission: Bool = false) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !name.hasPrefix(".") {
            guard AtomicFile.exists(folder + "/" + name + "/manifest.json") else { continue }
            guard let body = recorded.first(where: { $0.batchID == name }) else {
                Issue.record("\(label): \(folder)/\(name) has a manifest but the ledger records no such batch")
                continue
            }
            #expect(BatchArchive.check([(0, body)], folder: folder, transmission: transmission).isEmpty, "\(label): \(folder)/\(name) looks complete but is not")
        }
    }

    @Test func replayKilledAtAnyStepNeverSendsAnEntryTwiceAndFinishesOnTheNextRun() throws {
        let t = try Template { w in
            let ledger = try Ledger.open(path: w.ledgerPath)
            let names = ["01-vessel-continuous-3461-7501.json", "01-air-single-bond-3461-7501.json", "11-informal-truck.json"]
            try ledger.addEntries(try names.map { try JSONReader.parse([UInt8](try Data(contentsOf: Self.samples.appendingPathComponent($0)))) }, signer: w.alice)
            try ledger.setContact(name: "DANA WHITFIELD", phone: "3125550142", signer: w.supervisor)
            try ledger.authorize(AuthorizationBody(reference: "CBP-RECON-42", date: "2026-11-30", contact: "J. Ortiz"), signer: w.supervisor)
        }
        let args = ["replay", "--out", "out", "--site", "EL01", "--date", "2026-11-30", "--key", "sup.key"]
        let sup = t.w.supervisor.publicKey
        // Every step: the order (stage, record, publish) is what keeps an entry from going twice.
        try Self.killAndRerun(t, args, seed: 0x5E1A_0001, every: true, afterKill: { dir, step throws in
            let recorded = try Self.batches(dir)
            #expect(recorded.count <= 1, "seed 0x5E1A0001 step \(step)")
            Self.expectCompleteOrAbsent(BatchArchive.folder(forLedger: dir + "/entryledger.db"), recorded, "step \(step) archive")
            Self.expectCompleteOrAbsent(dir + "/out", recorded, "step \(step) --out", transmission: true)
            // Files exist only for a recorded batch: a batch folder is never ahead of the ledger.
            if recorded.isEmpty {
                #expect(!AtomicFile.exists(dir + "/out/B0001") && !AtomicFile.exists(BatchArchive.folder(forLedger: dir + "/entryledger.db") + "/B0001"),
                        "step \(step): files written before the batch was recorded")
            }
        }, afterRerun: { dir, step, again throws in
            #expect(again.status == 0, "seed 0x5E1A0001 step \(step): rerun: \(again.stderr)")
            let recorded = try Self.batches(dir)
            #expect(recorded.map(\.batchID) == ["B0001"], "step \(step)")
            let sent = recorded.flatMap(\.transactions).map { "\($0.entryNumber) \($0.application.rawValue)" }
            #expect(sent.count == 5 && Set(sent).count == 5, "step \(step): \(sent)")
            #expect(BatchArchive.check(recorded.map { (0, $0) }, folder: dir + "/out", transmission: true).isEmpty, "step \(step): --out holds the whole batch")
            for folder in [dir + "/out", BatchArchive.folder(forLedger: dir + "/entryledger.db")] {
                let left = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix(".") }
                #expect(left.isEmpty, "step \(step): \(folder) keeps \(left)")
            }
            #expect(try Self.verified(dir, trust: sup).ok, "step \(step)")
        })
    }

    @Test func exportKilledAtAnyStepLeavesNoBundleOrOneThatVerifies() throws {
        let t = try Template { w in
            let ledger = try Ledger.open(path: w.ledgerPath)
            try ledger.openIncident(IncidentOpenBody(discoveredAt: "2026-11-27T06:10:00Z", summary: "Ransomware", systems: ["ABI"], exposedImporters: []), signer: w.supervisor)
            try Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: URL(fileURLWithPath: w.file("scan.bin")))
            try ledger.addEvidence(file: w.file("scan.bin"), description: "EDR scan", signer: w.supervisor)
            for i in 0..<40 { try ledger.note("note \(i)", signer: w.bob) }
        }
        try Data(KeyFile.publicKeyFileBytes(t.w.supervisor.publicKey)).write(to: URL(fileURLWithPath: t.w.file("sup.pub")))
        let args = ["export", "--out", "bundle"]
        try Self.killAndRerun(t, args, seed: 0x5E1A_0002, afterKill: { dir, step throws in
            guard AtomicFile.exists(dir + "/bundle") else { return }
            let v = try CLI.run(["verify", "--trust", "sup.pub", "--bundle", "bundle"], in: dir)
            #expect(v.status == 0, "seed 0x5E1A0002 step \(step): a bundle that exists must be whole: \(v.stdout)")
        }, afterRerun: { dir, step, again throws in
            if again.status != 0 { #expect(again.stderr.contains("not empty"), "step \(step): \(again.stderr)") }
            let v = try CLI.run(["verify", "--trust", "sup.pub", "--bundle", "bundle"], in: dir)
            #expect(v.status == 0, "step \(step): \(v.stdout)")
            let left = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(".bundle.tmp-") }
            #expect(left.isEmpty, "step \(step): \(left)")
        })
    }

    @Test func evidenceKilledAtAnyStepIsRecordedWholeOrNotAtAll() throws {
        let t = try Template { w in
            let ledger = try Ledger.open(path: w.ledgerPath)
            try ledger.openIncident(IncidentOpenBody(discoveredAt: "2026-11-27T06:10:00Z", summary: "Ransomware", systems: ["ABI"], exposedImporters: []), signer: w.supervisor)
            try Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) }).write(to: URL(fileURLWithPath: w.file("forensics.bin")))
        }
        let sup = t.w.supervisor.publicKey
        let args = ["incident", "evidence", "--file", "forensics.bin", "--description", "forensic image", "--key", "sup.key"]
        try Self.killAndRerun(t, args, seed: 0x5E1A_0003, afterKill: { dir, step throws in
            #expect(try Self.verified(dir, trust: sup).ok, "seed 0x5E1A0003 step \(step)")
            let folder = Evidence.folder(forLedger: dir + "/entryledger.db")
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !name.hasPrefix(".") {
                #expect(try Evidence.digest(of: folder + "/" + name).sha256 == String(name.prefix(64)), "step \(step): \(name) is not whole")
            }
        }, afterRerun: { dir, step, again throws in
            #expect(again.status == 0, "step \(step): \(again.stderr)")
            #expect(try Self.verified(dir, trust: sup).ok, "step \(step)")
            #expect(try LedgerStore.open(path: dir + "/entryledger.db").seqs(ofKind: "incident.evidence").count >= 1)
        })
    }

    @Test func backupKilledAtAnyStepLeavesNoBackupOrOneThatRestores() throws {
        let t = try Template { w in
            let ledger = try Ledger.open(path: w.ledgerPath)
            for i in 0..<30 { try ledger.note("note \(i)", signer: w.alice) }
        }
        let args = ["backup", "--out", "b.elbackup"]
        try Self.killAndRerun(t, args, seed: 0x5E1A_0004, afterKill: { dir, step throws in
            guard AtomicFile.exists(dir + "/b.elbackup") else { return }
            let r = try CLI.run(["restore", "--from", "b.elbackup", "--ledger", "check.db"], in: dir, env: Self.passEnv)
            #expect(r.status == 0, "seed 0x5E1A0004 step \(step): a backup that exists must restore: \(r.stderr)")
            try? FileManager.default.removeItem(atPath: dir + "/check.db")
        }, afterRerun: { dir, step, again throws in
            if again.status != 0 { #expect(again.stderr.contains("already exists"), "step \(step): \(again.stderr)") }
            let r = try CLI.run(["restore", "--from", "b.elbackup", "--ledger", "check.db"], in: dir, env: Self.passEnv)
            #expect(r.status == 0, "step \(step): \(r.stderr)")
            #expect(try LedgerStore.open(path: dir + "/check.db").count() == 36)
        })
    }

    @Test func restoreKilledAtAnyStepLeavesTheOldLedgerOrTheRestoredOneNeverAMix() throws {
        // The live ledger is a prefix of the backup: 6 records; the backup holds 26.
        let t = try Template { w in
            try w.checkpoint()
            try FileManager.default.copyItem(atPath: w.ledgerPath, toPath: w.file("early.db"))
            let ledger = try Ledger.open(path: w.ledgerPath)
            try ledger.openIncident(IncidentOpenBody(discoveredAt: "2026-11-27T06:10:00Z", summary: "Ransomware", systems: ["ABI"], exposedImporters: []), signer: w.supervisor)
            try Data("clean scan".utf8).write(to: URL(fileURLWithPath: w.file("scan.txt")))
            try ledger.addEvidence(file: w.file("scan.txt"), description: "scan", signer: w.supervisor)
            for i in 0..<18 { try ledger.note("later \(i)", signer: w.alice) }
            try Backup.create(ledger: ledger, to: w.file("b.elbackup"), passphrase: "offsite pass", scrypt: .init(logN: 10, r: 8, p: 1))
            try w.checkpoint()
            for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: w.ledgerPath + s) }
            try FileManager.default.removeItem(atPath: Evidence.folder(forLedger: w.ledgerPath))
            try FileManager.default.moveItem(atPath: w.file("early.db"), toPath: w.ledgerPath)
        }
        let sup = t.w.supervisor.publicKey
        let early = try LedgerStore.open(path: t.w.ledgerPath).count()
        #expect(early == 6)
        try Self.killAndRerun(t, ["restore", "--from", "b.elbackup"], seed: 0x5E1A_0005, afterKill: { dir, step throws in
            let n = try LedgerStore.open(path: dir + "/entryledger.db").count()
            #expect(n == early || n == 26, "seed 0x5E1A0005 step \(step): \(n) records")
            // Records that name evidence are only there with the evidence: it goes first.
            let report = try Self.verified(dir, trust: sup)
            #expect(report.ok, "step \(step): \(report.problems)")
        }, afterRerun: { dir, step, again throws in
            #expect(again.status == 0, "step \(step): \(again.stderr)")
            #expect(try LedgerStore.open(path: dir + "/entryledger.db").count() == 26)
            #expect(try Self.verified(dir, trust: sup).ok, "step \(step)")
        })
    }

    @Test func initKilledAtAnyStepLeavesNoLedgerOrOneThatOpensAndInitWorksAgain() throws {
        let t = try Template { w in
            try FileManager.default.removeItem(atPath: w.ledgerPath)
            for s in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: w.ledgerPath + s) }
        }
        let sup = t.w.supervisor.publicKey
        let args = ["init", "--filer", "EL7", "--port", "4103", "--broker", "Harbor Point", "--key", "sup.key"]
        try Self.killAndRerun(t, args, seed: 0x5E1A_0006, afterKill: { dir, step throws in
            guard AtomicFile.exists(dir + "/entryledger.db") else { return }
            let report = try Self.verified(dir, trust: sup)
            #expect(report.ok && report.records == 1, "seed 0x5E1A0006 step \(step): \(report.problems)")
        }, afterRerun: { dir, step, again throws in
            if again.status != 0 { #expect(again.stderr.contains("already exists"), "step \(step): \(again.stderr)") }
            let report = try Self.verified(dir, trust: sup)
            #expect(report.ok && report.records == 1, "step \(step)")
            let left = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") }
            #expect(left.isEmpty, "step \(step): \(left)")
        })
    }
}
