/// What a record says. The raw value is the `kind` member of the payload.
public enum RecordKind: String, CaseIterable, Sendable {
    case genesis = "genesis"
    case keyEnroll = "key.enroll"
    case keyRevoke = "key.revoke"
    case incidentNote = "incident.note"
    case incidentOpen = "incident.open"
    case incidentComm = "incident.comm"
    case incidentEvidence = "incident.evidence"
    case incidentClose = "incident.close"
    case numbersReserve = "numbers.reserve"
    case entryAdd = "entry.add"
    case entryAmend = "entry.amend"
    case entryVoid = "entry.void"
    case entryRelease = "entry.release"
    case reconnectAuthorize = "reconnect.authorize"
    case replayBatch = "replay.batch"
    case aceResponse = "ace.response"
    case ledgerSetting = "ledger.setting"
    case checkpoint = "checkpoint"

    /// The roles whose keys may sign a record of this kind.
    public var allowedRoles: Set<Role> {
        switch self {
        case .genesis, .keyEnroll, .keyRevoke, .incidentOpen, .incidentClose, .numbersReserve, .checkpoint, .reconnectAuthorize, .replayBatch, .ledgerSetting:
            return [.supervisor]
        case .aceResponse: return [.supervisor, .clerk]
        case .incidentNote, .incidentComm, .incidentEvidence, .entryAdd, .entryAmend, .entryVoid, .entryRelease:
            return [.supervisor, .clerk]
        }
    }
}

/// What a key may do in a ledger. The supervisor's key is the one named in the genesis record.
public enum Role: String, CaseIterable, Sendable {
    case supervisor
    case clerk
}
