import Foundation

/// The office's own plan, kept apart from any incident ledger: who the broker is, whom to call,
/// when the ISA was signed, which policies exist and when they were last reviewed, where the
/// off-site backups go, and who may be a clerk or the supervisor. `schemas/office-profile.schema.json`
/// describes the file; `samples/office-profile.json` is a complete one.
///
/// ```swift
/// let profile = try OfficeProfile.load(path: "entryledger-office.json")
/// let soc = profile.contacts(.cbpSOC).first
/// ```
public struct OfficeProfile: Equatable, Sendable {
    public static let format = "entryledger-office-profile"
    /// `./entryledger-office.json` unless `--profile` says otherwise.
    public static let defaultPath = "entryledger-office.json"
    /// A profile is a small file: anything larger is refused before it is parsed.
    public static let maxBytes = 1 << 20

    /// A person or desk to notify. Roles are the communication parties of the ledger.
    public struct Contact: Equatable, Sendable {
        public var role: Party
        /// The person, desk, agency or company: "CBP Security Operations Center", "FDA", "Pacific Rim Outfitters".
        public var name: String
        public var phone: String?
        public var email: String?
        /// Importer clients: their importer numbers, to match the numbers an incident exposes.
        public var importerNumbers: [String]
        /// CBP port contacts: the port's 4-digit code.
        public var port: String?
        public var note: String?

        public init(role: Party, name: String, phone: String? = nil, email: String? = nil, importerNumbers: [String] = [], port: String? = nil, note: String? = nil) {
            self.role = role
            self.name = name
            self.phone = phone
            self.email = email
            self.importerNumbers = importerNumbers
            self.port = port
            self.note = note
        }

        /// "J. Ortiz <j.ortiz@cbp.example>, +1 ..."
        public var reach: String {
            [email.map { "<\($0)>" }, phone].compactMap { $0 }.joined(separator: ", ")
        }
    }

    /// A written policy or plan and the date it was last reviewed.
    public struct Policy: Equatable, Sendable {
        public var id: String
        public var title: String
        public var framework: String?
        public var lastReview: String
    }

    /// Someone who may sign the ledger: a clerk or the supervisor (the licensed broker).
    public struct Person: Equatable, Sendable {
        public enum Role: String, Sendable { case supervisor, clerk }
        public var name: String
        public var role: Role
        /// Their public key file (from `entryledger key new`), relative to the profile's folder or absolute.
        public var publicKey: String?
    }

    public var broker: String
    public var filer: String
    public var ports: [String]
    public var contacts: [Contact]
    /// The Interconnection Security Agreement with CBP: the date it was signed, and whether the
    /// office transmits directly to ACE (the ISA is needed only then).
    public var isaSigned: String?
    public var transmitsDirectlyToACE: Bool
    public var policies: [Policy]
    public var lastVulnerabilityScan: String?
    public var lastProviderReview: String?
    public var backupLocation: String?
    public var backupEncrypted: Bool
    public var backupOffSite: Bool
    public var backupSeparateNetwork: Bool
    public var lastRestoreTest: String?
    public var people: [Person]

    public func contacts(_ role: Party) -> [Contact] { contacts.filter { $0.role == role } }

