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
let quick = args.contains("--quick")
let smoke = args.contains("--smoke")
let mode = smoke ? "smoke" : quick ? "quick" : "full"
var jsonPath: String?
if let i = args.firstIndex(of: "--json") {
    guard args.index(after: i) < args.endIndex else { FileHandle.standardError.write(Data("--json needs a FILE\n".utf8)); exit(2) }
    jsonPath = args[args.index(after: i)]
}
var only: String?
if let i = args.firstIndex(of: "--only") {
    guard args.index(after: i) < args.endIndex else { FileHandle.standardError.write(Data("--only needs a STEP\n".utf8)); exit(2) }
    only = args[args.index(after: i)]
}
let unknown = args.filter { $0.hasPrefix("-") && !["--quick", "--smoke", "--json", "--only"].contains($0) }
guard unknown.isEmpty else { FileHandle.standardError.write(Data("unknown option \(unknown[0]); see --help\n".utf8)); exit(2) }

#if DEBUG
FileHandle.standardError.write(Data("warning: a debug build; run `swift run -c release entryledger-bench` for real figures\n".utf8))
#endif

let folder = NSTemporaryDirectory() + "entryledger-bench-" + UUID().uuidString.prefix(8).lowercased()
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: folder) }
let log = { (s: String) in FileHandle.standardError.write(Data((s + "\n").utf8)) }
let figures = Figures(scale: smoke ? .smoke : quick ? .quick : .full, folder: folder, log: log)

var results: [Figure] = []
var failedSteps: [String] = []
let loadBefore = Measure.loadAverage()
let started = Date()
/// Runs one step; every figure it returns that did not measure its own peak memory gets the
/// process's peak over the step (VmHWM reset before it).
@MainActor func step(_ name: String, _ body: () throws -> [Figure]) {
    if let only, !name.contains(only) { return }
    log("== \(name)")
    let reset = Measure.resetPeakMemory()
    var made: [Figure]
    do { made = try body() } catch {
        failedSteps.append(name)
        made = [Figure(name: name, value: nil, unit: "", notes: ["failed: \(error)"])]
    }
    for i in made.indices { made[i].step = name }
    let peak = Measure.peakMiB()
    for i in made.indices where made[i].peakMemoryMiB == nil {
        made[i].peakMemoryMiB = peak
        made[i].peakMemoryOf = .step
        if !reset { made[i].notes.append("peak memory not reset before the step: the process's peak so far") }
    }
    results += made
}
step("durable single append") { try figures.durableSingleAppend() }
step("bulk append") { [try figures.bulkAppend()] }
step("verify") { try figures.verifyLedger() }
step("checkpoint") { [try figures.checkpoint()] }
step("prove before acting") { [try figures.proveBeforeActing()] }
step("bulk import and replay") { try figures.importAndReplay() }
step("peers: python verifier") { [try figures.bundleVerify()] }
step("peers: openssl speed") { [try figures.opensslSpeed()] }

// The table (scripts/bench-table.py prints the README's from the JSON).
let cores = ProcessInfo.processInfo.activeProcessorCount
#if DEBUG
let build = "debug"
#else
let build = "release"
#endif
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
