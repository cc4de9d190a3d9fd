import LedgerFormat
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A planned batch written in full before its `replay.batch` record is appended, so that
/// `replay` renders each batch once: its files are written (each under a temporary name,
/// fsynced, renamed) into hidden staging folders beside the places they go,
/// `OUT/.B0001.staged-RANDOM/` and `ARCHIVE/.B0001.staged-RANDOM/`, and the hashes the record
/// holds are those of the bytes written. Only after the record is committed is each staging
/// folder renamed to the batch id (the `--out` copy first, the archive last: an archived batch
/// that is complete has its `--out` copy in place too).
///
/// Crash safety: before the record, only hidden staging folders exist; nothing under a batch
/// id, nothing a verifier, an export or the next replay reads (they skip names that start with
/// a dot), and the next replay removes them (``removeLeftovers(in:)``). After the record, a
/// batch whose archive folder is not complete is written by the next replay from a new render
/// of its record (``Ledger/writeRecorded(_:history:password:personalKey:archive:outDir:)``),
/// checked byte for byte against the hashes recorded.
struct StagedBatch {
    let body: BatchBody
    /// (staging folder, final folder), the `--out` copy first.
    let folders: [(staged: String, final: String)]

    /// The marker in a staging folder's name: `.ID.staged-RANDOM`.
    static let marker = ".staged-"

    /// A staging folder for `batchID` in `parent`.
    static func stagingFolder(_ batchID: String, in parent: String) -> String {
        parent + "/." + batchID + marker + Hex.encode(KeyFile.randomBytes(6))
    }

    /// Whether `name` is a staging folder's name.
    static func isStagingName(_ name: String) -> Bool { name.hasPrefix(".") && name.contains(marker) }

    /// Writes `batch` (masked, the archive's form) and its transmission copy into new staging
    /// folders in `archive` and `outDir`. Nothing is written under the batch id.
    static func stage(_ batch: RenderedBatch, body: BatchBody, transmission: [[UInt8]]?, archive: String, outDir: String?) throws -> StagedBatch {
        var folders: [(staged: String, final: String)] = []
        do {
            if let outDir {
                try AtomicFile.makeFolder(outDir)
                let staged = stagingFolder(body.batchID, in: outDir)
                folders.append((staged, outDir + "/" + body.batchID))
                try BatchArchive.write(batch, into: staged, isArchive: false, transmission: transmission)
            }
            try AtomicFile.makeFolder(archive)
            let staged = stagingFolder(body.batchID, in: archive)
            folders.append((staged, archive + "/" + body.batchID))
            try BatchArchive.write(batch, into: staged, isArchive: true)
        } catch {
            StagedBatch(body: body, folders: folders).discard()
            throw error
        }
        return StagedBatch(body: body, folders: folders)
    }

    /// Gives each staging folder its batch id (refused if that exists), the `--out` copy first,
    /// and fsyncs the folders. Called only once the batch's record is committed.
    func publish() throws {
        for (staged, final) in folders { try AtomicFile.publishFolder(staged, as: final) }
    }

    /// Removes the staging folders (the record was not appended).
    func discard() {
        for (staged, _) in folders { Self.remove(staged) }
    }

    /// Removes the staging folders an interrupted replay left in `folder`.
    static func removeLeftovers(in folder: String?) {
        guard let folder else { return }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where isStagingName(name) {
            remove(folder + "/" + name)
        }
    }

    /// A staging folder holds plain files only (written by ``BatchArchive/write(_:into:isArchive:transmission:)``).
    /// Only a real folder is emptied: a symbolic link named like a staging folder (planted in a
    /// shared `--out`) is removed itself, never followed into the folder it points at.
    private static func remove(_ folder: String) {
        var info = stat()
        guard lstat(folder, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { unlink(folder); return }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] { unlink(folder + "/" + name) }
        rmdir(folder)
    }
}