    /// The contact whose name is `name` (case-insensitive), if any.
    public func contact(named name: String) -> Contact? {
        contacts.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// The importer client holding an importer number.
    public func importer(number: String) -> Contact? {
        contacts(.importer).first { $0.importerNumbers.contains(number) }
    }

    /// The policy with an id, if written down.
    public func policy(_ id: String) -> Policy? { policies.first { $0.id == id } }

    // MARK: reading

    /// Reads and checks a profile. Every problem is reported at once, each naming its JSON path,
    /// the value and the rule (`LedgerError.invalidInput`, exit code 2).
    public static func load(path: String) throws -> OfficeProfile {
        guard let fh = FileHandle(forReadingAtPath: path) else {
            throw LedgerError.invalidInput(["office profile \(path): cannot be read (no such file, or permission denied); make one from samples/office-profile.json"])
        }
        defer { try? fh.close() }
        let data = (try? fh.read(upToCount: maxBytes + 1)) ?? Data()
        guard data.count <= maxBytes else { throw LedgerError.invalidInput(["office profile \(path): larger than \(maxBytes) bytes"]) }
        let json: JSONValue
        do { json = try JSONReader.parse([UInt8](data)) } catch {
            throw LedgerError.invalidInput(["office profile \(path): not JSON: \(error)"])
        }
        do { return try OfficeProfile(json: json) } catch let LedgerError.invalidInput(problems) {
            throw LedgerError.invalidInput(problems.map { "office profile \(path): \($0)" })
        }
    }

    public init(json: JSONValue) throws {
        var r = ProfileReader()
        let root = r.object(json, "", allowed: ["$schema", "format", "version", "broker", "filer", "ports", "contacts", "isa", "policies", "security", "backups", "people"])
        if r.string(root, "format", "") != Self.format { r.problem("format", root["format"], "should be \"\(Self.format)\"") }
        if root["version"]?.intValue != 1 { r.problem("version", root["version"], "should be 1") }
        broker = r.string(root, "broker", "", maxLength: 200) ?? ""
        filer = r.string(root, "filer", "") ?? ""
        if root["filer"]?.stringValue != nil { r.check("filer", filer) { try GenesisBody.checkFiler($0) } }
        ports = r.strings(root, "ports", "", minCount: 1)
        for (i, p) in ports.enumerated() { r.check("ports[\(i)]", p) { try GenesisBody.checkPort($0) } }

        contacts = []
        for (i, c) in r.array(root, "contacts", "").enumerated() {
            let at = "contacts[\(i)]"
            let o = r.object(c, at, allowed: ["role", "name", "phone", "email", "importer_numbers", "port", "note"])
            let roleText = r.string(o, "role", at)
            let role = roleText.flatMap(Party.init(rawValue:))
            if roleText != nil, role == nil || role == .other {
                r.problem("\(at).role", o["role"], "should be one of \(Party.allCases.filter { $0 != .other }.map(\.rawValue).joined(separator: ", "))")
            }
            let name = r.string(o, "name", at, maxLength: 200) ?? ""
            let phone = r.optionalString(o, "phone", at, maxLength: 50)
            let email = r.optionalString(o, "email", at, maxLength: 200)
            if let email, !Self.looksLikeEmail(email) { r.problem("\(at).email", o["email"], "should be an e-mail address such as soc@cbp.example") }
            if phone == nil, email == nil, o["phone"] == nil, o["email"] == nil { r.problem(at, nil, "needs a phone or an email (how to reach \(name.isEmpty ? "them" : name))") }
            let numbers = o["importer_numbers"] == nil ? [] : r.strings(o, "importer_numbers", at, minCount: 1)
            if !numbers.isEmpty, role != .importer { r.problem("\(at).importer_numbers", o["importer_numbers"], "only importer contacts carry importer numbers") }
            let port = r.optionalString(o, "port", at, maxLength: 4)
            if let port { r.check("\(at).port", port) { try GenesisBody.checkPort($0) } }
            let note = r.optionalString(o, "note", at, maxLength: 2000)
            if let role { contacts.append(Contact(role: role, name: name, phone: phone, email: email, importerNumbers: numbers, port: port, note: note)) }
        }

        let isa = r.optionalObject(root, "isa", allowed: ["signed", "direct_to_ace"])
        isaSigned = isa.flatMap { r.optionalDate($0, "signed", "isa") }
        transmitsDirectlyToACE = isa.flatMap { r.optionalBool($0, "direct_to_ace", "isa") } ?? true

        policies = []
        var ids = Set<String>()
        for (i, p) in r.array(root, "policies", "").enumerated() {
            let at = "policies[\(i)]"
            let o = r.object(p, at, allowed: ["id", "title", "framework", "last_review"])
            let id = r.string(o, "id", at, maxLength: 100) ?? ""
            if !id.isEmpty, !ids.insert(id).inserted { r.problem("\(at).id", o["id"], "is used by an earlier policy; each id once") }
            let title = r.string(o, "title", at, maxLength: 200) ?? ""
            let framework = r.optionalString(o, "framework", at, maxLength: 200)
            let review = r.date(o, "last_review", at) ?? ""
            policies.append(Policy(id: id, title: title, framework: framework, lastReview: review))
        }

        let sec = r.optionalObject(root, "security", allowed: ["last_vulnerability_scan", "last_provider_review"])
        lastVulnerabilityScan = sec.flatMap { r.optionalDate($0, "last_vulnerability_scan", "security") }
        lastProviderReview = sec.flatMap { r.optionalDate($0, "last_provider_review", "security") }

        let b = r.optionalObject(root, "backups", allowed: ["location", "encrypted", "off_site", "separate_network", "last_restore_test"])
        backupLocation = b.flatMap { r.optionalString($0, "location", "backups", maxLength: 500) }
        backupEncrypted = b.flatMap { r.optionalBool($0, "encrypted", "backups") } ?? false
        backupOffSite = b.flatMap { r.optionalBool($0, "off_site", "backups") } ?? false
        backupSeparateNetwork = b.flatMap { r.optionalBool($0, "separate_network", "backups") } ?? false
        lastRestoreTest = b.flatMap { r.optionalDate($0, "last_restore_test", "backups") }

        people = []
        var names = Set<String>()
        for (i, p) in r.array(root, "people", "").enumerated() {
            let at = "people[\(i)]"
            let o = r.object(p, at, allowed: ["name", "role", "public_key"])
            let name = r.string(o, "name", at, maxLength: 100) ?? ""
            if !name.isEmpty, !names.insert(name).inserted { r.problem("\(at).name", o["name"], "is listed twice") }
            let roleText = r.string(o, "role", at)
            let role = roleText.flatMap(Person.Role.init(rawValue:))
            if roleText != nil, role == nil { r.problem("\(at).role", o["role"], "should be supervisor or clerk") }
            let key = r.optionalString(o, "public_key", at, maxLength: 1000)
            if let role { people.append(Person(name: name, role: role, publicKey: key)) }
        }
        guard r.problems.isEmpty else { throw LedgerError.invalidInput(r.problems) }
    }

    static func looksLikeEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !s.contains(where: { $0 == " " || $0 == "<" || $0 == ">" })
    }

