import LedgerFormat
/// Checks an entry against every rule of docs/customs-facts.md section 3 and against the ledger it goes
/// into (the entry number's filer code must be the ledger's), reporting all problems at once.
///
/// ```swift
/// do {
///     let entry = try EntryValidator.validate(jsonText: bytes, ledgerFilerCode: "EL7")
/// } catch {
///     for p in error.problems { print(p) }   // lines[2].hts: "8471.30" is not an HTS number ...
/// }
/// ```
public enum EntryValidator {
    /// Every problem of the entry; empty when it is valid. `ledgerFilerCode` nil skips the
    /// filer-code rule.
    public static func problems(in json: JSONValue, ledgerFilerCode: String?, recordDate: String? = nil) -> [EntryProblem] {
        check(json, ledgerFilerCode: ledgerFilerCode, rulesVersion: CustomsRules.version, recordDate: recordDate).problems
    }

    /// The entry and every problem it has under the rules of `rulesVersion`: version 1 is the
    /// shape of the entry and the rules before money was computed; version 2 adds
    /// ``EntryRulesCheck`` (run once the entry reads without a problem). `recordDate`
    /// (`YYYY-MM-DD`) is the day the record is written, for the checks against the future.
    static func check<N: JSONReadable>(_ json: N, ledgerFilerCode: String?, rulesVersion: Int,
                                       recordDate: String?) -> (entry: CustomsEntry?, problems: [EntryProblem]) {
        EntryDecodeCount.note(rulesVersion: rulesVersion)
        var decoder = EntryDecoder(ledgerFilerCode: ledgerFilerCode)
        guard let entry = decoder.decodeEntry(json), decoder.problems.isEmpty else { return (nil, decoder.problems) }
        if rulesVersion >= 2 {
            let problems = EntryRulesCheck.problems(in: entry, recordDate: recordDate)
            if !problems.isEmpty { return (nil, problems) }
        }
        return (entry, [])
    }

    /// Every problem of an entry given as JSON text; text that is not JSON of the restricted
    /// profile (floats, duplicate member names ...) is one problem with rule ``EntryRule/json``.
    public static func problems(inJSONText bytes: [UInt8], ledgerFilerCode: String?, recordDate: String? = nil) -> [EntryProblem] {
        do {
            return problems(in: try JSONReader.parse(bytes), ledgerFilerCode: ledgerFilerCode, recordDate: recordDate)
        } catch {
            return [EntryProblem(path: "", value: nil, rule: .json, message: error.description)]
        }
    }

    /// Every problem of an entry already in the model (for example after editing it).
    public static func problems(in entry: CustomsEntry, ledgerFilerCode: String?) -> [EntryProblem] {
        problems(in: entry.json, ledgerFilerCode: ledgerFilerCode)
    }

    /// The entry, or every problem it has.
    public static func validate(_ json: JSONValue, ledgerFilerCode: String, recordDate: String? = nil) throws(EntryValidationError) -> CustomsEntry {
        let (entry, problems) = check(json, ledgerFilerCode: ledgerFilerCode, rulesVersion: CustomsRules.version, recordDate: recordDate)
        guard let entry else { throw EntryValidationError(problems: problems) }
        return entry
    }

    /// The entry given as JSON text, or every problem it has.
    public static func validate(jsonText bytes: [UInt8], ledgerFilerCode: String, recordDate: String? = nil) throws(EntryValidationError) -> CustomsEntry {
        let json: JSONValue
        do {
            json = try JSONReader.parse(bytes)
        } catch {
            throw EntryValidationError(problems: [EntryProblem(path: "", value: nil, rule: .json, message: error.description)])
        }
        return try validate(json, ledgerFilerCode: ledgerFilerCode, recordDate: recordDate)
    }

