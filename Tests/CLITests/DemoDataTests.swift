import Foundation
import Testing
@testable import entryledger

/// The demo carries the sample entries in Swift so that it runs anywhere; they must stay the
/// files of `samples/entries/`, byte for byte.
@Suite struct DemoData {
    /// The repository, found from this source file's path (no bundle resources).
    let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theDemosEmbeddedEntriesAreTheSampleFiles() throws {
        #expect(DemoEntries.files.count == 4)
        for (name, json) in DemoEntries.files {
            let file = try String(contentsOf: repoRoot.appendingPathComponent("samples/entries/\(name)"), encoding: .utf8)
            #expect(file == json + "\n", "\(name)")
        }
    }
}
