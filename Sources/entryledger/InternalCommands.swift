import ArgumentParser
import EntryLedger
import Foundation

/// Not for brokers: a writer for the crash and concurrency tests. It appends signed notes one
/// transaction at a time and prints each seq only after its commit has returned.
struct StressAppendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stress-append", abstract: "Append N signed notes, printing each committed seq (testing only).",
        shouldDisplay: false)

    @OptionGroup var global: GlobalOptions
    @Option(help: "How many notes.") var count: Int = 100
    @Option(help: "A label put in each note.") var label: String = "writer"
    @OptionGroup var signer: KeyOptions

    func run() throws {
        let key = try signer.load()
        let ledger = try global.openLedger()
        for i in 0..<count {
            let r = try ledger.note("\(label) note \(i)", signer: key)
            // Unbuffered: the seq reaches the reader only after the commit has returned.
            FileHandle.standardOutput.write(Data("\(r.seq)\n".utf8))
        }
    }
}
