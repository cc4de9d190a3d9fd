/// The parsed payload of a record: the members every record has, and its body.
public struct RecordHeader: Sendable {
    public let origin: String
    public let seq: Int64
    public let prev: [UInt8]
    public let time: String
    public let kindName: String
    public let keyID: String
    /// The body object. A header built by the append path from canonical body bytes
    /// (``canonicalBody``) parses them when asked: the rules that trust ``prechecked`` never ask.
    public var body: JSONValue {
        if let storedBody { return storedBody }
        do { return try JSONReader.parse(canonicalBody ?? []) } catch {
            preconditionFailure("the append path wrote a body that does not parse: \(error)")
        }
    }
    private let storedBody: JSONValue?
    /// The body's canonical bytes, when the appender wrote them straight from a typed value
    /// (``CanonicalWriter``) instead of building a ``JSONValue``.
    package let canonicalBody: [UInt8]?
    /// What the appender already proved about `body` when it built it from a typed value (an
    /// entry checked against every rule, say), for the kind's rules to use instead of reading
    /// the body again. Only the append path sets it; a header read from a payload never has it.
    package var prechecked: (any Sendable)?

    /// The kind, as a name: whether this version knows it is for the rules to say
    /// (``RecordRuleBook/rules(for:)``).
    public var kind: RecordKind { RecordKind(rawValue: kindName) }

    /// A header built from values the caller already holds (the append path).
    package init(origin: String, seq: Int64, prev: [UInt8], time: String, kind: RecordKind, keyID: String, body: JSONValue,
                 prechecked: (any Sendable)? = nil) {
        self.init(origin: origin, seq: seq, prev: prev, time: time, kind: kind, keyID: keyID,
                  storedBody: body, canonicalBody: nil, prechecked: prechecked)
    }

    /// A header built by the append path from a body's canonical bytes (``canonicalBody``).
    package init(origin: String, seq: Int64, prev: [UInt8], time: String, kind: RecordKind, keyID: String, canonicalBody: [UInt8],
                 prechecked: (any Sendable)?) {
        self.init(origin: origin, seq: seq, prev: prev, time: time, kind: kind, keyID: keyID,
                  storedBody: nil, canonicalBody: canonicalBody, prechecked: prechecked)
    }

    /// The append path's two headers: the body as a value or as canonical bytes, never both.
    private init(origin: String, seq: Int64, prev: [UInt8], time: String, kind: RecordKind, keyID: String,
                 storedBody: JSONValue?, canonicalBody: [UInt8]?, prechecked: (any Sendable)?) {
        self.prechecked = prechecked
        self.origin = origin
        self.seq = seq
        self.prev = prev
        self.time = time
        self.kindName = kind.rawValue
        self.keyID = keyID
        self.storedBody = storedBody
        self.canonicalBody = canonicalBody
    }

    static let members: Set<String> = ["v", "origin", "seq", "prev", "time", "kind", "key", "body"]

    /// Parses payload bytes strictly: valid canonical JSON in the profile, exactly the header
    /// members with the right types, ASCII member names throughout.
    ///
    /// `checkCanonical: false` skips re-encoding the value to compare it with the bytes: for
    /// folds over a ledger this program wrote (entries, incident, replay history), never for
    /// verify, which checks every byte.
    public init(payload: [UInt8], checkCanonical: Bool = true) throws(RecordFormatError) {
        guard payload.count <= RecordFormat.maxPayloadBytes else {
            throw RecordFormatError("payload is \(payload.count) bytes, more than \(RecordFormat.maxPayloadBytes)")
        }
        // A canonical payload is read member by member, with no dictionary for its outer
        // object; anything else is read the general way below, which names what is wrong.
        if checkCanonical, let h = Self.canonical(payload) {
            self = h
            return
        }
        try self.init(general: payload, checkCanonical: checkCanonical)
    }

    /// The header of a canonical payload whose members all pass the checks below, read in one
    /// pass (``CanonicalReader/readPayloadMembers(_:)``); nil otherwise. Its member names are
    /// all plain ASCII (the reader accepts no other).
    static func canonical(_ payload: [UInt8]) -> RecordHeader? {
        guard let m = CanonicalReader.readPayloadMembers(payload), m.v == RecordFormat.version, !m.origin.isEmpty, m.seq >= 0,
              let prev = Hex.decode(m.prev), prev.count == 32, Timestamp.parse(m.time) != nil, !m.kind.isEmpty,
              m.key.utf8.count == 32, Hex.isLowerHex(m.key)
        else { return nil }
        return RecordHeader(origin: m.origin, seq: m.seq, prev: prev, time: m.time, kind: RecordKind(rawValue: m.kind), keyID: m.key, body: m.body)
    }

    /// The general reading: the whole payload parsed into a tree (and its canonical form
    /// checked), then each member checked, with an error that names the first problem.
    init(general payload: [UInt8], checkCanonical: Bool) throws(RecordFormatError) {
        let value: JSONValue
        do { value = checkCanonical ? try JSONReader.parseCanonical(payload) : try JSONReader.parse(payload) } catch {
            throw RecordFormatError("payload: \(error)")
        }
        guard case .object(let o) = value else { throw RecordFormatError("payload is not a JSON object") }
        if let extra = o.keys.first(where: { !Self.members.contains($0) }) {
            throw RecordFormatError("payload has an unknown member \"\(extra)\"")
        }
        guard o["v"]?.intValue == RecordFormat.version else {
            throw RecordFormatError("payload version v should be \(RecordFormat.version)")
        }
        guard let origin = o["origin"]?.stringValue, !origin.isEmpty else { throw RecordFormatError("origin is missing") }
        guard let seq = o["seq"]?.intValue, seq >= 0 else { throw RecordFormatError("seq is missing or negative") }
        guard let prevHex = o["prev"]?.stringValue, let prev = Hex.decode(prevHex), prev.count == 32 else {
            throw RecordFormatError("prev should be 64 lower-case hex characters")
        }
        guard let time = o["time"]?.stringValue, Timestamp.parse(time) != nil else {
            throw RecordFormatError("time should be an RFC 3339 UTC time like 2026-11-29T04:44:12Z")
        }
        guard let kind = o["kind"]?.stringValue, !kind.isEmpty else { throw RecordFormatError("kind is missing") }
        guard let key = o["key"]?.stringValue, key.utf8.count == 32, Hex.decode(key) != nil else {
            throw RecordFormatError("key should be a 32-character key id")
        }
        guard let body = o["body"], case .object = body else { throw RecordFormatError("body should be an object") }
        if let bad = Self.firstNonASCIIKey(body) {
            throw RecordFormatError("member name \"\(bad)\" is not ASCII")
        }
        self.origin = origin
        self.seq = seq
        self.prev = prev
        self.time = time
        self.kindName = kind
        self.keyID = key
        self.storedBody = body
        self.canonicalBody = nil
    }

    package static func firstNonASCIIKey(_ v: JSONValue) -> String? {
        switch v {
        case .object(let o):
            for (k, child) in o {
                if k.utf8.contains(where: { $0 >= 0x80 }) { return k }
                if let bad = firstNonASCIIKey(child) { return bad }
            }
            return nil
        case .array(let a):
            for child in a { if let bad = firstNonASCIIKey(child) { return bad } }
            return nil
        default: return nil
        }
    }
}

/// A payload that is not a well-formed record.
public struct RecordFormatError: Error, CustomStringConvertible, Sendable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
