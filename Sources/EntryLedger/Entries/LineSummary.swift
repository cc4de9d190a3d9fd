import LedgerFormat
/// The entry summary (CBP Form 7501) data of one line (AE 40, 47, 50). JSON member
/// `entry_summary` of a line:
/// `{"mid": "...", "country_of_export": "CN", "export_date": "2026-11-02", "gross_weight_kg": 1830,
///   "charges_cents": 125000, "duty_cents": 9012, "related_party": false}`.
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
    public var dutyCents: Int64
    public var relatedParty: Bool

    public init(mid: String, countryOfExport: String, exportDate: String, grossWeightKilograms: Int64,
                chargesCents: Int64, dutyCents: Int64, relatedParty: Bool = false) {
        self.mid = mid
        self.countryOfExport = countryOfExport
        self.exportDate = exportDate
        self.grossWeightKilograms = grossWeightKilograms
        self.chargesCents = chargesCents
        self.dutyCents = dutyCents
        self.relatedParty = relatedParty
    }

    public var json: JSONValue {
        .object([
            "mid": .string(mid), "country_of_export": .string(countryOfExport), "export_date": .string(exportDate),
            "gross_weight_kg": .int(grossWeightKilograms), "charges_cents": .int(chargesCents),
            "duty_cents": .int(dutyCents), "related_party": .bool(relatedParty),
        ])
    }
}
