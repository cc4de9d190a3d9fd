import LedgerFormat
import Crypto
import Foundation

/// Every `ace.response` record checked against the archived response file it was read from,
/// by reading the file again (schemas/ace-responses.md, "What verify checks"): the file is the
/// one recorded (SHA-256), it reads as ACE responses with the same reader `ack` uses, it names
/// only batches and entries the ledger sent before the record, and what the records say (the
/// control header, every result with its outcome and messages, the batch conditions, the
/// unreadable lines, the split into parts) is exactly what that reading and matching give.
///
/// A supervisor who signs an `ace.response` claiming an acceptance the file does not give, or
/// leaving out a rejection it gives, is caught here: the replay plan reads those answers.
///
/// ```swift
/// problems += ResponseAudit.check(responses, batches: audit.batches, responseFolder: dir + "/responses", batchFolder: dir + "/batches")
/// ```
enum ResponseAudit {
    /// At most this many results go into one `ace.response` record (the split `ack` makes).
    static let resultsPerPart = Ledger.maxResultsPerResponseRecord

    /// Problems with the response records given (in seq order), each checked against its file
    /// in `responseFolder` and matched against the `batches` recorded before it (their files
    /// in `batchFolder`, for X0 references).
    static func check(_ records: [(seq: Int64, body: ResponseBody)], batches: [(seq: Int64, body: BatchBody)],
                      responseFolder: String, batchFolder: String?) -> [VerificationReport.Problem] {
        var problems: [VerificationReport.Problem] = []
        var seen: [String: Int64] = [:]
        for group in groups(records, problems: &problems) {
            // Each response once: an old answer recorded again would override a newer one.
            if let first = seen[group[0].body.fileSHA256] {
                problems.append(.init(seq: group[0].seq, rule: "ace.response-once",
                                      "ACE response \(group[0].body.fileName): the file (SHA-256 \(group[0].body.fileSHA256)) was already recorded at seq \(first): ack records a file once"))
            } else {
                seen[group[0].body.fileSHA256] = group[0].seq
            }
            problems += checkOne(group, batches: batches.filter { $0.seq < group[0].seq }, responseFolder: responseFolder, batchFolder: batchFolder)
        }
        return problems
    }

    /// The records of one response each: a record without `part`, or parts 1 to N at
    /// consecutive seqs with the same file, SHA-256 and control. A part out of place is a
    /// problem and stands alone.
    static func groups(_ records: [(seq: Int64, body: ResponseBody)], problems: inout [VerificationReport.Problem]) -> [[(seq: Int64, body: ResponseBody)]] {
        var out: [[(seq: Int64, body: ResponseBody)]] = []
        var open: [(seq: Int64, body: ResponseBody)] = []
        func close() {
            guard let first = open.first else { return }
            if let count = first.body.part?.count, open.count != Int(count) {
                problems.append(.init(seq: first.seq, rule: "ace.response-parts",
                                      "ACE response \(first.body.fileName) is recorded in \(open.count) of its \(count) parts: the parts of one response are records at consecutive seqs, one transaction"))
            }
            out.append(open)
            open = []
        }
        for r in records {
            if let last = open.last, let p = r.body.part, p.index > 1, r.seq == last.seq + 1, p.index == Int64(open.count) + 1,
               p.count == last.body.part?.count, r.body.fileSHA256 == last.body.fileSHA256, r.body.fileName == last.body.fileName,
               r.body.control == last.body.control {
                open.append(r)
                continue
            }
            close()
            if let p = r.body.part, p.index != 1 {
                problems.append(.init(seq: r.seq, rule: "ace.response-parts",
                                      "ACE response \(r.body.fileName): part \(p.index) of \(p.count) does not follow part \(p.index - 1) of the same file at the seq before it"))
            }
            open = [r]
        }
        close()
        return out
    }

