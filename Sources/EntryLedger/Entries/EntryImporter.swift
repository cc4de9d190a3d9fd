import Crypto
import LedgerFormat
import LedgerSQLite

/// `entry import`: many entries from a JSON Lines file, all in one transaction or none, in
/// bounded memory and without holding the write lock while the file is checked.
///
/// The file is read twice, one line at a time (each line at most `maxLineBytes`):
/// 1. outside any transaction, every line is parsed and every entry validated (in groups of
///    `groupSize` lines on every core, the problems taken in line order); problems are kept up
///    to `maxProblems` and counted beyond; nothing else is kept but the line numbers;
/// 2. inside the write transaction, each line is read again, given its number (with
///    `nextNumber`), signed and inserted; entries with their own numbers are read again a
///    group at a time on the other cores while the group before is signed. The file's SHA-256
///    over both readings must agree, or the transaction is rolled back (the file changed in between).
///
/// ```swift
/// let added = try EntryImporter.run(ledger, file: "today.jsonl", nextNumber: true, signer: clerk)
/// ```
public enum EntryImporter {
    /// The longest line read: the same limit as one entry file.
    public static let maxLineBytes = 4 << 20
    /// The most entries one import logs (its numbers are kept in memory to print them).
    public static let maxEntries = 200_000
    /// The most problems reported; the rest are counted.
    public static let maxProblems = 1000

    /// Where an import is: `checked` lines read in the first pass, then `logged` entries of
    /// `total` signed under the lock.
    public enum Progress: Sendable {
        case checked(lines: Int)
        case logged(Int, of: Int)
    }

    public static func run(_ ledger: Ledger, file path: String, nextNumber: Bool = false, allowDuplicateGoods: Bool = false,
                           signer: LedgerSigningKey, time: String = Timestamp.now(),
                           progress: ((Progress) -> Void)? = nil) throws -> [(Ledger.Appended, EntryNumber)] {
        let placeholder = nextNumber ? try ledger.placeholderNumber() : nil
        // Pass 1: check every line, before the write lock.
        var problems: [Problem] = []
        var unlisted = 0
        var entryLines: [Int32] = []
        var numbersInFile = Set<String>()
        func problem(_ p: Problem) {
            if problems.count < maxProblems { problems.append(p) } else { unlisted += 1 }
        }
        // Lines are checked in groups, on every core; their problems are taken in line order.
        var group: [(line: Int, bytes: [UInt8])] = []
        func checkGroup() {
            guard !group.isEmpty else { return }
            let filer = ledger.genesis.filer
            let results = EntryWorkers.map(group) { _, item in checkLine(item.bytes, placeholder: placeholder, filer: filer, time: time) }
            for ((lineNumber, _), result) in zip(group, results) {
                switch result {
                case .failure(let error):
                    problem(Problem(rule: "import.json", "line \(lineNumber): \(error)"))
                case .success(let (found, number)):
                    found.forEach { problem($0.prefixed("line \(lineNumber): ")) }
                    if found.isEmpty, placeholder == nil, let n = number, !numbersInFile.insert(n).inserted {
                        problem(Problem(field: "entry_number", value: n, rule: "entry.number-used",
                                        "line \(lineNumber): entry_number \(n): used by an earlier line of this file; a number is used once"))
                    }
                }
            }
            group.removeAll(keepingCapacity: true)
        }
        let firstDigest = try readLines(path) { lineNumber, line in
            if lineNumber % 1000 == 0 { progress?(.checked(lines: lineNumber)) }
            guard let bytes = line else {
                checkGroup()
                problem(Problem(rule: "import.line-too-long", "line \(lineNumber): longer than \(maxLineBytes) bytes, which no entry is"))
                return
            }
            if isBlank(bytes) { return }
            guard entryLines.count < maxEntries else {
                checkGroup()
                unlisted += 1
                if entryLines.count == maxEntries {
                    problem(Problem(rule: "import.too-many", "the file holds more than \(maxEntries) entries: split it into several imports"))
                }
                entryLines.append(Int32(clamping: lineNumber))  // counted once, so the note above is made once
                return
            }
            entryLines.append(Int32(clamping: lineNumber))
            group.append((lineNumber, bytes))
            if group.count == groupSize { checkGroup() }
        }
        checkGroup()
        progress?(.checked(lines: entryLines.count))
        guard problems.isEmpty else {
            throw LedgerError.invalidInput(problems + (unlisted > 0 ? [Problem(rule: "problems.more", "and \(unlisted) more problem(s) not listed")] : [])
                                           + [Problem(rule: "import.nothing-written", "nothing was imported")])
        }
        guard !entryLines.isEmpty else { throw LedgerError.invalidInput(["\(path) holds no entries"]) }
        numbersInFile = []

        // Pass 2: under the write lock, read again, sign, insert.
        let total = entryLines.count
        var numbers: [EntryNumber] = []
        numbers.reserveCapacity(total)
        var allocator: EntryNumberAllocator?
        var goods: EntryGoods?
        var lines = try open(path)
        // With their own numbers, each group of lines is read back and written (canonical bytes)
        // on the other cores while the group before is signed and chained here; a number the
        // tool chooses is chosen one at a time.
        typealias ReadBack = [(line: Int, record: Result<(CustomsEntry, Ledger.BuiltRecord), any Error>)]
        var ready: ReadBack = []
        var readyAt = 0
        var next: EntryWorkers.Pending<ReadBack>?
        var started = false
        let filer = ledger.genesis.filer, personalDataKey = ledger.genesis.personalDataKey
        /// Reads the next group of lines here (the file is read in order, for its digest) and
        /// starts reading them back on the other cores, while this thread signs the group before.
        func startNextGroup() throws {
            var group: [(line: Int, bytes: [UInt8])] = []
            while group.count < groupSize, let (lineNumber, line) = try lines.next() {
                guard let bytes = line.bytes, !isBlank(bytes) else { continue }
                group.append((lineNumber, bytes))
            }
            let taken = group
            next = taken.isEmpty ? nil : EntryWorkers.Pending {
                zip(taken, EntryWorkers.map(taken) { _, item in
                    Result { () throws -> (CustomsEntry, Ledger.BuiltRecord) in
                        let entry = try Ledger.readChecked(item.bytes, filer: filer, time: time)
                        // Stored as `entry add` stores it: personal data sealed.
                        let sealed = try Ledger.sealingPersonalData(entry, key: personalDataKey)
                        return (entry, EntryRecordBodies.add(checked: sealed, filer: filer, time: time))
                    }
                }).map { ($0.0.line, $0.1) }
            }
        }
        let appended = try ledger.appendStreamed(labelled: true, signer: signer, time: time, beforeCommit: {
            // The rest of the file too, so that the two digests cover the same bytes.
            while try lines.next() != nil {}
            guard Array(lines.digest.finalize()) == firstDigest else {
                throw LedgerError.refused(["\(path) changed while it was imported; nothing was imported, run it again"])
            }
        }) {
            if !nextNumber {
                if readyAt == ready.count {
                    if !started {
                        try startNextGroup()
                        started = true
                    }
                    guard let pending = next else { return nil }
                    ready = pending.wait()
                    readyAt = 0
                    try startNextGroup()
                }
                let (lineNumber, record) = ready[readyAt]
                readyAt += 1
                return ("line \(lineNumber)", { _ in
                    // Every rule was checked on these bytes in pass 1, and the file's digest over both
                    // readings is compared before the commit: here the entry was only read back.
                    let (entry, built) = try record.get()
                    numbers.append(entry.entryNumber)
                    if numbers.count % 1000 == 0 { progress?(.logged(numbers.count, of: total)) }
                    return [built]
                })
            }
            while let (lineNumber, line) = try lines.next() {
                guard let bytes = line.bytes, !isBlank(bytes) else { continue }
                let label = "line \(lineNumber)"
                return (label, { tx in
                    // Every rule was checked on these bytes in pass 1, and the file's digest over both
                    // readings is compared before the commit: here the entry is only read back.
                    let entry = try ledger.readChecked(bytes, nextNumber: nextNumber, time: time, allocator: &allocator, tx: tx)
                    // Only a number the tool chose can hide a retry: a number given twice is refused by the rules.
                    if nextNumber, !allowDuplicateGoods {
                        if goods == nil { goods = try EntryGoods.recent(tx, keyID: signer.keyID, before: time) }
                        try goods?.refuseDuplicate(entry)
                    }
                    numbers.append(entry.entryNumber)
                    if numbers.count % 1000 == 0 { progress?(.logged(numbers.count, of: total)) }
                    return [EntryRecordBodies.add(checked: try ledger.sealingPersonalData(entry), filer: ledger.genesis.filer, time: time)]
                })
            }
            return nil
        }
        return Array(zip(appended, numbers))
    }

