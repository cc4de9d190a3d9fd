import EntryLedger
import Foundation

// entryledger-bench: how fast EntryLedger is, each figure beside a baseline measured in the
// same run. Run it in release mode:
//
//     swift run -c release entryledger-bench [--quick] [--json FILE]

let args = CommandLine.arguments.dropFirst()
if args.contains("--help") || args.contains("-h") {
    print("usage: entryledger-bench [--quick] [--json FILE] [--only STEP]\n  --quick  a smoke run at a tenth of the sizes or less\n  --json   also write the figures as JSON to FILE\n  --only   run only the steps whose name contains STEP")
    exit(0)
}
let quick = args.contains("--quick")
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
let unknown = args.filter { $0.hasPrefix("-") && !["--quick", "--json", "--only"].contains($0) }
guard unknown.isEmpty else { FileHandle.standardError.write(Data("unknown option \(unknown[0]); see --help\n".utf8)); exit(2) }

#if DEBUG
FileHandle.standardError.write(Data("warning: a debug build; run `swift run -c release entryledger-bench` for real figures\n".utf8))
#endif

let folder = NSTemporaryDirectory() + "entryledger-bench-" + UUID().uuidString.prefix(8).lowercased()
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: folder) }
let log = { (s: String) in FileHandle.standardError.write(Data((s + "\n").utf8)) }
let figures = Figures(scale: quick ? .quick : .full, folder: folder, log: log)

var results: [Figure] = []
@MainActor func step(_ name: String, _ body: () throws -> [Figure]) {
    if let only, !name.contains(only) { return }
    log("== \(name)")
    do { results += try body() } catch { results.append(Figure(name: name, value: nil, unit: "", notes: ["failed: \(error)"])) }
}
step("durable single append") { try figures.durableSingleAppend() }
step("bulk append") { [try figures.bulkAppend()] }
step("verify") { try figures.verifyLedger() }
step("checkpoint") { [try figures.checkpoint()] }
step("prove before acting") { try figures.proveBeforeActing() }
step("bulk import and replay") { try figures.importAndReplay() }
step("openssl speed") { [figures.openssl()] }

// The table.
let cores = ProcessInfo.processInfo.activeProcessorCount
print("EntryLedger bench (\(quick ? "quick" : "full")) on \(Measure.cpuModel()), \(cores) cores")
let header = ["figure", "value", "unit", "baseline", "baseline value", "ratio", "target", "met"]
let rows = results.map { f in
    [f.name, f.value.map(\.pretty) ?? "-", f.unit, f.baseline, f.baselineValue.map(\.pretty) ?? "-",
     f.ratio.map { String(format: "%.2f", $0) } ?? "-", f.target, f.met.map { $0 ? "yes" : "NO" } ?? "-"]
}
let widths = header.indices.map { i in ([header[i]] + rows.map { $0[i] }).map(\.count).max() ?? 0 }
for row in [header] + rows {
    print(row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  "))
}
for f in results where !f.notes.isEmpty { print("  \(f.name): \(f.notes.joined(separator: "; "))") }

if let jsonPath {
    let doc: [String: Any] = [
        "mode": quick ? "quick" : "full",
        "machine": ["cpu": Measure.cpuModel(), "cores": cores],
        "date": ISO8601DateFormatter().string(from: Date()),
        "figures": results.map(\.json),
    ]
    let data = try JSONSerialization.data(withJSONObject: doc, options: [.prettyPrinted, .sortedKeys])
    try data.write(to: URL(fileURLWithPath: jsonPath))
    log("wrote \(jsonPath)")
}
