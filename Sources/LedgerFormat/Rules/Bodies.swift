/// Reading typed fields out of a record body, with errors that name the member.
package struct BodyReader {
    package let object: [String: JSONValue]
    package let kind: String

    package init(_ body: JSONValue, kind: String, allowed: Set<String>) throws(RecordFormatError) {
        guard case .object(let o) = body else { throw RecordFormatError("\(kind) body should be an object") }
        // Sorted (the first unknown name in order) only when there is one: verify reads a body a record.
        if o.keys.contains(where: { !allowed.contains($0) }), let extra = o.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw RecordFormatError("\(kind) body has an unknown member \"\(extra)\"")
        }
        self.object = o
        self.kind = kind
    }

    package func string(_ key: String, nonEmpty: Bool = true, maxLength: Int = 10_000) throws(RecordFormatError) -> String {
        guard let s = object[key]?.stringValue else { throw RecordFormatError("\(kind) body: \(key) should be a string") }
        if nonEmpty, s.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            throw RecordFormatError("\(kind) body: \(key) must not be empty")
        }
        // Lengths count Unicode code points (schemas/ledger-format.md section 1), never graphemes.
        guard s.unicodeScalars.count <= maxLength else { throw RecordFormatError("\(kind) body: \(key) is longer than \(maxLength) characters") }
        return s
    }

    package func optionalString(_ key: String, maxLength: Int = 10_000) throws(RecordFormatError) -> String? {
        guard let v = object[key] else { return nil }
        guard let s = v.stringValue, s.unicodeScalars.count <= maxLength else {
            throw RecordFormatError("\(kind) body: \(key) should be a string of at most \(maxLength) characters")
        }
        return s
    }

    package func bytes(_ key: String, count: Int) throws(RecordFormatError) -> [UInt8] {
        guard let s = object[key]?.stringValue, let b = Base64.decode(s), b.count == count else {
            throw RecordFormatError("\(kind) body: \(key) should be \(count) bytes in base64")
        }
        return b
    }

    package func hex(_ key: String, count: Int) throws(RecordFormatError) -> String {
        guard let s = object[key]?.stringValue, s.utf8.count == count * 2, Hex.decode(s) != nil else {
            throw RecordFormatError("\(kind) body: \(key) should be \(count * 2) lower-case hex characters")
        }
        return s
    }

    package func int(_ key: String) throws(RecordFormatError) -> Int64 {
        guard let v = object[key]?.intValue else { throw RecordFormatError("\(kind) body: \(key) should be an integer") }
        return v
    }
}

import Foundation

/// The body of the genesis record: who this ledger belongs to.
public struct GenesisBody: Equatable, Sendable {
    public let ledgerID: String
    public let filer: String
    public let port: String
    public let broker: String
    public let supervisor: LedgerPublicKey
    /// The supervisor's X25519 key that personal data is sealed to (``SealedValue``); absent
    /// in ledgers made before it existed, which then cannot take personal data.
    public let personalDataKey: [UInt8]?
    /// A practice ledger opened by `entryledger drill`: signed into the genesis, so a drill
    /// ledger can never pass for a real one (written `"drill": true`; absent on a real ledger).
    public let drill: Bool

    /// The origin every record of this ledger carries, also the checkpoint origin line.
    public var origin: String { "entryledger/\(filer)/\(ledgerID)" }

    public init(ledgerID: String, filer: String, port: String, broker: String, supervisor: LedgerPublicKey, drill: Bool = false,
                personalDataKey: [UInt8]? = nil) {
        self.personalDataKey = personalDataKey
        self.ledgerID = ledgerID
        self.filer = filer
        self.port = port
        self.broker = broker
        self.supervisor = supervisor
        self.drill = drill
    }

