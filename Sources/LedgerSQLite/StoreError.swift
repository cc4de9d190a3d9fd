/// Why a ledger file cannot be opened, created or written.
public enum StoreError: Error, Equatable, CustomStringConvertible, Sendable {
    case missing(path: String)
    case alreadyExists(path: String)
    case notALedger(path: String, reason: String)
    case newerVersion(path: String, found: Int64, supported: Int64)
    case io(path: String, reason: String)
    /// The index disagrees with the records (a hand-edited file); verify says more.
    case inconsistent(reason: String)

    public var description: String {
        switch self {
        case .missing(let p): return "no ledger at \(p) (create one with `entryledger init`, or give --ledger PATH)"
        case .alreadyExists(let p): return "\(p) already exists; refusing to create a ledger over it"
        case .notALedger(let p, let r): return "\(p) is not an EntryLedger ledger: \(r)"
        case .newerVersion(let p, let found, let supported):
            return "\(p) is a ledger of schema version \(found), newer than this program understands (\(supported)); use a newer entryledger"
        case .io(let p, let r): return "cannot use ledger \(p): \(r)"
        case .inconsistent(let r): return "the ledger file is inconsistent: \(r); run `entryledger verify`"
        }
    }
}
