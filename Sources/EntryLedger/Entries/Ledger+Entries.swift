import LedgerFormat
import LedgerSQLite
import Foundation

extension Ledger {
    /// Adds entries in one transaction (one for `entry add`, a few for a caller's batch): all
    /// or nothing. Each entry is validated before the write lock is taken. With `nextNumber`,
    /// each entry takes the next free number of the reserved ranges, chosen under the write
    /// lock so that two clerks can never take the same one; then, unless `allowDuplicateGoods`,
    /// an entry whose content (all but its number) equals one the same key logged in the last
    /// `EntryGoods.window` seconds is refused: the retry of an add whose output was lost. (An
    /// entry with its own number needs no such guard: a number is used once.)
    @discardableResult
    public func addEntries(_ entries: [JSONValue], nextNumber: Bool = false, labels: [String]? = nil,
                           allowDuplicateGoods: Bool = false,
                           signer: LedgerSigningKey, time: String = Timestamp.now()) throws -> [(Appended, EntryNumber)] {
        // Check everything first, outside the transaction, on every core; each entry is checked
        // once, and the entry checked is the one recorded (with its number, under the lock, when
        // the tool chooses it). With its own number, its record is built here too (sealed and
        // written as canonical bytes): under the lock only the chain, the signature and the insert remain.
        let placeholder = nextNumber ? try placeholderNumber() : nil
        let prepared = Self.prepareEntries(entries, placeholder: placeholder, filer: genesis.filer, personalDataKey: genesis.personalDataKey,
                                           time: time, buildRecords: !nextNumber)
        var problems: [Problem] = []
        for (i, p) in prepared.enumerated() where !p.problems.isEmpty {
            let prefix = entries.count > 1 ? "\(labels?[i] ?? "record \(i + 1)"): " : ""
            problems += p.problems.map { $0.prefixed(prefix) }
        }
        guard problems.isEmpty else {
            let more = problems.count - Self.maxProblems
            throw LedgerError.refused(Array(problems.prefix(Self.maxProblems)) + (more > 0 ? [Problem(rule: "problems.more", "and \(more) more problem(s) not listed")] : []))
        }
        var numbers: [EntryNumber] = []
        var allocator: EntryNumberAllocator?
        var goods: EntryGoods?
        var i = 0
        let appended = try appendStreamed(labelled: entries.count > 1, signer: signer, time: time) {
            guard i < entries.count else { return nil }
            let (json, ready) = (entries[i], prepared[i])
            let label = labels?[i] ?? "record \(i + 1)"
            i += 1
            return (label, { tx in
                if let (number, record) = ready.record {
                    numbers.append(number)
                    return [try record.get()]
                }
                guard let checked = ready.entry else { throw LedgerError.refused(["the entry was not checked"]) }
                let entry = nextNumber ? try self.numbered(checked, json: json, time: time, allocator: &allocator, tx: tx) : checked
                // Only a number the tool chose can hide a retry: a number given twice is refused by the rules.
                if nextNumber, !allowDuplicateGoods {
                    if goods == nil { goods = try EntryGoods.recent(tx, keyID: signer.keyID, before: time) }
                    try goods?.refuseDuplicate(entry)
                }
                numbers.append(entry.entryNumber)
                return [EntryRecordBodies.add(checked: try self.sealingPersonalData(entry), filer: self.genesis.filer, time: time)]
            })
        }
        return Array(zip(appended, numbers))
    }

    /// One entry of ``addEntries(_:nextNumber:labels:allowDuplicateGoods:signer:time:)``
    /// checked before the lock: its problems, or the entry to number under the lock, or (when
    /// asked) its number and record, or why the record cannot be made (personal data this
    /// ledger cannot seal).
    struct PreparedEntry: Sendable {
        var entry: CustomsEntry?
        var problems: [Problem] = []
        var record: (EntryNumber, Result<BuiltRecord, any Error>)?
    }

    /// Checks `entries` (and builds their records with `buildRecords`) on every core, each
    /// entry by one worker, the results in the entries' order. Entry checks share nothing.
    static func prepareEntries(_ entries: [JSONValue], placeholder: EntryNumber?, filer: String, personalDataKey: [UInt8]?,
                               time: String, buildRecords: Bool) -> [PreparedEntry] {
        EntryWorkers.map(entries) { _, json in
            let (entry, problems) = entryChecked(json, placeholder: placeholder, filer: filer, time: time)
            guard buildRecords, let entry else { return PreparedEntry(entry: entry, problems: problems) }
            let record = Result { EntryRecordBodies.add(checked: try sealingPersonalData(entry, key: personalDataKey), filer: filer, time: time) }
            return PreparedEntry(entry: nil, problems: problems, record: (entry.entryNumber, record))
        }
    }

