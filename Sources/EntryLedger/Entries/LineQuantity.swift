import LedgerFormat
/// A quantity as an integer with a stated scale and unit: `{"amount": 1250, "scale": 2,
/// "unit": "KG"}` is 12.50 KG. No floating point anywhere; the scale is 0, 1 or 2 (AE 50 carries
/// 2 implied decimals, so the ABI form never needs rounding).
public struct LineQuantity: Sendable, Equatable, Hashable {
    public var amount: Int64
    /// Decimal places of `amount`.
    public var scale: Int
    /// HTS unit of measure (`NO`, `KG`, `DOZ`, `X` ...).
    public var unit: String

    public init(amount: Int64, scale: Int, unit: String) {
        self.amount = amount
        self.scale = scale
        self.unit = unit
    }

    /// The amount in hundredths (2 implied decimals, as AE 50 positions 36-47 carry it).
    public var hundredths: Int64 {
        var v = amount
        for _ in scale..<2 { v *= 10 }
        return v
    }

    public var json: JSONValue {
        .object(["amount": .int(amount), "scale": .int(Int64(scale)), "unit": .string(unit)])
    }
}
