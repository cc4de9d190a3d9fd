import LedgerFormat
/// `entry.add`: a new entry, with a number never used before in this ledger.
/// `entry.amend`: a complete new version of an entry, with the reason.
/// `entry.void`: the entry is withdrawn (its number is never reused).
/// `entry.release`: CBP released the cargo on paper under downtime procedures.
/// `numbers.reserve`: a range of entry numbers set aside for downtime (supervisor).
///
/// `entry.add` and `entry.amend` bodies name the customs rules version the entry was checked
/// under (`rules_version`, ``CustomsRules/version``); a body without it is version 1.
public enum EntryRecordBodies {
    public static func add(_ entry: CustomsEntry) -> JSONValue {
        ["entry": entry.json, "rules_version": .int(Int64(CustomsRules.version))]
    }

    /// The canonical bytes of ``add(_:)``'s body, written straight from the typed entry
    /// (``CanonicalWriter``; tests prove them identical to `CanonicalJSON.encode(add(entry))`).
    public static func addCanonical(_ entry: CustomsEntry) throws(CanonicalJSONError) -> [UInt8] {
        var w = CanonicalWriter(capacity: 4096)
        w.beginObject()
        w.key("entry"); entry.writeCanonical(&w)
        w.key("rules_version"); w.int(CustomsRules.version)
        w.endObject()
        return try w.finish()
    }

    /// The `entry.add` record of an entry checked against every rule for a record written at
    /// `time` in the ledger of `filer`, with that proof for the ledger's rule check. Its body
    /// is written as canonical bytes; an entry that has none (an integer beyond 2^53) is
    /// given as a value, for the append to refuse with the encoder's word for it.
    static func add(checked entry: CustomsEntry, filer: String, time: String) -> Ledger.BuiltRecord {
        let proof = PrecheckedEntry(entry: entry, filer: filer, time: time, rulesVersion: CustomsRules.version)
        guard let bytes = try? addCanonical(entry) else { return Ledger.BuiltRecord(kind: .entryAdd, body: add(entry), prechecked: proof) }
        return Ledger.BuiltRecord(kind: .entryAdd, canonicalBody: bytes, prechecked: proof)
    }

    public static func amend(_ entry: CustomsEntry, reason: String) -> JSONValue {
        ["entry_number": .string(entry.entryNumber.formatted), "entry": entry.json, "reason": .string(reason),
         "rules_version": .int(Int64(CustomsRules.version))]
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

    /// Every problem of a release against the entry it releases: a released entry is not
    /// released again; the release date is not before the arrival date nor after the day the
    /// record is written (`recordDate`, `YYYY-MM-DD`). A release dated earlier than the day it
    /// is recorded is allowed (it is shown as recorded late).
    public static func problems(_ r: EntryRelease, of state: EntryState, recordDate: String) -> [Problem] {
        var p: [Problem] = []
        if let (seq, earlier) = state.release {
            p.append(Problem(field: "entry_number", value: r.entryNumber.formatted, rule: "entry.release-twice",
                             "entry \(r.entryNumber.formatted): already released by CBP on \(earlier.date) (seq \(seq)); a released entry is not released again"))
        }
        if r.date < state.entry.arrivalDate {
            p.append(Problem(field: "date", value: r.date, rule: "entry.release-before-arrival",
                             "release date \(r.date): before the arrival date \(state.entry.arrivalDate); CBP releases goods only after they arrive"))
        }
        if r.date > recordDate {
            p.append(Problem(field: "date", value: r.date, rule: "entry.release-future",
                             "release date \(r.date): after \(recordDate), the day it is recorded; a release is recorded once it has happened"))
        }
        return p
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
        if reference.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
            p.append(Problem(field: "reference", value: reference, rule: "entry.release-reference", "release reference: give the officer's stamp or reference"))
        }
        if reference.unicodeScalars.count > 200 {  // lengths count code points (ledger-format.md section 1)
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

    /// With the genesis `personal_data_key`, personal data must be sealed, and to that key
    /// (spec 5.12): the problems of an entry read from a record.
    static func personalDataProblems(_ entry: CustomsEntry?, kind: String, key personalDataKey: [UInt8]?) -> [Problem] {
        guard let entry, let personalDataKey, entry.importer.isPersonal else { return [] }
        guard let sealed = entry.importer.sealed else {
            return [Problem(field: "entry.importer", rule: "entry.personal-data-sealed",
                            "\(kind) body: \(ImporterNumber.field) (qualifier \(entry.importer.qualifier)) is personal data in clear; this ledger stores it only sealed to its personal_data_key")]
        }
        guard sealed.recipient == personalDataKey else {
            return [Problem(field: "entry.importer.sealed", rule: "entry.personal-data-key",
                            "\(kind) body: \(ImporterNumber.field) is sealed to another key than the genesis personal_data_key")]
        }
        return []
    }
}
