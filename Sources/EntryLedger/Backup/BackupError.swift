import LedgerFormat
/// Why a backup cannot be made or restored. Nothing is written when one is thrown.
public enum BackupError: Error, Equatable, CustomStringConvertible, Sendable {
    case notABackup(String)
    case unsupportedVersion(Int64)
    case wrongPassphrase
    case tampered(String)
    case exists(String)
    case restoredLedgerFailsVerification([String])
    /// `backup` refuses a ledger that does not verify: its backup would not restore.
    case ledgerFailsVerification([String])
    /// The live ledger holds records the backup lacks (listed); `--force` replaces them.
    case wouldLoseRecords(String, [String])

    public var description: String {
        switch self {
        case .notABackup(let why): return "not an EntryLedger backup: \(why)"
        case .unsupportedVersion(let v): return "backup format version \(v) is newer than this program understands"
        case .wrongPassphrase: return "wrong passphrase for this backup (or its header was changed); nothing was restored"
        case .tampered(let why): return "the backup has been changed or damaged (\(why)); nothing was restored"
        case .exists(let path): return "\(path) already exists; restore will not overwrite it unless told to"
        case .ledgerFailsVerification(let problems):
            return "the ledger does not verify, so a backup of it would not restore; nothing was written. Run `entryledger verify`:\n"
                + problems.prefix(20).map { "  " + $0 }.joined(separator: "\n") + (problems.count > 20 ? "\n  ... and \(problems.count - 20) more" : "")
        case .wouldLoseRecords(let path, let lines):
            return "\(path) holds records the backup lacks; restoring would lose them, so nothing was restored (a forced restore replaces them):\n"
                + lines.map { "  " + $0 }.joined(separator: "\n")
        case .restoredLedgerFailsVerification(let problems):
            return "the ledger in the backup does not verify; nothing was restored:\n" + problems.map { "  " + $0 }.joined(separator: "\n")
        }
    }
}
