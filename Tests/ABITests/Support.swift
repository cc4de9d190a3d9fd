import EntryLedger
import Foundation

/// Files of the repository, found from this source file's path.
enum Repo {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    static func bytes(_ path: String) -> [UInt8] { [UInt8]((try? Data(contentsOf: url(path))) ?? Data()) }

    static func names(_ folder: String, suffix: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url(folder).path)) ?? [])
            .filter { $0.hasSuffix(suffix) }.sorted()
    }

    /// The ten sample entries, in file-name order.
    static let entries: [CustomsEntry] = names("samples/entries", suffix: ".json").map {
        try! CustomsEntry(json: JSONReader.parse(bytes("samples/entries/\($0)")))
    }

    static func entry(_ formatted: String) -> CustomsEntry {
        entries.first { $0.entryNumber.formatted == formatted }!
    }

    /// Whether golden files are to be written rather than compared (`ABI_REGENERATE=1`).
    static var regenerate: Bool { ProcessInfo.processInfo.environment["ABI_REGENERATE"] == "1" }
}

/// The settings the samples are built with (`PASSWD`, the chapter examples' placeholder for the
/// 6-character password of A 9-14).
let sampleSettings = ABIBatchSettings(siteCode: "EL01", senderID: "EL7", password: "PASSWD", officeCode: "01",
                                      date: "2026-11-30", userData: "B0001", blockUserData: "B0001",
                                      contact: ABIContact(name: "DANA WHITFIELD", phone: "3125550142"))

/// The vessel sample (both forms, 3 lines) and the air sample (single bond).
let vessel = "EL7-1000001-8"
let air = "EL7-1000006-7"

/// Columns `a`-`b` (1-based, inclusive) of a record.
func cols(_ line: String, _ a: Int, _ b: Int) -> String {
    let u = Array(line.utf8)
    guard a >= 1, b <= u.count, a <= b else { return "<out of range \(a)-\(b) of \(u.count)>" }
    return String(decoding: u[(a - 1)..<b], as: UTF8.self)
}

/// The lines of a batch text, without their line ends.
func lines(_ text: String) -> [String] {
    var out = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if out.last == "" { out.removeLast() }
    return out
}

/// The sample batches: every sample entry with action A, the filer reference left to the entry.
func sampleBatches() throws -> [ABIBatch] {
    try ABIBatchBuilder.buildAll(Repo.entries.map { ABIBatchItem(entry: $0, action: .add) }, settings: sampleSettings)
}

/// The records of a batch text whose id starts with `id` (`SE10`, `10` ...), by position.
func records(_ text: String, _ id: String) -> [String] { lines(text).filter { $0.hasPrefix(id) } }

/// The transaction records (no A/B/Y/Z) of one entry's transaction.
func transaction(_ entry: CustomsEntry, _ app: ABIApplication, _ action: ABIAction = .add) throws -> [String] {
    app == .cargoRelease
        ? try CargoReleaseTransaction.records(for: entry, action: action, contact: sampleSettings.contact)
        : try EntrySummaryTransaction.records(for: entry, action: action)
}

