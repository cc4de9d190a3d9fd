import EntryLedger
import Foundation

// entryledger-bench: how fast EntryLedger is, each figure beside a baseline measured in the
// same run. Run it in release mode:
//
//     swift run -c release entryledger-bench [--quick] [--json FILE]
//
// The JSON's shape is described in README.md ("Fast: the bench").

let args = CommandLine.arguments.dropFirst()
if args.contains("--help") || args.contains("-h") {
    print("""
        usage: entryledger-bench [--quick | --smoke] [--json FILE] [--only STEP]
          --quick  a run at a tenth of the sizes or less
          --smoke  tiny sizes: only that every step runs and the JSON has its shape (CI)
          --json   also write the figures as JSON to FILE (scripts/bench-table.py prints the README's table from it)
          --only   run only the steps whose name contains STEP
        """)
    exit(0)
}
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}
func value(of option: String) -> String? {
    guard let i = args.firstIndex(of: option) else { return nil }
    guard args.index(after: i) < args.endIndex else { fail("\(option) needs a value; see --help") }
    return args[args.index(after: i)]
}
let quick = args.contains("--quick")
let smoke = args.contains("--smoke")
let mode = smoke ? "smoke" : quick ? "quick" : "full"
let jsonPath = value(of: "--json")
let only = value(of: "--only")
/// Internal: run this one step in this process and write its figures to `--json` (see below).
let stepName = value(of: "--step")
let unknown = args.filter { $0.hasPrefix("-") && !["--quick", "--smoke", "--json", "--only", "--step"].contains($0) }
guard unknown.isEmpty else { fail("unknown option \(unknown[0]); see --help") }

let log = { (s: String) in FileHandle.standardError.write(Data((s + "\n").utf8)) }

/// The steps, in order. Each runs in a process of its own (the bench runs itself with
/// `--step NAME`), so that a step's peak memory is its own, not what earlier steps left resident.
let steps: [(name: String, run: (Figures) throws -> [Figure])] = [
    ("durable single append", { try $0.durableSingleAppend() }),
    ("bulk append", { [try $0.bulkAppend()] }),
    ("verify", { try $0.verifyLedger() }),
    ("checkpoint", { [try $0.checkpoint()] }),
    ("prove before acting", { try $0.proveBeforeActing() }),
    ("bulk import and replay", { try $0.importAndReplay() }),
    ("peers: python verifier", { [try $0.bundleVerify()] }),
    ("peers: openssl speed", { [try $0.opensslSpeed()] }),
]

if let stepName {
    // A step's own process: every figure that did not measure its own peak memory gets the
    // process's peak over the step (VmHWM reset before it).
    guard let step = steps.first(where: { $0.name == stepName }), let jsonPath else { fail("--step needs a step's name and --json FILE") }
    let folder = NSTemporaryDirectory() + "entryledger-bench-" + UUID().uuidString.prefix(8).lowercased()
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let figures = Figures(scale: smoke ? .smoke : quick ? .quick : .full, folder: folder, log: log)
    let reset = Measure.resetPeakMemory()
    var made: [Figure]
    var failed = false
    do { made = try step.run(figures) } catch {
        failed = true
        made = [Figure(name: step.name, value: nil, unit: "", notes: ["failed: \(error)"])]
    }
    let peak = Measure.peakMiB()
    for i in made.indices {
        made[i].step = step.name
        guard made[i].peakMemoryMiB == nil else { continue }
        made[i].peakMemoryMiB = peak
        made[i].peakMemoryOf = .step
        if !reset { made[i].notes.append("peak memory not reset before the step: the process's peak so far") }
    }
    let part: [String: Any] = ["failed": failed, "figures": made.map(\.json)]
    try? FileManager.default.removeItem(atPath: folder)
    try AtomicFile.write([UInt8](try JSONSerialization.data(withJSONObject: part)), to: jsonPath, existing: .replace)
    exit(0)
}

