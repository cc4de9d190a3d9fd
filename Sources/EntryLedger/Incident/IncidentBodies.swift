import LedgerFormat
/// Who a communication was with. CBP's guidance (docs/customs-facts.md section 1) names each of these.
public enum Party: String, CaseIterable, Sendable {
    case cbpSOC = "cbp-soc"
    case cbpClientRep = "cbp-client-rep"
    case cbpPort = "cbp-port"
    case cbpHQ = "cbp-hq"
    case pga = "pga"
    case importer = "importer"
    case surety = "surety"
    case softwareProvider = "software-provider"
    case other = "other"

    public var isCBP: Bool { [.cbpSOC, .cbpClientRep, .cbpPort, .cbpHQ].contains(self) }
    /// Parties that need a name to mean anything (which PGA, which importer).
    public var needsName: Bool { [.pga, .importer, .other].contains(self) }

    public var title: String {
        switch self {
        case .cbpSOC: return "CBP Security Operations Center"
        case .cbpClientRep: return "CBP client representative"
        case .cbpPort: return "CBP at the port"
        case .cbpHQ: return "CBP HQ"
        case .pga: return "Partner Government Agency"
        case .importer: return "importer client"
        case .surety: return "surety"
        case .softwareProvider: return "software provider"
        case .other: return "other"
        }
    }
}

/// How a communication happened.
public enum Channel: String, CaseIterable, Sendable {
    case email, phone, portal, meeting, letter, other

    /// Channels that count as electronic notification (19 CFR 111.21(b) asks for electronic).
    public var isElectronic: Bool { self == .email || self == .portal }
}

/// `incident.open`: the broker discovered the attack. Starts CBP's clocks.
public struct IncidentOpenBody: Equatable, Sendable {
    public var discoveredAt: String
    public var summary: String
    public var systems: [String]
    /// Importer numbers known to be exposed; CBP must be told which (19 CFR 111.21(b)).
    public var exposedImporters: [String]

    public init(discoveredAt: String, summary: String, systems: [String], exposedImporters: [String]) {
        self.discoveredAt = discoveredAt
        self.summary = summary
        self.systems = systems
        self.exposedImporters = exposedImporters
    }

    public init(json: JSONValue) throws(RecordFormatError) {
        let r = try BodyReader(json, kind: "incident.open", allowed: ["discovered_at", "summary", "systems", "exposed_importers"])
        discoveredAt = try r.time("discovered_at")
        summary = try r.string("summary", maxLength: 20_000)
        systems = try r.strings("systems")
        exposedImporters = try r.strings("exposed_importers")
    }

    public var json: JSONValue {
        ["discovered_at": .string(discoveredAt), "summary": .string(summary),
         "systems": .array(systems.map { .string($0) }), "exposed_importers": .array(exposedImporters.map { .string($0) })]
    }
}

/// `incident.comm`: a communication with CBP, a PGA, a client, the surety, ...
public struct CommunicationBody: Equatable, Sendable {
    public var party: Party
    public var partyName: String?
    public var channel: Channel
    public var at: String
    public var summary: String
    public var reference: String?

    public init(party: Party, partyName: String? = nil, channel: Channel, at: String, summary: String, reference: String? = nil) {
        self.party = party
        self.partyName = partyName
        self.channel = channel
        self.at = at
        self.summary = summary
        self.reference = reference
    }

