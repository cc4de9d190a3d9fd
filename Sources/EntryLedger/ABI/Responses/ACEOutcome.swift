import LedgerFormat
/// What ACE said about an entry. **[one source]** (docs/customs-facts.md section 4)
public enum ACEOutcome: Sendable, Equatable, Hashable {
    /// SX message type 01.
    case cargoReleaseRejected
    /// SX message type 02.
    case cargoReleaseAccepted
    /// SX message type 03.
    case cargoReleaseAcceptedWithWarnings
    /// SX message type 04.
    case cargoReleaseReferred
    /// SO60 98.
    case released
    /// SO60 97.
    case admissible
    /// SO60 04.
    case detained
    /// SO60 23.
    case cancelled
    /// An SO60 disposition code docs/customs-facts.md does not list, kept as given.
    case cargoReleaseStatus(code: String)
    /// AX: every E1 line of the entry has disposition A.
    case entrySummaryAccepted
    /// AX: an E1 line of the entry has disposition R.
    case entrySummaryRejected
    /// UC status code, kept as given (docs/customs-facts.md lists none).
    case entrySummaryStatus(code: String)

    /// Whether ACE refused the transaction (SX 01, AX R): the entry must be corrected and sent
    /// again with the replace action.
    public var isRejection: Bool { self == .cargoReleaseRejected || self == .entrySummaryRejected }

    /// The application the outcome concerns.
    public var application: ABIApplication {
        switch self {
        case .entrySummaryAccepted, .entrySummaryRejected, .entrySummaryStatus: return .entrySummary
        default: return .cargoRelease
        }
    }

    /// The outcome of an SX message type, or nil when it is not 01-04.
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
