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
    @Option(help: "Notes per transaction; with more than 1, only the last seq of each batch is printed.") var batch: Int = 1
    @OptionGroup var signer: KeyOptions

    func validate() throws {
        guard batch >= 1 else { throw ValidationError("--batch must be at least 1") }
    }

    func run() throws {
        let key = try signer.load()
        let ledger = try global.openLedger()
        var i = 0
        while i < count {
            let n = min(batch, count - i)
            let items = (i..<i + n).map { (RecordKind.incidentNote, NoteBody(text: "\(label) note \($0)").json) }
            let last = n == 1 ? try ledger.note("\(label) note \(i)", signer: key) : try ledger.appendAll(items, signer: key).last!
            // Unbuffered: the seq reaches the reader only after the commit has returned.
            Output.out("\(last.seq)\n")
            i += n
        }
    }
}
