import LedgerFormat
import LedgerSQLite
import Foundation

extension Ledger {
    /// Adds entries in one transaction (one for `entry add`, many for `entry import`): all or
    /// nothing. With `nextNumber`, each entry takes the next free number of the reserved ranges,
    /// chosen under the write lock so that two clerks can never take the same one.
    @discardableResult
    public func addEntries(_ entries: [JSONValue], nextNumber: Bool = false, labels: [String]? = nil,
                           signer: LedgerSigningKey, time: String = Timestamp.now()) throws -> [(Appended, EntryNumber)] {
        var numbers: [EntryNumber] = []
        let builders: [RecordBuilder] = entries.map { json in
            { tx in
                var value = json
                if nextNumber {
                    guard case .object(var o) = value else { throw LedgerError.invalidInput(["entry: should be a JSON object"]) }
                    if o["entry_number"] != nil {
                        throw LedgerError.invalidInput([Problem(field: "entry_number", rule: "entry.number-given", "entry_number: leave it out when the number comes from the reserved range")])
                    }
                    o["entry_number"] = .string(try Self.nextFreeNumber(tx).formatted)
                    value = .object(o)
                }
                let entry: CustomsEntry
                do throws(EntryValidationError) {
                    entry = try EntryValidator.validate(value, ledgerFilerCode: self.genesis.filer, recordDate: String(time.prefix(10)))
                } catch {
                    throw LedgerError.invalidInput(error.problems.map(\.problem))
                }
                numbers.append(entry.entryNumber)
                return (.entryAdd, EntryRecordBodies.add(try self.sealingPersonalData(entry)))
            }
        }
        let appended = try appendBuilt(builders, labels: labels, signer: signer, time: time)
        return Array(zip(appended, numbers))
    }

    /// The lowest number of the reserved ranges (in the order they were reserved) not yet used.
    static func nextFreeNumber(_ tx: StoreTransaction) throws -> EntryNumber {
        let ranges = try tx.reservedRanges()
        guard !ranges.isEmpty else {
            throw LedgerError.refused([Problem(rule: "numbers.none-reserved", "no entry numbers are reserved for downtime; the supervisor reserves a range first")])
        }
        for r in ranges {
            let lo = try EntryNumber(filerCode: r.filerCode, serial: r.first).formatted
            let hi = try EntryNumber(filerCode: r.filerCode, serial: r.last).formatted
            let used = Set(try tx.numbers(from: lo, through: hi).compactMap { try? EntryNumber(parsing: $0).serial })
            if let serial = (r.first...r.last).first(where: { !used.contains($0) }) {
                return try EntryNumber(filerCode: r.filerCode, serial: serial)
            }
        }
        throw LedgerError.refused([Problem(rule: "numbers.all-used", "every reserved entry number is used; the supervisor reserves another range")])
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
        return try append(.entryAmend, body: EntryRecordBodies.amend(try sealingPersonalData(entry), reason: reason), signer: signer, time: time)
    }

    /// The entry as a record stores it: its personal data (an SSN importer number) sealed to
    /// the supervisor's personal-data key that the genesis names.
    func sealingPersonalData(_ entry: CustomsEntry) throws -> CustomsEntry {
        guard entry.importer.isPersonal, entry.importer.sealed == nil else { return entry }
        guard let key = genesis.personalDataKey else {
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
