import LedgerFormat
/// A customs entry as the ledger records it: the cargo release data of CBP Form 3461 and/or
/// the entry summary data of CBP Form 7501, money in integer cents, quantities as integers with
/// a stated scale, dates as `YYYY-MM-DD`. A value built by ``init(json:)`` has passed every
/// rule of docs/customs-facts.md section 3 except the ledger's filer code, which ``EntryValidator`` adds.
///
/// JSON members (snake_case, ASCII): `entry_number`, `entry_type`, `port_of_entry`,
/// `importer` {`qualifier`, `number`}, `bond` {`type`, `surety_code`, `amount_cents`},
/// `mode_of_transport`, `carrier_code`, `conveyance_name`, `voyage`, `arrival_date`,
/// `port_of_unlading`, `foreign_port_of_lading`, `firms_code`,
/// `bills_of_lading` [{`type`, `issuer`, `number`, `quantity`}],
/// `parties` [{`entity`, `name`, `id_qualifier`, `id`}],
/// `lines` [{`line_number`, `hts`, `country_of_origin`, `description`, `value_cents`,
///   `quantity` {`amount`, `scale`, `unit`}, `entry_summary` {`mid`, `country_of_export`,
///   `export_date`, `gross_weight_kg`, `charges_cents`, `duty_cents`, `related_party`, `spi`, `rate`,
///   `chapter_99`, `adcvd`, `adcvd_non_reimbursement`, `ir_tax`, `fees`, `ftz`}}],
/// `cargo_release` {`estimated_value_cents`, `split_shipment`, `warehouse_firms`, `originating_entry`},
/// `entry_summary` {`broker_reference`, `consignee_number`, `entry_date`, `ftz_id`, `fees`, `warehouse_entry`,
///   `totals` {`entered_value_cents`, `duty_cents`, `fees_cents`, `taxes_cents`, `ad_duty_cents`,
///   `cv_duty_cents`, `total_cents`}}. The money rules are in `schemas/money-rules.md`; the
/// figures the rules compute are in ``money``.
///
/// ```swift
/// let entry = try CustomsEntry(json: JSONReader.parse(text))   // throws every problem at once
/// let body = entry.json          // the normalized object stored in the ledger record
/// ```
public struct CustomsEntry: Sendable, Equatable {
    public var entryNumber: EntryNumber
    public var entryType: String
    /// Schedule D port of entry.
    public var portOfEntry: String
    public var importer: ImporterNumber
    public var bond: EntryBond
    public var modeOfTransport: String
    /// SCAC (air: IATA code).
    public var carrierCode: String?
    public var conveyanceName: String?
    /// Voyage or flight number.
    public var voyage: String?
    public var arrivalDate: String
    /// Schedule D port of unlading.
    public var portOfUnlading: String?
    /// Schedule K foreign port of lading.
    public var foreignPortOfLading: String?
    public var firmsCode: String?
    public var billsOfLading: [BillOfLading]
    public var parties: [EntryParty]
    public var lines: [EntryLine]
    /// Present when the entry carries cargo release (3461) data.
    public var cargoRelease: CargoRelease?
    /// Present when the entry carries entry summary (7501) data.
    public var entrySummary: EntrySummary?

    /// The filer code, the first part of the entry number.
    public var filerCode: String { entryNumber.filerCode }

    /// Reads and checks an entry, collecting every problem (wrong types, missing and unknown
    /// members, every rule) before throwing them all together.
    public init<N: JSONReadable>(json: N) throws(EntryValidationError) {
        let (entry, problems) = EntryValidator.check(json, ledgerFilerCode: nil, rulesVersion: CustomsRules.version, recordDate: nil)
        guard let entry else { throw EntryValidationError(problems: problems) }
        self = entry
    }

    /// Reads an entry stored in the ledger, whatever rules version it was checked under: only
    /// its shape and the rules of version 1 are checked (the current rules are the verifier's
    /// business, see ``EntryRecordCheck``).
    public init<N: JSONReadable>(stored json: N) throws(EntryValidationError) {
        let (entry, problems) = EntryValidator.check(json, ledgerFilerCode: nil, rulesVersion: 1, recordDate: nil)
        guard let entry else { throw EntryValidationError(problems: problems) }
        self = entry
    }

    init(entryNumber: EntryNumber, entryType: String, portOfEntry: String, importer: ImporterNumber, bond: EntryBond,
         modeOfTransport: String, carrierCode: String?, conveyanceName: String?, voyage: String?, arrivalDate: String,
         portOfUnlading: String?, foreignPortOfLading: String?, firmsCode: String?, billsOfLading: [BillOfLading],
         parties: [EntryParty], lines: [EntryLine], cargoRelease: CargoRelease?, entrySummary: EntrySummary?) {
        self.entryNumber = entryNumber
        self.entryType = entryType
        self.portOfEntry = portOfEntry
        self.importer = importer
        self.bond = bond
        self.modeOfTransport = modeOfTransport
        self.carrierCode = carrierCode
        self.conveyanceName = conveyanceName
        self.voyage = voyage
        self.arrivalDate = arrivalDate
        self.portOfUnlading = portOfUnlading
        self.foreignPortOfLading = foreignPortOfLading
        self.firmsCode = firmsCode
        self.billsOfLading = billsOfLading
        self.parties = parties
        self.lines = lines
        self.cargoRelease = cargoRelease
        self.entrySummary = entrySummary
    }

    /// The normalized entry: the exact JSON object stored as the body of the ledger's entry
    /// record. The entry number is written `FFF-NNNNNNN-C`; absent optional members are left
    /// out; `bills_of_lading` and `parties` are always written (possibly empty).
    /// `CustomsEntry(json: e.json) == e` always holds.
    public var json: JSONValue {
        var o: [String: JSONValue] = [
            "entry_number": .string(entryNumber.formatted),
            "entry_type": .string(entryType),
            "port_of_entry": .string(portOfEntry),
            "importer": importer.json,
            "bond": bond.json,
            "mode_of_transport": .string(modeOfTransport),
            "arrival_date": .string(arrivalDate),
            "bills_of_lading": .array(billsOfLading.map(\.json)),
            "parties": .array(parties.map(\.json)),
            "lines": .array(lines.map(\.json)),
        ]
        if let carrierCode { o["carrier_code"] = .string(carrierCode) }
        if let conveyanceName { o["conveyance_name"] = .string(conveyanceName) }
        if let voyage { o["voyage"] = .string(voyage) }
        if let portOfUnlading { o["port_of_unlading"] = .string(portOfUnlading) }
        if let foreignPortOfLading { o["foreign_port_of_lading"] = .string(foreignPortOfLading) }
        if let firmsCode { o["firms_code"] = .string(firmsCode) }
        if let cargoRelease { o["cargo_release"] = cargoRelease.json }
        if let entrySummary { o["entry_summary"] = entrySummary.json }
        return .object(o)
    }
}
