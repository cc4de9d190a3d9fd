import LedgerFormat
/// Reads ACE response files strictly, by the layouts of ``ACEResponseLayouts`` (the project's
/// own assumption, documented in `schemas/ace-responses.md`).
///
/// Rules: ASCII text, one record per line, lines end with `\n` or `\r\n`; every record exactly
/// 80 printable ASCII characters (a trimmed or truncated line is refused); the record id is
/// the first 4, 2 or 1 characters (`SX10` ... , `X0` ..., `A` ...), an unknown id is an error;
/// control records, when present, are well formed: `A` first, `Z` last (and present when `A`
/// is), every `B` closed by a `Y` with the same port, filer and application, a block holding
/// only records of its application. Any error refuses the whole file with its line number and
/// what was expected; the reader never traps, whatever the bytes.
///
/// ```swift
/// let file = try ACEResponseReader.read(bytes)
/// for d in file.dispositions { print(d.entryNumber, d.outcome, d.isRejection) }
/// ```
public enum ACEResponseReader {
    /// Files larger than this are refused without being read (64 MiB).
    public static let defaultMaximumBytes = 64 << 20

    /// Reads a response file's bytes.
    public static func read(_ bytes: [UInt8], maximumBytes: Int = defaultMaximumBytes) throws(ACEResponseError) -> ACEResponseFile {
        guard bytes.count <= maximumBytes else {
            throw ACEResponseError(line: nil, "the file has \(bytes.count) bytes, more than the \(maximumBytes) allowed")
        }
        guard !bytes.isEmpty else { throw ACEResponseError(line: nil, "the file is empty; expected 80-character response records") }
        var parser = Parser()
        var start = 0
        var lineNumber = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            lineNumber += 1
            var last = end
            if last > start, bytes[last - 1] == UInt8(ascii: "\r") { last -= 1 }
            try parser.record(Array(bytes[start..<last]), line: lineNumber)
            start = end + 1
        }
        return try parser.finish()
    }

    /// Reads a response file's text.
    public static func read(_ text: String, maximumBytes: Int = defaultMaximumBytes) throws(ACEResponseError) -> ACEResponseFile {
        try read(Array(text.utf8), maximumBytes: maximumBytes)
    }

    private enum Context {
        case none
        case batch(Int)
        case sx(Int?)
        case so(EntryNumber?)
        case ax(recordID: String?, lineNumber: Int?, current: Int?)
    }

    private struct Block {
        let line: Int
        let port: String
        let filer: String
        let application: String
    }

    private struct Parser {
        var result = ACEResponseFile()
        var context = Context.none
        var block: Block?
        var headerLine: Int?
        var trailerLine: Int?

        static let ids4: Set<String> = ["SX10", "SX20", "SO10", "SO60", "UC10"]
        static let ids2: Set<String> = ["X0", "X1", "E0", "E1"]
        static let ids1: Set<String> = ["A", "B", "Y", "Z"]
        static let layouts: [String: ABILayout] = Dictionary(uniqueKeysWithValues: ACEResponseLayouts.all.map { ($0.id, $0) })

        mutating func record(_ bytes: [UInt8], line: Int) throws(ACEResponseError) {
            guard !bytes.isEmpty else {
                throw ACEResponseError(line: line, "empty line; expected an 80-character record")
            }
            for (i, b) in bytes.enumerated() where !(0x20...0x7E).contains(b) {
                let what = b == 0x0D ? "a carriage return inside the line" : b < 0x20 || b == 0x7F ? "a control character" : "not ASCII (invalid UTF-8 or non-ASCII text)"
                throw ACEResponseError(line: line, column: i + 1, "byte 0x\(hex2(b)) is \(what); expected printable ASCII")
            }
            guard bytes.count == ABIRules.recordLength else {
                throw ACEResponseError(line: line, "the record has \(bytes.count) characters; expected exactly \(ABIRules.recordLength) (a trimmed or truncated line is refused)")
            }
            if let z = trailerLine {
                throw ACEResponseError(line: line, "a record after the Z batch trailer of line \(z)")
            }
            let id: String
            let p4 = String(decoding: bytes[0..<4], as: UTF8.self)
            let p2 = String(decoding: bytes[0..<2], as: UTF8.self)
            let p1 = String(decoding: bytes[0..<1], as: UTF8.self)
            if Self.ids4.contains(p4) { id = p4 } else if Self.ids2.contains(p2) { id = p2 } else if Self.ids1.contains(p1) { id = p1 } else {
                throw ACEResponseError(line: line, column: 1, "unknown record id '\(p4)'; expected one of A, B, Y, Z, X0, X1, SX10, SX20, SO10, SO60, E0, E1, UC10")
            }
            let reader = LineReader(bytes: bytes, layout: Self.layouts[id]!, line: line)
            defer { result.recordCount += 1 }

            if let app = ACEResponseLayouts.application(ofRecord: id), let block, block.application != app {
                throw ACEResponseError(line: line, "record \(id) belongs to application \(app), inside the \(block.application) block opened at line \(block.line)")
            }

            switch id {
            case "A":
                guard result.recordCount == 0 else {
                    throw ACEResponseError(line: line, "the A batch header must be the first record")
                }
                headerLine = line
                context = .none
            case "B":
                if let open = block {
                    throw ACEResponseError(line: line, "a B block header while the block opened at line \(open.line) has no Y trailer")
                }
                let app = reader.text("application id")
                guard ACEResponseLayouts.blockApplications.contains(app) else {
                    throw ACEResponseError(line: line, column: 11, "application id '\(app)'; expected one of SE, AE, SX, SO, AX, UC")
                }
                block = Block(line: line, port: reader.text("port"), filer: reader.text("filer code"), application: app)
                context = .none
            case "Y":
                guard let open = block else {
                    throw ACEResponseError(line: line, "a Y block trailer without a B block header before it")
                }
                let (port, filer, app) = (reader.text("port"), reader.text("filer code"), reader.text("application id"))
                guard port == open.port, filer == open.filer, app == open.application else {
                    throw ACEResponseError(line: line, "the Y trailer (port '\(port)', filer '\(filer)', application '\(app)') does not match the B header of line \(open.line) (port '\(open.port)', filer '\(open.filer)', application '\(open.application)')")
                }
                block = nil
                context = .none
            case "Z":
                if let open = block {
                    throw ACEResponseError(line: line, "the Z batch trailer while the block opened at line \(open.line) has no Y trailer")
                }
                trailerLine = line
                context = .none
            case "X0":
                let error = ACEBatchError(
                    application: reader.optional("application id"), port: reader.optional("port"),
                    filerCode: reader.optional("filer code"), block: try reader.number("block number"),
                    transaction: try reader.number("transaction number"), recordID: reader.optional("input record id"),
                    entryNumber: try reader.entryNumber(filerField: "filer code", required: false),
                    messages: [], line: line)
                result.batchErrors.append(error)
                context = .batch(result.batchErrors.count - 1)
            case "X1":
                let message = ACEMessage(severity: try reader.severity("severity"), conditionCode: reader.optional("condition code"),
                                         narrative: reader.text("narrative"), line: line)
                if case .batch(let i) = context {
                    result.batchErrors[i].messages.append(message)
                } else {
                    result.batchErrors.append(ACEBatchError(application: nil, port: nil, filerCode: nil, block: nil, transaction: nil,
                                                            recordID: nil, entryNumber: nil, messages: [message], line: line))
                    context = .batch(result.batchErrors.count - 1)
                }
            case "SX10":
                let type = reader.text("message type")
                guard let outcome = ACEOutcome.cargoRelease(messageType: type) else {
                    throw ACEResponseError(line: line, column: 5, "SX10 message type '\(type)'; expected 01 (rejected), 02 (accepted), 03 (accepted with warnings) or 04 (referred)")
                }
                let action = reader.text("action code")
                guard action.isEmpty || ABIAction(rawValue: action) != nil else {
                    throw ACEResponseError(line: line, column: 25, "SX10 action code '\(action)'; expected A, R, D, U or blank")
                }
                if let entry = try reader.entryNumber(filerField: "filer code", required: false) {
                    result.dispositions.append(ACEDisposition(entryNumber: entry, filerReference: nil, outcome: outcome, messages: [], line: line))
                    context = .sx(result.dispositions.count - 1)
                } else {
                    unmatched(reader, nil, "SX10 names no entry (filer code and entry number blank)")
                    context = .sx(nil)
                }
            case "SX20":
                let message = ACEMessage(severity: try reader.severity("severity"), conditionCode: reader.optional("condition code"),
                                         narrative: reader.text("narrative"), line: line)
                if case .sx(let index) = context {
                    if let index { result.dispositions[index].messages.append(message) } else {
                        unmatched(reader, nil, "SX20 follows an SX10 that names no entry")
                    }
                } else {
                    unmatched(reader, nil, "SX20 with no SX10 before it")
                }
            case "SO10":
                let entry = try reader.entryNumber(filerField: "filer code", required: false)
                if entry == nil { unmatched(reader, nil, "SO10 names no entry (filer code and entry number blank)") }
                context = .so(entry)
            case "SO60":
                let code = reader.text("disposition code")
                guard code.utf8.count == 2 else {
                    throw ACEResponseError(line: line, column: 5, "SO60 disposition code '\(code)'; expected 2 characters (98 released, 97 admissible, 04 detained, 23 cancelled ...)")
                }
                let date = try reader.date("date")
                if case .so(let entry) = context {
                    if let entry {
                        let narrative = reader.text("narrative")
                        result.dispositions.append(ACEDisposition(
                            entryNumber: entry, filerReference: nil, outcome: .cargoReleaseStatus(dispositionCode: code),
                            messages: narrative.isEmpty ? [] : [ACEMessage(severity: nil, conditionCode: nil, narrative: narrative, line: line)],
                            date: date, line: line))
                    } else {
                        unmatched(reader, nil, "SO60 follows an SO10 that names no entry")
                    }
                } else {
                    unmatched(reader, nil, "SO60 with no SO10 before it")
                }
            case "E0":
                let recordID = reader.text("input record id")
                guard !recordID.isEmpty else {
                    throw ACEResponseError(line: line, column: 3, "E0 signpost with a blank record id; expected the input record id (10, 11, 40, 50 ...)")
                }
                var current: Int? = nil
                if case .ax(_, _, let c) = context { current = c }
                context = .ax(recordID: recordID, lineNumber: try reader.number("line number"), current: current)
            case "E1":
                let disposition = reader.text("disposition")
                guard disposition == "A" || disposition == "R" else {
                    throw ACEResponseError(line: line, column: 3, "E1 disposition '\(disposition)'; expected A (accepted) or R (rejected)")
                }
                var pointer: (String?, Int?) = (nil, nil)
                var current: Int? = nil
                if case .ax(let r, let n, let c) = context { pointer = (r, n); current = c }
                let message = ACEMessage(severity: try reader.severity("severity"), conditionCode: reader.optional("condition code"),
                                         narrative: reader.text("narrative"), line: line, recordID: pointer.0, lineNumber: pointer.1)
                let reference = reader.optional("filer reference")
                let outcome: ACEOutcome = disposition == "R" ? .entrySummaryRejected : .entrySummaryAccepted
                guard let entry = try reader.entryNumber(filerField: "filer code", required: false) else {
                    unmatched(reader, reference, "E1 names no entry (filer code and entry number blank)")
                    context = .ax(recordID: pointer.0, lineNumber: pointer.1, current: nil)
                    break
                }
                if let current, result.dispositions[current].entryNumber == entry,
                   result.dispositions[current].application == .entrySummary {
                    result.dispositions[current].messages.append(message)
                    if outcome == .entrySummaryRejected { result.dispositions[current].outcome = .entrySummaryRejected }
                    context = .ax(recordID: pointer.0, lineNumber: pointer.1, current: current)
                } else {
                    result.dispositions.append(ACEDisposition(entryNumber: entry, filerReference: reference, outcome: outcome,
                                                              messages: [message], line: line))
                    context = .ax(recordID: pointer.0, lineNumber: pointer.1, current: result.dispositions.count - 1)
                }
            case "UC10":
                let code = reader.text("status code")
                guard code.utf8.count == 2 else {
                    throw ACEResponseError(line: line, column: 25, "UC10 status code '\(code)'; expected 2 characters")
                }
                let date = try reader.date("date")
                let reference = reader.optional("filer reference")
                let narrative = reader.text("narrative")
                if let entry = try reader.entryNumber(filerField: "filer code", required: false) {
                    result.dispositions.append(ACEDisposition(
                        entryNumber: entry, filerReference: reference, outcome: .entrySummaryStatus(code: code),
                        messages: narrative.isEmpty ? [] : [ACEMessage(severity: nil, conditionCode: nil, narrative: narrative, line: line)],
                        date: date, line: line))
                } else {
                    unmatched(reader, reference, "UC10 names no entry (filer code and entry number blank)")
                }
                context = .none
            default:
                throw ACEResponseError(line: line, column: 1, "unknown record id '\(id)'")
            }
        }

        mutating func unmatched(_ reader: LineReader, _ reference: String?, _ reason: String) {
            result.unmatched.append(ACEUnmatchedLine(line: reader.line, recordID: reader.layout.id,
                                                     text: String(decoding: reader.bytes, as: UTF8.self),
                                                     filerReference: reference, reason: reason))
        }

        func finish() throws(ACEResponseError) -> ACEResponseFile {
            if let open = block {
                throw ACEResponseError(line: open.line, "the block opened here has no Y trailer (is the file truncated?)")
            }
            if let a = headerLine, trailerLine == nil {
                throw ACEResponseError(line: a, "the A batch header has no Z batch trailer (is the file truncated?)")
            }
            guard result.recordCount > 0 else { throw ACEResponseError(line: nil, "the file holds no records") }
            return result
        }
    }

    /// Reads the fields of one record by its layout.
    private struct LineReader {
        let bytes: [UInt8]
        let layout: ABILayout
        let line: Int

        func raw(_ name: String) -> (ABIField, ArraySlice<UInt8>) {
            let f = layout.field(name)!
            return (f, bytes[(f.start - 1)..<f.end])
        }

        /// The field's text without trailing spaces.
        func text(_ name: String) -> String {
            var slice = raw(name).1
            while let last = slice.last, last == ABIRules.spaceFill { slice = slice.dropLast() }
            return String(decoding: slice, as: UTF8.self)
        }

        /// The text, or nil when blank.
        func optional(_ name: String) -> String? {
            let t = text(name)
            return t.isEmpty ? nil : t
        }

        /// Digits (right-justified, zero- or space-filled) or nil when blank.
        func number(_ name: String) throws(ACEResponseError) -> Int? {
            let (f, slice) = raw(name)
            let trimmed = slice.drop { $0 == ABIRules.spaceFill }
            if trimmed.isEmpty { return nil }
            guard trimmed.allSatisfy({ (0x30...0x39).contains($0) }) else {
                throw ACEResponseError(line: line, column: f.start, "\(layout.id) \(name) (\(f.positions)) must be digits or blank")
            }
            return trimmed.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }

        /// An MMDDYY date as `YYYY-MM-DD` (20YY), or nil when blank.
        func date(_ name: String) throws(ACEResponseError) -> String? {
            let (f, slice) = raw(name)
            if slice.allSatisfy({ $0 == ABIRules.spaceFill }) { return nil }
            let s = Array(slice)
            let iso = "20" + String(decoding: s[4..<6], as: UTF8.self) + "-" + String(decoding: s[0..<2], as: UTF8.self)
                + "-" + String(decoding: s[2..<4], as: UTF8.self)
            guard CustomsDate.isValid(iso) else {
                throw ACEResponseError(line: line, column: f.start, "\(layout.id) \(name) (\(f.positions)) must be a date MMDDYY or blank")
            }
            return iso
        }

        func severity(_ name: String) throws(ACEResponseError) -> ACESeverity {
            let (f, _) = raw(name)
            let t = text(name)
            guard let s = ACESeverity(rawValue: t) else {
                throw ACEResponseError(line: line, column: f.start, "\(layout.id) severity '\(t)' (\(f.positions)); expected F, W, P or I")
            }
            return s
        }

        /// The entry number from the filer code field and the 8-character serial + check
        /// digit field; nil when both are blank.
        func entryNumber(filerField: String, required: Bool) throws(ACEResponseError) -> EntryNumber? {
            let (ff, _) = raw(filerField)
            let (ef, _) = raw("entry number")
            let filer = text(filerField)
            let number = text("entry number")
            if filer.isEmpty && number.isEmpty && !required { return nil }
            guard filer.utf8.count == 3, filer.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) }) else {
                throw ACEResponseError(line: line, column: ff.start, "\(layout.id) filer code '\(filer)' (\(ff.positions)); expected 3 upper-case letters or digits")
            }
            guard number.utf8.count == 8, number.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
                throw ACEResponseError(line: line, column: ef.start, "\(layout.id) entry number '\(number)' (\(ef.positions)); expected 8 digits (serial and check digit)")
            }
            do {
                return try EntryNumber(parsing: filer + number)
            } catch {
                throw ACEResponseError(line: line, column: ef.start, "\(layout.id) entry number \(filer)-\(number.prefix(7))-\(number.suffix(1)): \(error)")
            }
        }
    }

    private static func hex2(_ b: UInt8) -> String {
        let d = Array("0123456789ABCDEF")
        return String([d[Int(b >> 4)], d[Int(b & 0xF)]])
    }
}
