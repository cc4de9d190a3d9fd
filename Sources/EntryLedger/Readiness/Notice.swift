/// The notices CBP's *Cyber Incident Guidance for Customs Brokers* (April 2023) and
/// 19 CFR 111.21(b) call for, drafted from the ledger and the office profile for the supervisor
/// to review and send. The facts and their confidence are in ``NoticeRules``.
public enum NoticeKind: String, CaseIterable, Sendable {
    /// The electronic notice to CBP within 72 hours of discovering the breach, naming the
    /// importer numbers that may be compromised.
    case breach
    /// The updated list of compromised importer numbers that follows the breach notice.
    case update
    /// The notice to an importer client whose records or importer number may be exposed.
    case importer
    /// A status update (CBP HQ, the port, a PGA, the surety, the software provider).
    case status

    public var title: String {
        switch self {
        case .breach: return "72-hour breach notice to CBP (19 CFR 111.21(b))"
        case .update: return "Updated list of compromised importer numbers to CBP (19 CFR 111.21(b))"
        case .importer: return "Notice to an importer client"
        case .status: return "Status update"
        }
    }

    /// The tag a communication's summary carries once the notice is logged as sent, so that
    /// `status` can tell which notices went out.
    public var tag: String { "[notice: \(rawValue)]" }

    /// What `incident notice --to PARTY` drafts unless `--kind` says otherwise.
    public static func defaultKind(for party: Party) -> NoticeKind {
        switch party {
        case .cbpSOC, .cbpClientRep: return .breach
        case .importer: return .importer
        default: return .status
        }
    }
}

/// A drafted notice: who it is for and its text.
public struct NoticeDraft: Sendable {
    public let kind: NoticeKind
    public let party: Party
    /// The contact's name from the profile (or as given), if any.
    public let recipient: String?
    public let subject: String
    public let text: String
}
