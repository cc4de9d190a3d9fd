import EntryLedger
import Foundation

/// One line of the bench's table: a figure and the baseline it is judged against, both
/// measured in the same run, and the target for it.
struct Figure {
    var name: String
    var value: Double?
    var unit: String
    var baseline: String = ""
    var baselineValue: Double?
    /// The target, in words, and whether this run met it (nil: no target, or not measured).
    var target: String = ""
    var met: Bool?
    var notes: [String] = []

    static func notYetAvailable(_ name: String, target: String, why: String) -> Figure {
        Figure(name: name, value: nil, unit: "", target: target, notes: ["not yet available: \(why)"])
    }

    var ratio: Double? {
        guard let value, let baselineValue, baselineValue != 0 else { return nil }
        return value / baselineValue
    }

    var json: [String: Any] {
        var o: [String: Any] = ["name": name, "unit": unit, "baseline": baseline, "target": target, "notes": notes]
        o["value"] = value ?? NSNull()
        o["baseline_value"] = baselineValue ?? NSNull()
        o["ratio"] = ratio ?? NSNull()
        o["met"] = met ?? NSNull()
        return o
    }
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

    /// Resets VmHWM to the current resident size (Linux: write 5 to /proc/self/clear_refs),
    /// so that a peak measured afterwards belongs to what runs afterwards.
    static func resetPeakMemory() -> Bool {
        guard let h = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? h.close() }
        return (try? h.write(contentsOf: Data("5".utf8))) != nil
    }

    static func cpuModel() -> String {
        let text = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let line = text.split(separator: "\n").first { $0.hasPrefix("model name") }
        return line.map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } ?? "unknown"
    }

    /// Runs a command and returns its standard output, or nil if it cannot run.
    static func run(_ executable: String, _ args: [String]) -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return p.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
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