    /// An entry checked with the placeholder number, given the next free number under the
    /// lock. The number takes part in two checks only (its filer code, and an entry naming
    /// itself as the warehouse entry it withdraws from): when the entry could meet either,
    /// it is checked again whole with its real number.
    func numbered(_ entry: CustomsEntry, json: JSONValue, time: String, allocator: inout EntryNumberAllocator?, tx: StoreTransaction) throws -> CustomsEntry {
        if allocator == nil { allocator = try EntryNumberAllocator(tx) }
        let number = try allocator!.next()
        guard number.filerCode == genesis.filer, entry.entrySummary?.warehouseEntry == nil, entry.cargoRelease?.originatingEntry == nil else {
            guard case .object(var o) = json else { throw LedgerError.invalidInput(["entry: should be a JSON object"]) }
            o["entry_number"] = .string(number.formatted)
            do throws(EntryValidationError) { return try EntryValidator.validate(.object(o), ledgerFilerCode: genesis.filer, recordDate: String(time.prefix(10))) } catch {
                throw LedgerError.invalidInput(error.problems.map(\.problem))
            }
        }
        var numbered = entry
        numbered.entryNumber = number
        return numbered
    }

    /// Every problem of one entry, checked before the write lock: with `placeholder` (a
    /// `--next-number` import) the entry must have no number and is checked with that one.
    static func entryProblems(_ json: JSONValue, placeholder: EntryNumber?, filer: String, time: String) -> [Problem] {
        entryChecked(json, placeholder: placeholder, filer: filer, time: time).problems
    }

    /// An entry whose bytes were checked against every rule before the lock (an import's first
    /// reading), read again under it: decoded under the rules of version 1 only (the shape,
    /// every field), then numbered (``numbered(_:json:time:allocator:tx:)``) with `nextNumber`.
    /// The caller must prove the bytes are the ones checked before it commits.
    func readChecked(_ bytes: [UInt8], nextNumber: Bool, time: String, allocator: inout EntryNumberAllocator?, tx: StoreTransaction) throws -> CustomsEntry {
        guard nextNumber else { return try Self.readChecked(bytes, filer: genesis.filer, time: time) }
        func read<N: JSONReadable>(_ json: N) throws -> CustomsEntry {
            let (entry, problems) = EntryValidator.check(json, ledgerFilerCode: genesis.filer, rulesVersion: 1, recordDate: String(time.prefix(10)))
            guard let entry else { throw LedgerError.invalidInput(problems.map(\.problem)) }
            return entry
        }
        do {
            guard nextNumber else { return try read(try JSONTape(bytes).root) }
            guard case .object(var o) = try JSONReader.parse(bytes) else { throw LedgerError.invalidInput(["entry: should be a JSON object"]) }
            if o["entry_number"] != nil { throw LedgerError.invalidInput([Self.numberGiven]) }
            if allocator == nil { allocator = try EntryNumberAllocator(tx) }
            o["entry_number"] = .string(try allocator!.next().formatted)
            let entry = try read(JSONValue.object(o))
            // The one rule beyond version 1 the number takes part in: an entry withdrawing from itself.
            guard entry.entrySummary?.warehouseEntry == nil, entry.cargoRelease?.originatingEntry == nil else {
                do throws(EntryValidationError) {
                    return try EntryValidator.validate(.object(o), ledgerFilerCode: genesis.filer, recordDate: String(time.prefix(10)))
                } catch { throw LedgerError.invalidInput(error.problems.map(\.problem)) }
            }
            return entry
        } catch let e as CanonicalJSONError {
            throw LedgerError.invalidInput(["\(e)"])
        }
    }

    /// ``readChecked(_:nextNumber:time:allocator:tx:)`` of an entry with its own number.
    static func readChecked(_ bytes: [UInt8], filer: String, time: String) throws -> CustomsEntry {
        do {
            let (entry, problems) = EntryValidator.check(try JSONTape(bytes).root, ledgerFilerCode: filer, rulesVersion: 1, recordDate: String(time.prefix(10)))
            guard let entry else { throw LedgerError.invalidInput(problems.map(\.problem)) }
            return entry
        } catch let e as CanonicalJSONError {
            throw LedgerError.invalidInput(["\(e)"])
        }
    }

    /// ``entryChecked(_:placeholder:filer:time:)`` of an entry with its own number, read from
    /// any JSON reader (a tape of the input line, say).
    static func entryChecked<N: JSONReadable>(_ json: N, filer: String, time: String) -> (entry: CustomsEntry?, problems: [Problem]) {
        let (entry, problems) = EntryValidator.check(json, ledgerFilerCode: filer, rulesVersion: CustomsRules.version, recordDate: String(time.prefix(10)))
        return (entry, problems.map(\.problem))
    }

    /// The entry checked against every rule (with `placeholder` as its number when given),
    /// or its problems.
    static func entryChecked(_ json: JSONValue, placeholder: EntryNumber?, filer: String, time: String) -> (entry: CustomsEntry?, problems: [Problem]) {
        var value = json
        if let placeholder {
            guard case .object(var o) = value else { return (nil, [Problem(field: "entry", rule: "entry.not-object", "entry: should be a JSON object")]) }
            if o["entry_number"] != nil {
                return (nil, [numberGiven])
            }
            o["entry_number"] = .string(placeholder.formatted)
            value = .object(o)
        }
        let (entry, problems) = EntryValidator.check(value, ledgerFilerCode: filer, rulesVersion: CustomsRules.version, recordDate: String(time.prefix(10)))
        return (entry, problems.map(\.problem))
    }

