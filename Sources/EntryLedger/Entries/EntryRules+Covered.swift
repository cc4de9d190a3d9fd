import LedgerFormat

/// The entry kinds below a supervisor-signed checkpoint (schemas/ledger-format.md section 6):
/// their content rules passed when the supervisor's program verified the ledger before signing
/// it, and their bytes are pinned by its root, so only what later records read is taken from
/// them: the entry number an `entry.add` takes, and which applications (`cargo_release`,
/// `entry_summary`) an added or amended entry has, which the replay re-derivation
/// (``ReplayAudit``) reads. A reduced entry holds only those members (applications as null).
extension EntryRules {
    public func coveredBody(kind: RecordKind, payload: [UInt8], body: Range<Int>) -> JSONValue? {
        if kind == .entryAdd {
            // Canonical JSON sorts names: "entry" comes first in the body, and the entry's
            // "cargo_release", "entry_number" and "entry_summary" before its lines and parties,
            // so only the front of the entry is read. (Bytes that are not canonical change the
            // root, and the check falls back to reading everything.)
            guard let body = JSONSkim.leadingMembers(payload, body, through: "entry"), let entry = body.last, entry.name == "entry",
                  let fields = JSONSkim.leadingMembers(payload, entry.value, through: "entry_summary") else { return nil }
            var reduced: [String: JSONValue] = [:]
            for (name, range) in fields {
                switch name {
                case "entry_number":
                    guard let n = JSONSkim.value(payload, range) else { return nil }
                    reduced[name] = n
                case "cargo_release", "entry_summary": reduced[name] = .null
                default: break
                }
            }
            return .object(["entry": .object(reduced)])
        }
        guard kind == .entryAmend, let members = JSONSkim.members(payload, body) else { return nil }
        var out: [String: JSONValue] = [:]
        for (name, range) in members {
            switch name {
            case "entry":
                // The entry's members by name, only its number with its value.
                guard let fields = JSONSkim.members(payload, range) else { return nil }
                var entry: [String: JSONValue] = [:]
                for (field, value) in fields {
                    if field == "entry_number" {
                        guard let n = JSONSkim.value(payload, value) else { return nil }
                        entry[field] = n
                    } else {
                        entry[field] = .null
                    }
                }
                out[name] = .object(entry)
            case "entry_number":
                guard let n = JSONSkim.value(payload, range) else { return nil }
                out[name] = n
            default:
                break
            }
        }
        return .object(out)
    }

    public func checkCovered(_ h: RecordHeader, kind: RecordKind, state: any LedgerState, genesis: GenesisBody?,
                             into out: inout RecordOutcome) throws {
        switch kind {
        case .entryAdd:
            guard case .object(let e)? = h.body["entry"], let text = e["entry_number"]?.stringValue, let n = try? EntryNumber(parsing: text) else {
                out.add(rule: "entry.number", field: "entry.entry_number", "entry.add body: no valid entry number")
                return
            }
            if let used = try state.entry(number: n.formatted) {
                out.add(rule: "entry.number-used", field: "entry.entry_number", "entry number \(n.formatted): already used by the entry at seq \(used.addedSeq)")
            }
            if out.problems.isEmpty { out.effects.append(.addNumber(n.formatted, seq: h.seq)) }
        case .entryAmend:
            let r = try BodyReader(h.body, kind: kind.rawValue, allowed: ["entry_number", "entry"])
            let n = try EntryBodyReader.number(r)
            guard let e = try state.entry(number: n.formatted) else {
                out.add(rule: "entry.not-found", field: "entry_number", "entry number \(n.formatted): no entry with this number to amend")
                return
            }
            if let v = e.voidedSeq { out.add(rule: "entry.voided", field: "entry_number", "entry number \(n.formatted): the entry was voided at seq \(v) and cannot be amended") }
        default:
            try check(h, kind: kind, state: state, genesis: genesis, into: &out)
        }
    }
}