#if DEBUG
log("warning: a debug build; run `swift run -c release entryledger-bench` for real figures")
let build = "debug"
#else
let build = "release"
#endif

let folder = NSTemporaryDirectory() + "entryledger-bench-" + UUID().uuidString.prefix(8).lowercased()
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: folder) }
let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
var results: [Figure] = []
var failedSteps: [String] = []
let loadBefore = Measure.loadAverage()
let started = Date()
for (n, step) in steps.enumerated() where only.map({ step.name.contains($0) }) ?? true {
    log("== \(step.name)")
    let part = folder + "/step-\(n).json"
    let scale = smoke ? ["--smoke"] : quick ? ["--quick"] : []
    let run = Measure.child(me, ["--step", step.name, "--json", part] + scale, folder: folder, stderrToParent: true)
    if let run, run.status == 0, let data = FileManager.default.contents(atPath: part),
        let o = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let list = o["figures"] as? [[String: Any]],
        case let made = list.compactMap(Figure.init(json:)), made.count == list.count {
        if o["failed"] as? Bool == true { failedSteps.append(step.name) }
        results += made
    } else {
        failedSteps.append(step.name)
        results.append(Figure(name: step.name, step: step.name, value: nil, unit: "",
                              notes: ["failed: the step's process \(run.map { "exited \($0.status)" } ?? "did not start")"]))
    }
}

// The table (scripts/bench-table.py prints the README's from the JSON).
let cores = ProcessInfo.processInfo.activeProcessorCount
let loadAfter = Measure.loadAverage()
let load = { (l: [Double]) in l.map { String(format: "%.2f", $0) }.joined(separator: ", ") }
print("EntryLedger bench (\(mode), \(build)) on \(Measure.cpuModel()), \(cores) cores; load average \(load(loadBefore)) before, \(load(loadAfter)) after")
let header = ["figure", "value", "unit", "baseline value", "ratio", "target", "met", "peak MiB"]
let rows = results.map { f in
    [f.name, f.value.map(\.pretty) ?? "-", f.unit, f.baselineValue.map(\.pretty) ?? "-",
     f.ratio.map { String(format: "%.2f", $0) } ?? "-", f.target?.description ?? "", f.met.map { $0 ? "yes" : "NO" } ?? "-",
     (f.peakMemoryMiB.map(\.pretty) ?? "-") + (f.peakMemoryMet == false ? " (over 256)" : "")]
}
let widths = header.indices.map { i in ([header[i]] + rows.map { $0[i] }).map(\.count).max() ?? 0 }
for row in [header] + rows {
    print(row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  "))
}
for f in results where !f.baseline.isEmpty || !f.notes.isEmpty {
    print("  \(f.name): " + ([f.baseline.isEmpty ? nil : "baseline: \(f.baseline)"].compactMap { $0 } + f.notes).joined(separator: "; "))
}

if let jsonPath {
    // Every target shown met: a figure not measured, a peak not read or a failed step is not.
    let allMet = failedSteps.isEmpty && results.allSatisfy { ($0.target == nil || $0.met == true) && $0.peakMemoryMet == true }
    let doc: [String: Any] = [
        "format": "entryledger-bench",
        "version": 1,
        "mode": mode,
        "only": only ?? NSNull(),
        "build": build,
        "machine": ["cpu": Measure.cpuModel(), "cores": cores, "load_average_before": loadBefore, "load_average_after": loadAfter],
        "date": ISO8601DateFormatter().string(from: started),
        "seconds": Date().timeIntervalSince(started),
        "all_met": allMet,
        "failed_steps": failedSteps,
        "figures": results.map(\.json),
    ]
    var data = try JSONSerialization.data(withJSONObject: doc, options: [.prettyPrinted, .sortedKeys])
    data.append(0x0A)
    try AtomicFile.write([UInt8](data), to: jsonPath, existing: .replace)
    log("wrote \(jsonPath)")
}
