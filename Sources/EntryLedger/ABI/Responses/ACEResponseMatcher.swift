import LedgerFormat
import Crypto
import Foundation

/// Matches a read response file to what this ledger sent, and turns it into the results the
/// `ace.response` record holds. Keys, per the chapters: the replay batch id EntryLedger wrote
/// into A 60-80 and B 60-80 (echoed back); SX by SE10 filer code + entry number; SO by SO10
/// filer code + entry number; AX by the E0 `SUMMRY` filer code + entry number + broker
/// reference; UC by the E1 filer code + entry number + broker reference; an X0 `TRNACT` by the
/// position of the record in the batch file sent (read back from the batch archive and checked
/// against its recorded SHA-256); an X0 `BLOCK` by the block's place in that file.
///
/// A response that names a batch, or an entry, or a broker reference this ledger never sent is
/// refused as a whole (``ACEResponseError``): nothing from it is recorded.
public struct ACEResponseMatcher {
    /// What the response means for the ledger.
    public struct Matched: Sendable, Equatable {
        public var results: [ResponseBody.Result] = []
        public var batchErrors: [String] = []
        public var unmatched: [String] = []
    }

    struct Sent: Hashable {
        let number: String
        let app: ABIApplication
    }

    /// The batches the ledger recorded before the response, in seq order.
    let batches: [(seq: Int64, body: BatchBody)]
    /// Every entry and application those batches sent.
    let sent: Set<Sent>
    let archive: String
    /// The broker reference the ledger sent for an entry (AE 10 22-30), if any; nil when the
    /// echoed references are not checked (verify re-reading an archived file: `ack` checked them).
    let brokerReference: ((String) -> String?)?

    public init(history: ReplayHistory, archiveFolder: String, brokerReference: @escaping (String) -> String?) {
        self.init(batches: history.batches, archiveFolder: archiveFolder, brokerReference: brokerReference)
    }

    /// Matches against the batches given (those recorded before the response, when verify
    /// reads an archived response file again).
    init(batches: [(seq: Int64, body: BatchBody)], archiveFolder: String, brokerReference: ((String) -> String?)?) {
        self.batches = batches
        self.sent = Set(batches.flatMap { $0.body.transactions.map { Sent(number: $0.entryNumber, app: $0.application) } })
        self.archive = archiveFolder
        self.brokerReference = brokerReference
    }

