import LedgerFormat

/// Readers of the members the ABI chapters need beyond the 3461/7501 basics: a party's
/// address, a bonded warehouse FIRMS code, a warehouse entry.
extension EntryDecoder {
    static let addressMembers = ["street", "city", "subdivision", "postal_code", "country"]

    mutating func decodeAddress<N: JSONReadable>(_ value: N, at path: String) -> PartyAddress? {
        guard let o = members(value, at: path, known: Self.addressMembers, what: "an address") else { return nil }
        let street = text(o, "street", at: path, required: true, width: 35)
        let city = text(o, "city", at: path, required: true, width: 35)
        let subdivision = code(o, "subdivision", at: path, required: false, rule: .party, width: 3) { v in
            v.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) }) ? nil
                : "\(v) is not an ISO 3166-2 subdivision code (1 to 3 letters or digits)"
        }
        let postal = text(o, "postal_code", at: path, required: false, width: 15)
        let country = country(o, "country", at: path, required: true)
        guard let street, let city, let country, o["subdivision"] == nil || subdivision != nil, o["postal_code"] == nil || postal != nil
        else { return nil }
        return PartyAddress(street: street, city: city, subdivision: subdivision, postalCode: postal, country: country)
    }

    static let warehouseEntryMembers = ["entry_number", "port"]

    mutating func decodeWarehouseEntry<N: JSONReadable>(_ value: N, at path: String) -> WarehouseEntry? {
        guard let o = members(value, at: path, known: Self.warehouseEntryMembers, what: "a warehouse entry") else { return nil }
        var number: EntryNumber?
        if let raw = text(o, "entry_number", at: path, required: true, width: 13) {
            do { number = try EntryNumber(parsing: raw) } catch {
                report(Self.join(path, "entry_number"), .entryNumber, raw, "\(raw) is not a valid entry number: \(error)")
            }
        }
        let port = code(o, "port", at: path, required: true, rule: .port) { v in
            v.count == 4 && v.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) ? nil : "\(v) is not a Schedule D port (4 digits)"
        }
        guard let number, let port else { return nil }
        return WarehouseEntry(entryNumber: number, port: port)
    }

    mutating func firms<N: JSONReadable>(_ o: N, _ key: String, at path: String) -> String? {
        code(o, key, at: path, required: false, rule: .firms) { v in
            v.count == 4 && v.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) }) ? nil
                : "\(v) is not a FIRMS code (4 letters or digits)"
        }
    }
}
