import LedgerFormat
import LedgerSQLite
import Crypto
import Foundation

/// Encrypted, verifiable backups of a live ledger and its evidence files, fit to carry off-site.
///
/// ```swift
/// try Backup.create(ledger: ledger, to: "/mnt/offsite/outage.elbackup", passphrase: pass)
/// let restored = try Backup.restore(from: "/mnt/offsite/outage.elbackup", to: "entryledger.db", passphrase: pass)
/// ```
public enum Backup {
    /// What a backup holds (and a restore restored).
    public struct Summary: Sendable {
        public let records: Int64
        public let headHash: String
        public let files: Int
        public let origin: String
        /// What a forced restore replaced: the live ledger's records the backup lacked, one line
        /// each (seq, kind, time, entry number).
        public var replaced: [String] = []
        /// Leftover `.entryledger-tmp-*` folders of an interrupted backup or restore, removed.
        public var cleaned: [String] = []
    }

    /// Takes a consistent snapshot with SQLite's online backup API (clerks may keep writing),
    /// adds the evidence files the snapshot's records name, and seals it all to `path`.
    @discardableResult
    public static func create(ledger: Ledger, to path: String, passphrase: String,
                              scrypt: KeyFile.ScryptParameters = .standard) throws -> Summary {
        guard !passphrase.isEmpty else { throw LedgerError.invalidInput(["a backup needs a non-empty passphrase"]) }
        guard !FileManager.default.fileExists(atPath: path) else { throw BackupError.exists(path) }
        // The snapshot is plaintext like the live ledger, so it stays beside the live ledger
        // (a private folder, removed on every exit, swept on the next run); beside the
        // destination there is only ciphertext.
        let cleaned = TemporaryFolder.sweep(near: ledger.store.path) + TemporaryFolder.sweep(near: path)
        let work = try TemporaryFolder(near: ledger.store.path)
        defer { work.remove() }
        let outWork = try TemporaryFolder(near: path)
        defer { outWork.remove() }

        let snapshotPath = work.path + "/ledger.db"
        try ledger.store.backup(to: snapshotPath)
        // A backup that would not restore is refused now, not discovered on the day it is needed:
        // the snapshot, its evidence, batch and response files are verified first, by verify's one path.
        let problems = try verifyRestored(snapshotPath, evidence: Evidence.folder(forLedger: ledger.store.path),
                                          batches: BatchArchive.folder(forLedger: ledger.store.path),
                                          responses: ResponseArchive.folder(forLedger: ledger.store.path), trusting: ledger.genesis.supervisor,
                                          records: nil, head: nil, origin: ledger.origin)
        guard problems.isEmpty else { throw BackupError.ledgerFailsVerification(problems) }
        let snapshot = try LedgerStore.open(path: snapshotPath)
        let count = try snapshot.count()
        let head = try snapshot.record(at: count - 1).map { Hex.encode($0.record.hash) } ?? ""
        var files: [(name: String, path: String)] = [("ledger.db", snapshotPath)]
        let evidenceFolder = Evidence.folder(forLedger: ledger.store.path)
        for seq in try snapshot.seqs(ofKind: RecordKind.incidentEvidence.rawValue) {
            guard let r = try snapshot.record(at: seq), let h = try? RecordHeader(payload: r.record.payload),
                let body = try? EvidenceBody(json: h.body) else { continue }
            let source = evidenceFolder + "/" + body.storedName
            guard FileManager.default.fileExists(atPath: source) else {
                throw LedgerError.invalidInput(["evidence file \(body.name) (seq \(seq)) is missing from \(evidenceFolder); run verify"])
            }
            if !files.contains(where: { $0.name == "evidence/" + body.storedName }) { files.append(("evidence/" + body.storedName, source)) }
        }
        // The replay batches as archived (the ABI password and personal data masked).
        let batchFolder = BatchArchive.folder(forLedger: ledger.store.path)
        for seq in try snapshot.seqs(ofKind: RecordKind.replayBatch.rawValue) {
            guard let r = try snapshot.record(at: seq), let h = try? RecordHeader(payload: r.record.payload),
                let body = try? BatchBody(json: h.body) else { continue }
            for name in body.files.map(\.name) + ["manifest.json"] {
                let source = "\(batchFolder)/\(body.batchID)/\(name)"
                guard FileManager.default.fileExists(atPath: source) else {
                    throw LedgerError.invalidInput(["batch \(body.batchID) file \(name) (seq \(seq)) is missing from \(batchFolder); run verify"])
                }
                files.append(("batches/\(body.batchID)/\(name)", source))
            }
        }
        // The ACE response files, exactly as ack read them.
        let responseFolder = ResponseArchive.folder(forLedger: ledger.store.path)
        for seq in try snapshot.seqs(ofKind: RecordKind.aceResponse.rawValue) {
            guard let r = try snapshot.record(at: seq), let h = try? RecordHeader(payload: r.record.payload),
                let body = try? ResponseBody(json: h.body), !body.fileName.contains("/"), !body.fileName.hasPrefix(".") else { continue }
            let source = responseFolder + "/" + ResponseArchive.storedName(body)
            guard FileManager.default.fileExists(atPath: source) else {
                throw LedgerError.invalidInput(["ACE response file \(body.fileName) (seq \(seq)) is missing from \(responseFolder); run verify"])
            }
            let name = "responses/" + ResponseArchive.storedName(body)
            if !files.contains(where: { $0.name == name }) { files.append((name, source)) }
        }

        // The container, u64be(manifest length) || manifest || each file's bytes, is
        // encrypted as it is produced: only ciphertext goes beside the destination.
        var entries: [JSONValue] = []
        for f in files {
            let d = try Evidence.digest(of: f.path)
            entries.append(["path": .string(f.name), "size": .int(d.size), "sha256": .string(d.sha256)])
        }
        let manifest = try CanonicalJSON.encode([
            "created": .string(Timestamp.now()), "origin": .string(ledger.origin), "records": .int(count),
            "head_hash": .string(head), "files": .array(entries),
        ])
        let sealedPath = outWork.path + "/sealed"
        _ = FileManager.default.createFile(atPath: sealedPath, contents: nil, attributes: [.posixPermissions: 0o600])
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: sealedPath))
        try SealedStream.seal(to: out, passphrase: passphrase, params: scrypt) { write in
            var lengthPrefix: [UInt8] = []
            withUnsafeBytes(of: UInt64(manifest.count).bigEndian) { lengthPrefix.append(contentsOf: $0) }
            try write(lengthPrefix + manifest)
            for f in files {
                guard let input = FileHandle(forReadingAtPath: f.path) else { throw LedgerError.invalidInput(["cannot read \(f.path)"]) }
                defer { try? input.close() }
                while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
                    try write([UInt8](chunk))
                    CrashPoint.step("backup plaintext chunk")
                }
            }
        }
        try out.synchronize()
        try out.close()
        CrashPoint.step("backup sealed")
        try AtomicFile.publishFile(sealedPath, as: path)
        var summary = Summary(records: count, headHash: head, files: files.count, origin: ledger.origin)
        summary.cleaned = cleaned
        return summary
    }

    /// Opens a backup, checks every byte of it, verifies the ledger inside completely (with the
    /// trusted supervisor key, or else the key its own genesis names), and only then puts the
    /// ledger and its evidence folder at `ledgerPath`. Refuses to overwrite unless `force`.
    @discardableResult
    public static func restore(from archive: String, to ledgerPath: String, passphrase: String,
                               trusting trusted: LedgerPublicKey? = nil, force: Bool = false) throws -> Summary {
        let evidenceDest = Evidence.folder(forLedger: ledgerPath)
        let batchesDest = BatchArchive.folder(forLedger: ledgerPath)
        let responsesDest = ResponseArchive.folder(forLedger: ledgerPath)
        let live: LedgerStore?
        if AtomicFile.exists(ledgerPath) {
            do { live = try LedgerStore.open(path: ledgerPath) } catch {
                guard force else { throw BackupError.exists(ledgerPath + " (and it does not open as a ledger: \(error))") }
                live = nil
            }
        } else {
            live = nil
        }
        let cleaned = TemporaryFolder.sweep(near: ledgerPath)
        let work = try TemporaryFolder(near: ledgerPath)
        defer { work.remove() }
        // Decrypted chunk by chunk straight into the files it holds (the ledger-to-be and its
        // evidence and batches): no decrypted container on disk.
        let unpacked = work.path + "/unpacked"
        try FileManager.default.createDirectory(atPath: unpacked, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let unpacker = ContainerUnpacker(into: unpacked)
        try SealedStream.open(archive: archive, passphrase: passphrase, into: unpacker.consume)
        let manifest = try unpacker.finish()
        guard let files = manifest["files"]?.arrayValue, let records = manifest["records"]?.intValue,
            let head = manifest["head_hash"]?.stringValue, let origin = manifest["origin"]?.stringValue
        else { throw BackupError.tampered("manifest fields") }

        // Verify the restored ledger completely before it goes anywhere.
        let restoredLedger = unpacked + "/ledger.db"
        let problems = try verifyRestored(restoredLedger, evidence: unpacked + "/evidence", batches: unpacked + "/batches", responses: unpacked + "/responses", trusting: trusted,
                                          records: records, head: head, origin: origin)
        guard problems.isEmpty else { throw BackupError.restoredLedgerFailsVerification(problems) }

        // Put it in place. Over a live ledger: through SQLite, under its write lock (a clerk
        // appending meanwhile waits, then appends after the restored records), and only if the
        // live ledger holds nothing the backup lacks, unless forced.
        // The evidence and batch files go first, merged into what is there (nothing there is
        // deleted, so that batches sent from a lost history stay visible to replay): a ledger
        // in place always has the files its records name.
        var replaced: [String] = []
        if let live {
            try live.replaceContents(with: restoredLedger) {
                replaced = try recordsLacking(live: ledgerPath, backup: restoredLedger)
                if !replaced.isEmpty && !force { throw BackupError.wouldLoseRecords(ledgerPath, replaced) }
                try merge(unpacked + "/evidence", into: evidenceDest)
                try merge(unpacked + "/batches", into: batchesDest)
                try merge(unpacked + "/responses", into: responsesDest)
            }
        } else {
            try merge(unpacked + "/evidence", into: evidenceDest)
            try merge(unpacked + "/batches", into: batchesDest)
            try merge(unpacked + "/responses", into: responsesDest)
            if force { for p in [ledgerPath, ledgerPath + "-wal", ledgerPath + "-shm"] where AtomicFile.exists(p) { try FileManager.default.removeItem(atPath: p) } }
            try AtomicFile.publishFile(restoredLedger, as: ledgerPath)
        }
        var summary = Summary(records: records, headHash: head, files: files.count, origin: origin)
        summary.replaced = replaced
        summary.cleaned = cleaned
        return summary
    }
}

