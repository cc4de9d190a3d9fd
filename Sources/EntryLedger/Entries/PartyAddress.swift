/// The street address of a party reported by name (SE35/SE36, SE55/SE56): one street line,
/// city, optional subdivision and postal code, ISO country. JSON member `address` of a party:
/// `{"street": "14 HAFENSTRASSE", "city": "BERNKASTEL", "postal_code": "54470", "country": "DE"}`.
public struct PartyAddress: Sendable, Equatable, Hashable {
    /// SE35 7-41 with qualifier `15` (unstructured street address).
    public var street: String
    /// SE36 5-39.
    public var city: String
    /// ISO 3166-2 subdivision part (`CA`, `ON`), SE36 40-42.
    public var subdivision: String?
    /// SE36 49-63.
    public var postalCode: String?
    /// ISO country code, SE36 64-65.
    public var country: String

    public init(street: String, city: String, subdivision: String? = nil, postalCode: String? = nil, country: String) {
        self.street = street
        self.city = city
        self.subdivision = subdivision
        self.postalCode = postalCode
        self.country = country
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = ["street": .string(street), "city": .string(city), "country": .string(country)]
        if let subdivision { o["subdivision"] = .string(subdivision) }
        if let postalCode { o["postal_code"] = .string(postalCode) }
        return .object(o)
    }
}
