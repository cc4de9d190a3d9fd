import Crypto
import Foundation

extension Ledger {
    /// Records a batch this ledger does not hold but ACE does (supervisor): after a restore of
    /// a backup taken before a replay, or on a copy of the ledger, the archive or an `--out`
    /// folder still holds the batch, and `replay` refuses until it is recorded.
    ///
    /// `folder` is the batch's folder (`…/B0003/`, with its `manifest.json`). Every file must
    /// match the manifest; the manifest must be this ledger's, name the next batch id, an
    /// authorisation this ledger holds, and entry versions this ledger holds (same seq, same
    /// record hash). Its files are copied into the archive (unless `folder` is the archive's),
    /// then the `replay.batch` record is appended; its entries are then never planned again.
    @discardableResult
    public func recordSentBatch(folder: String, signer: LedgerSigningKey, time: String = Timestamp.now()) throws -> (Appended, BatchBody) {
        let manifestPath = folder + "/manifest.json"
        guard let attrs = try? FileManager.default.attributesOfItem(atPath: manifestPath), attrs[.type] as? FileAttributeType == .typeRegular,
            let size = attrs[.size] as? Int, size <= 64 << 20, let data = FileManager.default.contents(atPath: manifestPath)
        else { throw LedgerError.invalidInput(["--record-sent \(folder): no readable manifest.json (a regular file of at most 64 MiB) in it"]) }
        let manifestBytes = [UInt8](data)
        let m: JSONValue
        do { m = try JSONReader.parse(manifestBytes) } catch { throw LedgerError.invalidInput(["\(manifestPath): not JSON: \(error)"]) }
        var problems: [String] = []
        let history = try ReplayHistory.load(self)
        let nextID = String(format: "B%04d", history.batches.count + 1)
        guard m["format"]?.stringValue == "entryledger-replay-manifest", let batchID = m["batch_id"]?.stringValue,
            let cutoff = m["cutoff"]?.intValue, let authSeq = m["authorization"]?["seq"]?.intValue,
            let reference = m["authorization"]?["reference"]?.stringValue, let fileList = m["files"]?.arrayValue, let entries = m["entries"]?.arrayValue
        else { throw LedgerError.invalidInput(["\(manifestPath): not a replay manifest (format, batch_id, cutoff, authorization, files, entries)"]) }
        if m["origin"]?.stringValue != origin { problems.append("\(manifestPath): origin \(m["origin"]?.stringValue ?? "none") is not this ledger's (\(origin))") }
        if batchID != nextID { problems.append("\(manifestPath): batch \(batchID) is not the next batch of this ledger (\(nextID)); record the batches in order") }
        if !history.authorizations.contains(where: { $0.seq == authSeq && $0.body.reference == reference }) {
            problems.append("\(manifestPath): authorization seq \(authSeq) (\(reference)) is not an authorisation this ledger holds: record CBP's authorisation first, or restore a newer backup")
        }
        var files: [BatchBody.File] = []
        for f in fileList {
            guard let name = f["name"]?.stringValue, !name.contains("/"), !name.hasPrefix("."), let app = f["application"]?.stringValue.flatMap(ABIApplication.init(rawValue:)),
                let sha = f["sha256"]?.stringValue, let size = f["size"]?.intValue
            else { problems.append("\(manifestPath): a file entry is malformed"); continue }
            // A transmission copy carries the password; the manifest hashes the masked form.
            let d = Self.maskedFile(folder + "/" + name).map { (sha256: Hex.encode(SHA256.hash(data: $0)), size: Int64($0.count)) }
            if d?.sha256 != sha || d?.size != size { problems.append("\(folder)/\(name): missing, or not the file the manifest names (SHA-256 \(sha))") }
            files.append(.init(name: name, application: app, sha256: sha, size: size))
        }
        var transactions: [BatchTransaction] = []
        for e in entries {
            do { transactions.append(try BatchTransaction(json: e)) } catch {
                problems.append("\(manifestPath): \(error)")
                continue
            }
        }
        for t in transactions {
            let stored = try store.record(at: t.versionSeq)
            if stored.map({ Hex.encode($0.record.hash) }) != t.versionHash {
                problems.append("entry \(t.entryNumber): the version batch \(batchID) sent (seq \(t.versionSeq)) is not in this ledger: it lacks records that were sent; restore a newer backup")
            }
        }
        guard problems.isEmpty else { throw LedgerError.refused(problems) }
        let body = BatchBody(batchID: batchID, cutoff: cutoff, authorizationSeq: authSeq, manifestSHA256: Hex.encode(SHA256.hash(data: manifestBytes)),
                             files: files, transactions: transactions)
        // Into the archive first (an unrecorded batch there keeps replay refusing until this
        // is run again), then recorded.
        let dest = BatchArchive.folder(forLedger: store.path) + "/" + batchID
        if BatchArchive.resolved(dest) != BatchArchive.resolved(folder) {
            try AtomicFile.makeFolder(dest)
            for name in files.map(\.name) where !AtomicFile.exists(dest + "/" + name) {
                guard let masked = Self.maskedFile(folder + "/" + name) else { throw LedgerError.invalidInput(["cannot read \(folder)/\(name)"]) }
                try AtomicFile.write(masked, to: dest + "/" + name)
            }
            for name in ["manifest.json"] where !AtomicFile.exists(dest + "/" + name) {
                try AtomicFile.write(to: dest + "/" + name) { sink in
                    guard let input = FileHandle(forReadingAtPath: folder + "/" + name) else { throw LedgerError.invalidInput(["cannot read \(folder)/\(name)"]) }
                    defer { try? input.close() }
                    while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty { try sink.write(chunk) }
                }
            }
            guard BatchArchive.check([(0, body)], folder: BatchArchive.folder(forLedger: store.path)).isEmpty else {
                throw LedgerError.refused(["\(dest) differs from \(folder): compare them; nothing was recorded"])
            }
        }
        return (try append(.replayBatch, body: body.json, signer: signer, time: time), body)
    }

    /// A batch file's bytes (at most 64 MiB) with the A record's password field masked.
    static func maskedFile(_ path: String) -> [UInt8]? {
        guard let attrs = try? FileManager.default.attributesOfItem(atPath: path), attrs[.type] as? FileAttributeType == .typeRegular,
            let size = attrs[.size] as? Int, size <= 64 << 20, let data = FileManager.default.contents(atPath: path) else { return nil }
        return ABIBatchSettings.masked([UInt8](data))
    }
}
