import LedgerFormat

/// The rate of duty a clerk declares for one tariff number, as the HTS column states it:
/// ad valorem, specific, or both (compound). Integers only: the ad valorem part in basis
/// points (hundredths of a percent: 6.5 % is `650`), the specific part in hundredths of a cent
/// per unit (6.3¢/liter is `630` with unit `L`). A free rate is `{"ad_valorem_bp": 0}`. JSON:
/// `{"ad_valorem_bp": 250}`, `{"specific_hundredth_cents": 630, "specific_unit": "L"}`,
/// or both parts together.
public struct DutyRate: Sendable, Equatable, Hashable {
    /// Ad valorem part in basis points of the value, or nil when the rate has none.
    public var adValoremBasisPoints: Int64?
    /// Specific part in hundredths of a cent per unit, or nil when the rate has none.
    public var specificHundredthCents: Int64?
    /// The unit the specific part is per (must be the unit of the line's quantity).
    public var specificUnit: String?

    public init(adValoremBasisPoints: Int64? = nil, specificHundredthCents: Int64? = nil, specificUnit: String? = nil) {
        self.adValoremBasisPoints = adValoremBasisPoints
        self.specificHundredthCents = specificHundredthCents
        self.specificUnit = specificUnit
    }

    /// A free rate (ad valorem 0).
    public static let free = DutyRate(adValoremBasisPoints: 0)

    /// Whether the rate asks for no duty at all.
    public var isFree: Bool { (adValoremBasisPoints ?? 0) == 0 && (specificHundredthCents ?? 0) == 0 }

    public var json: JSONValue {
        var o: [String: JSONValue] = [:]
        if let adValoremBasisPoints { o["ad_valorem_bp"] = .int(adValoremBasisPoints) }
        if let specificHundredthCents { o["specific_hundredth_cents"] = .int(specificHundredthCents) }
        if let specificUnit { o["specific_unit"] = .string(specificUnit) }
        return .object(o)
    }
}
