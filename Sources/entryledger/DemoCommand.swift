import ArgumentParser
import EntryLedger
import Foundation

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Run a whole outage end to end in a temporary folder (or --dir).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Where to run (default: a new temporary folder). Must be empty or not exist.") var dir: String?

    func run() throws {
        let folder: String
        if let dir {
            if let contents = try? FileManager.default.contentsOfDirectory(atPath: dir), !contents.isEmpty {
                throw InputError("--dir \(dir) is not empty; give an empty or new folder")
            }
            folder = dir
        } else {
            folder = NSTemporaryDirectory() + "entryledger-demo-" + UUID().uuidString.prefix(8).lowercased()
        }
        let result = try Demo.run(in: folder) { print($0) }
        if !result.cleanReport.ok || result.tamperCaughtAtSeq != result.tamperedSeq {
            throw VerificationFailed(message: "the demo did not behave as expected")
        }
    }
}
