import LedgerFormat
/// The data only the cargo release (CBP Form 3461, ABI `SE`) carries. Its presence says the
/// entry has cargo release data, so its entry type must be one Cargo Release accepts. JSON:
/// `{"estimated_value_cents": 4812000, "split_shipment": false}`.
public struct CargoRelease: Sendable, Equatable, Hashable {
    /// Estimated value of the shipment in cents (SE 10 40-49): the sum of the line values.
    public var estimatedValueCents: Int64
    /// SE 10 position 55.
    public var splitShipment: Bool

    public init(estimatedValueCents: Int64, splitShipment: Bool = false) {
        self.estimatedValueCents = estimatedValueCents
        self.splitShipment = splitShipment
    }

    public var json: JSONValue {
        .object(["estimated_value_cents": .int(estimatedValueCents), "split_shipment": .bool(splitShipment)])
    }
}
