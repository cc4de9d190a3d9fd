import LedgerFormat
import Foundation

/// Reads ACE response files by the tables of ``ACEResponseLayouts``: the A/B/Y/Z envelope, then
/// per application SX (each transaction's echoed SE records and its SE90s), SO (SO10 to the next
/// SO10), AX (E0 `SUMMRY`, E0 signposts with their E1 conditions, the final E1) or UC (E1 and
/// E2-E4, SO70-72), and X0/X1 batch conditions in any of them.
///
/// Strict where it matters: the envelope must be whole (`A` first, `Z` last, every `B` closed by
/// a `Y` of the same application, one response application per file), else the whole file is
/// refused with its line. A record line that cannot be read (not 80 printable characters, an
/// unknown record id, a record the block's chapter does not hold, a field out of its class) is
/// reported in ``ACEResponseFile/unreadable`` with the reason and not guessed at. No field is
/// read from a position the tables do not give. The reader never traps, whatever the bytes.
///
/// ```swift
/// let file = try ACEResponseReader.read(bytes)
/// for d in file.dispositions { print(d.entryNumber, d.outcome.name) }
/// ```
public enum ACEResponseReader {
    /// Files larger than this are refused without being read (64 MiB).
    public static let defaultMaximumBytes = 64 << 20

    /// Reads a response file's bytes.
    public static func read(_ bytes: [UInt8], maximumBytes: Int = defaultMaximumBytes) throws(ACEResponseError) -> ACEResponseFile {
        guard bytes.count <= maximumBytes else {
            throw ACEResponseError(line: nil, "the file has \(bytes.count) bytes, more than the \(maximumBytes) allowed")
        }
        var state = State()
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var line = Array(bytes[start..<end])
            if line.last == 0x0D { line.removeLast() }
            lineNumber += 1
            start = end + 1
            if line.isEmpty, start >= bytes.count { break }
            try state.take(line, lineNumber)
        }
        return try state.finish()
    }

    static let knownIDs4: Set<String> = Set(ACEResponseLayouts.recordIDs.values.flatMap { $0 }.filter { $0.count == 4 })
    static let knownIDs2: Set<String> = Set(ACEResponseLayouts.recordIDs.values.flatMap { $0 }.filter { $0.count == 2 })

    private struct Block {
        let application: String
        let port: String
        let filer: String
        let line: Int
        var records = 0
    }

    private enum Open {
        case none
        case sx(Int?)
        case so(Int?)
        case ax(Int?, signpost: String?)
        case uc(Int?)
    }

    private struct State {
        var result = ACEResponseFile()
        var headerLine: Int?
        var trailerLine: Int?
        var block: Block?
        var open = Open.none
        var batchError: Int?
        /// A transaction/notification whose closing record has not come yet: (disposition index, what is missing).
        var pending: (index: Int, missing: String)?

        mutating func take(_ bytes: [UInt8], _ line: Int) throws(ACEResponseError) {
            let text = String(decoding: bytes.map { (0x20...0x7E).contains($0) ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
            guard trailerLine == nil else { throw ACEResponseError(line: line, "a record after the Z batch trailer") }
            let first = bytes.first ?? 0
            let isEnvelope = [UInt8(ascii: "A"), UInt8(ascii: "B"), UInt8(ascii: "Y"), UInt8(ascii: "Z")].contains(first)
            guard bytes.count == ABIRules.recordLength, bytes.allSatisfy({ (0x20...0x7E).contains($0) }) else {
                let what = bytes.count == ABIRules.recordLength ? "holds a character that is not printable ASCII" : "has \(bytes.count) characters, not 80"
                if isEnvelope || headerLine == nil { throw ACEResponseError(line: line, "the record \(what)") }
                return unreadable(line, text, "the record \(what)")
            }
            result.recordCount += 1
            if headerLine == nil {
                guard first == UInt8(ascii: "A") else {
                    throw ACEResponseError(line: line, column: 1, "a response file starts with the A batch header (ABI envelope); found '\(text.prefix(4))'")
                }
            }
            if isEnvelope { return try envelope(bytes, text, line) }
            guard let block else {
                // Between blocks only batch conditions may stand.
                let id2 = String(text.prefix(2))
                if id2 == "X0" || id2 == "X1" { return condition(bytes, text, id2, line) }
                return unreadable(line, text, "record '\(text.prefix(4).trimmingCharacters(in: .whitespaces))' outside a B...Y block")
            }
            self.block?.records += 1
            let id4 = String(text.prefix(4)), id2 = String(text.prefix(2))
            let id = ACEResponseReader.knownIDs4.contains(id4) ? id4 : ACEResponseReader.knownIDs2.contains(id2) ? id2 : nil
            guard let id else { return unreadable(line, text, "unknown record id '\(text.prefix(4).trimmingCharacters(in: .whitespaces))'") }
            guard ACEResponseLayouts.recordIDs[block.application]?.contains(id) == true else {
                return unreadable(line, text, "record \(id) is not one a \(block.application) response holds")
            }
            if id == "X0" || id == "X1" { return condition(bytes, text, id, line) }
            switch block.application {
            case "SX": sx(id, bytes, text, line)
            case "SO": so(id, bytes, text, line)
            case "AX": ax(id, bytes, text, line)
            default: uc(id, bytes, text, line)
            }
        }

        mutating func envelope(_ bytes: [UInt8], _ text: String, _ line: Int) throws(ACEResponseError) {
            let r = Fields(bytes: bytes)
            switch bytes[0] {
            case UInt8(ascii: "A"):
                guard headerLine == nil else { throw ACEResponseError(line: line, "a second A batch header (the first is at line \(headerLine!))") }
                let app = r.text(ABILayouts.a, "application id")
                guard ACEResponseLayouts.recordIDs[app] != nil else {
                    throw ACEResponseError(line: line, column: 26, "A application id '\(app)'; expected a response application SX, SO, AX or UC")
                }
                headerLine = line
                result.application = app
                result.batchUserData = r.optional(ABILayouts.a, "user data")
            case UInt8(ascii: "B"):
                if let open = block { throw ACEResponseError(line: line, "a B block header while the block opened at line \(open.line) has no Y trailer") }
                let L = ACEResponseLayouts.b
                if r.text(L, "generated") == "B", bytes[1..<79].allSatisfy({ $0 == ABIRules.spaceFill }) {
                    block = Block(application: result.application, port: "", filer: "", line: line)
                    result.blockUserData.append(nil)
                    return
                }
                let app = r.text(L, "application id")
                guard app == result.application else {
                    throw ACEResponseError(line: line, column: 11, "B application id '\(app)' differs from the batch's '\(result.application)'")
                }
                block = Block(application: app, port: r.text(L, "port"), filer: r.text(L, "filer code"), line: line)
                result.blockUserData.append(r.optional(L, "filer user data"))
            case UInt8(ascii: "Y"):
                guard let open = block else { throw ACEResponseError(line: line, "a Y block trailer with no B block header before it") }
                let L = ACEResponseLayouts.y
                let generated = r.text(L, "generated") == "Y"
                if !generated, open.port != "" {
                    guard r.text(L, "port") == open.port, r.text(L, "filer code") == open.filer, r.text(L, "application id") == open.application else {
                        throw ACEResponseError(line: line, "the Y trailer's port, filer code and application differ from its B header (line \(open.line))")
                    }
                }
                if let count = r.number(L, "record count"), count != open.records {
                    unreadable(line, text, "the Y trailer counts \(count) records in its block; the block holds \(open.records)")
                }
                close()
                block = nil
            default:
                if let open = block { throw ACEResponseError(line: line, "the Z batch trailer while the block opened at line \(open.line) has no Y trailer") }
                close()
                trailerLine = line
            }
        }

        /// Ends the open transaction or notification; one that never got its outcome is reported.
        mutating func close() {
            if let p = pending {
                let d = result.dispositions[p.index]
                result.unreadable.append(ACEUnreadableLine(line: d.line, text: "", reason: "the answer for \(d.entryNumber.formatted) has no \(p.missing): it is not recorded"))
                result.dispositions.remove(at: p.index)
            }
            pending = nil
            open = .none
        }

        mutating func unreadable(_ line: Int, _ text: String, _ reason: String) {
            result.unreadable.append(ACEUnreadableLine(line: line, text: text, reason: reason))
        }

        mutating func condition(_ bytes: [UInt8], _ text: String, _ id: String, _ line: Int) {
            let r = Fields(bytes: bytes)
            if id == "X0" {
                let type = r.text(ACEResponseLayouts.x0, "reference type")
                guard let occurrence = r.number(ACEResponseLayouts.x0, "occurrence"), type == "BLOCK" || type == "TRNACT",
                      r.text(ACEResponseLayouts.x0, "ref id") == "REF ID:" else {
                    return unreadable(line, text, "X0 is not a BLOCK or TRNACT reference with its occurrence (11-16) and REF ID: (18-24)")
                }
                var e = ACEBatchError(referenceType: type, occurrence: occurrence, recordPosition: nil, column: nil, port: nil, filerCode: nil,
                                      blockUserData: nil, messages: [], rejected: false, line: line)
                if type == "TRNACT" {
                    let T = ACEResponseLayouts.x0Transaction
                    guard let position = r.number(T, "record position") else {
                        return unreadable(line, text, "X0 TRNACT without the record position (26-32, digits)")
                    }
                    e = ACEBatchError(referenceType: type, occurrence: occurrence, recordPosition: position, column: r.number(T, "column"),
                                      port: nil, filerCode: nil, blockUserData: nil, messages: [], rejected: false, line: line)
                } else {
                    let B = ACEResponseLayouts.x0Block
                    e = ACEBatchError(referenceType: type, occurrence: occurrence, recordPosition: nil, column: nil, port: r.optional(B, "port"),
                                      filerCode: r.optional(B, "filer code"), blockUserData: r.optional(B, "block user data"),
                                      messages: [], rejected: false, line: line)
                }
                result.batchErrors.append(e)
                batchError = result.batchErrors.count - 1
                return
            }
            let L = ACEResponseLayouts.x1
            let disposition = r.text(L, "disposition")
            let severityText = r.text(L, "severity")
            guard disposition.isEmpty || disposition == "R", severityText.isEmpty || ACESeverity(rawValue: severityText) != nil else {
                return unreadable(line, text, "X1 disposition '\(disposition)' (3) or severity '\(severityText)' (4) is not one the chapter gives (space or R; F)")
            }
            let message = ACEMessage(severity: ACESeverity(rawValue: severityText), conditionCode: r.optional(L, "condition code"),
                                     narrative: r.text(L, "narrative"), line: line)
            if batchError == nil {
                result.batchErrors.append(ACEBatchError(referenceType: nil, occurrence: nil, recordPosition: nil, column: nil, port: nil,
                                                        filerCode: nil, blockUserData: nil, messages: [], rejected: false, line: line))
                batchError = result.batchErrors.count - 1
            }
            result.batchErrors[batchError!].messages.append(message)
            if disposition == "R" {
                result.batchErrors[batchError!].rejected = true
                batchError = nil
            }
        }

        /// The entry named by a filer code and an 8-digit entry number field, or nil (reported).
        mutating func entry(_ r: Fields, _ layout: ABILayout, _ text: String, _ line: Int) -> EntryNumber? {
            let filer = r.text(layout, "filer code"), number = r.text(layout, "entry number")
            guard filer.utf8.count == 3, filer.utf8.allSatisfy({ ABIRules.fits($0, .an) && $0 != 0x20 }),
                  number.utf8.count == 8, number.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                  let n = try? EntryNumber(parsing: filer + number) else {
                unreadable(line, text, "\(layout.id) filer code '\(filer)' and entry number '\(number)' (\(layout.field("filer code")!.range), \(layout.field("entry number")!.range)) are not a valid entry number")
                return nil
            }
            return n
        }

        mutating func sx(_ id: String, _ bytes: [UInt8], _ text: String, _ line: Int) {
            let r = Fields(bytes: bytes)
            if id == "SE10" {
                close()
                guard let n = entry(r, ABILayouts.se10, text, line) else { open = .sx(nil); return }
                result.dispositions.append(ACEDisposition(entryNumber: n, application: .cargoRelease, filerReference: nil,
                                                          outcome: .cargoReleaseReferred, messages: [], line: line))
                open = .sx(result.dispositions.count - 1)
                pending = (result.dispositions.count - 1, "transaction-level SE90 (message type 01-04)")
                return
            }
            guard case .sx(let index) = open else { return unreadable(line, text, "\(id) before any SE10 in the SX block") }
            guard id == "SE90" else { return }   // the transaction's own records, echoed
            guard let index else { return unreadable(line, text, "SE90 of a transaction whose SE10 could not be read") }
            let L = ACEResponseLayouts.se90
            let type = r.text(L, "message type")
            let message = ACEMessage(severity: nil, conditionCode: r.optional(L, "condition code"), narrative: r.text(L, "narrative"), line: line,
                                     reference: type == "11" || type == "13" ? "record level \(type)" : nil)
            if let outcome = ACEOutcome.cargoRelease(messageType: type) {
                result.dispositions[index].outcome = outcome
                result.dispositions[index].messages.append(message)
                pending = nil
            } else if type == "11" || type == "13" {
                result.dispositions[index].messages.append(message)
            } else {
                unreadable(line, text, "SE90 message type '\(type)' (5-6); expected 01-04 or 11, 13")
            }
        }

        mutating func so(_ id: String, _ bytes: [UInt8], _ text: String, _ line: Int) {
            let r = Fields(bytes: bytes)
            if id == "SO10" {
                close()
                guard let n = entry(r, ACEResponseLayouts.so10, text, line) else { open = .so(nil); return }
                result.dispositions.append(ACEDisposition(entryNumber: n, application: .cargoRelease, filerReference: nil,
                                                          outcome: .billMatch(code: ""), messages: [], line: line))
                open = .so(result.dispositions.count - 1)
                pending = (result.dispositions.count - 1, "SO50 or SO60 disposition")
                return
            }
            guard case .so(let index) = open else { return unreadable(line, text, "\(id) before any SO10 in the SO block") }
            guard let index else { return unreadable(line, text, "\(id) of a notification whose SO10 could not be read") }
            switch id {
            case "SO20":
                let L = ACEResponseLayouts.so20
                let q = r.text(L, "qualifier")
                if q == "RSN" || q == "CMT" {
                    result.dispositions[index].messages.append(ACEMessage(severity: nil, conditionCode: q, narrative: r.text(L, "value"), line: line))
                }
            case "SO50", "SO60":
                let L = id == "SO50" ? ACEResponseLayouts.so50 : ACEResponseLayouts.so60
                let code = r.text(L, "disposition code")
                guard code.utf8.count == 2, code.utf8.allSatisfy({ ABIRules.fits($0, .an) }) else {
                    return unreadable(line, text, "\(id) disposition code '\(code)' (15-16) is not 2 letters or digits")
                }
                var date = r.date(L, "date")
                if id == "SO60" { date = r.date(L, "release date") ?? date }
                result.dispositions[index].messages.append(ACEMessage(severity: nil, conditionCode: code, narrative: r.text(L, "narrative"), line: line,
                                                                      reference: id))
                let current = result.dispositions[index].outcome
                if id == "SO60" {
                    result.dispositions[index].outcome = .cargoReleaseStatus(dispositionCode: code)
                    result.dispositions[index].date = date
                } else if case .billMatch = current {
                    result.dispositions[index].outcome = .billMatch(code: code)
                }
                pending = nil
            case "SO70":
                let L = ACEResponseLayouts.so70
                result.dispositions[index].messages.append(ACEMessage(severity: nil, conditionCode: r.optional(L, "status code"),
                                                                      narrative: "PGA \(r.text(L, "agency code")): \(r.text(L, "status message"))", line: line))
            default:
                break   // SO30, SO40, SO42, SO71, SO72: read, nothing the ledger records
            }
        }

        mutating func ax(_ id: String, _ bytes: [UInt8], _ text: String, _ line: Int) {
            let r = Fields(bytes: bytes)
            if id == "E0" {
                let L = ACEResponseLayouts.e0
                let type = r.text(L, "reference type")
                guard let occurrence = r.number(L, "occurrence"), !type.isEmpty, r.text(L, "ref id") == "REF ID:" else {
                    return unreadable(line, text, "E0 without its reference type (4-9), occurrence (11-16) and REF ID: (18-24)")
                }
                if type == "SUMMRY" {
                    close()
                    guard let n = entry(r, ACEResponseLayouts.e0Summary, text, line) else { open = .ax(nil, signpost: nil); return }
                    result.dispositions.append(ACEDisposition(entryNumber: n, application: .entrySummary,
                                                              filerReference: r.optional(ACEResponseLayouts.e0Summary, "broker reference"),
                                                              outcome: .entrySummaryRejected, messages: [], line: line))
                    open = .ax(result.dispositions.count - 1, signpost: nil)
                    pending = (result.dispositions.count - 1, "final E1 (disposition A or R)")
                } else {
                    guard case .ax(let index, _) = open else { return unreadable(line, text, "E0 \(type) before the E0 SUMMRY") }
                    open = .ax(index, signpost: "\(type) \(occurrence)")
                }
                return
            }
            guard case .ax(let index, let signpost) = open else { return unreadable(line, text, "E1 before the E0 SUMMRY it belongs to") }
            guard let index else { return unreadable(line, text, "E1 of a summary whose E0 SUMMRY could not be read") }
            let L = ACEResponseLayouts.e1
            let disposition = r.text(L, "disposition"), severity = r.text(L, "severity")
            guard ["", "A", "R"].contains(disposition), severity.isEmpty || ACESeverity(rawValue: severity) != nil else {
                return unreadable(line, text, "E1 disposition '\(disposition)' (3) or severity '\(severity)' (4) is not one the chapter gives")
            }
            result.dispositions[index].messages.append(ACEMessage(severity: ACESeverity(rawValue: severity), conditionCode: r.optional(L, "condition code"),
                                                                  narrative: r.text(L, "narrative"), line: line, reference: signpost))
            guard !disposition.isEmpty else { return }
            if !r.text(L, "entry number").isEmpty {
                guard let n = entry(r, L, text, line) else { return }
                guard n == result.dispositions[index].entryNumber else {
                    return unreadable(line, text, "the final E1 names \(n.formatted), but its E0 SUMMRY named \(result.dispositions[index].entryNumber.formatted)")
                }
            }
            result.dispositions[index].outcome = disposition == "A" ? .entrySummaryAccepted : .entrySummaryRejected
            pending = nil
            open = .ax(nil, signpost: nil)
        }

        mutating func uc(_ id: String, _ bytes: [UInt8], _ text: String, _ line: Int) {
            let r = Fields(bytes: bytes)
            if id == "E1" {
                close()
                let L = ACEResponseLayouts.ucE1
                let type = r.text(L, "disposition type")
                guard type.utf8.count == 1, let n = entry(r, L, text, line) else {
                    if type.utf8.count != 1 { unreadable(line, text, "UC E1 without its disposition type (3)") }
                    open = .uc(nil)
                    return
                }
                let reason = r.optional(L, "reason")
                result.dispositions.append(ACEDisposition(entryNumber: n, application: .entrySummary, filerReference: r.optional(L, "broker reference"),
                                                          outcome: .entrySummaryStatus(code: type),
                                                          messages: [ACEMessage(severity: nil, conditionCode: reason, narrative: "UC disposition type \(type)", line: line)],
                                                          date: r.date(L, "date"), line: line))
                open = .uc(result.dispositions.count - 1)
                return
            }
            guard case .uc(let index) = open, let index else { return unreadable(line, text, "\(id) with no readable UC E1 before it") }
            let narrative: String
            switch id {
            case "E2": narrative = "CBP contact: \(r.text(ACEResponseLayouts.ucE2, "CBP user")) \(r.text(ACEResponseLayouts.ucE2, "phone"))"
            case "E3": narrative = r.text(ACEResponseLayouts.ucE3, "remarks")
            case "E4": narrative = "quota line \(r.text(ACEResponseLayouts.ucE4, "line")): \(r.text(ACEResponseLayouts.ucE4, "quota status")) \(r.text(ACEResponseLayouts.ucE4, "description"))"
            case "SO70": narrative = "PGA \(r.text(ACEResponseLayouts.so70, "agency code")): \(r.text(ACEResponseLayouts.so70, "status message"))"
            default: return
            }
            result.dispositions[index].messages.append(ACEMessage(severity: nil, conditionCode: nil, narrative: narrative, line: line, reference: id))
        }

        mutating func finish() throws(ACEResponseError) -> ACEResponseFile {
            if let open = block {
                throw ACEResponseError(line: open.line, "the block opened here has no Y trailer (is the file truncated?)")
            }
            guard let a = headerLine else { throw ACEResponseError(line: nil, "the file holds no records") }
            guard trailerLine != nil else { throw ACEResponseError(line: a, "the A batch header has no Z batch trailer (is the file truncated?)") }
            return result
        }
    }

    /// Reads fields of one record by a layout.
    struct Fields {
        let bytes: [UInt8]

        func raw(_ layout: ABILayout, _ name: String) -> ArraySlice<UInt8> {
            guard let f = layout.field(name) else { return [] }
            return bytes[(f.start - 1)..<f.end]
        }

        /// The field's text without leading and trailing spaces.
        func text(_ layout: ABILayout, _ name: String) -> String {
            var slice = raw(layout, name)
            while let last = slice.last, last == ABIRules.spaceFill { slice = slice.dropLast() }
            while let first = slice.first, first == ABIRules.spaceFill { slice = slice.dropFirst() }
            return String(decoding: slice, as: UTF8.self)
        }

        func optional(_ layout: ABILayout, _ name: String) -> String? {
            let t = text(layout, name)
            return t.isEmpty ? nil : t
        }

        /// Digits, or nil when blank or not digits.
        func number(_ layout: ABILayout, _ name: String) -> Int? {
            let t = text(layout, name)
            guard !t.isEmpty, t.utf8.count <= 12, t.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            return Int(t)
        }

        /// An MMDDYY date as `YYYY-MM-DD` (20YY), or nil when blank or not a date.
        func date(_ layout: ABILayout, _ name: String) -> String? {
            let s = Array(raw(layout, name))
            guard s.count == 6, s.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            let iso = "20" + String(decoding: s[4..<6], as: UTF8.self) + "-" + String(decoding: s[0..<2], as: UTF8.self)
                + "-" + String(decoding: s[2..<4], as: UTF8.self)
            return CustomsDate.isValid(iso) ? iso : nil
        }
    }
}