extension Backup {
    /// The live ledger's records that the backup lacks: from the first seq where the two
    /// differ (hashes chain, so a binary search finds it) to the live ledger's end.
    static func recordsLacking(live livePath: String, backup backupPath: String) throws -> [String] {
        let live = try LedgerStore.open(path: livePath), backup = try LedgerStore.open(path: backupPath)
        let l = try live.count(), b = try backup.count()
        var lo: Int64 = 0, hi = min(l, b)  // first difference in [lo, hi]
        while lo < hi {
            let mid = (lo + hi) / 2
            if try live.record(at: mid)?.record.hash == backup.record(at: mid)?.record.hash { lo = mid + 1 } else { hi = mid }
        }
        guard lo < l else { return [] }
        var lines: [String] = []
        try live.forEachChunk(from: lo, to: min(l, lo + 50)) { chunk in
            for r in chunk {
                let h = try? RecordHeader(payload: r.record.payload, checkCanonical: false)
                let number = h?.body["entry"]?["entry_number"]?.stringValue ?? h?.body["entry_number"]?.stringValue
                lines.append("seq \(r.seq) \(r.kind) \(r.time)\(number.map { " entry \($0)" } ?? "")")
            }
            return true
        }
        if l - lo > 50 { lines.append("... and \(l - lo - 50) more, to seq \(l - 1)") }
        return lines
    }

