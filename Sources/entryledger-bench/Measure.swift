import EntryLedger
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One line of the bench's table: a figure and the baseline it is judged against, both
/// measured in the same run, the target for it, and the peak memory it took.
struct Figure {
    var name: String
    /// The bench step that measured it (set by the step; `--only` selects by it).
    var step = ""
    var value: Double?
    var unit: String
    /// What the baseline is, in words (empty: none).
    var baseline: String = ""
    var baselineValue: Double?
    /// The target for this figure (nil: reported only).
    var target: Target?
    var notes: [String] = []
    /// Peak resident memory while the figure was measured, in MiB (nil: could not be read),
    /// and what that peak covers. A figure body sets it when it measured its own operation;
    /// otherwise the step fills in the process's peak over the whole step.
    var peakMemoryMiB: Double?
    var peakMemoryOf: PeakScope = .step

    /// What a figure's peak memory covers.
    enum PeakScope: String {
        /// The process's peak over the figure's whole step: setup, the figure and its baseline.
        case step
        /// The process's peak over the measured operation only.
        case figure
        /// A child process's maximum resident size (wait4's ru_maxrss).
        case child
    }

    /// Every figure's memory target: the issue's < 256 MiB.
    static let memoryTarget: Target = "< 256 MiB"

    var ratio: Double? {
        guard let value, let baselineValue, baselineValue != 0 else { return nil }
        return value / baselineValue
    }

    /// Whether this run met the target (nil: no target, or the figure was not measured).
    var met: Bool? { target?.met(value: value, ratio: ratio) }

    /// Whether the peak memory is under the memory target (nil: not measured).
    var peakMemoryMet: Bool? { Self.memoryTarget.met(value: peakMemoryMiB, ratio: nil) }

    /// The figure's object in `--json` (described in the README, checked by
    /// scripts/check-bench-json.py).
    var json: [String: Any] {
        var o: [String: Any] = ["name": name, "step": step, "unit": unit, "baseline": baseline, "notes": notes]
        o["value"] = value ?? NSNull()
        o["baseline_value"] = baselineValue ?? NSNull()
        o["ratio"] = ratio ?? NSNull()
        o["target"] = target?.json ?? NSNull()
        o["met"] = met ?? NSNull()
        o["peak_memory_mib"] = peakMemoryMiB ?? NSNull()
        o["peak_memory_of"] = peakMemoryOf.rawValue
        o["peak_memory_target"] = Self.memoryTarget.json(of: "peak_memory_mib")
        o["peak_memory_met"] = peakMemoryMet ?? NSNull()
        return o
    }
}

extension Figure {
    /// The figure back from its `json` (a step's process hands its figures to the bench's).
    init?(json o: [String: Any]) {
        guard let name = o["name"] as? String, let unit = o["unit"] as? String, let baseline = o["baseline"] as? String,
            let notes = o["notes"] as? [String], let scope = (o["peak_memory_of"] as? String).flatMap(PeakScope.init(rawValue:))
        else { return nil }
        let number = { (key: String) in (o[key] as? NSNumber)?.doubleValue }
        self.init(name: name, step: o["step"] as? String ?? "", value: number("value"), unit: unit, baseline: baseline,
                  baselineValue: number("baseline_value"),
                  target: ((o["target"] as? [String: Any])?["text"] as? String).map(Target.init(stringLiteral:)), notes: notes,
                  peakMemoryMiB: number("peak_memory_mib"), peakMemoryOf: scope)
    }
}

/// A target, written as the issue words it and read into a comparison a script can check:
/// `"<= 1.5x baseline"` and `">= 40% of baseline"` compare the ratio to the baseline,
/// `"< 500 ms"` and `">= 50,000 entries/s"` compare the value itself (in the figure's unit).
struct Target: ExpressibleByStringLiteral, CustomStringConvertible {
    enum Op: String { case lessThan = "<", atMost = "<=", atLeast = ">=", moreThan = ">" }
    /// Which number the bound applies to.
    enum Of: String { case value, ratio }

    let op: Op
    let bound: Double
    let of: Of
    /// The target as written.
    let description: String

    init(stringLiteral text: String) {
        let words = text.split(separator: " ").map(String.init)
        guard words.count >= 2, let op = Op(rawValue: words[0]) else { preconditionFailure("target \"\(text)\": want OP NUMBER[x|%] ...") }
        var number = words[1].replacingOccurrences(of: ",", with: "")
        var of = Of.value, scale = 1.0
        if number.hasSuffix("x") { number.removeLast(); of = .ratio }
        else if number.hasSuffix("%") { number.removeLast(); of = .ratio; scale = 0.01 }
        guard let n = Double(number) else { preconditionFailure("target \"\(text)\": \(words[1]) is not a number") }
        self.op = op
        self.bound = n * scale
        self.of = of
        self.description = text
    }

