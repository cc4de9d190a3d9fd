import LedgerFormat
/// The data only the cargo release (CBP Form 3461, ABI `SE`) carries. Its presence says the
/// entry has cargo release data, so its entry type must be one Cargo Release accepts. JSON:
/// `{"estimated_value_cents": 4812000, "split_shipment": false}`.
public struct CargoRelease: Sendable, Equatable, Hashable {
    /// Estimated value of the shipment in cents (SE 10 40-49): the sum of the line values.
    public var estimatedValueCents: Int64
    /// SE 10 position 55.
    public var splitShipment: Bool
    /// FIRMS code of the CBP bonded warehouse (SE11 65-68), for warehouse types 21 and 22.
    public var warehouseFirms: String?
    /// The originating warehouse entry (SE11 69-79), for a re-warehouse entry (type 22).
    public var originatingEntry: WarehouseEntry?

    public init(estimatedValueCents: Int64, splitShipment: Bool = false, warehouseFirms: String? = nil,
                originatingEntry: WarehouseEntry? = nil) {
        self.estimatedValueCents = estimatedValueCents
        self.splitShipment = splitShipment
        self.warehouseFirms = warehouseFirms
        self.originatingEntry = originatingEntry
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = ["estimated_value_cents": .int(estimatedValueCents), "split_shipment": .bool(splitShipment)]
        if let warehouseFirms { o["warehouse_firms"] = .string(warehouseFirms) }
        if let originatingEntry { o["originating_entry"] = originatingEntry.json }
        return .object(o)
    }
}
