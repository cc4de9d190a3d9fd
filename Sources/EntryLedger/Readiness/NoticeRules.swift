/// The notice deadlines, in one table so that each can be corrected in one place.
///
/// - 72 hours from discovery, electronically, naming compromised importer numbers:
///   19 CFR 111.21(b) as amended by "Modernization of the Customs Broker Regulations",
///   87 FR 63267 (October 18, 2022), and CBP's Cyber Incident Guidance for Customs Brokers
///   (April 2023), which says to report any known breach of electronic or physical records
///   relating to customs business, with any known compromised importer identification numbers,
///   to the CBP Security Operations Center within 72 hours (as the guidance is summarised by
///   the trade press, e.g. STR's Trade Report, April 2023) [firm]. The rule itself is
///   ``ComplianceRules`` `cbp-breach-notice`; this table only refers to it.
/// - The updated list within ten business days of the initial notice: 19 CFR 111.21(b) as
///   quoted by secondary sources; the regulation's own text was not at hand to confirm the
///   period or where it starts [check]. Business days skip Saturdays and Sundays; federal
///   holidays are not counted [check].
/// - Importer clients, PGAs, the surety, the software provider and CBP HQ: the guidance says
///   to reach them (frequent status calls with CBP HQ and the PGAs) without a fixed period
///   [firm that they are to be told; no deadline].
public enum NoticeRules {
    public static var breach: DeadlineRule { ComplianceRules.rule("cbp-breach-notice")! }
    public static var soc: DeadlineRule { ComplianceRules.rule("cbp-soc-notice")! }

    /// [check] Ten business days from the initial (72-hour) notice.
    public static let updatedList = DeadlineRule(
        id: "cbp-updated-importer-list", title: "Send CBP the updated list of compromised importer numbers",
        source: "19 CFR 111.21(b), 87 FR 63267 (2022) [check: ten business days from the initial notice]",
        start: .discovery, period: .workingDays(10), warnBeforeSeconds: 2 * 86400,
        metBy: { $0.party.isCBP && $0.channel.isElectronic && $0.summary.contains(NoticeKind.update.tag) })
}