    public func match(_ file: ACEResponseFile) throws(ACEResponseError) -> Matched {
        var out = Matched()
        let app = file.inputApplication
        let direct = file.application == "SX" || file.application == "AX"
        var batch: BatchBody?
        // A drill's B records carry DRILL in place of the batch id (DrillMarking); its A keeps the id.
        for id in [file.batchUserData] + file.blockUserData {
            guard let id, id != DrillMarking.blockUserData else { continue }
            guard let b = batches.last(where: { $0.body.batchID == id })?.body else {
                throw ACEResponseError(line: nil, "the response names batch \(id) (A/B positions 60-80), which this ledger never sent")
            }
            if let batch, batch.batchID != b.batchID {
                throw ACEResponseError(line: nil, "the response names two batches, \(batch.batchID) and \(b.batchID)")
            }
            batch = b
        }
        for d in file.dispositions {
            let n = d.entryNumber.formatted
            guard sent.contains(Sent(number: n, app: d.application)) else {
                throw ACEResponseError(line: d.line, "\(file.application) answer for \(n), which no batch of this ledger sent as \(d.application.rawValue)")
            }
            if direct, let batch, !batch.transactions.contains(where: { $0.entryNumber == n && $0.application == d.application }) {
                throw ACEResponseError(line: d.line, "\(file.application) answer for \(n), which batch \(batch.batchID) did not carry")
            }
            if let brokerReference, d.application == .entrySummary, let echoed = d.filerReference, echoed != (brokerReference(n) ?? "") {
                throw ACEResponseError(line: d.line, "\(file.application) answer for \(n) names broker reference \(echoed); this ledger sent \(brokerReference(n) ?? "none")")
            }
            out.results.append(.init(entryNumber: n, application: d.application, outcome: d.outcome.name, rejected: d.outcome.isRejection,
                                     messages: d.messages.map(\.text)))
        }
        for e in file.batchErrors {
            let text = e.messages.map(\.text).joined(separator: "; ")
            let at = e.referenceType.map { "\($0) \(e.occurrence ?? 0)" } ?? "batch"
            out.batchErrors.append("line \(e.line): \(at)\(e.recordPosition.map { ", record \($0)" } ?? ""): \(text)\(e.rejected ? " (rejected)" : "")")
            guard e.rejected else { continue }
            guard let batch, let lines = batchLines(batch, app) else {
                out.unmatched.append("line \(e.line): a rejection that cannot be tied to entries (no batch id echoed, or the batch file is not in \(archive))")
                continue
            }
            let entries: [String]
            var outcome = ACEOutcome.batchRejected
            switch e.referenceType {
            case "TRNACT":
                guard let p = e.recordPosition, let n = Self.transaction(at: p, in: lines, app) else {
                    out.unmatched.append("line \(e.line): X0 TRNACT record \(e.recordPosition ?? 0) is not inside a transaction of \(batch.batchID)-\(app.rawValue).abi")
                    continue
                }
                entries = [n]
                outcome = .transactionRejected
            case "BLOCK":
                entries = Self.transactions(inBlock: e.occurrence ?? 0, of: lines, app)
            default:
                entries = Self.transactions(inBlock: nil, of: lines, app)
            }
            for n in entries {
                out.results.append(.init(entryNumber: n, application: app, outcome: outcome.name, rejected: true, messages: e.messages.map(\.text)))
            }
        }
        out.unmatched += file.unreadable.map { "line \($0.line): \($0.reason)\($0.text.isEmpty ? "" : ": " + $0.text.trimmingCharacters(in: .whitespaces))" }
        return out
    }

    /// The lines of the batch file sent for `app`, when it is in the archive as recorded.
    func batchLines(_ batch: BatchBody, _ app: ABIApplication) -> [String]? {
        guard let f = batch.files.first(where: { $0.application == app }),
              let data = FileManager.default.contents(atPath: "\(archive)/\(batch.batchID)/\(f.name)"),
              Hex.encode(SHA256.hash(data: data)) == f.sha256 else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The entry whose transaction holds the record at 1-based `position` (the A record is 1).
    static func transaction(at position: Int, in lines: [String], _ app: ABIApplication) -> String? {
        guard position >= 1, position <= lines.count else { return nil }
        var i = position - 1
        while i >= 0 {
            if let n = entryNumber(lines[i], app) { return n }
            if lines[i].hasPrefix("B") || lines[i].hasPrefix("A") { return nil }
            i -= 1
        }
        return nil
    }

    /// The entries of block `k` (1-based), or of every block when nil.
    static func transactions(inBlock k: Int?, of lines: [String], _ app: ABIApplication) -> [String] {
        var block = 0
        var out: [String] = []
        for l in lines {
            if l.hasPrefix("B") { block += 1; continue }
            if k == nil || block == k, let n = entryNumber(l, app) { out.append(n) }
        }
        return out
    }

    /// The entry number a transaction's first record (SE10, AE 10) names, formatted.
    static func entryNumber(_ line: String, _ app: ABIApplication) -> String? {
        let b = Array(line.utf8)
        guard b.count == ABIRules.recordLength else { return nil }
        let layout = app == .cargoRelease ? ABILayouts.se10 : ABILayouts.ae10
        guard line.hasPrefix(layout.id), let ff = layout.field("filer code"), let ef = layout.field("entry number") else { return nil }
        let filer = String(decoding: b[(ff.start - 1)..<ff.end], as: UTF8.self)
        let number = String(decoding: b[(ef.start - 1)..<ef.end], as: UTF8.self)
        return (try? EntryNumber(parsing: filer + number))?.formatted
    }
}
