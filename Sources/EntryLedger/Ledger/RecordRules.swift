/// The ledger's rules for one record, written once and used twice: an append refuses a record
/// that breaks them, and verify reports every record that does.
///
/// The rules see the record's header and a key directory as it stood just before the record.
/// They do not check the signature: the append path makes it, the verifier checks it.
public enum RecordRules {
    public struct Outcome: Sendable {
        public var problems: [String] = []
        /// The signer, when it is a key the directory knows (or the genesis's supervisor).
        public var signer: KeyState?
        public var effects: [StateEffect] = []
    }

    public static func check(_ h: RecordHeader, keys: LedgerState, genesis: GenesisBody?) throws -> Outcome {
        var out = Outcome()
        guard let kind = h.kind else {
            out.problems.append("unknown record kind \"\(h.kindName)\"")
            out.signer = try keys.key(id: h.keyID)
            return out
        }
        if kind == .genesis || h.seq == 0 {
            guard kind == .genesis, h.seq == 0 else {
                out.problems.append(kind == .genesis ? "a genesis record may only be the first record (seq 0)" : "the first record must be the genesis")
                out.signer = try keys.key(id: h.keyID)
                return out
            }
            do {
                let g = try GenesisBody(json: h.body)
                if h.keyID != g.supervisor.keyID {
                    out.problems.append("the genesis must be signed by the supervisor key it names (\(g.supervisor.keyID)), not \(h.keyID)")
                }
                if h.origin != g.origin { out.problems.append("origin should be \(g.origin)") }
                if h.prev != RecordFormat.zeroHash { out.problems.append("the genesis prev should be 32 zero bytes") }
                let k = KeyState(keyID: g.supervisor.keyID, name: g.supervisor.name, role: .supervisor, publicKey: g.supervisor.raw, enrolledSeq: 0)
                out.signer = k
                out.effects.append(.addKey(k))
            } catch {
                out.problems.append(error.description)
            }
            return out
        }

        if let genesis, h.origin != genesis.origin {
            out.problems.append("origin \"\(h.origin)\" is not this ledger's (\(genesis.origin)): a record replayed from another ledger?")
        }
        guard let signer = try keys.key(id: h.keyID) else {
            out.problems.append("signed by key \(h.keyID), which is not enrolled in this ledger")
            return out
        }
        out.signer = signer
        if !signer.isActive(at: h.seq) {
            if let r = signer.revokedSeq, h.seq >= r {
                out.problems.append("signed by key \(signer.keyID) (\(signer.name)) after its revocation at seq \(r)")
            } else {
                out.problems.append("signed by key \(signer.keyID) (\(signer.name)) before its enrolment at seq \(signer.enrolledSeq)")
            }
        }
        if !kind.allowedRoles.contains(signer.role) {
            let allowed = kind.allowedRoles.map(\.rawValue).sorted().joined(separator: " or ")
            out.problems.append("key \(signer.keyID) (\(signer.name), \(signer.role.rawValue)) may not sign \(kind.rawValue) records; only a \(allowed) may")
        }

        do {
            switch kind {
            case .genesis: break  // handled above
            case .keyEnroll:
                let e = try EnrollmentBody(json: h.body)
                if !ProofOfPossession.isValid(e.proof, for: e.key) {
                    out.problems.append("the enrolment's proof of possession for key \(e.key.keyID) (\(e.key.name)) does not verify")
                }
                if e.role == .supervisor { out.problems.append("only the genesis names the supervisor; enrol clerks with role clerk") }
                if let existing = try keys.key(id: e.key.keyID) {
                    out.problems.append("key \(e.key.keyID) was already enrolled at seq \(existing.enrolledSeq) as \(existing.name); a key is enrolled once")
                }
                if let holder = try keys.activeKey(named: e.key.name) {
                    out.problems.append("the name \(e.key.name) is already held by key \(holder.keyID); revoke it first")
                }
                if out.problems.isEmpty {
                    out.effects.append(.addKey(KeyState(keyID: e.key.keyID, name: e.key.name, role: e.role, publicKey: e.key.raw, enrolledSeq: h.seq)))
                }
            case .keyRevoke:
                let r = try RevocationBody(json: h.body)
                if let target = try keys.key(id: r.keyID) {
                    if target.role == .supervisor { out.problems.append("the supervisor key cannot be revoked") }
                    if let at = target.revokedSeq { out.problems.append("key \(r.keyID) (\(target.name)) was already revoked at seq \(at)") }
                    if target.name != r.name { out.problems.append("key \(r.keyID) belongs to \(target.name), not \(r.name)") }
                } else {
                    out.problems.append("key \(r.keyID) to revoke is not enrolled in this ledger")
                }
                if out.problems.isEmpty { out.effects.append(.revokeKey(keyID: r.keyID, seq: h.seq)) }
            case .incidentNote:
                _ = try NoteBody(json: h.body)
            case .incidentOpen:
                _ = try IncidentOpenBody(json: h.body)
                if let at = try keys.firstSeq(of: .incidentOpen) {
                    out.problems.append("the incident was already opened at seq \(at); a ledger holds one incident")
                }
            case .incidentComm, .incidentEvidence:
                if kind == .incidentComm { _ = try CommunicationBody(json: h.body) } else { _ = try EvidenceBody(json: h.body) }
                if try keys.firstSeq(of: .incidentOpen) == nil {
                    out.problems.append("open the incident first (`entryledger incident open`)")
                }
            case .incidentClose:
                _ = try IncidentCloseBody(json: h.body)
                if try keys.firstSeq(of: .incidentOpen) == nil { out.problems.append("there is no open incident to close") }
                if let at = try keys.firstSeq(of: .incidentClose) { out.problems.append("the incident was already closed at seq \(at)") }
            case .numbersReserve, .entryAdd, .entryAmend, .entryVoid, .entryRelease:
                try checkEntryRecord(kind, h, state: keys, filer: genesis?.filer, into: &out)
            case .reconnectAuthorize, .replayBatch, .aceResponse:
                try checkReplayRecord(kind, h, state: keys, genesis: genesis, into: &out)
            case .checkpoint:
                try checkCheckpointRecord(h, state: keys, genesis: genesis, into: &out)
            }
        } catch let e as RecordFormatError {
            out.problems.append(e.description)
        }
        return out
    }
}

