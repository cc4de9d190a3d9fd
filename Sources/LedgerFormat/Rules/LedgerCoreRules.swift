/// The rules of the kinds every ledger has, whatever its domain: the genesis, key enrolment
/// and revocation, and checkpoints. ``RecordRuleBook`` always includes them.
public struct LedgerCoreRules: RecordKindRules {
    public init() {}

    public var kinds: [RecordKind: Set<Role>] {
        [.genesis: [.supervisor], .keyEnroll: [.supervisor], .keyRevoke: [.supervisor], .checkpoint: [.supervisor]]
    }

    /// Key enrolments (proof of possession, one name one active key), revocations, and checkpoints (the note the supervisor's, its size and root the tree's).
    public func check(_ h: RecordHeader, kind: RecordKind, state: any LedgerState, genesis: GenesisBody?,
                      into out: inout RecordOutcome) throws {
        switch kind {
        case .keyEnroll:
            let e = try EnrollmentBody(json: h.body)
            if !ProofOfPossession.isValid(e.proof, for: e.key) {
                out.add(rule: "key.proof", field: "proof", "the enrolment's proof of possession for key \(e.key.keyID) (\(e.key.name)) does not verify")
            }
            if e.role == .supervisor { out.add(rule: "key.enroll-supervisor", field: "role", "only the genesis names the supervisor; enrol clerks with role clerk") }
            if let existing = try state.key(id: e.key.keyID) {
                out.add(rule: "key.enrolled-twice", field: "key_id", "key \(e.key.keyID) was already enrolled at seq \(existing.enrolledSeq) as \(existing.name); a key is enrolled once")
            }
            if let holder = try state.activeKey(named: e.key.name) {
                out.add(rule: "key.name-held", field: "name", "the name \(e.key.name) is already held by key \(holder.keyID); revoke it first")
            }
            if out.problems.isEmpty {
                out.effects.append(.addKey(KeyState(keyID: e.key.keyID, name: e.key.name, role: e.role, publicKey: e.key.raw, enrolledSeq: h.seq)))
            }
        case .keyRevoke:
            let r = try RevocationBody(json: h.body)
            if let target = try state.key(id: r.keyID) {
                if target.role == .supervisor { out.add(rule: "key.revoke-supervisor", field: "key_id", "the supervisor key cannot be revoked") }
                if let at = target.revokedSeq { out.add(rule: "key.revoked-twice", field: "key_id", "key \(r.keyID) (\(target.name)) was already revoked at seq \(at)") }
                if target.name != r.name { out.add(rule: "key.revoke-name", field: "name", "key \(r.keyID) belongs to \(target.name), not \(r.name)") }
            } else {
                out.add(rule: "key.revoke-unknown", field: "key_id", "key \(r.keyID) to revoke is not enrolled in this ledger")
            }
            if out.problems.isEmpty { out.effects.append(.revokeKey(keyID: r.keyID, seq: h.seq)) }
        case .checkpoint:
            try Self.checkCheckpoint(h, state: state, genesis: genesis, into: &out)
        default:
            break  // the genesis is checked by the rule book before any kind's rules
        }
    }

    /// The genesis: signed by the supervisor it names, with this ledger's origin and a zero prev.
    static func checkGenesis(_ h: RecordHeader, into out: inout RecordOutcome) {
        do {
            let g = try GenesisBody(json: h.body)
            if h.keyID != g.supervisor.keyID {
                out.add(rule: "genesis.signer", "the genesis must be signed by the supervisor key it names (\(g.supervisor.keyID)), not \(h.keyID)")
            }
            if h.origin != g.origin { out.add(rule: "genesis.origin", "origin should be \(g.origin)") }
            if h.prev != RecordFormat.zeroHash { out.add(rule: "genesis.prev", "the genesis prev should be 32 zero bytes") }
            let k = KeyState(keyID: g.supervisor.keyID, name: g.supervisor.name, role: .supervisor, publicKey: g.supervisor.raw, enrolledSeq: 0)
            out.signer = k
            out.effects.append(.addKey(k))
        } catch {
            out.add(rule: "genesis.body", error.description)
        }
    }
    /// A checkpoint record: covers exactly the records before it, carries a note signed by the
    /// supervisor whose checkpoint has this ledger's origin, the same size and root, and the
    /// root is the tree's.
    static func checkCheckpoint(_ h: RecordHeader, state: any LedgerState, genesis: GenesisBody?, into out: inout RecordOutcome) throws {
        let body = try CheckpointBody(json: h.body)
        guard body.size == UInt64(h.seq) else {
            out.add(rule: "checkpoint.size", field: "size", "checkpoint: a checkpoint record at seq \(h.seq) covers the \(h.seq) records before it, but its size is \(body.size)")
            return
        }
        let note: SignedNote
        let cp: Checkpoint
        do {
            note = try SignedNote(parsing: body.note)
            cp = try Checkpoint(parsing: note.text)
        } catch {
            out.add(rule: "checkpoint.note", field: "note", "checkpoint: the note is not a signed checkpoint: \(error)")
            return
        }
        if cp.origin != h.origin { out.add(rule: "checkpoint.origin", field: "note", "checkpoint: the note's origin \(cp.origin) is not this ledger's (\(h.origin))") }
        if cp.size != body.size || cp.rootHash != body.root {
            out.add(rule: "checkpoint.body-differs", field: "note", "checkpoint: the note says size \(cp.size) and root \(Base64.encode(cp.rootHash)), the record body size \(body.size) and root \(Base64.encode(body.root))")
        }
        if !cp.extensions.isEmpty { out.add(rule: "checkpoint.extensions", field: "note", "checkpoint: the note has extension lines, which this version does not write") }
        if let genesis {
            do {
                let key = try NoteVerifierKey(name: genesis.origin, type: .ed25519, key: genesis.supervisor)
                _ = try note.verify(against: [key])
            } catch {
                out.add(rule: "checkpoint.signature", field: "note", "checkpoint: the note is not signed by the supervisor as \(genesis.origin): \(error)")
            }
        }
        if let root = try state.treeRoot(size: body.size) {
            if root != body.root {
                out.add(rule: "checkpoint.root", field: "root", "checkpoint: root \(Base64.encode(body.root)) is not the Merkle root of the \(body.size) records before it (\(Base64.encode(root)))")
            }
        } else {
            out.add(rule: "checkpoint.size", field: "size", "checkpoint: the ledger does not hold exactly \(body.size) records before this one")
        }
    }
}
