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

    public init(entity: String, name: String, idQualifier: String? = nil, id: String? = nil) {
        self.entity = entity
        self.name = name
        self.idQualifier = idQualifier
        self.id = id
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = ["entity": .string(entity), "name": .string(name)]
        if let idQualifier { o["id_qualifier"] = .string(idQualifier) }
        if let id { o["id"] = .string(id) }
        return .object(o)
    }
}
