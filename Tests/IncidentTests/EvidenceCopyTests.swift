import Foundation
import Testing

@testable import EntryLedger

/// Evidence is copied whole or not at all, and a partial copy under its final name (left by an
/// interrupted copy of an older version) is found and replaced on the next try.
@Suite struct EvidenceCopies {
    @Test func aPartialCopyUnderTheFinalNameIsReplacedOnRetryAndTheLedgerVerifies() throws {
        let w = try Workspace()
        try w.open()
        let file = w.path + "/forensics.bin"
        let bytes = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 13) })
        try bytes.write(to: URL(fileURLWithPath: file))
        let body = try Evidence.store(file: file, description: "image", ledgerPath: w.ledger.store.path)
        let dest = Evidence.folder(forLedger: w.ledger.store.path) + "/" + body.storedName
        // As an interrupted copy left it: the first 4,096 bytes under the final name.
        try bytes.prefix(4096).write(to: URL(fileURLWithPath: dest))
        try w.ledger.addEvidence(file: file, description: "image", signer: w.supervisor)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dest)) == bytes)
        #expect(try w.verify().ok)
        let left = try FileManager.default.contentsOfDirectory(atPath: Evidence.folder(forLedger: w.ledger.store.path))
        #expect(left == [body.storedName], "no temporary file is left: \(left)")
    }

    @Test func aFileThatChangesWhileItIsCopiedIsNotRecorded() throws {
        let w = try Workspace()
        try w.open()
        let file = w.path + "/log.txt"
        try Data("first".utf8).write(to: URL(fileURLWithPath: file))
        let first = try Evidence.digest(of: file)
        try Data("second, longer".utf8).write(to: URL(fileURLWithPath: file))
        // The body named by the first read; the copy reads the second: refused, nothing named.
        let body = EvidenceBody(name: "log.txt", size: first.size, sha256: first.sha256, description: "")
        let dest = Evidence.folder(forLedger: w.ledger.store.path) + "/" + body.storedName
        try AtomicFile.makeFolder(Evidence.folder(forLedger: w.ledger.store.path))
        let e = #expect(throws: LedgerError.self) {
            guard let input = FileHandle(forReadingAtPath: file) else { return }
            try AtomicFile.write(to: dest, existing: .replace) { sink in
                while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty { try sink.write(chunk) }
                guard sink.sha256 == body.sha256 else { throw LedgerError.invalidInput(["changed while copied"]) }
            }
        }
        #expect(e != nil)
        #expect(!FileManager.default.fileExists(atPath: dest))
        #expect(try FileManager.default.contentsOfDirectory(atPath: Evidence.folder(forLedger: w.ledger.store.path)).isEmpty)
    }
}
