/// Where the office stands on the "prevent and protect" pillar of CBP's *Cyber Incident
/// Guidance for Customs Brokers* (April 2023): each item OK, DUE (coming due soon), OVERDUE or
/// MISSING, and why. `entryledger readiness` prints it and exits 1 when anything is overdue or
/// missing, so it can run from cron.
///
/// ```swift
/// let report = Readiness.evaluate(profile, asOf: "2026-11-29")
/// if !report.ready { print(report.items.filter { !$0.state.isFine }) }
/// ```
public enum Readiness {
    public enum State: String, Sendable {
        case ok = "OK", due = "DUE", overdue = "OVERDUE", missing = "MISSING"
        /// OK or DUE: nothing for cron to complain about yet.
        public var isFine: Bool { self == .ok || self == .due }
    }

    public struct Item: Sendable {
        public let id: String
        public let title: String
        public let state: State
        public let why: String
        /// When it falls (or fell) due, `YYYY-MM-DD`, for dated items.
        public let due: String?
        public let source: String

        public var json: JSONValue {
            var o: [String: JSONValue] = ["id": .string(id), "title": .string(title), "state": .string(state.rawValue), "why": .string(why), "source": .string(source)]
            if let due { o["due"] = .string(due) }
            return .object(o)
        }
    }

    public struct Report: Sendable {
        public let asOf: String
        public let items: [Item]
        /// Nothing overdue or missing.
        public var ready: Bool { items.allSatisfy(\.state.isFine) }

        public var json: JSONValue {
            ["as_of": .string(asOf), "ready": .bool(ready), "items": .array(items.map(\.json))]
        }
    }

    /// Each dated item: how long it stays good and how early `readiness` starts to say DUE.
    /// The ISA's three years are CBP's (the guidance: "at least every three years") [firm].
    /// The guidance asks for policies reviewed "frequently", regular vulnerability scans, due
    /// diligence on IT providers and frequent backups without a period: the yearly and
    /// quarterly periods below are EntryLedger's choice, to be set by the office's own policy.
    public struct Period: Sendable {
        public let years: Int
        public let days: Int
        public let warnDays: Int
        public let source: String
    }

    public static let guidance = "CBP, Cyber Incident Guidance for Customs Brokers (April 2023), Prevent & Protect"

    public static let isa = Period(years: 3, days: 0, warnDays: 60, source: guidance + ": ISA renewed at least every three years [firm]")
    public static let policyReview = Period(years: 1, days: 0, warnDays: 60, source: guidance + ": policies reviewed frequently; yearly is EntryLedger's default [our choice]")
    public static let quarterly = Period(years: 0, days: 92, warnDays: 30, source: guidance + ": regular scans and tested backups; a quarter is EntryLedger's default [our choice]")

    /// The policies and plans the guidance asks for, by the id the profile gives them.
    public static let requiredPolicies: [(id: String, title: String, why: String)] = [
        ("cybersecurity", "Written cybersecurity policies and procedures (e.g. NIST Cybersecurity Framework)", "written policies, followed and reviewed often"),
        ("communication-plan", "Communication plan: whom to notify, when, with what", "a plan naming whom to notify (CBP, PGAs, importers, vendors), when, and what to share"),
        ("pga-verification", "Plan to verify clients' PGA requirements without system access", "a way to check PGA requirements when the broker's own systems are down"),
    ]

    /// The contacts the communication plan needs, by role.
    public static let requiredContacts: [(Party, String)] = [
        (.cbpSOC, "CBP Security Operations Center (notify at once, 24/7)"),
        (.cbpClientRep, "CBP client representative(s)"),
        (.cbpPort, "CBP at the port(s)"),
        (.cbpHQ, "CBP headquarters (status calls)"),
        (.pga, "Partner Government Agencies the clients need"),
        (.surety, "Surety"),
        (.softwareProvider, "Software provider"),
        (.importer, "Importer clients, with their importer numbers"),
    ]

    static func days(_ date: String) -> Int64? { Timestamp.parse(date + "T00:00:00Z").map { $0 / 86400 } }

    static func date(fromDays d: Int64) -> String { String(Timestamp.format(unixSeconds: d * 86400).prefix(10)) }

    /// `date` plus a period: whole calendar years (29 February becomes 1 March), then days.
    static func add(_ p: Period, to date: String) -> String? {
        guard let (y, m, d) = CustomsDate.parse(date) else { return nil }
        var year = y + p.years, day = d, month = m
        if !CalendarDate.isValid(year: year, month: month, day: day) { month = 3; day = 1 }
        if year > 9999 { year = 9999 }
        let base = Timestamp.days(fromCivil: Int64(year), Int64(month), Int64(day))
        return Readiness.date(fromDays: base + Int64(p.days))
    }

