import LedgerFormat
import LedgerSQLite
import Foundation

/// The reviewer's bundle: a folder that holds everything needed to verify the ledger offline.
///
/// ```
/// DIR/ledger.jsonl              one canonical JSON line per record: {"payload":TEXT,"seq":N,"signature":BASE64}
/// DIR/checkpoints/checkpoint-N.txt   each checkpoint note recorded in the ledger (N = its size)
/// DIR/keys/supervisor.pub       the supervisor's public key file (from the genesis)
/// DIR/keys/KEY_ID.pub           every enrolled key's public key file, with its proof of possession
/// DIR/evidence/SHA256-NAME      the evidence files the ledger records (those present)
/// DIR/batches/BATCH_ID/         each ACE replay batch: its SE/AE files and manifest.json
/// DIR/HOW-TO-VERIFY.txt         plain-text instructions
/// ```
///
/// Deterministic: the files depend only on the ledger (no clock, no randomness), so exporting
/// the same ledger twice gives the same bytes.
public enum BundleExport {
    /// What an export wrote.
    public struct Summary: Sendable {
        public let records: Int64
        public let checkpoints: Int
        public let keys: Int
        public let evidence: Int
        public let missingEvidence: [String]
        public let headHash: [UInt8]?
    }

    /// Writes the bundle into `dir`, which must not exist yet; returns what it wrote.
    public static func export(ledger: Ledger, to dir: String) throws -> Summary {
        let fm = FileManager.default
        if let contents = try? fm.contentsOfDirectory(atPath: dir), !contents.isEmpty {
            throw BundleError("\(dir) is not empty; export into a new or empty folder")
        }
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: dir, isDirectory: &isDir), !isDir.boolValue { throw BundleError("\(dir) is a file, not a folder") }
        for sub in ["", "/checkpoints", "/keys", "/evidence", "/batches"] {
            try fm.createDirectory(atPath: dir + sub, withIntermediateDirectories: true)
        }
        let evidenceSource = Evidence.folder(forLedger: ledger.store.path)
        var records: Int64 = 0
        var checkpoints = 0
        var keys = 0
        var evidence = 0
        var missing: [String] = []
        var head: [UInt8]?
        guard fm.createFile(atPath: dir + "/ledger.jsonl", contents: nil), let out = FileHandle(forWritingAtPath: dir + "/ledger.jsonl") else {
            throw BundleError("cannot write \(dir)/ledger.jsonl")
        }
        defer { try? out.close() }
        try ledger.store.snapshot {
            try ledger.store.forEachChunk { chunk in
                var buffer: [UInt8] = []
                for stored in chunk {
                    guard let line = try BundleLedgerReader.line(seq: stored.seq, record: stored.record) else {
                        throw BundleError("record \(stored.seq) has a payload that is not UTF-8: the ledger is damaged; run `entryledger verify`")
                    }
                    buffer += line
                    buffer.append(0x0A)
                    records += 1
                    head = stored.record.hash
                    guard let h = try? RecordHeader(payload: stored.record.payload) else { continue }
                    switch h.kind {
                    case .genesis:
                        if let g = try? GenesisBody(json: h.body) {
                            try write(KeyFile.publicKeyFileBytes(g.supervisor), to: dir + "/keys/supervisor.pub")
                            keys += 1
                        }
                    case .keyEnroll:
                        if let e = try? EnrollmentBody(json: h.body) {
                            try write(KeyFile.publicKeyFileBytes(e.key, proof: e.proof), to: dir + "/keys/\(e.key.keyID).pub")
                            keys += 1
                        }
                    case .checkpoint:
                        if let c = try? CheckpointBody(json: h.body) {
                            try write(Array(c.note.utf8), to: dir + "/checkpoints/checkpoint-\(c.size).txt")
                            checkpoints += 1
                        }
                    case .incidentEvidence:
                        if let e = try? EvidenceBody(json: h.body), !e.storedName.contains("/") {
                            let src = evidenceSource + "/" + e.storedName, dst = dir + "/evidence/" + e.storedName
                            if fm.fileExists(atPath: src) {
                                if !fm.fileExists(atPath: dst) { try fm.copyItem(atPath: src, toPath: dst) }
                                evidence += 1
                            } else {
                                missing.append(e.storedName)
                            }
                        }
                    default: break
                    }
                }
                try out.write(contentsOf: Data(buffer))
                return true
            }
        }
        // The replay batches exactly as they went to ACE, each checked by verify against the
        // SHA-256 its replay.batch record holds.
        let batchSource = BatchArchive.folder(forLedger: ledger.store.path)
        for id in ((try? fm.contentsOfDirectory(atPath: batchSource)) ?? []).sorted() where !id.hasPrefix(".") {
            try fm.copyItem(atPath: batchSource + "/" + id, toPath: dir + "/batches/" + id)
        }
        try write(Array(howToVerify(origin: ledger.origin, records: records, head: head, checkpoints: checkpoints).utf8), to: dir + "/HOW-TO-VERIFY.txt")
        return Summary(records: records, checkpoints: checkpoints, keys: keys, evidence: evidence, missingEvidence: missing, headHash: head)
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { throw BundleError("cannot write \(path)") }
    }

    static func howToVerify(origin: String, records: Int64, head: [UInt8]?, checkpoints: Int) -> String {
        """
        EntryLedger bundle: how to verify it
        ====================================

        Ledger origin: \(origin)
        Records:       \(records)
        Head hash:     \(head.map { Hex.encode($0) } ?? "none")
        Checkpoints recorded in the ledger: \(checkpoints) (in checkpoints/)

        Trust only what you received out of band: the supervisor's public key file and the
        checkpoints the broker e-mailed during the outage. Do not trust keys/ or checkpoints/
        in this folder by themselves; `verify` checks them against the key you give.

        1. Verify the whole bundle against the supervisor key and your checkpoints:

             entryledger verify --trust SUPERVISOR.pub --bundle THIS_FOLDER \\
                 --checkpoint checkpoint-received-1.txt --checkpoint checkpoint-received-2.txt

           Exit 0: every record is whole, signed by an enrolled key allowed to sign it, and the
           ledger matches every checkpoint. Exit 1: problems, each named with its seq.
           Exit 2: the input could not be read. Add --json for a machine-readable report.

        2. Optionally countersign the checkpoint you verified:

             entryledger cosign --bundle THIS_FOLDER --checkpoint checkpoint-received-2.txt \\
                 --trust SUPERVISOR.pub --key REVIEWER.key --out checkpoint-cosigned.txt

        3. Check a single entry or that the ledger only grew, from proof files the broker sends:

             entryledger prove verify --proof entry.proof --checkpoint checkpoint-received-2.txt --trust SUPERVISOR.pub

        Files: ledger.jsonl (one record a line, the payload as the exact signed text),
        checkpoints/, keys/, evidence/ (files the ledger records, checked by SHA-256),
        batches/ (each ACE replay batch: files and manifest.json, checked by SHA-256). The format is specified in
        schemas/ledger-format.md of the EntryLedger source.

        """
    }
}