    public init(json: JSONValue) throws(RecordFormatError) {
        let r = try BodyReader(json, kind: "genesis", allowed: ["ledger_id", "filer", "port", "broker", "supervisor", "drill", "personal_data_key"])
        ledgerID = try r.hex("ledger_id", count: 16)
        filer = try r.string("filer")
        port = try r.string("port")
        broker = try r.string("broker", maxLength: 200)
        guard let sup = r.object["supervisor"] else { throw RecordFormatError("genesis body: supervisor is missing") }
        let s = try BodyReader(sup, kind: "genesis supervisor", allowed: ["name", "public_key", "key_id"])
        let raw = try s.bytes("public_key", count: 32)
        guard let key = try? LedgerPublicKey(rawRepresentation: raw, name: try s.string("name", maxLength: 100)) else {
            throw RecordFormatError("genesis body: supervisor public_key is not an Ed25519 key")
        }
        guard try s.string("key_id") == key.keyID else {
            throw RecordFormatError("genesis body: supervisor key_id does not match its public key")
        }
        supervisor = key
        personalDataKey = r.object["personal_data_key"] == nil ? nil : try r.bytes("personal_data_key", count: 32)
        if let d = r.object["drill"] {
            guard d == .bool(true) else { throw RecordFormatError("genesis body: drill should be true when present (absent on a real ledger)") }
            drill = true
        } else {
            drill = false
        }
        try Self.checkFiler(filer)
        try Self.checkPort(port)
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = [
            "ledger_id": .string(ledgerID), "filer": .string(filer), "port": .string(port), "broker": .string(broker),
            "supervisor": ["name": .string(supervisor.name), "public_key": .string(supervisor.base64), "key_id": .string(supervisor.keyID)],
        ]
        if let personalDataKey { o["personal_data_key"] = .string(Base64.encode(personalDataKey)) }
        if drill { o["drill"] = .bool(true) }
        return .object(o)
    }

    /// A filer code is three upper-case letters or digits (docs/customs-facts.md section 3).
    public static func checkFiler(_ f: String) throws(RecordFormatError) {
        guard f.utf8.count == 3, f.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) }) else {
            throw RecordFormatError("filer code \(f): should be 3 upper-case letters or digits")
        }
    }

    /// A port is a 4-digit Schedule D code (docs/customs-facts.md section 3).
    public static func checkPort(_ p: String) throws(RecordFormatError) {
        guard p.utf8.count == 4, p.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw RecordFormatError("port \(p): should be a 4-digit Schedule D code such as 4103")
        }
    }
}

/// The body of a key enrolment: the new key, its role, and its proof of possession.
public struct EnrollmentBody: Equatable, Sendable {
    public let key: LedgerPublicKey
    public let role: Role
    public let proof: [UInt8]

    public init(key: LedgerPublicKey, role: Role, proof: [UInt8]) {
        self.key = key
        self.role = role
        self.proof = proof
    }

    public init(json: JSONValue) throws(RecordFormatError) {
        let r = try BodyReader(json, kind: "key.enroll", allowed: ["name", "role", "public_key", "key_id", "proof"])
        let name = try r.string("name", maxLength: 100)
        guard let k = try? LedgerPublicKey(rawRepresentation: try r.bytes("public_key", count: 32), name: name) else {
            throw RecordFormatError("key.enroll body: public_key is not an Ed25519 key")
        }
        guard try r.string("key_id") == k.keyID else { throw RecordFormatError("key.enroll body: key_id does not match public_key") }
        guard let role = Role(rawValue: try r.string("role")) else {
            throw RecordFormatError("key.enroll body: role should be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        key = k
        self.role = role
        proof = try r.bytes("proof", count: 64)
    }

    public var json: JSONValue {
        ["name": .string(key.name), "role": .string(role.rawValue), "public_key": .string(key.base64),
         "key_id": .string(key.keyID), "proof": .string(Base64.encode(proof))]
    }
}

/// The body of a key revocation. It takes effect from the revocation record's own seq.
public struct RevocationBody: Equatable, Sendable {
    public let keyID: String
    public let name: String
    public let reason: String

    public init(keyID: String, name: String, reason: String) {
        self.keyID = keyID
        self.name = name
        self.reason = reason
    }

    public init(json: JSONValue) throws(RecordFormatError) {
        let r = try BodyReader(json, kind: "key.revoke", allowed: ["key_id", "name", "reason"])
        keyID = try r.hex("key_id", count: 16)
        name = try r.string("name", maxLength: 100)
        reason = try r.string("reason", maxLength: 2000)
    }

    public var json: JSONValue { ["key_id": .string(keyID), "name": .string(name), "reason": .string(reason)] }
}
