/// Where one entry stands between the clerk's log and ACE: the states `status` and the report
/// print, each with the words they print. README.md ("The states of an entry") lists exactly
/// these; a test holds the two together.
///
/// ```swift
/// for s in EntryStanding.allCases { print(s.label, s.accountedFor) }
/// ```
public enum EntryStanding: String, CaseIterable, Sendable, Comparable {
    /// Logged after the checkpoint CBP's authorisation covers: replay will not send it until a
    /// new checkpoint is cosigned and a new authorisation recorded.
    case notCovered = "not-covered"
    /// ACE rejected it and it has not been corrected since: amend it, then replay.
    case rejected = "rejected"
    /// Something is to go to ACE: never sent (add), corrected after a rejection or after it was
    /// sent (replace), or voided after it was sent (delete).
    case toSend = "to-send"
    /// Sent in a batch; ACE's answer has not been read back yet.
    case awaitingACE = "awaiting-ace"
    /// ACE answered and did not reject it (accepted, released, referred ...); nothing to send.
    case inACE = "in-ace"
    /// Voided after it was sent, and the delete has gone to ACE.
    case deletedInACE = "deleted-in-ace"
    /// Voided before it was ever sent: ACE never knew it.
    case voidedUnsent = "voided-unsent"

    /// The words `status` and the report print.
    public var label: String {
        switch self {
        case .notCovered: return "not covered by the authorisation"
        case .rejected: return "rejected by ACE, to correct"
        case .toSend: return "to send to ACE"
        case .awaitingACE: return "sent, awaiting ACE"
        case .inACE: return "in ACE"
        case .deletedInACE: return "voided, deleted in ACE"
        case .voidedUnsent: return "voided, never sent"
        }
    }

    /// What the broker does about it, in one sentence.
    public var action: String {
        switch self {
        case .notCovered: return "publish a checkpoint, have CBP's reviewer cosign it and record a new authorisation; then replay"
        case .rejected: return "correct the entry (entry amend), then replay"
        case .toSend: return "replay"
        case .awaitingACE: return "read ACE's answer back (ack)"
        case .inACE, .deletedInACE, .voidedUnsent: return "nothing: accounted for"
        }
    }

    /// Nothing more is owed to ACE for the entry.
    public var accountedFor: Bool { self == .inACE || self == .deletedInACE || self == .voidedUnsent }

    /// Order of urgency: the state that needs the broker most comes first.
    public static func < (a: EntryStanding, b: EntryStanding) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
