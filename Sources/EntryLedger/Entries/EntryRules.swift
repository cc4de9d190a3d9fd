import LedgerFormat

extension RecordKind {
    /// A range of entry numbers set aside for downtime (supervisor).
    public static let numbersReserve = RecordKind("numbers.reserve")
    /// A new customs entry.
    public static let entryAdd = RecordKind("entry.add")
    /// A complete new version of an entry, with the reason.
    public static let entryAmend = RecordKind("entry.amend")
    /// An entry withdrawn; its number is never used again.
    public static let entryVoid = RecordKind("entry.void")
    /// CBP's manual release of an entry's cargo.
    public static let entryRelease = RecordKind("entry.release")
}

/// The rules of the entry kinds: every field valid, one entry number one entry (ever),
/// amendments, voids and releases only of entries that exist and are not voided, reserved
/// ranges that carry the ledger's filer code and do not overlap.
public struct EntryRules: RecordKindRules {
    public init() {}

    public var kinds: [RecordKind: Set<Role>] {
        [.numbersReserve: [.supervisor], .entryAdd: [.supervisor, .clerk], .entryAmend: [.supervisor, .clerk],
         .entryVoid: [.supervisor, .clerk], .entryRelease: [.supervisor, .clerk]]
    }

    public func check(_ h: RecordHeader, kind: RecordKind, state: any LedgerState, genesis: GenesisBody?,
                      into out: inout RecordOutcome) throws {
        let filer = genesis?.filer
        func existing(_ n: EntryNumber, doing what: String) throws -> EntryIndex? {
            guard let e = try state.entry(number: n.formatted) else {
                out.add(rule: "entry.not-found", field: "entry_number", "entry number \(n.formatted): no entry with this number to \(what)")
                return nil
            }
            if let v = e.voidedSeq { out.add(rule: "entry.voided", field: "entry_number", "entry number \(n.formatted): the entry was voided at seq \(v) and cannot be \(["void": "voided again", "amend": "amended", "release": "released"][what] ?? what + "d")") }
            return e
        }
        switch kind {
        case .entryAdd:
            let checked: EntryRecordCheck.Result
            let prechecked = h.prechecked as? PrecheckedEntry
            if h.canonicalBody != nil, let known = prechecked?.result(filer: filer, time: h.time, bodyRulesVersion: Int64(CustomsRules.version)) {
                // Written by EntryRecordBodies.add(checked:) from the entry checked for this very
                // record: its members are `entry` and the current `rules_version`; not read again.
                checked = known
            } else {
                let r = try BodyReader(h.body, kind: kind.rawValue, allowed: ["entry", "rules_version"])
                // Built by the append path from an entry it checked for this very record: not read again.
                checked = prechecked?.result(filer: filer, time: h.time, bodyRulesVersion: r.object["rules_version"]?.intValue)
                    ?? EntryRecordCheck.check(body: h.body, kind: kind.rawValue, filer: filer, recordTime: h.time)
            }
            out.problems += checked.problems + EntryBodyReader.personalDataProblems(checked.entry, kind: kind.rawValue, key: genesis?.personalDataKey)
            out.notices += checked.notices
            guard let entry = checked.entry else { return }
            let n = entry.entryNumber.formatted
            if let used = try state.entry(number: n) {
                out.add(rule: "entry.number-used", field: "entry.entry_number", "entry number \(n): already used by the entry at seq \(used.addedSeq)\(used.voidedSeq != nil ? " (voided, and a voided number is never reused)" : ""); a duplicate entry number is fatal in ACE")
            }
            if out.problems.isEmpty { out.effects.append(.addNumber(n, seq: h.seq)) }
        case .entryAmend:
            let r = try BodyReader(h.body, kind: kind.rawValue, allowed: ["entry_number", "entry", "reason", "rules_version"])
            let n = try EntryBodyReader.number(r)
            _ = try r.string("reason", maxLength: 2000)
            let checked = (h.prechecked as? PrecheckedEntry)?.result(filer: filer, time: h.time, bodyRulesVersion: r.object["rules_version"]?.intValue)
                ?? EntryRecordCheck.check(body: h.body, kind: kind.rawValue, filer: filer, recordTime: h.time)
            out.problems += checked.problems + EntryBodyReader.personalDataProblems(checked.entry, kind: kind.rawValue, key: genesis?.personalDataKey)
            out.notices += checked.notices
            let entry = checked.entry
            if let entry, entry.entryNumber != n {
                out.add(rule: "entry.amend-number", field: "entry.entry_number", "entry number \(entry.entryNumber.formatted): an amendment of \(n.formatted) must keep its entry number")
            }
            _ = try existing(n, doing: "amend")
        case .entryVoid:
            let r = try BodyReader(h.body, kind: kind.rawValue, allowed: ["entry_number", "reason"])
            let n = try EntryBodyReader.number(r)
            _ = try r.string("reason", maxLength: 2000)
            if try existing(n, doing: "void") != nil, out.problems.isEmpty { out.effects.append(.voidNumber(n.formatted, seq: h.seq)) }
        case .entryRelease:
            let r = try BodyReader(h.body, kind: kind.rawValue, allowed: ["entry_number", "date", "port", "reference"])
            let n = try EntryBodyReader.number(r)
            out.problems += EntryRelease.problems(date: try r.string("date"), port: try r.string("port"), reference: try r.string("reference", nonEmpty: false))
            _ = try existing(n, doing: "release")
        case .numbersReserve:
            let r = try BodyReader(h.body, kind: kind.rawValue, allowed: ["first", "last", "reason"])
            _ = try r.string("reason", nonEmpty: false, maxLength: 2000)
            let firstText = try r.string("first"), lastText = try r.string("last")
            guard let first = try? EntryNumber(parsing: firstText), let last = try? EntryNumber(parsing: lastText),
                  first.formatted == firstText, last.formatted == lastText else {
                out.add(rule: "numbers.reserve-shape", "numbers.reserve body: first and last should be entry numbers written FFF-NNNNNNN-C")
                return
            }
            if let filer, first.filerCode != filer || last.filerCode != filer {
                out.add(rule: "numbers.reserve-filer", "reserved range \(first.formatted) to \(last.formatted): entry numbers must carry this ledger's filer code \(filer)")
            }
            guard let range = try? EntryNumberRange(filerCode: first.filerCode, first: first.serial, last: last.serial), first.filerCode == last.filerCode else {
                out.add(rule: "numbers.reserve-order", "reserved range \(first.formatted) to \(last.formatted): first must not come after last, with one filer code")
                return
            }
            if let overlap = try state.reservedRanges().first(where: { $0.filerCode == range.filerCode && $0.first <= range.last && range.first <= $0.last }) {
                out.add(rule: "numbers.reserve-overlap", "reserved range \(first.formatted) to \(last.formatted) overlaps the range reserved earlier (serials \(overlap.first) to \(overlap.last))")
            }
            if out.problems.isEmpty { out.effects.append(.addRange(range.row, seq: h.seq)) }
        default:
            break
        }
    }
}

extension LedgerState {
    /// Where an entry number stands, if it was used.
    package func entry(number: String) throws -> EntryIndex? {
        try numberRow(number).map { EntryIndex(number: $0.number, addedSeq: $0.addedSeq, voidedSeq: $0.voidedSeq) }
    }

    /// The reserved ranges of entry numbers recorded so far.
    package func reservedRanges() throws -> [EntryNumberRange] {
        try rangeRows().compactMap { try? EntryNumberRange(filerCode: $0.group, first: Int($0.first), last: Int($0.last)) }
    }
}

extension EntryNumberRange {
    /// The range as the state's generic range row.
    var row: RangeRow { RangeRow(group: filerCode, first: Int64(first), last: Int64(last)) }
}

/// Where an entry number stands in the ledger.
package struct EntryIndex: Equatable, Sendable {
    package let number: String
    package let addedSeq: Int64
    package var voidedSeq: Int64?

    package init(number: String, addedSeq: Int64, voidedSeq: Int64? = nil) {
        self.number = number
        self.addedSeq = addedSeq
        self.voidedSeq = voidedSeq
    }
}
