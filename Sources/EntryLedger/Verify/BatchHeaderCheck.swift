import LedgerFormat

/// Checks an archived batch file against the signed `abi_header` of its `replay.batch`
/// (schemas/ledger-format.md 5.10.1 step 6, rule ``rule``): the A record's site code, sender id,
/// date, office code and user data, every B record's office code and filer user data, and every
/// SE13's contact name and phone are exactly what the header says. The re-render alone cannot
/// see a lie there, since it reads those settings back from the file itself.
enum BatchHeaderCheck {
    /// The stable rule id of the problems this check reports.
    static let rule = "replay.batch-abi-header"

    /// Each field of `file` that is not what `header` says, in words (empty when all agree).
    static func differences(_ file: [UInt8], header: BatchABIHeader) -> [String] {
        let lines = file.split(separator: 0x0A, omittingEmptySubsequences: true)
        guard let a = lines.first, a.count == ABIRules.recordLength, a.first == UInt8(ascii: "A") else {
            return ["its first record is not an 80-character A record"]
        }
        var out: [String] = []
        /// The field as written (all its bytes) against the value left-justified in it.
        func compare(_ line: ArraySlice<UInt8>, _ layout: ABILayout, _ name: String, _ want: String?, _ label: String, _ record: String) {
            guard let f = layout.field(name) else { return }
            let start = line.startIndex + f.start - 1
            let found = Array(line[start..<(start + f.width)])
            let value = Array((want ?? "").utf8)
            let expected = value.count <= f.width ? value + [UInt8](repeating: 0x20, count: f.width - value.count) : value
            if found != expected {
                var shown = String(decoding: found, as: UTF8.self)
                while shown.hasSuffix(" ") { shown.removeLast() }
                out.append("\(record) \(name) (\(f.start)-\(f.end)) holds '\(shown)', abi_header \(label) is '\(want ?? "")'")
            }
        }
        compare(a, ABILayouts.a, "site code", header.siteCode, "site", "A")
        compare(a, ABILayouts.a, "sender id", header.senderID, "sender", "A")
        compare(a, ABILayouts.a, "date", Self.mmddyy(header.date), "date (MMDDYY)", "A")
        compare(a, ABILayouts.a, "office code", header.officeCode, "office", "A")
        compare(a, ABILayouts.a, "user data", header.userData, "user_data", "A")
        var blocks = 0
        for (i, line) in lines.enumerated() where i > 0 && line.count == ABIRules.recordLength {
            if line.first == UInt8(ascii: "B") {
                blocks += 1
                compare(line, ABILayouts.b, "office code", header.officeCode, "office", "B (record \(i + 1))")
                compare(line, ABILayouts.b, "filer user data", header.blockUserData, "block_user_data", "B (record \(i + 1))")
            } else if line.starts(with: Array("SE13".utf8)) {
                guard let contact = header.contact else {
                    out.append("SE13 (record \(i + 1)) carries a contact, abi_header has none")
                    continue
                }
                compare(line, ABILayouts.se13, "contact name", contact.name, "contact name", "SE13 (record \(i + 1))")
                compare(line, ABILayouts.se13, "contact phone", contact.phone, "contact phone", "SE13 (record \(i + 1))")
            }
        }
        if blocks == 0 { out.append("it holds no B record") }
        return out
    }

    /// `YYYY-MM-DD` as the A record writes it (`MMDDYY`); anything else is kept as is, and
    /// then cannot match the 6 digits of the file.
    static func mmddyy(_ iso: String) -> String {
        let c = Array(iso)
        guard c.count == 10, iso.hasPrefix("20"), c[4] == "-", c[7] == "-" else { return iso }
        return String(c[5...6]) + String(c[8...9]) + String(c[2...3])
    }
}
