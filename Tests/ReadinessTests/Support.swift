import Foundation
import Testing
import TestSupport

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite

/// A fresh temporary folder per test, holding a copy of samples/office-profile.json (changed
/// as each test needs) as entryledger-office.json.
struct OfficeFolder {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var sampleText: String { (try? String(contentsOf: root.appendingPathComponent("samples/office-profile.json"), encoding: .utf8)) ?? "" }

    let path: String

    init(change: (inout [String: JSONValue]) -> Void = { _ in }) throws {
        path = NSTemporaryDirectory() + "el-office-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard case .object(var o) = try JSONReader.parse(Self.sampleText) else { throw LedgerError.invalidInput(["sample is not an object"]) }
        change(&o)
        try writeProfile(.object(o))
    }

    func writeProfile(_ json: JSONValue) throws {
        try Data((try CanonicalJSON.encodeString(json) + "\n").utf8).write(to: URL(fileURLWithPath: file(OfficeProfile.defaultPath)))
    }

    func file(_ name: String) -> String { path + "/" + name }

    func run(_ args: [String], stdin: String? = nil) throws -> CLI.Result { try CLI.run(args, in: path, stdin: stdin) }
}

extension CLI.Result {
    func expectStatus(_ code: Int32, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(exited && status == code, "exit \(status): \(stderr)\n\(stdout)", sourceLocation: sourceLocation)
    }
}

/// Sets a member at a path of objects: `set(&o, ["isa", "signed"], "2022-11-29")`.
func set(_ o: inout [String: JSONValue], _ path: [String], _ value: JSONValue?) {
    guard let first = path.first else { return }
    if path.count == 1 { o[first] = value; return }
    var inner = o[first]?.objectValue ?? [:]
    set(&inner, Array(path.dropFirst()), value)
    o[first] = .object(inner)
}
