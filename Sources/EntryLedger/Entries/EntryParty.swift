import LedgerFormat
/// A party of the entry (SE 30/SE 50): entity code `MF` manufacturer, `SE` seller, `BY` buyer,
/// `ST` ship-to, `CN` consignee, with its name and optionally an identifier. JSON:
/// `{"entity": "MF", "name": "...", "id_qualifier": "MID", "id": "CNACMWID1234SHE"}`.
public struct EntryParty: Sendable, Equatable, Hashable {
    public var entity: String
    public var name: String
    /// `EI`, `ANI`, `34` (an importer number) or `MID`; present exactly when `id` is.
    public var idQualifier: String?
    public var id: String?
    /// The street address, needed when the party goes to ACE by name (SE35/SE36).
    public var address: PartyAddress?

    public init(entity: String, name: String, idQualifier: String? = nil, id: String? = nil, address: PartyAddress? = nil) {
        self.entity = entity
        self.name = name
        self.idQualifier = idQualifier
        self.id = id
        self.address = address
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = ["entity": .string(entity), "name": .string(name)]
        if let idQualifier { o["id_qualifier"] = .string(idQualifier) }
        if let id { o["id"] = .string(id) }
        if let address { o["address"] = address.json }
        return .object(o)
    }
}
