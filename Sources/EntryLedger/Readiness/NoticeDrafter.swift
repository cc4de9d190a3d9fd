/// Drafts each notice from the ledger's own records (the incident, its communications, the
/// entries) and the office profile's contacts. Nothing is sent or recorded: the supervisor
/// reviews the text, sends it, then logs it (`incident notice --sent`).
///
/// ```swift
/// let d = try NoticeDrafter.draft(.breach, to: .cbpClientRep, ledger: ledger, profile: profile, now: now)
/// print(d.text)
/// ```
public enum NoticeDrafter {
    /// - Parameters:
    ///   - importers: importer numbers to name besides those the incident record holds (the
    ///     updated list), or, for an importer's notice, which importer it is for.
    ///   - name: the recipient when the profile has none (or to pick one of several).
    public static func draft(_ kind: NoticeKind, to party: Party, ledger: Ledger, profile: OfficeProfile?, now: Int64,
                             importers: [String] = [], name: String? = nil) throws -> NoticeDraft {
        let t = try IncidentTimeline.load(ledger)
        guard let opened = t.opened else {
            throw LedgerError.invalidInput(["no incident is open in \(ledger.store.path): notices are drafted from the incident record (`entryledger incident open`)"])
        }
        let g = ledger.genesis
        var contact: OfficeProfile.Contact?
        if let name { contact = profile?.contact(named: name) } else if kind == .importer, let n = importers.first {
            contact = profile?.importer(number: n)
        } else { contact = profile?.contacts(party).first }
        if let c = contact, c.role != party {
            throw LedgerError.invalidInput(["--name \(c.name): the profile lists them as \(c.role.rawValue), not \(party.rawValue)"])
        }
        if kind == .importer, party != .importer { throw LedgerError.invalidInput(["--kind importer goes with --to importer"]) }
        if [.breach, .update].contains(kind), !party.isCBP {
            throw LedgerError.invalidInput(["--kind \(kind.rawValue) is a notice to CBP: give --to cbp-soc or cbp-client-rep"])
        }
        let recipient = contact?.name ?? name
        let discovered = Timestamp.parse(opened.body.discoveredAt) ?? now
        let exposed = opened.body.exposedImporters
        let records = try ledger.store.count()
        let book = try EntryBook.load(ledger)
        let drillLine = g.drill ? ["*** DRILL: practice notice from a drill ledger. Do not send. ***", ""] : []
        let office = "\(g.broker) (filer code \(g.filer), port \(g.port)\(profile.map { $0.ports.count > 1 ? "; ports \($0.ports.joined(separator: ", "))" : "" } ?? ""))"
        var lines: [String] = drillLine
        lines.append("DRAFT for \(g.supervisor.name) to review and send. \(kind.title).")
        lines.append("")
        let to = recipient.map { $0 == party.title ? $0 : "\($0), \(party.title)" } ?? party.title
        lines.append("To:      \(to)\(contact.map { $0.reach.isEmpty ? "" : " " + $0.reach } ?? "")")
        if kind == .breach || kind == .update {
            for c in (profile?.contacts(.cbpSOC) ?? []) + (profile?.contacts(.cbpClientRep) ?? []) where c != contact {
                lines.append("Cc:      \(c.name == c.role.title ? c.name : "\(c.name), \(c.role.title)")\(c.reach.isEmpty ? "" : " " + c.reach)")
            }
        }
        lines.append("From:    \(g.supervisor.name), \(office)")
        func at(_ s: Int64) -> String { Timestamp.format(unixSeconds: s).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC") }
        let subject: String
        switch kind {
        case .breach:
            let due = ComplianceRules.due(NoticeRules.breach, from: discovered) ?? discovered
            subject = "Breach of records relating to our customs business: notice under 19 CFR 111.21(b), filer \(g.filer)"
            lines += ["Subject: \(subject)", ""]
            lines.append("1. What happened. \(opened.body.summary)")
            if !opened.body.systems.isEmpty { lines.append("   Systems affected: \(opened.body.systems.joined(separator: ", ")).") }
            lines.append("2. When. We discovered it at \(at(discovered)). This notice is due within 72 hours of discovery,")
            lines.append("   by \(at(due)) (\(now <= due ? "\(DurationWords.words(due - now)) left" : "\(DurationWords.words(now - due)) PAST the deadline") as of \(at(now))).")
            lines.append("3. Importer identification numbers that may be compromised (from our incident record, seq \(opened.seq)):")
            lines += importerLines(exposed + importers.filter { !exposed.contains($0) }, profile)
            lines.append("   We will send an updated list of any further compromised importer numbers within ten business days")
            lines.append("   of this notice, and any other information CBP asks for.")
            lines.append("4. Until we are reconnected we work under CBP's downtime procedures and log every entry, release,")
            lines.append("   amendment and communication in a signed, tamper-evident ledger (origin \(ledger.origin),")
            lines.append("   \(records) records so far, \(book.count) entries). We will send its signed checkpoints to CBP.")
        case .update:
            let initial = t.communications.filter { NoticeRules.breach.metBy($0.body) }.compactMap { Timestamp.parse($0.body.at) }.min()
            subject = "Updated list of compromised importer numbers, 19 CFR 111.21(b), filer \(g.filer)"
            lines += ["Subject: \(subject)", ""]
            if let initial, let due = ComplianceRules.due(NoticeRules.updatedList, from: initial) {
                lines.append("Further to our breach notice of \(at(initial)) (incident discovered \(at(discovered))), this is the updated")
                lines.append("list, due by \(at(due)) (ten business days after that notice).")
            } else {
                lines.append("Our breach notice (incident discovered \(at(discovered))) is not yet logged as sent: send it first.")
            }
            lines.append("Importer identification numbers that may be compromised, all known so far:")
            lines += importerLines(exposed + importers.filter { !exposed.contains($0) }, profile)
        case .importer:
            let theirs = contact.map { c in c.importerNumbers.filter { exposed.contains($0) || importers.contains($0) } } ?? importers
            subject = "Cyber incident at \(g.broker): what it means for your shipments"
            lines += ["Subject: \(subject)", ""]
            lines.append("We discovered a cyber incident at \(at(discovered)): \(opened.body.summary)")
            if theirs.isEmpty {
                lines.append("We have no sign so far that your importer number was exposed; we will tell you at once if that changes.")
            } else {
                lines.append("Your importer number(s) \(theirs.joined(separator: ", ")) may have been exposed. We have reported this to CBP")
                lines.append("under 19 CFR 111.21(b). Please watch for any use of the number you did not expect.")
            }
            lines.append("Your shipments: CBP lets us keep cargo moving under downtime procedures (paper CBP Form 3461 at the")
            lines.append("port). Expect some delay. Filing deadlines are not waived; every entry we file for you is logged")
            lines.append("and will be transmitted to ACE once CBP reconnects us.")
        case .status:
            let released = book.filter { $0.release != nil }.count, voided = book.filter { $0.voided != nil }.count
            subject = "Status of our cyber incident, \(g.broker), filer \(g.filer)"
            lines += ["Subject: \(subject)", ""]
            lines.append("Incident discovered \(at(discovered))\(t.closed != nil ? ", now closed" : ", still open"): \(opened.body.summary)")
            lines.append("Entries logged under downtime procedures: \(book.count) (\(released) released on paper, \(voided) voided).")
            lines.append("Communications logged: \(t.communications.count). Our ledger: origin \(ledger.origin), \(records) records.")
            if party == .pga {
                lines.append("PGA data for shipments under your agency's requirements will be transmitted as soon as CBP reconnects")
                lines.append("us; until then we present what the port asks for on paper.")
            }
            lines.append("Next: we will send the next status update, and tell you at once when CBP authorises reconnection.")
        }
        lines += ["", "\(g.supervisor.name)", "\(g.broker)"]
        return NoticeDraft(kind: kind, party: party, recipient: recipient, subject: subject, text: lines.joined(separator: "\n") + "\n")
    }

    static func importerLines(_ numbers: [String], _ profile: OfficeProfile?) -> [String] {
        guard !numbers.isEmpty else { return ["     none known at this time"] }
        return numbers.map { n in "     \(n)" + (profile?.importer(number: n).map { "  (\($0.name))" } ?? "") }
    }
}
