import Foundation
import Testing

/// The README's example is this target's `LibraryExample.swift`: it compiles against the public
/// API only, it runs, and the README shows it as it is.
@Suite struct ReadmeExample {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theExampleKeepsAnEntryAndTheReviewerFindsItIntact() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let entry = try String(contentsOf: root.appendingPathComponent("samples/entries/01-vessel-continuous-3461-7501.json"), encoding: .utf8)
        #expect(try keepAndCheckOneEntry(folder: dir, entryJSON: entry))
    }

    @Test func theExampleRefusesABadEntryAndWritesNothingOfIt() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: (any Error).self) { try keepAndCheckOneEntry(folder: dir, entryJSON: #"{"entry_number": "EL7-1000001-9"}"#) }
    }

    @Test func theReadmeShowsTheCompiledExampleVerbatim() throws {
        let source = try String(contentsOf: root.appendingPathComponent("Tests/LibraryExampleTests/LibraryExample.swift"), encoding: .utf8)
        guard let start = source.range(of: "// README example begins\n"), let end = source.range(of: "// README example ends") else {
            Issue.record("the example's markers are missing")
            return
        }
        let example = String(source[start.upperBound..<end.lowerBound])
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        guard let section = readme.range(of: "## Using the library\n") else {
            Issue.record("README.md has no \"Using the library\" section")
            return
        }
        let rest = readme[section.upperBound...]
        guard let open = rest.range(of: "```swift\n"), let close = rest[open.upperBound...].range(of: "```\n") else {
            Issue.record("the section has no swift code block")
            return
        }
        #expect(String(rest[open.upperBound..<close.lowerBound]) == example)
    }
}