    // MARK: writing

    public var json: JSONValue {
        var o: [String: JSONValue] = [
            "format": .string(Self.format), "version": 1, "broker": .string(broker), "filer": .string(filer),
            "ports": .array(ports.map { .string($0) }),
            "contacts": .array(contacts.map { c in
                var x: [String: JSONValue] = ["role": .string(c.role.rawValue), "name": .string(c.name)]
                if let v = c.phone { x["phone"] = .string(v) }
                if let v = c.email { x["email"] = .string(v) }
                if !c.importerNumbers.isEmpty { x["importer_numbers"] = .array(c.importerNumbers.map { .string($0) }) }
                if let v = c.port { x["port"] = .string(v) }
                if let v = c.note { x["note"] = .string(v) }
                return .object(x)
            }),
            "policies": .array(policies.map { p in
                var x: [String: JSONValue] = ["id": .string(p.id), "title": .string(p.title), "last_review": .string(p.lastReview)]
                if let f = p.framework { x["framework"] = .string(f) }
                return .object(x)
            }),
            "people": .array(people.map { p in
                var x: [String: JSONValue] = ["name": .string(p.name), "role": .string(p.role.rawValue)]
                if let k = p.publicKey { x["public_key"] = .string(k) }
                return .object(x)
            }),
        ]
        var isa: [String: JSONValue] = ["direct_to_ace": .bool(transmitsDirectlyToACE)]
        if let isaSigned { isa["signed"] = .string(isaSigned) }
        o["isa"] = .object(isa)
        var sec: [String: JSONValue] = [:]
        if let v = lastVulnerabilityScan { sec["last_vulnerability_scan"] = .string(v) }
        if let v = lastProviderReview { sec["last_provider_review"] = .string(v) }
        o["security"] = .object(sec)
        var b: [String: JSONValue] = ["encrypted": .bool(backupEncrypted), "off_site": .bool(backupOffSite), "separate_network": .bool(backupSeparateNetwork)]
        if let v = backupLocation { b["location"] = .string(v) }
        if let v = lastRestoreTest { b["last_restore_test"] = .string(v) }
        o["backups"] = .object(b)
        return .object(o)
    }

    /// Writes the profile whole or not at all (canonical JSON and a newline).
    public func write(to path: String) throws {
        var bytes = try CanonicalJSON.encode(json)
        bytes.append(0x0A)
        try AtomicFile.write(bytes, to: path, existing: .replace)
    }
}
