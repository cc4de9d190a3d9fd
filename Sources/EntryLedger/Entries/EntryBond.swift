import LedgerFormat
/// The bond an entry is made under: type `0` none required, `8` continuous, `9` single
/// transaction (which needs a surety code and an amount). JSON:
/// `{"type": "9", "surety_code": "457", "amount_cents": 2500000}`.
public struct EntryBond: Sendable, Equatable, Hashable {
    public var type: String
    /// 3-digit surety code.
    public var suretyCode: String?
    /// Bond amount in cents.
    public var amountCents: Int64?

    public init(type: String, suretyCode: String? = nil, amountCents: Int64? = nil) {
        self.type = type
        self.suretyCode = suretyCode
        self.amountCents = amountCents
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = ["type": .string(type)]
        if let suretyCode { o["surety_code"] = .string(suretyCode) }
        if let amountCents { o["amount_cents"] = .int(amountCents) }
        return .object(o)
    }
}
