/// The rules of the record kinds one domain adds to the ledger, supplied through this one
/// protocol so that a new kind is declared, checked and verified from its own folder.
///
/// The same value serves both paths: an append refuses a record whose `check` reports a
/// problem, and verify reports every record that does. Rules see the record's header and the
/// ledger as it stood just before the record; they never check the signature (the append path
/// makes it, the verifier checks it).
///
/// ```swift
/// struct NoteRules: RecordKindRules {
///     var kinds: [RecordKind: Set<Role>] { [.incidentNote: [.supervisor, .clerk]] }
///     func check(_ h: RecordHeader, kind: RecordKind, state: any LedgerState,
///                genesis: GenesisBody?, into out: inout RecordOutcome) throws {
///         _ = try NoteBody(json: h.body)
///     }
/// }
/// ```
public protocol RecordKindRules: Sendable {
    /// The kinds these rules own, each with the roles whose keys may sign it.
    var kinds: [RecordKind: Set<Role>] { get }

    /// Checks one record of a kind in `kinds`, adding its problems and the state effects it
    /// has when valid to `out`. A thrown `RecordFormatError` is reported as one problem.
    func check(_ h: RecordHeader, kind: RecordKind, state: any LedgerState, genesis: GenesisBody?,
               into out: inout RecordOutcome) throws

    /// A fresh collector for the checks verify makes once every record is walked (files
    /// beside the ledger, roots of past sizes); nil when these kinds need none.
    func makeWalkCheck() -> (any RecordWalkCheck)?

    /// For a record a supervisor-signed checkpoint covers (see ``checkCovered(_:kind:state:genesis:into:)``):
    /// the part of its body that this kind's state effects, later rules and every walk check
    /// read, taken from the body's bytes (`payload[body]`, a JSON object) with ``JSONSkim``; nil
    /// (the default) parses the whole body.
    func coveredBody(kind: RecordKind, payload: [UInt8], body: Range<Int>) -> JSONValue?

    /// Checks a record a supervisor-signed checkpoint covers, whose content rules passed when
    /// the supervisor's program verified the ledger before signing that checkpoint: only what
    /// gives its state effects (and the rules that read state), never content that nothing
    /// later reads. `h.body` is what ``coveredBody(kind:payload:body:)`` gave. By default the
    /// full ``check(_:kind:state:genesis:into:)``.
    func checkCovered(_ h: RecordHeader, kind: RecordKind, state: any LedgerState, genesis: GenesisBody?,
                      into out: inout RecordOutcome) throws
}

extension RecordKindRules {
    public func makeWalkCheck() -> (any RecordWalkCheck)? { nil }

    public func coveredBody(kind: RecordKind, payload: [UInt8], body: Range<Int>) -> JSONValue? { nil }

    public func checkCovered(_ h: RecordHeader, kind: RecordKind, state: any LedgerState, genesis: GenesisBody?,
                             into out: inout RecordOutcome) throws {
        try check(h, kind: kind, state: state, genesis: genesis, into: &out)
    }
}

extension RecordWalkCheck {
    public func observe(_ h: RecordHeader, seq: Int64, rulesPassed: Bool, hash: [UInt8]) { observe(h, seq: seq) }

    public func writeFold(_ w: inout FoldWriter) throws {
        throw FoldSnapshotError("\(Self.self) keeps no fold snapshot")
    }

    public func readFold(_ r: inout FoldReader, genesis: GenesisBody) throws {
        throw FoldSnapshotError("\(Self.self) keeps no fold snapshot")
    }
}

/// Checks made after the whole walk: it sees every parsed record in order, then reports.
public protocol RecordWalkCheck: AnyObject {
    /// Called for every record whose header parsed, in seq order, after its rules ran.
    func observe(_ h: RecordHeader, seq: Int64)
    /// The same, saying whether the record's rules passed (its signature is checked apart)
    /// and giving its record hash; by default calls `observe(_:seq:)`.
    func observe(_ h: RecordHeader, seq: Int64, rulesPassed: Bool, hash: [UInt8])
    /// The problems found, given the hashes of every record walked (leaf `i` is seq `i`).
    func finish(leaves: RecordHashes) -> [VerificationReport.Problem]
    /// Writes what this check collected from the records observed, for a ``FoldSnapshot``;
    /// by default it throws, and no snapshot is made.
    func writeFold(_ w: inout FoldWriter) throws
    /// Reads what ``writeFold(_:)`` wrote, in place of observing those records (in a fresh
    /// check, before any record is observed). By default it throws: the snapshot is not used.
    func readFold(_ r: inout FoldReader, genesis: GenesisBody) throws
}

/// What the rules found about one record.
public struct RecordOutcome: Sendable {
    /// Every rule the record breaks (their `seq` is set by whoever checks the record).
    public var problems: [Problem] = []
    /// Findings that do not fail the record (a domain's content rules that changed after the
    /// record was written, e.g. an entry naming an older customs rules version). A verifier
    /// reports them apart from problems; an append refuses a record that has any.
    public var notices: [Problem] = []
    /// The signer, when it is a key the state knows (or the genesis's supervisor).
    public var signer: KeyState?
    public var effects: [StateEffect] = []

    public init() {}

    /// Notes that the record breaks `rule`.
    public mutating func add(rule: String, field: String? = nil, value: String? = nil, _ message: String) {
        problems.append(Problem(field: field, value: value, rule: rule, message))
    }
}