    /// A dated item: MISSING without a date, else OK, DUE (within the warning window) or OVERDUE.
    static func dated(_ id: String, _ title: String, last: String?, _ p: Period, asOf: Int64, what: String) -> Item {
        guard let last, let dueDate = add(p, to: last), let due = days(dueDate) else {
            return Item(id: id, title: title, state: .missing, why: "no date for \(what) in the profile", due: nil, source: p.source)
        }
        let span = p.years > 0 ? "\(p.years) year\(p.years == 1 ? "" : "s")" : "\(p.days) days"
        if asOf > due {
            return Item(id: id, title: title, state: .overdue, why: "\(what) \(last) is older than \(span): it was due again by \(dueDate), \(asOf - due) day(s) ago", due: dueDate, source: p.source)
        }
        if due - asOf <= Int64(p.warnDays) {
            return Item(id: id, title: title, state: .due, why: "\(what) \(last): due again by \(dueDate), in \(due - asOf) day(s)", due: dueDate, source: p.source)
        }
        return Item(id: id, title: title, state: .ok, why: "\(what) \(last); next by \(dueDate)", due: dueDate, source: p.source)
    }

    /// Every item of the list, as of a date (`YYYY-MM-DD`).
    public static func evaluate(_ profile: OfficeProfile, asOf: String) -> Report {
        let today = days(asOf) ?? 0
        var items: [Item] = []
        for (id, title, what) in requiredPolicies {
            let p = profile.policy(id)
            if p == nil {
                items.append(Item(id: "policy-\(id)", title: title, state: .missing, why: "no policy with id \"\(id)\" in the profile: \(what)", due: nil, source: policyReview.source))
            } else {
                items.append(dated("policy-\(id)", title, last: p?.lastReview, policyReview, asOf: today, what: "last reviewed"))
            }
        }
        items.append(dated("vulnerability-scan", "Vulnerability scans of the IT infrastructure", last: profile.lastVulnerabilityScan, quarterly, asOf: today, what: "last scan"))
        items.append(dated("provider-diligence", "Due diligence on IT service providers' security", last: profile.lastProviderReview, policyReview, asOf: today, what: "last review"))
        if profile.transmitsDirectlyToACE {
            items.append(dated("isa", "Interconnection Security Agreement (ISA) with CBP", last: profile.isaSigned, isa, asOf: today, what: "ISA signed"))
        } else {
            items.append(Item(id: "isa", title: "Interconnection Security Agreement (ISA) with CBP", state: .ok,
                              why: "not needed: the profile says the office does not transmit directly to ACE", due: nil, source: isa.source))
        }
        var gaps: [String] = []
        if profile.backupLocation == nil { gaps.append("no off-site location named") }
        if !profile.backupEncrypted { gaps.append("not marked encrypted") }
        if !profile.backupOffSite { gaps.append("not marked off-site (or cloud)") }
        if !profile.backupSeparateNetwork { gaps.append("not on a separate network") }
        items.append(Item(id: "backups", title: "Encrypted backups kept off-site, on a separate network",
                          state: gaps.isEmpty ? .ok : .missing,
                          why: gaps.isEmpty ? "encrypted, off-site at \(profile.backupLocation ?? "")" : gaps.joined(separator: "; "),
                          due: nil, source: guidance + " [firm]"))
        items.append(dated("restore-test", "A restore from the off-site backup, tested", last: profile.lastRestoreTest, quarterly, asOf: today, what: "last restore test"))
        for (party, title) in requiredContacts {
            let found = profile.contacts(party).filter { party != .importer || !$0.importerNumbers.isEmpty }
            let id = "contact-\(party.rawValue)"
            if found.isEmpty {
                items.append(Item(id: id, title: "Contact: \(title)", state: .missing,
                                  why: party == .importer ? "no importer client with importer numbers in the profile" : "no \(party.rawValue) contact in the profile",
                                  due: nil, source: guidance + ", Communicate [firm]"))
            } else {
                items.append(Item(id: id, title: "Contact: \(title)", state: .ok, why: found.map(\.name).joined(separator: "; "), due: nil, source: guidance + ", Communicate [firm]"))
            }
        }
        let sup = profile.people.filter { $0.role == .supervisor }, clerks = profile.people.filter { $0.role == .clerk }
        let missingPeople = (sup.isEmpty ? ["no supervisor"] : []) + (clerks.isEmpty ? ["no clerk"] : [])
        items.append(Item(id: "people", title: "People who may be the supervisor or clerks", state: missingPeople.isEmpty ? .ok : .missing,
                          why: missingPeople.isEmpty ? "supervisor \(sup.map(\.name).joined(separator: ", ")); clerks \(clerks.map(\.name).joined(separator: ", "))" : missingPeople.joined(separator: "; "),
                          due: nil, source: "EntryLedger: the people who sign the outage ledger"))
        return Report(asOf: asOf, items: items)
    }
}
