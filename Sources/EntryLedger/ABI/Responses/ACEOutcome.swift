import LedgerFormat
/// What ACE said about an entry.
public enum ACEOutcome: Sendable, Equatable, Hashable {
    /// SX SE90 message type 01: not on file. **[one source]**
    case cargoReleaseRejected
    /// SX SE90 02.
    case cargoReleaseAccepted
    /// SX SE90 03.
    case cargoReleaseAcceptedWithWarnings
    /// SX SE90 04: referred to human review, neither accepted nor rejected yet.
    case cargoReleaseReferred
    /// SO60 98 (with its release date).
    case released
    /// SO60 97.
    case admissible
    /// SO60 04.
    case detained
    /// SO60 23.
    case cancelled
    /// Another SO60 code, kept as given.
    case cargoReleaseStatus(code: String)
    /// An SO notification with bill match dispositions (SO50) only: the last code.
    case billMatch(code: String)
    /// AX final E1 `A`.
    case entrySummaryAccepted
    /// AX final E1 `R`: not on file.
    case entrySummaryRejected
    /// UC E1 disposition type, kept as given (`4` = rejected after acceptance).
    case entrySummaryStatus(code: String)
    /// X1 `R` after an X0 `TRNACT`: ACE refused the transaction.
    case transactionRejected
    /// X1 `R` for the block or batch holding the transaction: nothing in it was processed.
    case batchRejected

    /// Whether ACE refused the data (SX 01, AX `R`, UC `4`, a rejected transaction or batch).
    public var isRejection: Bool {
        switch self {
        case .cargoReleaseRejected, .entrySummaryRejected, .transactionRejected, .batchRejected: return true
        case .entrySummaryStatus(let code): return code == "4"
        default: return false
        }
    }

    /// The name recorded in the ledger's `ace.response` (`accepted`, `rejected`, `released` ...).
    public var name: String {
        switch self {
        case .cargoReleaseRejected, .entrySummaryRejected: return "rejected"
        case .cargoReleaseAccepted, .entrySummaryAccepted: return "accepted"
        case .cargoReleaseAcceptedWithWarnings: return "accepted-with-warnings"
        case .cargoReleaseReferred: return "referred"
        case .released: return "released"
        case .admissible: return "admissible"
        case .detained: return "detained"
        case .cancelled: return "cancelled"
        case .cargoReleaseStatus(let c): return "status-\(c)"
        case .billMatch(let c): return "bill-\(c)"
        case .entrySummaryStatus(let c): return c == "4" ? "rejected-after-acceptance" : "uc-\(c)"
        case .transactionRejected: return "transaction-rejected"
        case .batchRejected: return "batch-rejected"
        }
    }

    /// The outcome of an SE90 transaction-level message type, or nil when it is not 01-04.
    public static func cargoRelease(messageType: String) -> ACEOutcome? {
        switch messageType {
        case "01": return .cargoReleaseRejected
        case "02": return .cargoReleaseAccepted
        case "03": return .cargoReleaseAcceptedWithWarnings
        case "04": return .cargoReleaseReferred
        default: return nil
        }
    }

    /// The outcome of an SO60 disposition code.
    public static func cargoReleaseStatus(dispositionCode code: String) -> ACEOutcome {
        switch code {
        case "98": return .released
        case "97": return .admissible
        case "04": return .detained
        case "23": return .cancelled
        default: return .cargoReleaseStatus(code: code)
        }
    }
}
