import LedgerFormat
/// A bill of lading or air waybill of the shipment (SE 15, AE 23). JSON:
/// `{"type": "M", "issuer": "MAEU", "number": "254812907", "quantity": 40}`.
public struct BillOfLading: Sendable, Equatable, Hashable {
    /// `R` regular, `M` master, `H` house, `T`, `I` in-bond.
    public var type: String
    /// The issuer's code: a SCAC (air: IATA code).
    public var issuer: String
    public var number: String
    /// Number of packages on the bill.
    public var quantity: Int64

    public init(type: String, issuer: String, number: String, quantity: Int64) {
        self.type = type
        self.issuer = issuer
        self.number = number
        self.quantity = quantity
    }

    public var json: JSONValue {
        .object(["type": .string(type), "issuer": .string(issuer), "number": .string(number), "quantity": .int(quantity)])
    }
}