    /// One response (its parts) against its file.
    static func checkOne(_ group: [(seq: Int64, body: ResponseBody)], batches: [(seq: Int64, body: BatchBody)], responseFolder: String,
                      batchFolder: String?) -> [VerificationReport.Problem] {
        let seq = group[0].seq, body = group[0].body
        func problem(_ rule: String, _ message: String) -> [VerificationReport.Problem] {
            [.init(seq: seq, field: nil, value: nil, rule: rule, "ACE response \(body.fileName): \(message)")]
        }
        guard !body.fileName.contains("/"), !body.fileName.hasPrefix(".") else {
            return problem("ace.response-file-name", "the file name is not a plain name")
        }
        let path = responseFolder + "/" + ResponseArchive.storedName(body)
        guard FileManager.default.fileExists(atPath: path) else {
            return problem("ace.response-file-missing", "the file is missing from \(responseFolder) (kept as \(ResponseArchive.storedName(body)))")
        }
        let data: [UInt8]
        do throws(InputFileError) { data = try InputFile.readAll(path, limit: Ledger.maxResponseFileBytes, within: responseFolder, what: "ACE response file") } catch {
            return problem("ace.response-file-missing", "the archived file cannot be read: \(error)")
        }
        let sha = Hex.encode(SHA256.hash(data: data))
        guard sha == body.fileSHA256 else {
            return problem("ace.response-file-sha256", "the file has changed: SHA-256 \(sha); the ledger recorded \(body.fileSHA256)")
        }
        let parsed: ACEResponseFile
        do { parsed = try ACEResponseReader.read(data) } catch {
            return problem("ace.response-file-unreadable", "the archived file does not read as ACE responses (\(error)): ack records nothing from such a file")
        }
        let matched: ACEResponseMatcher.Matched
        do {
            matched = try ACEResponseMatcher(batches: batches, archiveFolder: batchFolder ?? "", brokerReference: nil).match(parsed)
        } catch {
            return problem("ace.response-batch", "the file answers what this ledger had not sent before the record (\(error)): ack refuses such a file")
        }
        guard !matched.results.isEmpty || !matched.batchErrors.isEmpty else {
            return problem("ace.response-batch", "nothing in the file matches an entry this ledger sent: ack refuses such a file")
        }
        var derived = ResponseBody(fileName: body.fileName, fileSHA256: body.fileSHA256, results: matched.results,
                                   batchErrors: matched.batchErrors, unmatched: matched.unmatched)
        derived.control = Ledger.batchControl(data)
        let want = derived.parts(maxResults: resultsPerPart)
        let have = group.map(\.body)
        if want == have { return [] }
        return differences(have: have, want: want, derived: derived, problem: problem)
    }

    /// What differs between the records and the file, most telling first.
    static func differences(have: [ResponseBody], want: [ResponseBody], derived: ResponseBody,
                            problem: (String, String) -> [VerificationReport.Problem]) -> [VerificationReport.Problem] {
        var out: [VerificationReport.Problem] = []
        if have[0].control != derived.control {
            out += problem("ace.response-control", "control should be the file's A record with positions 9-14 as spaces: \(derived.control ?? "none")")
        }
        let results = have.flatMap(\.results)
        func answer(_ r: ResponseBody.Result) -> String { "\(r.application.rawValue) \(r.entryNumber) \(r.outcome)\(r.rejected ? " (rejected)" : "")" }
        let recorded = results.map(answer), given = derived.results.map(answer)
        if recorded != given {
            if recorded.count != given.count {
                out += problem("ace.response-results", "the records hold \(recorded.count) result(s); the file gives \(given.count)")
            }
            for i in 0..<max(recorded.count, given.count) where (i < recorded.count ? recorded[i] : nil) != (i < given.count ? given[i] : nil) {
                out += problem("ace.response-results", "result \(i + 1) says \(i < recorded.count ? recorded[i] : "nothing"); the file gives \(i < given.count ? given[i] : "nothing")")
                if out.count >= 10 { break }
            }
        } else if results.map(\.messages) != derived.results.map(\.messages) {
            let i = zip(results, derived.results).enumerated().first { $0.element.0.messages != $0.element.1.messages }?.offset ?? 0
            out += problem("ace.response-messages", "the messages of result \(i + 1) (\(recorded[i])) are not the file's")
        }
        if have.flatMap(\.batchErrors) != derived.batchErrors || have.flatMap(\.unmatched) != derived.unmatched {
            out += problem("ace.response-conditions", "batch_errors or unmatched are not what the file gives (\(derived.batchErrors.count) batch condition(s), \(derived.unmatched.count) unreadable line(s))")
        }
        if out.isEmpty {
            out += problem("ace.response-parts", "the response should be recorded as \(want.count) part(s) of at most \(resultsPerPart) results, batch errors and unmatched lines in the first")
        }
        return out
    }
}