    /// Compares the value or the ratio with the bound (nil: that number is missing).
    func met(value: Double?, ratio: Double?) -> Bool? {
        guard let x = of == .value ? value : ratio, !x.isNaN else { return nil }
        switch op {
        case .lessThan: return x < bound
        case .atMost: return x <= bound
        case .atLeast: return x >= bound
        case .moreThan: return x > bound
        }
    }

    var json: [String: Any] { json(of: of.rawValue) }

    func json(of key: String) -> [String: Any] { ["op": op.rawValue, "value": bound, "of": key, "text": description] }
}

enum Measure {
    /// Wall-clock seconds taken by `body`.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let i = min(sorted.count - 1, max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))
        return sorted[i]
    }

    /// A field of /proc/self/status in KiB (VmHWM: peak resident memory; VmRSS: current).
    static func procStatusKiB(_ field: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        }
        return nil
    }

    /// The process's peak resident memory (VmHWM) in MiB.
    static func peakMiB() -> Double? { procStatusKiB("VmHWM").map { Double($0) / 1024 } }

    /// Resets VmHWM to the current resident size (Linux: write 5 to /proc/self/clear_refs),
    /// so that a peak measured afterwards belongs to what runs afterwards. Memory freed by
    /// what ran before is first handed back to the system (`malloc_trim`), else it would stay
    /// resident and count in the next figure's peak.
    static func resetPeakMemory() -> Bool {
        #if canImport(Glibc)
        // glibc's malloc_trim, which the Glibc module does not declare.
        if let trim = dlsym(nil, "malloc_trim") {
            _ = unsafeBitCast(trim, to: (@convention(c) (Int) -> Int32).self)(0)
        }
        #endif
        guard let h = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? h.close() }
        return (try? h.write(contentsOf: Data("5".utf8))) != nil
    }

    /// The 1, 5 and 15 minute load averages (/proc/loadavg), what `uptime` prints.
    static func loadAverage() -> [Double] {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return text.split(separator: " ").prefix(3).compactMap { Double($0) }
    }

    static func cpuModel() -> String {
        let text = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let line = text.split(separator: "\n").first { $0.hasPrefix("model name") }
        return line.map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } ?? "unknown"
    }

    /// The first executable called `name` on PATH (or nil).
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// What a child process did: its exit status, standard output and error, and wall-clock
    /// seconds.
    struct ChildRun {
        var status: Int32
        var stdout: String
        var stderr: String
        var seconds: Double
    }

    /// Runs `executable` with `args`, its output into files in `folder` (or its standard error
    /// to the bench's), and waits for it.
    /// Nil if it cannot start. (Its own rusage would not give its peak memory: Linux carries
    /// the parent's resident size at the spawn into the child's ru_maxrss across exec; see
    /// `pythonPeer` for how the Python verifier's is measured.)
    static func child(_ executable: String, _ args: [String], folder: String, stderrToParent: Bool = false) -> ChildRun? {
        let id = UUID().uuidString.prefix(8)
        let outPath = folder + "/child-\(id).out", errPath = folder + "/child-\(id).err"
        defer { for p in [outPath, errPath] { try? FileManager.default.removeItem(atPath: p) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if !stderrToParent { posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600) }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + args).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv + envp { free(p) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        guard posix_spawn(&pid, executable, &actions, nil, argv, envp) == 0 else { return nil }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { return nil }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        // WIFEXITED / WEXITSTATUS, which Swift does not import; a signal counts as -signal.
        let code: Int32 = status & 0x7F == 0 ? (status >> 8) & 0xFF : -(status & 0x7F)
        let read = { (p: String) in (try? String(contentsOfFile: p, encoding: .utf8)) ?? "" }
        return ChildRun(status: code, stdout: read(outPath), stderr: read(errPath), seconds: seconds)
    }
}

extension Double {
    /// 12345.6 -> "12,346"; 0.00123 -> "0.00123".
    var pretty: String {
        if isNaN { return "-" }
        if abs(self) >= 100 {
            let f = NumberFormatter()
            f.numberStyle = .decimal
            f.maximumFractionDigits = 0
            return f.string(from: NSNumber(value: self)) ?? String(self)
        }
        return String(format: abs(self) >= 1 ? "%.2f" : "%.3g", self)
    }
}
