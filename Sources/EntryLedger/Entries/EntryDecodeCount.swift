import Foundation

/// Counts full entry checks (a decode of an entry's JSON with its rules) made in the current
/// task, for tests that hold the hot paths to one check per entry. Costs nothing when no test
/// counts.
///
/// ```swift
/// let count = EntryDecodeCount()
/// try EntryDecodeCount.$current.withValue(count) { try ledger.addEntries(entries, signer: clerk) }
/// #expect(count.value == entries.count)
/// ```
@_spi(Testing) public final class EntryDecodeCount: @unchecked Sendable {
    // @unchecked: `n` is only touched under `lock`.
    private let lock = NSLock()
    private var n = 0
    private var rules = 0

    public init() {}

    /// The count in the task that set it (nil: nobody counts).
    @TaskLocal public static var current: EntryDecodeCount?

    /// Entries decoded (each with the rules of the version asked for).
    public var value: Int { lock.withLock { n } }
    /// Of those, the ones checked against the current rules (every CBP rule).
    public var ruleChecks: Int { lock.withLock { rules } }

    static func note(rulesVersion: Int) {
        guard let c = current else { return }
        c.lock.withLock {
            c.n += 1
            if rulesVersion >= CustomsRules.version { c.rules += 1 }
        }
    }
}
