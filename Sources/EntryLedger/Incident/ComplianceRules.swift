import LedgerFormat
/// The deadlines the broker is held to, in one table so that each can be corrected in one
/// place. The marker in each comment is the confidence `docs/customs-facts.md` gives the fact:
/// [firm] stated by CBP or two sources, [check] unverified.
public struct DeadlineRule: Sendable {
    /// When the rule's clock starts.
    public enum Start: Sendable {
        /// From the incident's time of discovery.
        case discovery
        /// From a conveyance's arrival (per entry).
        case arrival
        /// From the entry's date or its CBP release (per entry).
        case entryOrRelease
    }

    /// How long the rule allows.
    public enum Period: Sendable {
        case hours(Int64)
        case calendarDays(Int64)
        case workingDays(Int64)
        /// "At once": no fixed period; pending until met, and shown as due now.
        case atOnce
    }

    public let id: String
    public let title: String
    public let source: String
    public let start: Start
    public let period: Period
    /// How long before the deadline `status` starts to warn.
    public let warnBeforeSeconds: Int64
    /// For incident deadlines: which communications meet it.
    public let metBy: @Sendable (CommunicationBody) -> Bool
}

/// The deadlines the ledger keeps, each with its source (see `docs/customs-facts.md`).
public enum ComplianceRules {
    /// Every deadline rule. Incident rules are evaluated by `ComplianceClock`; the per-entry
    /// rules are for the entries' status.
    public static let all: [DeadlineRule] = [
        // [firm] 19 CFR 111.21(b): notify CBP electronically within 72 hours of discovering a
        // breach of records relating to customs business, naming compromised importer numbers.
        DeadlineRule(
            id: "cbp-breach-notice", title: "Notify CBP electronically of the breach (19 CFR 111.21(b))",
            source: "19 CFR 111.21(b) [firm]", start: .discovery, period: .hours(72), warnBeforeSeconds: 24 * 3600,
            metBy: { $0.party.isCBP && $0.channel.isElectronic }),
        // [firm] CBP Cyber Incident Guidance: notify the CBP Security Operations Center at once.
        DeadlineRule(
            id: "cbp-soc-notice", title: "Notify the CBP Security Operations Center (at once)",
            source: "CBP Cyber Incident Guidance for Customs Brokers, 2023 [firm]", start: .discovery, period: .atOnce, warnBeforeSeconds: 0,
            metBy: { $0.party == .cbpSOC }),
        // [check] Entry within 15 calendar days of arrival.
        DeadlineRule(
            id: "entry-filing", title: "File the entry within 15 calendar days of arrival",
            source: "19 CFR 142.2(b) [check]", start: .arrival, period: .calendarDays(15), warnBeforeSeconds: 3 * 86400,
            metBy: { _ in false }),
        // [check] Entry summary within 10 working days of entry or release.
        DeadlineRule(
            id: "entry-summary", title: "File the entry summary within 10 working days of entry or release",
            source: "19 CFR 142.12(b) [check]", start: .entryOrRelease, period: .workingDays(10), warnBeforeSeconds: 2 * 86400,
            metBy: { _ in false }),
    ]

    /// The rule with this id, if any.
    public static func rule(_ id: String) -> DeadlineRule? { all.first { $0.id == id } }

    /// The due time of `rule` for a start time (Unix seconds). Working days skip Saturdays and
    /// Sundays (federal holidays are not counted: [check]).
    public static func due(_ rule: DeadlineRule, from start: Int64) -> Int64? {
        switch rule.period {
        case .hours(let h): return start + h * 3600
        case .calendarDays(let d): return start + d * 86400
        case .atOnce: return nil
        case .workingDays(let n):
            var t = start
            var left = n
            while left > 0 {
                t += 86400
                // 1970-01-01 was a Thursday: weekday 0 = Thursday, so 2 = Saturday, 3 = Sunday.
                let weekday = ((t / 86400) % 7 + 7) % 7
                if weekday != 2 && weekday != 3 { left -= 1 }
            }
            return t
        }
    }
}
