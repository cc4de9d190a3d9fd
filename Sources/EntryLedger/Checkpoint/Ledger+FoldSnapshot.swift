import Foundation
import LedgerFormat
import LedgerSQLite

extension Ledger {
    /// Where `checkpoint` keeps the fold snapshot of the records it covers (``FoldSnapshot``):
    /// beside the ledger, `NAME-fold.snapshot` for `NAME.db`. A local cache: deleting it only
    /// makes the next verification before acting fold every record below the checkpoint.
    public static func foldSnapshotPath(forLedger ledgerPath: String) -> String {
        let url = URL(fileURLWithPath: ledgerPath)
        return url.deletingLastPathComponent().appendingPathComponent(url.deletingPathExtension().lastPathComponent + "-fold.snapshot").path
    }

    /// The program a snapshot must come from: another version's fold may differ, so its
    /// snapshot is stale.
    static var foldProgram: String { ProductVersion.line + ", fold layout \(FoldSnapshot.layout)" }

    /// The fold snapshot of this ledger's first `size` records, when the file holds one that
    /// the genesis's supervisor key signed for this origin, this size and this program; nil
    /// otherwise (missing, stale, edited, another ledger's, signed by another key).
    func foldSnapshot(size: Int64) -> FoldSnapshot? {
        let path = Self.foldSnapshotPath(forLedger: store.path)
        // The file's own size as the limit (a reader allocates its limit); one that grows meanwhile is refused.
        guard size > 0, let length = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, length <= FoldSnapshot.maxBytes,
              let bytes = try? readSmallFile(path, limit: length),
              let snapshot = try? FoldSnapshot(serialized: bytes), snapshot.origin == origin, snapshot.size == size,
              snapshot.program == Self.foldProgram, snapshot.verifies(with: genesis.supervisor)
        else { return nil }
        return snapshot
    }

    /// Signs `state` (the fold of the first `size` records, whose root is `root`) with the
    /// supervisor's key and writes it whole or not at all. A failure is not an error: the
    /// snapshot is a cache, and without it verification folds every record.
    func writeFoldSnapshot(size: Int64, root: [UInt8], state: [UInt8], signer: LedgerSigningKey) {
        let snapshot = FoldSnapshot(origin: origin, size: size, root: root, program: Self.foldProgram, state: state, signer: signer)
        try? AtomicFile.write(snapshot.serialized, to: Self.foldSnapshotPath(forLedger: store.path), existing: .replace, mode: 0o600)
    }
}