    /// Why `text` cannot go into an ABI record as it is, or nil when it can: ABI records are
    /// upper-case ASCII, so every character must be printable ASCII (space to `~`) other than
    /// `a`-`z`; the text must not be empty nor start or end with a space (fixed-width fields
    /// are space-padded). Positions are 1-based, counted in characters.
    public static func abiTextProblem(_ text: String) -> String? {
        if text.isEmpty { return "must not be empty" }
        // Fast path, byte by byte: printable ASCII with no lower-case letter (nearly every field).
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E && !(0x61...0x7A).contains($0) }) {
            return text.utf8.first == 0x20 || text.utf8.last == 0x20 ? "must not start or end with a space" : nil
        }
        var position = 0
        for character in text {
            position += 1
            let scalars = character.unicodeScalars
            if scalars.count == 1, let s = scalars.first, s.value >= 0x20, s.value <= 0x7E, !("a"..."z").contains(s) {
                continue
            }
            let codes = scalars.map { "U+" + hex4($0.value) }.joined(separator: " ")
            if scalars.count == 1, let s = scalars.first, ("a"..."z").contains(s) {
                return "character '\(character)' at position \(position) is not upper-case ASCII (write '\(character.uppercased())')"
            }
            if scalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) }) {
                return "character '\(character)' at position \(position) is not upper-case ASCII (\(codes))"
            }
            return "character \(codes) at position \(position) is not upper-case ASCII (a control character)"
        }
        if text.hasPrefix(" ") || text.hasSuffix(" ") {
            return "must not start or end with a space"
        }
        return nil
    }

    /// Why `mid` is not a manufacturer identification code, or nil when its structure is right
    /// (19 CFR 102 appendix; the bounds are in ``CustomsRules``): at most 15 letters and digits,
    /// no spaces; an ISO country code, for Canada a province code, never `CA`; 2-6 letters of
    /// the name; up to 4 digits of the street address; 3 letters of the city.
    public static func midProblem(_ mid: String) -> String? {
        let s = Array(mid.unicodeScalars)
        // The words of a problem are made only for a problem: every line's MID is checked.
        var shown: String { "\"" + EntryDecoder.cut(mid) + "\"" }
        if s.contains(" ") { return "MID \(shown) must not contain spaces" }
        if s.count > CustomsRules.midMaxLength {
            return "MID \(shown) is \(s.count) characters: at most \(CustomsRules.midMaxLength)"
        }
        func isLetter(_ c: Unicode.Scalar) -> Bool { ("A"..."Z").contains(c) }
        func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
        guard s.allSatisfy({ isLetter($0) || isDigit($0) }) else {
            return "MID \(shown) may hold only letters A-Z and digits"
        }
        guard s.count >= 2 else { return "MID \(shown) is too short" }
        let country = String(String.UnicodeScalarView(s[0..<2]))
        if CustomsRules.midForbiddenCountryCodes.contains(country) {
            let examples = ["XO", "XQ"].map { "\($0) \(CustomsRules.canadianProvinceCodes[$0]!)" }.joined(separator: ", ")
            return "MID \(shown) starts with CA: a Canadian MID uses the province code (such as \(examples)), never CA"
        }
        guard CountryCode.isAssigned(country) || CustomsRules.canadianProvinceCodes[country] != nil else {
            return "MID \(shown) starts with \(country), which is neither an ISO country code nor a Canadian province code"
        }
        let rest = Array(s[2...])
        var layout: String { "after the country code come \(CustomsRules.midNameLetters.lowerBound)-\(CustomsRules.midNameLetters.upperBound) letters of the manufacturer's name, up to \(CustomsRules.midAddressDigits.upperBound) digits of the street address and \(CustomsRules.midCityLetters) letters of the city" }
        guard rest.count >= CustomsRules.midCityLetters, rest.suffix(CustomsRules.midCityLetters).allSatisfy(isLetter) else {
            return "MID \(shown) must end with \(CustomsRules.midCityLetters) letters of the city (\(layout))"
        }
        let middle = rest.dropLast(CustomsRules.midCityLetters)
        let nameLetters = middle.prefix(while: isLetter).count
        let digits = middle.dropFirst(nameLetters)
        guard digits.allSatisfy(isDigit) else {
            return "MID \(shown) has letters between the address digits and the city (\(layout))"
        }
        guard CustomsRules.midNameLetters.contains(nameLetters) else {
            return "MID \(shown) has \(nameLetters) letters of the name (\(layout))"
        }
        guard CustomsRules.midAddressDigits.contains(digits.count) else {
            return "MID \(shown) has \(digits.count) address digits (\(layout))"
        }
        return nil
    }

    private static func hex4(_ v: UInt32) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}
