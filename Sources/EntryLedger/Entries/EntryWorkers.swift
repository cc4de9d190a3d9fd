import Dispatch
import Foundation

/// The entries' work spread over every core: checking entries and writing their records
/// share nothing from one entry to the next, so the items are dealt out to one worker per core
/// (item i to worker i mod workers) and the results put back in order.
///
/// ```swift
/// let problems = EntryWorkers.map(lines) { _, line in check(line) }   // in the lines' order
/// ```
enum EntryWorkers {
    /// `transform` of each item, on every core, in the items' order. The transforms share nothing.
    static func map<T, R>(_ items: [T], _ transform: @Sendable (Int, T) -> R) -> [R] where T: Sendable, R: Sendable {
        let out = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        out.initialize(repeating: nil)
        defer {
            _ = out.deinitialize()
            out.deallocate()
        }
        nonisolated(unsafe) let slots = out
        let count = EntryDecodeCount.current  // a task local: bound again on each worker's thread
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, max(1, items.count / 8))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            EntryDecodeCount.$current.withValue(count) {
                var i = w
                while i < items.count {
                    slots[i] = transform(i, items[i])
                    i += workers
                }
            }
        }
        // Moved out, not copied: each slot is left empty for the deinitialize above.
        return Array(unsafeUninitializedCapacity: items.count) { buffer, initialized in
            for i in 0..<items.count { (buffer.baseAddress! + i).initialize(to: slots[i].take()!) }
            initialized = items.count
        }
    }

    /// Work started now on another thread, its result taken later (``wait()``): an import's
    /// next group of lines read back while this thread signs the group before.
    final class Pending<R: Sendable>: @unchecked Sendable {
        // @unchecked: `result` is written once, by the worker, before `done` is signalled, and
        // read only after waiting for that signal.
        private var result: R?
        private let done = DispatchSemaphore(value: 0)

        init(_ work: @escaping @Sendable () -> R) {
            let count = EntryDecodeCount.current  // a task local: bound again on the worker's thread
            DispatchQueue.global().async {
                self.result = EntryDecodeCount.$current.withValue(count) { work() }
                self.done.signal()
            }
        }

        /// The result, once the work is done.
        func wait() -> R {
            done.wait()
            done.signal()  // a second wait returns at once
            return result!
        }
    }
}
