import EntryLedger
import Foundation

/// Files of the repository, found from this source file's path (no bundle resources).
enum Repo {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func files(_ folder: String) -> [URL] {
        let dir = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { dir.appendingPathComponent($0) }
    }

    static func bytes(_ url: URL) -> [UInt8] { [UInt8]((try? Data(contentsOf: url)) ?? Data()) }

    static func json(_ url: URL) throws -> JSONValue { try JSONReader.parse(bytes(url)) }

    static var samples: [URL] { files("samples/entries") }
    static var invalidFixtures: [URL] { files("Tests/EntryTests/Fixtures/invalid") }

    static func sample(_ name: String) -> JSONValue {
        try! json(root.appendingPathComponent("samples/entries/\(name)"))
    }
}

/// The sample with both 3461 and 7501 data, vessel, continuous bond, three lines.
let vesselSample = "01-vessel-continuous-3461-7501.json"
/// The air sample with both forms and a single-transaction bond.
let airSample = "01-air-single-bond-3461-7501.json"
let ledgerFiler = "EL7"

extension JSONValue {
    /// The value with the member at `path` (`lines[0].hts`, `bond`) replaced, or removed when
    /// `value` is nil. Missing intermediate objects are created.
    func setting(_ path: String, to value: JSONValue?) -> JSONValue {
        setting(Self.components(path)[...], to: value)
    }

    private enum Step { case key(String), index(Int) }

    private static func components(_ path: String) -> [Step] {
        var steps: [Step] = []
        for part in path.split(separator: ".") {
            var name = Substring(part)
            var indices: [Int] = []
            while let open = name.lastIndex(of: "["), name.hasSuffix("]") {
                indices.insert(Int(name[name.index(after: open)..<name.index(before: name.endIndex)])!, at: 0)
                name = name[..<open]
            }
            if !name.isEmpty { steps.append(.key(String(name))) }
            steps += indices.map { .index($0) }
        }
        return steps
    }

    private func setting(_ steps: ArraySlice<Step>, to value: JSONValue?) -> JSONValue {
        guard let first = steps.first else { return value ?? .null }
        let rest = steps.dropFirst()
        switch first {
        case .key(let k):
            var o = objectValue ?? [:]
            if rest.isEmpty && value == nil { o[k] = nil } else { o[k] = (o[k] ?? .object([:])).setting(rest, to: value) }
            return .object(o)
        case .index(let i):
            var a = arrayValue ?? []
            if rest.isEmpty && value == nil { a.remove(at: i) } else { a[i] = a[i].setting(rest, to: value) }
            return .array(a)
        }
    }

    /// The value at `path`, or nil.
    func at(_ path: String) -> JSONValue? {
        var current: JSONValue? = self
        for step in Self.components(path) {
            switch step {
            case .key(let k): current = current?[k]
            case .index(let i):
                guard let a = current?.arrayValue, a.indices.contains(i) else { return nil }
                current = a[i]
            }
        }
        return current
    }

    /// Paths of every scalar leaf and every container (for the wrong-type sweep).
    func allPaths(prefix: String = "") -> [String] {
        switch self {
        case .object(let o):
            return o.keys.sorted().flatMap { k -> [String] in
                let p = prefix.isEmpty ? k : "\(prefix).\(k)"
                return [p] + o[k]!.allPaths(prefix: p)
            }
        case .array(let a):
            return a.indices.flatMap { i -> [String] in
                let p = "\(prefix)[\(i)]"
                return [p] + a[i].allPaths(prefix: p)
            }
        default: return []
        }
    }
}

func problems(_ json: JSONValue, filer: String? = ledgerFiler) -> [EntryProblem] {
    EntryValidator.problems(in: json, ledgerFilerCode: filer)
}