extension RecordRules {
    /// The rules of the entry kinds: every field valid, one entry number one entry (ever),
    /// amendments, voids and releases only of entries that exist and are not voided.
    static func checkEntryRecord(_ kind: RecordKind, _ h: RecordHeader, state: LedgerState, filer: String?, into out: inout Outcome) throws {
        func existing(_ n: EntryNumber, doing what: String) throws -> EntryIndex? {
            guard let e = try state.entry(number: n.formatted) else {
                out.problems.append("entry number \(n.formatted): no entry with this number to \(what)")
                return nil
            }
            if let v = e.voidedSeq { out.problems.append("entry number \(n.formatted): the entry was voided at seq \(v) and cannot be \(what == "void" ? "voided again" : what + "ed")") }
            return e
        }
        switch kind {
        case .entryAdd:
            let r = try BodyReader(h.body, kind: kind.rawValue, allowed: ["entry"])
            let (entry, problems) = EntryBodyReader.entry(r.object["entry"], kind: kind.rawValue, filer: filer)
            out.problems += problems
            guard let entry else { return }
            let n = entry.entryNumber.formatted
            if let used = try state.entry(number: n) {
                out.problems.append("entry number \(n): already used by the entry at seq \(used.addedSeq)\(used.voidedSeq != nil ? " (voided, and a voided number is never reused)" : ""); a duplicate entry number is fatal in ACE")
            }
            if out.problems.isEmpty { out.effects.append(.addEntry(number: n, seq: h.seq)) }
        case .entryAmend:
            let r = try BodyReader(h.body, kind: kind.rawValue, allowed: ["entry_number", "entry", "reason"])
            let n = try EntryBodyReader.number(r)
            _ = try r.string("reason", maxLength: 2000)
            let (entry, problems) = EntryBodyReader.entry(r.object["entry"], kind: kind.rawValue, filer: filer)
            out.problems += problems
            if let entry, entry.entryNumber != n {
                out.problems.append("entry number \(entry.entryNumber.formatted): an amendment of \(n.formatted) must keep its entry number")
            }
            _ = try existing(n, doing: "amend")
        case .entryVoid:
            let r = try BodyReader(h.body, kind: kind.rawValue, allowed: ["entry_number", "reason"])
            let n = try EntryBodyReader.number(r)
            _ = try r.string("reason", maxLength: 2000)
            if try existing(n, doing: "void") != nil, out.problems.isEmpty { out.effects.append(.voidEntry(number: n.formatted, seq: h.seq)) }
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
                out.problems.append("numbers.reserve body: first and last should be entry numbers written FFF-NNNNNNN-C")
                return
            }
            if let filer, first.filerCode != filer || last.filerCode != filer {
                out.problems.append("reserved range \(first.formatted) to \(last.formatted): entry numbers must carry this ledger's filer code \(filer)")
            }
            guard let range = try? EntryNumberRange(filerCode: first.filerCode, first: first.serial, last: last.serial), first.filerCode == last.filerCode else {
                out.problems.append("reserved range \(first.formatted) to \(last.formatted): first must not come after last, with one filer code")
                return
            }
            if let overlap = try state.reservedRanges().first(where: { $0.filerCode == range.filerCode && $0.first <= range.last && range.first <= $0.last }) {
                out.problems.append("reserved range \(first.formatted) to \(last.formatted) overlaps the range reserved earlier (serials \(overlap.first) to \(overlap.last))")
            }
            if out.problems.isEmpty { out.effects.append(.reserveRange(range, seq: h.seq)) }
        default:
            break
        }
    }
}

