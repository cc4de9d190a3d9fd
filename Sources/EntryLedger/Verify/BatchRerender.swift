import LedgerFormat
import LedgerSQLite
import Foundation

/// Re-renders each archived replay batch file from the entry versions its `replay.batch`
/// record names and the control records (A, B) of the archived file itself, and compares the
/// bytes (schemas/ledger-format.md 5.10.1 step 6): a file that is not exactly what the ledger
/// renders did not come from it. The settings that are not in the ledger (site code, sender id,
/// password, date, office code, user data) are read back from the file's A and B records; every
/// other byte must follow from the ledger. When the record carries its `abi_header`, those
/// settings must be exactly the header's (``BatchHeaderCheck``) and SE13 is rendered with the
/// header's contact, as `replay` renders a recorded batch; without one, with the latest
/// `ledger.setting` before the batch.
///
/// Each entry version is read as the replay reads it (``CustomsEntry/init(stored:)``): its shape,
/// not the content rules of a newer rules version than the record names, so an honest entry
/// of older rules re-renders (what the newer rules find is a notice, never a problem).
enum BatchRerender {
    /// The seqs of the entry versions the batches sent, for the caller to fetch.
    static func versionSeqs(_ batches: [(seq: Int64, body: BatchBody)]) -> Set<Int64> {
        Set(batches.flatMap { $0.body.transactions.map(\.versionSeq) })
    }

    static func check(_ batches: [(seq: Int64, body: BatchBody)], folder: String, payloads: [Int64: [UInt8]],
                      contacts: [Int64: ABIContact] = [:]) -> [VerificationReport.Problem] {
        var problems: [VerificationReport.Problem] = []
        var entries: [Int64: CustomsEntry?] = [:]
        func entry(_ seq: Int64) -> CustomsEntry? {
            if let e = entries[seq] { return e }
            var e: CustomsEntry?
            if let p = payloads[seq], let h = try? RecordHeader(payload: p, checkCanonical: false), case .object(let b) = h.body, let json = b["entry"] {
                e = try? CustomsEntry(stored: json)
            }
            entries[seq] = e
            return e
        }
        for (seq, b) in batches where !b.batchID.contains("/") && !b.batchID.hasPrefix(".") {
            for f in b.files where !f.name.contains("/") && !f.name.hasPrefix(".") {
                guard let data = FileManager.default.contents(atPath: "\(folder)/\(b.batchID)/\(f.name)") else { continue }  // BatchArchive reports it
                let archived = [UInt8](data)
                guard var settings = settings(of: archived) else {
                    problems.append(.init(seq: seq, "batch \(b.batchID) file \(f.name): its A and B control records cannot be read"))
                    continue
                }
                if let header = b.abiHeader {
                    let differences = BatchHeaderCheck.differences(archived, header: header)
                    if !differences.isEmpty {
                        problems.append(.init(seq: seq, field: "abi_header", rule: BatchHeaderCheck.rule,
                                              "batch \(b.batchID) file \(f.name) is not what its signed abi_header says: \(differences.joined(separator: "; "))"))
                    }
                    settings.contact = header.contact
                } else {
                    settings.contact = contacts[seq]
                }
                var items: [ABIBatchItem] = []
                var missing: [String] = []
                for t in b.transactions where t.application == f.application {
                    guard let e = entry(t.versionSeq) else { missing.append(t.entryNumber); continue }
                    items.append(ABIBatchItem(entry: e, action: t.action, filerReference: e.entrySummary?.brokerReference))
                }
                guard missing.isEmpty else {
                    problems.append(.init(seq: seq, "batch \(b.batchID) file \(f.name): cannot re-render \(missing.joined(separator: ", ")): the version the batch names is not an entry this program can read"))
                    continue
                }
                // The archive holds the password masked (5.10): render with any valid password,
                // then mask it as replay does.
                if settings.password == ABIBatchSettings.maskedPassword { settings.password = "MASKED" }
                let rendered = (try? ABIBatchBuilder.build(f.application, items: items, settings: settings)).map { ABIBatchSettings.masked($0.bytes) }
                if rendered != archived {
                    problems.append(.init(seq: seq, "batch \(b.batchID) file \(f.name) is not what the ledger renders for this batch: the file that went to ACE differs from the entries the ledger holds"))
                }
            }
        }
        return problems
    }

    /// The batch settings written in a file's A record and first B record.
    static func settings(of file: [UInt8]) -> ABIBatchSettings? {
        let lines = file.split(separator: 0x0A, omittingEmptySubsequences: false)
        guard lines.count >= 3, lines[0].count == ABIRules.recordLength, lines[1].count == ABIRules.recordLength,
              lines[0].first == UInt8(ascii: "A"), lines[1].first == UInt8(ascii: "B") else { return nil }
        func field(_ line: ArraySlice<UInt8>, _ layout: ABILayout, _ name: String) -> String? {
            guard let f = layout.field(name) else { return nil }
            let start = line.startIndex + f.start - 1
            var text = String(decoding: line[start..<(start + f.width)], as: UTF8.self)
            while text.hasSuffix(" ") { text.removeLast() }
            return text.isEmpty ? nil : text
        }
        let a = lines[0], bl = lines[1]
        guard let date = field(a, ABILayouts.a, "date"), date.count == 6 else { return nil }
        let c = Array(date)
        let iso = "20\(c[4])\(c[5])-\(c[0])\(c[1])-\(c[2])\(c[3])"
        return ABIBatchSettings(siteCode: field(a, ABILayouts.a, "site code") ?? "", senderID: field(a, ABILayouts.a, "sender id") ?? "",
                                password: field(a, ABILayouts.a, "password") ?? "", officeCode: field(a, ABILayouts.a, "office code") ?? "",
                                date: iso, userData: field(a, ABILayouts.a, "user data"), blockUserData: field(bl, ABILayouts.b, "filer user data"))
    }
}