    /// Moves each file of `source` (and of its sub-folders) into `dest` where `dest` lacks it.
    /// A batch folder that differs from the restored one is kept beside it, renamed.
    static func merge(_ source: String, into dest: String) throws {
        let fm = FileManager.default
        try AtomicFile.makeFolder(dest)
        for name in try fm.contentsOfDirectory(atPath: source) {
            let from = source + "/" + name, to = dest + "/" + name
            var isDir: ObjCBool = false
            _ = fm.fileExists(atPath: from, isDirectory: &isDir)
            if !AtomicFile.exists(to) {
                try AtomicFile.publishFile(from, as: to)
            } else if isDir.boolValue {
                let same = (try? fm.contentsOfDirectory(atPath: from))?.allSatisfy { n in
                    (try? Evidence.digest(of: from + "/" + n).sha256) == (try? Evidence.digest(of: to + "/" + n).sha256)
                } ?? false
                if !same {
                    try AtomicFile.publishFile(to, as: to + ".replaced-" + Hex.encode(KeyFile.randomBytes(4)))
                    try AtomicFile.publishFile(from, as: to)
                }
            } else if (try? Evidence.digest(of: to).sha256) != (try? Evidence.digest(of: from).sha256) {
                try AtomicFile.publishFile(from, as: to, replace: true)  // evidence is named by its hash: the restored copy is the right one
            }
        }
    }