    static let numberGiven = Problem(field: "entry_number", rule: "entry.number-given",
                                     "entry_number: leave it out when the number comes from the reserved range")

    static let noneReserved = Problem(rule: "numbers.none-reserved",
                                      "no entry numbers are reserved for downtime; the supervisor reserves a range with `entryledger entry reserve --first ... --last ...`")

    /// A number to check `--next-number` entries with before the real ones are chosen under the
    /// lock: the first reserved one (refused at once when none is reserved).
    func placeholderNumber() throws -> EntryNumber {
        guard let row = try store.rangeRows().first, let r = try? EntryNumberRange(filerCode: row.group, first: Int(row.first), last: Int(row.last)) else {
            throw LedgerError.refused([Self.noneReserved])
        }
        return try EntryNumber(filerCode: r.filerCode, serial: r.first)
    }

    /// The lowest number of the reserved ranges (in the order they were reserved) not yet used.
    static func nextFreeNumber(_ tx: StoreTransaction) throws -> EntryNumber {
        var allocator = try EntryNumberAllocator(tx)
        return try allocator.next()
    }

    /// A complete new version of an entry, with the reason.
    @discardableResult
    public func amendEntry(_ json: JSONValue, reason: String, signer: LedgerSigningKey, time: String = Timestamp.now()) throws -> Appended {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw LedgerError.invalidInput(["reason: say why the entry is amended"]) }
        let entry: CustomsEntry
        do throws(EntryValidationError) {
            entry = try EntryValidator.validate(json, ledgerFilerCode: genesis.filer, recordDate: String(time.prefix(10)))
        } catch {
            throw LedgerError.invalidInput(error.problems.map(\.problem))
        }
        let sealed = try sealingPersonalData(entry)
        let record = Ledger.BuiltRecord(kind: .entryAmend, body: EntryRecordBodies.amend(sealed, reason: reason),
                                        prechecked: PrecheckedEntry(entry: sealed, filer: genesis.filer, time: time, rulesVersion: CustomsRules.version))
        var done = false
        return try appendStreamed(labelled: false, signer: signer, time: time) {
            guard !done else { return nil }
            done = true
            return ("record 1", { _ in [record] })
        }[0]
    }

    /// The entry as a record stores it: its personal data (an SSN importer number) sealed to
    /// the supervisor's personal-data key that the genesis names.
    func sealingPersonalData(_ entry: CustomsEntry) throws -> CustomsEntry {
        try Self.sealingPersonalData(entry, key: genesis.personalDataKey)
    }

    /// ``sealingPersonalData(_:)`` with the genesis' `personal_data_key`.
    static func sealingPersonalData(_ entry: CustomsEntry, key personalDataKey: [UInt8]?) throws -> CustomsEntry {
        guard entry.importer.isPersonal, entry.importer.sealed == nil else { return entry }
        guard let key = personalDataKey else {
            throw LedgerError.refused(["importer.number: an SSN (qualifier 34) is personal data, stored only encrypted, and this ledger's genesis "
                + "names no personal_data_key (it was made before personal data was sealed): start a new ledger for it"])
        }
        var sealed = entry
        sealed.importer = try entry.importer.sealing(to: key)
        return sealed
    }

    /// Voids an entry: it will never go to ACE, and its number is never used again.
    @discardableResult
    public func voidEntry(_ number: EntryNumber, reason: String, signer: LedgerSigningKey, time: String = Timestamp.now()) throws -> Appended {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw LedgerError.invalidInput(["reason: say why the entry is voided"]) }
        return try append(.entryVoid, body: EntryRecordBodies.void(number, reason: reason), signer: signer, time: time)
    }

    /// Records CBP's manual release of an entry's cargo (the date, the port, the officer's reference).
    @discardableResult
    public func releaseEntry(_ release: EntryRelease, signer: LedgerSigningKey, time: String = Timestamp.now()) throws -> Appended {
        let problems = EntryRelease.problems(date: release.date, port: release.port, reference: release.reference)
        guard problems.isEmpty else { throw LedgerError.invalidInput(problems) }
        // Against the entry as recorded: released once, not before arrival, not in the future.
        if let state = try EntryBook.load(self).first(where: { $0.number == release.entryNumber }) {
            let refused = EntryRelease.problems(release, of: state, recordDate: String(time.prefix(10)))
            guard refused.isEmpty else { throw LedgerError.invalidInput(refused) }
        }
        return try append(.entryRelease, body: EntryRecordBodies.release(release), signer: signer, time: time)
    }

    /// Sets a range of entry numbers aside for downtime (supervisor).
    @discardableResult
    public func reserveNumbers(_ range: EntryNumberRange, reason: String, signer: LedgerSigningKey, time: String = Timestamp.now()) throws -> Appended {
        try append(.numbersReserve, body: EntryRecordBodies.reserve(range, reason: reason), signer: signer, time: time)
    }
}
