import Foundation

/// Counts the rendered batches (``RenderedBatch``: a batch's ABI bytes in memory) made and alive
/// at once in the current task, for tests that hold replay's memory to a few batches whatever
/// the number of entries. Costs nothing when no test counts.
///
/// ```swift
/// let count = RenderedBatchCount()
/// try RenderedBatchCount.$current.withValue(count) { _ = try ledger.replay(...) }
/// #expect(count.mostAlive <= 2)
/// ```
@_spi(Testing) public final class RenderedBatchCount: @unchecked Sendable {
    // @unchecked: the counts are only touched under `lock`.
    private let lock = NSLock()
    private var made = 0
    private var alive = 0
    private var most = 0

    public init() {}

    /// The count in the task that set it (nil: nobody counts).
    @TaskLocal public static var current: RenderedBatchCount?

    /// Batches rendered.
    public var rendered: Int { lock.withLock { made } }
    /// Rendered batches still in memory now.
    public var aliveNow: Int { lock.withLock { alive } }
    /// The most rendered batches in memory at any one time.
    public var mostAlive: Int { lock.withLock { most } }

    /// Held by each rendered batch while a test counts: counts it alive until it is let go.
    final class Token: Sendable {
        let count: RenderedBatchCount
        init(_ count: RenderedBatchCount) {
            self.count = count
            count.lock.withLock {
                count.made += 1
                count.alive += 1
                count.most = max(count.most, count.alive)
            }
        }
        deinit { count.lock.withLock { count.alive -= 1 } }
    }

    static func token() -> Token? { current.map(Token.init) }
}
