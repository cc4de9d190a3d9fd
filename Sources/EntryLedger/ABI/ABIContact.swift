import LedgerFormat
/// The person ACE may call about a cargo release (SE13 5-44 name, 45-59 phone), carried on
/// every SE transaction. **[firm]** A setting of the ledger, recorded by the supervisor
/// (`entryledger settings contact`, record kind `ledger.setting`).
import Foundation

public struct ABIContact: Sendable, Equatable, Hashable {
    /// Upper-case letters, digits and spaces, at most 40.
    public let name: String
    /// Digits only, at most 15.
    public let phone: String

    /// Checks the name and phone against SE13's classes; `problems` names each field, value
    /// and rule.
    public static func problems(name: String, phone: String) -> [String] {
        var out: [String] = []
        if name.trimmingCharacters(in: .whitespaces).isEmpty || name.utf8.count > 40
            || !name.utf8.allSatisfy({ ABIRules.fits($0, .an) }) {
            out.append("--name '\(name)': the SE13 contact name is 1 to 40 upper-case letters, digits and spaces (class AN)")
        }
        if phone.isEmpty || phone.utf8.count > 15 || !phone.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            out.append("--phone '\(phone)': the SE13 contact phone is 1 to 15 digits, no spaces, dashes or brackets")
        }
        return out
    }

    /// A contact, or nil when ``problems(name:phone:)`` finds any.
    public init?(name: String, phone: String) {
        guard Self.problems(name: name, phone: phone).isEmpty else { return nil }
        self.name = name
        self.phone = phone
    }
}
