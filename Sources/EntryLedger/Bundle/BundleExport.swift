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
/// DIR/responses/SHA256-FILE     each ACE response file an ace.response record names (those present)
/// DIR/HOW-TO-VERIFY.txt         plain-text instructions
/// DIR/bundle-end.json           written last: the records and Merkle root the bundle holds
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

    /// The end marker, written last: a bundle without it (or whose records and root differ from
    /// it) is incomplete and never verifies.
    public static let endMarkerName = "bundle-end.json"

    /// Writes the bundle into a hidden folder beside `dir`, every file fsynced, the end marker
    /// last, and renames it to `dir` only when it is complete. `dir` must not exist (or be an
    /// empty folder) and must not be inside the ledger's own archive folders.
    public static func export(ledger: Ledger, to final: String) throws -> Summary {
        // One read snapshot for the check and the copy: what is exported is what was verified.
        try ledger.store.snapshot { try exportVerified(ledger: ledger, to: final) }
    }

    static func exportVerified(ledger: Ledger, to final: String) throws -> Summary {
        try ledger.requireVerified()
        let fm = FileManager.default
        do { try BatchArchive.refuseInsideArchives(final, ledgerPath: ledger.store.path, option: "--out") } catch let e as LedgerError {
            throw BundleError(e.description)
        }
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: final, isDirectory: &isDir) {
            guard isDir.boolValue else { throw BundleError("\(final) is a file, not a folder") }
            guard (try? fm.contentsOfDirectory(atPath: final))?.isEmpty == true else {
                throw BundleError("\(final) is not empty; export into a new or empty folder (nothing is overwritten)")
            }
        }
        let url = URL(fileURLWithPath: final)
        let parent = url.deletingLastPathComponent().path
        // Folders left by an export killed part-way: never a bundle, removed.
        let stem = "." + url.lastPathComponent + ".tmp-"
        for name in (try? fm.contentsOfDirectory(atPath: parent)) ?? [] where name.hasPrefix(stem) { try? fm.removeItem(atPath: parent + "/" + name) }
        let dir = parent + "/" + stem + Hex.encode(KeyFile.randomBytes(6))
        var published = false
        defer { if !published { try? fm.removeItem(atPath: dir) } }
        for sub in ["", "/checkpoints", "/keys", "/evidence", "/batches", "/responses"] { try AtomicFile.makeFolder(dir + sub) }
        let evidenceSource = Evidence.folder(forLedger: ledger.store.path)
        let responseSource = ResponseArchive.folder(forLedger: ledger.store.path)
        var records: Int64 = 0
        var checkpoints = 0
        var keys = 0
        var evidence = 0
        var missing: [String] = []
        var head: [UInt8]?
        try AtomicFile.write(to: dir + "/ledger.jsonl") { out in
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
                                    if !AtomicFile.exists(dst) { try copy(src, to: dst) }
                                    evidence += 1
                                } else {
                                    missing.append(e.storedName)
                                }
                            }
                        case .aceResponse:
                            if let r = try? ResponseBody(json: h.body), !r.fileName.contains("/"), !r.fileName.hasPrefix(".") {
                                let name = ResponseArchive.storedName(r)
                                let src = responseSource + "/" + name, dst = dir + "/responses/" + name
                                if fm.fileExists(atPath: src), !AtomicFile.exists(dst) { try copy(src, to: dst) }
                            }
                        default: break
                        }
                    }
                    try out.write(buffer)
                    return true
                }
            }
        }
        // The replay batches as archived (what went to ACE, the ABI password and personal data masked), each checked by verify against the
        // SHA-256 its replay.batch record holds.
        let batchSource = BatchArchive.folder(forLedger: ledger.store.path)
        for id in ((try? fm.contentsOfDirectory(atPath: batchSource)) ?? []).sorted() where !id.hasPrefix(".") {
            try AtomicFile.makeFolder(dir + "/batches/" + id)
            for name in ((try? fm.contentsOfDirectory(atPath: batchSource + "/" + id)) ?? []).sorted() where !name.hasPrefix(".") {
                try copy(batchSource + "/" + id + "/" + name, to: dir + "/batches/" + id + "/" + name)
            }
        }
        try write(Array(howToVerify(origin: ledger.origin, records: records, head: head, checkpoints: checkpoints).utf8), to: dir + "/HOW-TO-VERIFY.txt")
        let root = try MerkleTree(source: ledger.store).root(size: UInt64(records))
        try write(endMarker(origin: ledger.origin, records: records, root: root, head: head), to: dir + "/" + endMarkerName)
        if fm.fileExists(atPath: final) { try fm.removeItem(atPath: final) }  // the empty folder checked above
        try AtomicFile.publishFolder(dir, as: final)
        published = true
        return Summary(records: records, checkpoints: checkpoints, keys: keys, evidence: evidence, missingEvidence: missing, headHash: head)
    }

    /// `bundle-end.json`: canonical JSON and a newline, naming the records the bundle holds and
    /// their Merkle root (schemas/ledger-format.md 7.7).
    static func endMarker(origin: String, records: Int64, root: [UInt8], head: [UInt8]?) throws -> [UInt8] {
        var bytes = try CanonicalJSON.encode([
            "format": "entryledger-bundle-end", "version": 1, "origin": .string(origin), "records": .int(records),
            "root": .string(Base64.encode(root)), "head_hash": .string(head.map { Hex.encode($0) } ?? ""),
        ])
        bytes.append(0x0A)
        return bytes
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try AtomicFile.write(bytes, to: path)
    }

    /// Copies a regular file, streamed, fsynced.
    static func copy(_ source: String, to path: String) throws {
        guard let input = FileHandle(forReadingAtPath: source) else { throw BundleError("cannot read \(source)") }
        defer { try? input.close() }
        try AtomicFile.write(to: path) { sink in
            while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty { try sink.write(chunk) }
        }
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

        Files: bundle-end.json (written last; a bundle without it is incomplete and never verifies),
        ledger.jsonl (one record a line, the payload as the exact signed text),
        checkpoints/, keys/, evidence/ (files the ledger records, checked by SHA-256),
        batches/ (each ACE replay batch: files and manifest.json, checked by SHA-256), responses/ (the
        ACE response files read back, checked by SHA-256). The format is specified in
        schemas/ledger-format.md of the EntryLedger source.

        """
    }
}
