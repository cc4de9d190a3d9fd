import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs the real binary as its own child and reports what it cost: the peak resident memory
/// of that one process, its exit status, and what it wrote.
///
/// The peak is `ru_maxrss` from `wait4` on the command, taken by a small Python parent that
/// forks it. Linux carries `ru_maxrss` across `exec` from the memory the process had before
/// (with `posix_spawn`, the test runner's own), so a child spawned straight from the test
/// process would report the test runner's peak; forked from a 10 MB Python it reports its own.
public enum Measured {
    static let reaper = """
        import os, sys
        report, argv = sys.argv[1], sys.argv[2:]
        pid = os.fork()
        if pid == 0:
            try:
                os.execv(argv[0], argv)
            finally:
                os._exit(127)
        _, status, usage = os.wait4(pid, 0)
        with open(report, "w") as f:
            f.write("%d %d %d" % (os.WIFSIGNALED(status), os.waitstatus_to_exitcode(status), usage.ru_maxrss))
        """

    public struct Result: Sendable {
        /// Exit status, or 128 + the signal that ended it.
        public let status: Int32
        public let signaled: Bool
        /// Peak resident set size in bytes.
        public let peakBytes: Int
        public let stdout: String
        public let stderr: String

        public var peakMiB: Double { Double(peakBytes) / 1_048_576 }
    }

    /// Runs `binary args` in `dir` with standard input from `stdinPath` (default /dev/null),
    /// standard output and error to `stdoutPath`/`stderrPath` (default: files read back), and
    /// `prefix` before the binary (say `["/usr/bin/setpriv", "--reuid=65534", ...]`).
    public static func run(_ args: [String], in dir: String, prefix: [String] = [], binary: String = CLI.binary,
                           stdinPath: String = "/dev/null", stdoutPath: String? = nil, stderrPath: String? = nil,
                           env: [String: String] = [:]) throws -> Result {
        let tag = UUID().uuidString
        let outPath = stdoutPath ?? NSTemporaryDirectory() + "measured-\(tag).out"
        let errPath = stderrPath ?? NSTemporaryDirectory() + "measured-\(tag).err"
        defer {
            if stdoutPath == nil { try? FileManager.default.removeItem(atPath: outPath) }
            if stderrPath == nil { try? FileManager.default.removeItem(atPath: errPath) }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let reportPath = NSTemporaryDirectory() + "measured-\(tag).rusage"
        defer { try? FileManager.default.removeItem(atPath: reportPath) }
        // The shell changes folder and execs Python, which forks the command and waits for it.
        let argv = ["/bin/sh", "-c", "cd \"$0\" && exec python3 -c \"$@\"", dir, reaper, reportPath] + prefix + [binary] + args
        let environment = CLI.environment(env).map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let rc = withCStrings(argv) { cArgs in
            withCStrings(environment) { cEnv in
                posix_spawn(&pid, argv[0], &actions, nil, cArgs, cEnv)
            }
        }
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let report = ((try? String(contentsOfFile: reportPath, encoding: .utf8)) ?? "").split(separator: " ").compactMap { Int($0) }
        guard report.count == 3 else { throw POSIXError(.ECHILD) }
        let signaled = report[0] != 0
        let code = Int32(signaled ? 128 - report[1] : report[1])
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return Result(status: code, signaled: signaled, peakBytes: report[2] * 1024,
                      stdout: stdoutPath == nil ? out : "", stderr: stderrPath == nil ? err : "")
    }

    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}
