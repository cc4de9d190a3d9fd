internal import CSQLite
import LedgerFormat

/// Why a ledger file cannot be opened, created or written.
public enum StoreError: Error, Equatable, CustomStringConvertible, Sendable {
    case missing(path: String)
    case alreadyExists(path: String)
    case notALedger(path: String, reason: String)
    case newerVersion(path: String, found: Int64, supported: Int64)
    case io(path: String, reason: String)
    /// SQLite refused, with its extended result code (`SQLITE_BUSY`, `SQLITE_CONSTRAINT_*`, ...).
    case sqlite(path: String, code: Int32, message: String)
    /// The index disagrees with the records (a hand-edited file); verify says more.
    case inconsistent(reason: String)

    /// SQLite's result code, when SQLite refused.
    public var sqliteCode: Int32? {
        if case .sqlite(_, let code, _) = self { return code }
        return nil
    }

    /// Another process held the ledger's lock for longer than the busy timeout.
    public var isBusy: Bool { sqliteCode.map { $0 & 0xFF == SQLITE_BUSY || $0 & 0xFF == SQLITE_LOCKED } ?? false }

    /// A constraint of the schema refused the write (an entry number used twice, say).
    public var isConstraint: Bool { sqliteCode.map { $0 & 0xFF == SQLITE_CONSTRAINT } ?? false }

    public var description: String {
        switch self {
        case .missing(let p): return "no ledger at \(p)"
        case .alreadyExists(let p): return "\(p) already exists; refusing to create a ledger over it"
        case .notALedger(let p, let r): return "\(p) is not an EntryLedger ledger: \(r)"
        case .newerVersion(let p, let found, let supported):
            return "\(p) is a ledger of schema version \(found), newer than this program understands (\(supported)); use a newer version"
        case .io(let p, let r): return "cannot use ledger \(p): \(r)"
        case .sqlite(let p, let code, let m):
            if isBusy { return "ledger \(p) is busy: another process held its lock too long (SQLite \(code): \(m)); try again" }
            return "cannot use ledger \(p): \(m) (SQLite \(code))"
        case .inconsistent(let r): return "the ledger file is inconsistent: \(r); verify it"
        }
    }
}

extension StoreError: CategorizedError { public var exitCategory: ExitCategory { .input } }
