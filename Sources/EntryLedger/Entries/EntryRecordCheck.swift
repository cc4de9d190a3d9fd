import LedgerFormat

/// The one check the record rules make on the entry of an `entry.add` or `entry.amend` body,
/// with the customs rules version the body names (`rules_version`, absent = 1):
///
/// - names the current version: every problem under the current rules is a **problem** (the
///   record was written past the rules it claims);
/// - names an older version: the entry must still read under that version's rules (else a
///   problem); what the current rules find is a **notice**, reported but never a failed
///   verification (the rules changed after the record was written);
/// - names a newer version than this program knows: notices only (this program cannot judge).
///
/// An append refuses a record with notices, so new records are always checked under the
/// current rules.
public enum EntryRecordCheck {
    public struct Result: Sendable {
        /// The entry, when it reads (under its own rules version).
        public var entry: CustomsEntry?
        public var problems: [Problem] = []
        public var notices: [Problem] = []
    }

    /// `body` is the record's body object, `recordTime` its header time (RFC 3339, UTC).
    public static func check<N: JSONReadable>(body: N, kind: String, filer: String?, recordTime: String) -> Result {
        var result = Result()
        let current = CustomsRules.version
        var version = 1
        if let v = body["rules_version"] {
            guard let n = v.intValue, n >= 1, n <= 1_000 else {
                result.problems.append(Problem(field: "rules_version", value: EntryDecoder.show(v), rule: "entry." + EntryRule.rulesVersion.rawValue,
                                               "\(kind) body: rules_version should be a whole number of at least 1, found \(EntryDecoder.show(v))"))
                return result
            }
            version = Int(n)
        }
        guard let value = body["entry"] else {
            result.problems.append(Problem(field: "entry", rule: "entry.required", "\(kind) body: entry is missing"))
            return result
        }
        let recordDate = CustomsDate.isValid(String(recordTime.prefix(10))) ? String(recordTime.prefix(10)) : nil
        if version == current {
            let (entry, problems) = EntryValidator.check(value, ledgerFilerCode: filer, rulesVersion: current, recordDate: recordDate)
            result.entry = entry
            result.problems = problems.map(\.problem)
            return result
        }
        /// A finding of the current rules, kept apart as a notice.
        func notice(_ p: EntryProblem, _ prefix: String) -> Problem {
            Problem(field: p.path, value: p.value, rule: "entry." + p.rule.rawValue, prefix + p.description)
        }
        if version > current {
            let (entry, problems) = EntryValidator.check(value, ledgerFilerCode: filer, rulesVersion: current, recordDate: recordDate)
            result.entry = entry
            result.notices.append(Problem(field: "rules_version", value: String(version), rule: "entry." + EntryRule.rulesVersion.rawValue,
                                          "entry checked under customs rules version \(version), newer than this program's (\(current)): its content was not checked against those rules"))
            result.notices += problems.map { notice($0, "under rules version \(current): ") }
            return result
        }
        let (entry, problems) = EntryValidator.check(value, ledgerFilerCode: filer, rulesVersion: version, recordDate: recordDate)
        result.entry = entry
        result.problems = problems.map(\.problem)
        if entry != nil {
            let (_, findings) = EntryValidator.check(value, ledgerFilerCode: filer, rulesVersion: current, recordDate: recordDate)
            result.notices = findings.map { notice($0, "checked under customs rules version \(version); rules version \(current) finds: ") }
        }
        return result
    }
}

/// An entry the append path checked against every rule under the current rules version, for
/// the ledger's rule check of the `entry.add` record built from it (``RecordHeader/prechecked``):
/// the body is made from this very value (``EntryRecordBodies/add(checked:filer:time:)``), so
/// the rule check does not read and check it a second time. Verify never has one: it reads
/// every body from its bytes.
struct PrecheckedEntry: Sendable {
    let entry: CustomsEntry
    /// The filer code and record time it was checked against.
    let filer: String
    let time: String
    let rulesVersion: Int

    /// The check's result, when it was made for exactly this record (same filer, time and
    /// rules version); nil means: check the body.
    func result(filer: String?, time: String, bodyRulesVersion: Int64?) -> EntryRecordCheck.Result? {
        guard filer == self.filer, time == self.time, rulesVersion == CustomsRules.version, bodyRulesVersion == Int64(rulesVersion) else { return nil }
        return EntryRecordCheck.Result(entry: entry)
    }
}