    public init(json: JSONValue) throws(RecordFormatError) {
        let r = try BodyReader(json, kind: "incident.comm", allowed: ["party", "party_name", "channel", "at", "summary", "reference"])
        guard let p = Party(rawValue: try r.string("party")) else {
            throw RecordFormatError("incident.comm body: party should be one of \(Party.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let c = Channel(rawValue: try r.string("channel")) else {
            throw RecordFormatError("incident.comm body: channel should be one of \(Channel.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        party = p
        channel = c
        partyName = try r.optionalString("party_name", maxLength: 200)
        if p.needsName, (partyName ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw RecordFormatError("incident.comm body: party_name is needed for party \(p.rawValue) (which \(p.title)?)")
        }
        at = try r.time("at")
        summary = try r.string("summary", maxLength: 20_000)
        reference = try r.optionalString("reference", maxLength: 200)
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = ["party": .string(party.rawValue), "channel": .string(channel.rawValue), "at": .string(at), "summary": .string(summary)]
        if let partyName { o["party_name"] = .string(partyName) }
        if let reference { o["reference"] = .string(reference) }
        return .object(o)
    }

    /// "CBP Security Operations Center" or "Partner Government Agency (FDA)".
    public var who: String { partyName.map { "\(party.title) (\($0))" } ?? party.title }
}

/// `incident.evidence`: a remediation evidence file (forensic report, scan result), kept by
/// hash in the evidence folder beside the ledger.
public struct EvidenceBody: Equatable, Sendable {
    public var name: String
    public var size: Int64
    public var sha256: String
    public var description: String

    public init(name: String, size: Int64, sha256: String, description: String) {
        self.name = name
        self.size = size
        self.sha256 = sha256
        self.description = description
    }

    public init(json: JSONValue) throws(RecordFormatError) {
        let r = try BodyReader(json, kind: "incident.evidence", allowed: ["name", "size", "sha256", "description"])
        name = try r.string("name", maxLength: 255)
        guard !name.contains("/"), name != ".", name != ".." else {
            throw RecordFormatError("incident.evidence body: name should be a file name without a folder")
        }
        size = try r.int("size")
        guard size >= 0 else { throw RecordFormatError("incident.evidence body: size must not be negative") }
        sha256 = try r.hex("sha256", count: 32)
        description = try r.string("description", nonEmpty: false, maxLength: 2000)
    }

    public var json: JSONValue {
        ["name": .string(name), "size": .int(size), "sha256": .string(sha256), "description": .string(description)]
    }

    /// The file's name in the evidence folder: its hash, then its own name.
    public var storedName: String { "\(sha256)-\(name)" }
}

/// `incident.close`: the incident is over (systems remediated, reconnected or not).
public struct IncidentCloseBody: Equatable, Sendable {
    public var summary: String

    public init(summary: String) { self.summary = summary }

    public init(json: JSONValue) throws(RecordFormatError) {
        let r = try BodyReader(json, kind: "incident.close", allowed: ["summary"])
        summary = try r.string("summary", maxLength: 20_000)
    }

    public var json: JSONValue { ["summary": .string(summary)] }
}

extension BodyReader {
    func time(_ key: String) throws(RecordFormatError) -> String {
        let s = try string(key)
        guard Timestamp.parse(s) != nil else {
            throw RecordFormatError("\(kind) body: \(key) \"\(s)\" should be an RFC 3339 UTC time like 2026-11-29T06:10:00Z")
        }
        return s
    }

    func strings(_ key: String, maxCount: Int = 1000, maxLength: Int = 200, allowEmpty: Bool = false) throws(RecordFormatError) -> [String] {
        guard let a = object[key]?.arrayValue, a.count <= maxCount else {
            throw RecordFormatError("\(kind) body: \(key) should be an array of at most \(maxCount) strings")
        }
        var out: [String] = []
        for v in a {
            guard let s = v.stringValue, allowEmpty || !s.isEmpty, s.count <= maxLength else {
                throw RecordFormatError("\(kind) body: \(key) should hold non-empty strings of at most \(maxLength) characters")
            }
            out.append(s)
        }
        return out
    }
}

/// The body of a free-text incident note: what happened, in the author's words.
public struct NoteBody: Equatable, Sendable {
    public let text: String

    public init(text: String) { self.text = text }

    public init(json: JSONValue) throws(RecordFormatError) {
        let r = try BodyReader(json, kind: "incident.note", allowed: ["text"])
        text = try r.string("text", maxLength: 20_000)
    }

    public var json: JSONValue { ["text": .string(text)] }
}
