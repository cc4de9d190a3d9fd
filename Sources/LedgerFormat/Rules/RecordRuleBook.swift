/// Every record kind a ledger knows and the rules of each: the ledger's own kinds (genesis,
/// keys, checkpoints, always present) plus those of the domains given.
///
/// ```swift
/// let book = RecordRuleBook([EntryRules(), IncidentRules()])
/// let outcome = try book.check(header, state: state, genesis: genesis)
/// ```
public struct RecordRuleBook: Sendable {
    /// The rules of every domain, the ledger's own first.
    public let domains: [any RecordKindRules]
    private let owner: [RecordKind: Int]
    /// Each kind's signing roles, taken once from its rules (a rule set's `kinds` may build
    /// its table on every call).
    private let roles: [RecordKind: Set<Role>]

    /// The ledger's own rules plus `domains`. Two domains may not claim the same kind.
    public init(_ domains: [any RecordKindRules]) {
        let all: [any RecordKindRules] = [LedgerCoreRules()] + domains
        var owner: [RecordKind: Int] = [:]
        var roles: [RecordKind: Set<Role>] = [:]
        for (i, d) in all.enumerated() {
            for (kind, allowed) in d.kinds {
                precondition(owner[kind] == nil, "record kind \(kind) is claimed by two rule sets")
                owner[kind] = i
                roles[kind] = allowed
            }
        }
        self.roles = roles
        self.domains = all
        self.owner = owner
    }

    /// Every kind known, sorted by name.
    public var kinds: [RecordKind] { owner.keys.sorted { $0.rawValue < $1.rawValue } }

    /// The rules that own `kind`, if it is a kind this book knows.
    public func rules(for kind: RecordKind) -> (any RecordKindRules)? { owner[kind].map { domains[$0] } }

    /// The roles whose keys may sign `kind` (empty for an unknown kind).
    public func allowedRoles(_ kind: RecordKind) -> Set<Role> { roles[kind] ?? [] }

    /// Checks one record against every rule: the ledger's (genesis first, origin, signer
    /// enrolled and active, role allowed) and its kind's. `covered`: the record is covered by
    /// a supervisor-signed checkpoint, and its kind's rules check only what gives its state
    /// effects (``RecordKindRules/checkCovered(_:kind:state:genesis:into:)``).
    public func check(_ h: RecordHeader, state: any LedgerState, genesis: GenesisBody?, covered: Bool = false) throws -> RecordOutcome {
        var out = RecordOutcome()
        let kind = h.kind
        guard let rules = rules(for: kind) else {
            out.add(rule: "record.kind-unknown", "unknown record kind \"\(h.kindName)\"")
            out.signer = try state.key(id: h.keyID)
            return out
        }
        if kind == .genesis || h.seq == 0 {
            guard kind == .genesis, h.seq == 0 else {
                out.add(rule: "genesis.position", kind == .genesis ? "a genesis record may only be the first record (seq 0)" : "the first record must be the genesis")
                out.signer = try state.key(id: h.keyID)
                return out
            }
            LedgerCoreRules.checkGenesis(h, into: &out)
            return out
        }

        if let genesis, h.origin != genesis.origin {
            out.add(rule: "record.origin", "origin \"\(h.origin)\" is not this ledger's (\(genesis.origin)): a record replayed from another ledger?")
        }
        guard let signer = try state.key(id: h.keyID) else {
            out.add(rule: "key.unknown-signer", "signed by key \(h.keyID), which is not enrolled in this ledger")
            return out
        }
        out.signer = signer
        if !signer.isActive(at: h.seq) {
            if let r = signer.revokedSeq, h.seq >= r {
                out.add(rule: "key.revoked", "signed by key \(signer.keyID) (\(signer.name)) after its revocation at seq \(r)")
            } else {
                out.add(rule: "key.not-yet-enrolled", "signed by key \(signer.keyID) (\(signer.name)) before its enrolment at seq \(signer.enrolledSeq)")
            }
        }
        let allowed = allowedRoles(kind)
        if !allowed.contains(signer.role) {
            let names = allowed.map(\.rawValue).sorted().joined(separator: " or ")
            out.add(rule: "key.role", "key \(signer.keyID) (\(signer.name), \(signer.role.rawValue)) may not sign \(kind.rawValue) records; only a \(names) may")
        }
        do {
            if covered {
                try rules.checkCovered(h, kind: kind, state: state, genesis: genesis, into: &out)
            } else {
                try rules.check(h, kind: kind, state: state, genesis: genesis, into: &out)
            }
        } catch let e as RecordFormatError {
            out.add(rule: "record.body", e.description)
        }
        return out
    }
}
