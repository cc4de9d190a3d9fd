import LedgerFormat
/// The entry summary (CBP Form 7501) data of one line (AE 40, 41, 47, 50, 53, 60, 62). JSON
/// member `entry_summary` of a line:
/// `{"mid": "...", "country_of_export": "CN", "export_date": "2026-11-02", "gross_weight_kg": 1830,
///   "charges_cents": 125000, "related_party": false, "spi": "S", "rate": {"ad_valorem_bp": 0},
///   "duty_cents": 0, "chapter_99": [...], "adcvd": [...], "adcvd_non_reimbursement": true,
///   "ir_tax": {...}, "fees": [{"class_code": "499", "amount_cents": 16669}], "ftz": {...}}`.
///
/// `rate` and `duty_cents` belong to the line's chapter 1-97 number (``EntryLine/hts``); the
/// chapter 99 numbers carry their own. Rules version 1 entries have no `rate` and no breakdown.
public struct LineSummary: Sendable, Equatable, Hashable {
    /// Manufacturer identification code (AE 47).
    public var mid: String
    public var countryOfExport: String
    /// `YYYY-MM-DD`.
    public var exportDate: String
    /// Whole kilograms.
    public var grossWeightKilograms: Int64
    /// Freight and insurance charges in cents.
    public var chargesCents: Int64
    /// Duty on the chapter 1-97 number, as typed (AE 50 14-23 of that number).
    public var dutyCents: Int64
    public var relatedParty: Bool
    /// Special program indicator (trade-agreement claim, AE 40 25-26), e.g. `S` USMCA.
    public var spi: String?
    /// The rate declared for the chapter 1-97 number.
    public var rate: DutyRate?
    /// Chapter 99 numbers, in CBP's order, each with its rate and duty (value zero).
    public var chapter99: [TariffLine]
    /// AD/CVD cases (at most one AD and one CV).
    public var adcvd: [ADCVDDeposit]
    /// The importer's AD/CVD non-reimbursement statement (AE 40 position 60).
    public var adcvdNonReimbursement: Bool
    /// Internal revenue tax (AE 60).
    public var irTax: IRTax?
    /// Line user fees by class (AE 62), as typed.
    public var fees: [EntryFee]
    /// Foreign-trade-zone data (type 06, AE 41).
    public var ftz: FTZLineStatus?

    public init(mid: String, countryOfExport: String, exportDate: String, grossWeightKilograms: Int64,
                chargesCents: Int64, dutyCents: Int64, relatedParty: Bool = false, spi: String? = nil,
                rate: DutyRate? = nil, chapter99: [TariffLine] = [], adcvd: [ADCVDDeposit] = [],
                adcvdNonReimbursement: Bool = false, irTax: IRTax? = nil, fees: [EntryFee] = [], ftz: FTZLineStatus? = nil) {
        self.mid = mid
        self.countryOfExport = countryOfExport
        self.exportDate = exportDate
        self.grossWeightKilograms = grossWeightKilograms
        self.chargesCents = chargesCents
        self.dutyCents = dutyCents
        self.relatedParty = relatedParty
        self.spi = spi
        self.rate = rate
        self.chapter99 = chapter99
        self.adcvd = adcvd
        self.adcvdNonReimbursement = adcvdNonReimbursement
        self.irTax = irTax
        self.fees = fees
        self.ftz = ftz
    }

    /// The fee of a class on this line as typed, or nil.
    public func fee(_ classCode: String) -> Int64? { fees.first { $0.classCode == classCode }?.amountCents }

    public var json: JSONValue {
        var o: [String: JSONValue] = [
            "mid": .string(mid), "country_of_export": .string(countryOfExport), "export_date": .string(exportDate),
            "gross_weight_kg": .int(grossWeightKilograms), "charges_cents": .int(chargesCents),
            "duty_cents": .int(dutyCents), "related_party": .bool(relatedParty),
        ]
        if let spi { o["spi"] = .string(spi) }
        if let rate { o["rate"] = rate.json }
        if !chapter99.isEmpty { o["chapter_99"] = .array(chapter99.map(\.json)) }
        if !adcvd.isEmpty { o["adcvd"] = .array(adcvd.map(\.json)) }
        if adcvdNonReimbursement { o["adcvd_non_reimbursement"] = .bool(true) }
        if let irTax { o["ir_tax"] = irTax.json }
        if !fees.isEmpty { o["fees"] = .array(fees.map(\.json)) }
        if let ftz { o["ftz"] = ftz.json }
        return .object(o)
    }
}
