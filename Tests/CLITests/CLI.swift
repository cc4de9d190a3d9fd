import Foundation
import Testing

@testable import EntryLedger
@testable import LedgerFormat
@_spi(Testing) @testable import LedgerSQLite
import TestSupport

/// A folder with a supervisor, two clerks and an initialised ledger, made through the CLI.
struct CLIWorkspace {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "el-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for name in ["sup", "alice", "bob"] {
            try CLI.run(["key", "new", "--name", name == "sup" ? "Dana Whitfield" : name.capitalized, "--out", "\(name).key"], in: path).expectSuccess()
        }
        try CLI.run(["init", "--filer", "EL7", "--port", "4103", "--broker", "Harbor Point Customs Brokerage LLC", "--key", "sup.key"], in: path).expectSuccess()
        for name in ["Alice", "Bob"] {
            try CLI.run(["clerk", "enroll", "--name", name, "--public-key", "\(name.lowercased()).key.pub", "--key", "sup.key"], in: path).expectSuccess()
        }
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// The ledger's bytes, after folding the WAL into the main file, for "nothing changed" checks.
    func ledgerDigest() throws -> [UInt8] {
        let store = try LedgerStore.open(path: file("entryledger.db"))
        var all: [UInt8] = []
        try store.forEachChunk { rs in rs.forEach { all += $0.record.payload + $0.record.signature }; return true }
        return all
    }
}

extension CLI.Result {
    func expectSuccess(sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(status == 0, "exit \(status): \(stderr)", sourceLocation: sourceLocation)
    }
}