extension RecordRules {
    /// The rules of reconnection: an authorisation bound to a checkpoint the reviewer
    /// cosigned; batches only after an authorisation; responses only after a batch.
    static func checkReplayRecord(_ kind: RecordKind, _ h: RecordHeader, state: LedgerState, genesis: GenesisBody?, into out: inout Outcome) throws {
        switch kind {
        case .reconnectAuthorize:
            let a = try AuthorizationBody(json: h.body)
            if let note = a.checkpointNote, let size = a.checkpointSize, let root = a.checkpointRoot, let reviewer = a.reviewerKey, let genesis {
                let (cp, problems) = CosignedCheckpoint.problems(note: note, origin: genesis.origin, supervisor: genesis.supervisor, reviewerVKey: reviewer)
                out.problems += problems
                if let cp {
                    if cp.size != UInt64(size) || Base64.encode(cp.rootHash) != root {
                        out.problems.append("the authorisation's checkpoint size and root differ from the note's")
                    }
                    if size > h.seq { out.problems.append("the authorised checkpoint covers \(size) records, more than the \(h.seq) before the authorisation") }
                }
            }
        case .replayBatch:
            let b = try BatchBody(json: h.body)
            guard let authorized = try state.firstSeq(of: .reconnectAuthorize) else {
                out.problems.append("no reconnection authorisation precedes this batch: CBP must authorise reconnection first")
                return
            }
            if b.authorizationSeq < authorized || b.authorizationSeq >= h.seq {
                out.problems.append("authorization_seq \(b.authorizationSeq) is not an authorisation before this batch")
            }
            if b.cutoff > h.seq { out.problems.append("the batch's cutoff \(b.cutoff) is after the batch itself") }
            for t in b.transactions where t.versionSeq >= h.seq {
                out.problems.append("entry \(t.entryNumber): the version sent (seq \(t.versionSeq)) is not before the batch")
            }
        case .aceResponse:
            _ = try ResponseBody(json: h.body)
            if try state.firstSeq(of: .replayBatch) == nil { out.problems.append("no replay batch precedes this ACE response") }
        default:
            break
        }
    }
}