    /// Every problem of a restored ledger; its connection is closed when this returns.
    /// `evidence/NAME`, `responses/NAME` or `batches/ID/NAME`: plain names, nothing that could climb out.
    static func isSafeMember(_ name: String) -> Bool {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        let plain = parts.dropFirst().allSatisfy { !$0.isEmpty && !$0.hasPrefix(".") }
        return plain && (((parts.first == "evidence" || parts.first == "responses") && parts.count == 2) || (parts.first == "batches" && parts.count == 3))
    }

    static func verifyRestored(_ path: String, evidence: String, batches: String, responses: String, trusting trusted: LedgerPublicKey?,
                               records: Int64?, head: String?, origin: String) throws -> [String] {
        let store = try LedgerStore.open(path: path)
        guard let first = try store.record(at: 0), let h = try? RecordHeader(payload: first.record.payload),
            let genesis = try? GenesisBody(json: h.body)
        else { return ["no readable genesis record"] }
        // The one verification path `verify` takes: records, index columns and tables, files.
        let report = try LedgerAudit.run(source: .store(store), trusting: trusted ?? genesis.supervisor, checkpoints: [],
                                         evidenceFolder: evidence, batchFolder: batches, responseFolder: responses).report
        var problems = report.problems.map(\.description)
        if let records, report.records != records { problems.append("the manifest says \(records) records, the ledger holds \(report.records)") }
        if let head, report.headHash.map(Hex.encode) != head { problems.append("the ledger's head hash differs from the manifest's") }
        if report.origin != origin { problems.append("the ledger's origin differs from the manifest's") }
        return problems
    }
}

/// A private folder (mode 0700) beside a destination (same file system, so the final move is a
/// rename), named `.entryledger-tmp-PID-RANDOM`. It is removed when the operation ends, on
/// SIGINT, SIGTERM and SIGHUP too; after a SIGKILL or a power cut, ``sweep(near:)`` on the next
/// backup or restore removes it (when its process is gone).
struct TemporaryFolder {
    static let prefix = ".entryledger-tmp-"
    let path: String

    init(near destination: String) throws {
        let parent = URL(fileURLWithPath: destination).deletingLastPathComponent().path
        path = parent + "/" + Self.prefix + "\(getpid())-" + Hex.encode(KeyFile.randomBytes(8))
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        chmod(path, 0o700)
        SignalCleanup.register(path)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
        SignalCleanup.unregister(path)
    }

    /// Removes the leftover temporary folders beside `destination` whose process is gone (an
    /// interrupted backup or restore), and says which.
    static func sweep(near destination: String) -> [String] {
        let parent = URL(fileURLWithPath: destination).deletingLastPathComponent().path
        var removed: [String] = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            if let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]) {
                if pid == getpid() ? SignalCleanup.isActive(parent + "/" + name) : kill(pid, 0) == 0 { continue }  // still in use
            }
            if (try? FileManager.default.removeItem(atPath: parent + "/" + name)) != nil { removed.append(parent + "/" + name) }
        }
        return removed
    }
}

/// Removes the registered temporary folders when the process is interrupted by a signal it can
/// catch, then exits with 128 + the signal's number.
enum SignalCleanup {
    nonisolated(unsafe) static var paths: [String] = []
    nonisolated(unsafe) static var installed = false
    static let lock = NSLock()

    static func register(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        paths.append(path)
        guard !installed else { return }
        installed = true
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { sig in
                for p in SignalCleanup.paths { try? FileManager.default.removeItem(atPath: p) }
                _exit(128 + sig)
            }
        }
    }

    static func isActive(_ path: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return paths.contains(path)
    }

    static func unregister(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        paths.removeAll { $0 == path }
    }
}
