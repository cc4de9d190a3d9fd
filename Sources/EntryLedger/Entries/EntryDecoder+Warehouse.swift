import LedgerFormat

/// Readers of the members the ABI chapters need beyond the 3461/7501 basics: a bonded
/// warehouse FIRMS code, a warehouse entry.
extension EntryDecoder {
    static let warehouseEntryMembers = ["entry_number", "port"]

    mutating func decodeWarehouseEntry(_ value: JSONValue, at path: String) -> WarehouseEntry? {
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

    mutating func firms(_ o: [String: JSONValue], _ key: String, at path: String) -> String? {
        code(o, key, at: path, required: false, rule: .firms) { v in
            v.count == 4 && v.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) }) ? nil
                : "\(v) is not a FIRMS code (4 letters or digits)"
        }
    }
}
