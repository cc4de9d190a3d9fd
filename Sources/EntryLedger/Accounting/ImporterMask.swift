/// Importer numbers as screens and reports show them: a social security number (qualifier
/// `34`, or any number written `NNN-NN-NNNN`) is personal data and shows only its last four
/// digits, `***-**-1234`; one the ledger holds sealed (spec 5.12) shows `***-**-****`, since
/// not even its last digits are kept in clear. Employer and CBP-assigned numbers show whole.
///
/// ```swift
/// ImporterMask.display(ImporterNumber(qualifier: "34", number: "123-45-6789"))   // "***-**-6789"
/// ```
public enum ImporterMask {
    public static func isPersonal(_ i: ImporterNumber) -> Bool { i.qualifier == "34" || looksLikeSSN(i.number) }

    public static func display(_ i: ImporterNumber) -> String {
        guard isPersonal(i) else { return i.number }
        if i.sealed != nil { return ImporterNumber.masked }  // sealed in the ledger: nothing of it is in clear
        let digits = i.number.filter(\.isNumber)
        return "***-**-" + String(digits.suffix(4))
    }

    static func looksLikeSSN(_ s: String) -> Bool {
        let c = Array(s.utf8)
        guard c.count == 11, c[3] == UInt8(ascii: "-"), c[6] == UInt8(ascii: "-") else { return false }
        return c.enumerated().allSatisfy { i, b in i == 3 || i == 6 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) }
    }
}
