import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Numbered places where a write can be interrupted (before and after each write, fsync,
/// rename and commit), so that the kill tests can stop the real binary at an exact one.
///
/// With `ENTRYLEDGER_KILL_AT_STEP=N` in the environment the process sends itself SIGKILL when
/// it reaches step N (counted from 1); with `ENTRYLEDGER_COUNT_STEPS=FILE` it writes the number
/// of steps it reached to FILE when it exits normally, which the tests use to draw N from a
/// seed over the whole run. Neither is set in normal use, and then a step costs one comparison.
public enum CrashPoint {
    nonisolated(unsafe) private static var reached = 0
    private static let killAt: Int = Int(ProcessInfo.processInfo.environment["ENTRYLEDGER_KILL_AT_STEP"] ?? "") ?? 0
    private static let countFile: String? = ProcessInfo.processInfo.environment["ENTRYLEDGER_COUNT_STEPS"]
    private static let armed: Bool = killAt > 0 || countFile != nil

    /// One step of a write. `label` only documents the call site.
    @inline(__always)
    public static func step(_ label: StaticString = "") {
        guard armed else { return }
        reached += 1
        if reached == killAt { kill(getpid(), SIGKILL) }
    }

    /// Writes the number of steps reached to `ENTRYLEDGER_COUNT_STEPS` (called at normal exit).
    public static func report() {
        guard let countFile else { return }
        try? String(reached).write(toFile: countFile, atomically: false, encoding: .utf8)
    }
}
