import LedgerFormat
/// `entry.add`: a new entry, with a number never used before in this ledger.
/// `entry.amend`: a complete new version of an entry, with the reason.
/// `entry.void`: the entry is withdrawn (its number is never reused).
/// `entry.release`: CBP released the cargo on paper under downtime procedures.
/// `numbers.reserve`: a range of entry numbers set aside for downtime (supervisor).
public enum EntryRecordBodies {
    public static func add(_ entry: CustomsEntry) -> JSONValue { ["entry": entry.json] }

    public static func amend(_ entry: CustomsEntry, reason: String) -> JSONValue {
        ["entry_number": .string(entry.entryNumber.formatted), "entry": entry.json, "reason": .string(reason)]
    }

    public static func void(_ number: EntryNumber, reason: String) -> JSONValue {
        ["entry_number": .string(number.formatted), "reason": .string(reason)]
    }

    public static func release(_ r: EntryRelease) -> JSONValue {
        ["entry_number": .string(r.entryNumber.formatted), "date": .string(r.date), "port": .string(r.port), "reference": .string(r.reference)]
    }

    public static func reserve(_ r: EntryNumberRange, reason: String) -> JSONValue {
        ["first": .string(try! EntryNumber(filerCode: r.filerCode, serial: r.first).formatted),
         "last": .string(try! EntryNumber(filerCode: r.filerCode, serial: r.last).formatted), "reason": .string(reason)]
    }
}

/// CBP's paper release of an entry: the date, the port, and the officer's stamp or reference.
public struct EntryRelease: Equatable, Sendable {
    public let entryNumber: EntryNumber
    public let date: String
    public let port: String
    public let reference: String

    public init(entryNumber: EntryNumber, date: String, port: String, reference: String) {
        self.entryNumber = entryNumber
        self.date = date
        self.port = port
        self.reference = reference
    }

    /// Every problem with the release's fields, named by field, value and rule.
    public static func problems(date: String, port: String, reference: String) -> [Problem] {
        var p: [Problem] = []
        if CustomsDate.parse(date) == nil {
            p.append(Problem(field: "date", value: date, rule: "entry.release-date", "release date \(date): should be a real date written YYYY-MM-DD"))
        }
        if !(port.utf8.count == 4 && port.utf8.allSatisfy { (0x30...0x39).contains($0) }) {
            p.append(Problem(field: "port", value: port, rule: "entry.release-port", "release port \(port): should be a 4-digit Schedule D code such as 4103"))
        }
        if reference.trimmingCharacters(in: .whitespaces).isEmpty {
            p.append(Problem(field: "reference", value: reference, rule: "entry.release-reference", "release reference: give the officer's stamp or reference"))
        }
        if reference.count > 200 {
            p.append(Problem(field: "reference", rule: "entry.release-reference", "release reference: longer than 200 characters"))
        }
        return p
    }
}

/// Reads the entry bodies back, for the rules and for folding an entry's history.
enum EntryBodyReader {
    static func number(_ r: BodyReader) throws(RecordFormatError) -> EntryNumber {
        let text = try r.string("entry_number")
        guard let n = try? EntryNumber(parsing: text), n.formatted == text else {
            throw RecordFormatError("\(r.kind) body: entry_number \(text) is not a valid entry number written FFF-NNNNNNN-C")
        }
        return n
    }

    /// The entry in a body, checked against every rule and the ledger's filer code.
    /// With the genesis `personal_data_key`, personal data must be sealed, and to that key.
    static func entry(_ value: JSONValue?, kind: String, filer: String?, personalDataKey: [UInt8]? = nil) -> (CustomsEntry?, [Problem]) {
        guard let value else { return (nil, [Problem(field: "entry", rule: "entry.required", "\(kind) body: entry is missing")]) }
        let entry: CustomsEntry
        do throws(EntryValidationError) {
            entry = filer != nil ? try EntryValidator.validate(value, ledgerFilerCode: filer!) : try CustomsEntry(json: value)
        } catch {
            return (nil, error.problems.map(\.problem))
        }
        guard let personalDataKey, entry.importer.isPersonal else { return (entry, []) }
        guard let sealed = entry.importer.sealed else {
            return (nil, [Problem(field: "entry.importer", rule: "entry.personal-data-sealed",
                                  "\(kind) body: \(ImporterNumber.field) (qualifier \(entry.importer.qualifier)) is personal data in clear; this ledger stores it only sealed to its personal_data_key")])
        }
        guard sealed.recipient == personalDataKey else {
            return (nil, [Problem(field: "entry.importer.sealed", rule: "entry.personal-data-key",
                                  "\(kind) body: \(ImporterNumber.field) is sealed to another key than the genesis personal_data_key")])
        }
        return (entry, [])
    }
}