    /// How many lines are checked, or read back, together on every core (bounded memory: a
    /// group's lines and entries only).
    static let groupSize = 256

    /// One line's first reading: its problems under every rule and its entry number, or why it
    /// is not JSON.
    static func checkLine(_ bytes: [UInt8], placeholder: EntryNumber?, filer: String, time: String) -> Result<([Problem], String?), any Error> {
        Result {
            if placeholder == nil {
                let json = try JSONTape(bytes).root
                return (Ledger.entryChecked(json, filer: filer, time: time).problems, json["entry_number"]?.stringValue)
            }
            return (Ledger.entryProblems(try JSONReader.parse(bytes), placeholder: placeholder, filer: filer, time: time), nil)
        }
    }

    static func isBlank(_ line: [UInt8]) -> Bool { line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }

    static func open(_ path: String) throws -> InputFile.LineReader {
        do throws(InputFileError) { return InputFile.LineReader(file: try InputFile(path, what: "import file"), maxLineBytes: maxLineBytes) } catch {
            throw LedgerError.invalidInput([error.description])
        }
    }

    /// Reads every line (nil for an overlong one) and returns the SHA-256 of the bytes read.
    static func readLines(_ path: String, _ body: (Int, [UInt8]?) throws -> Void) throws -> [UInt8] {
        var lines = try open(path)
        while let (n, line) = try lines.next() { try body(n, line.bytes) }
        return Array(lines.digest.finalize())
    }
}

extension InputFile.Line {
    /// The line's bytes, nil when it was too long to keep.
    var bytes: [UInt8]? {
        switch self {
        case .text(let b), .unterminated(let b): return b
        case .overlong: return nil
        }
    }
}
