import LedgerFormat
/// The settings of a batch that come from the ledger's settings or from flags: A record site
/// code (2-5), sender id (6-8), password (9-14), date (15-20, given `YYYY-MM-DD`), office code
/// (38-39) and user data (60-80); the B record's filer user data (60-80); the SE13 contact.
///
/// The password goes into the A record only. ``description`` and ``debugDescription`` hide it,
/// and no ``ABIError`` ever echoes a value, so printing or logging settings or errors never shows it.
public struct ABIBatchSettings: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public var siteCode: String
    public var senderID: String
    public var password: String
    public var officeCode: String
    /// The batch date, `YYYY-MM-DD` (written MMDDYY in A and Z).
    public var date: String
    /// A record positions 60-80.
    public var userData: String?
    /// B record positions 60-80, the same in every block.
    public var blockUserData: String?
    /// The SE13 contact every Cargo Release transaction carries; an SE batch is refused
    /// without it (``ABIError/missingContact``).
    public var contact: ABIContact?

    public init(siteCode: String, senderID: String, password: String, officeCode: String, date: String,
                userData: String? = nil, blockUserData: String? = nil, contact: ABIContact? = nil) {
        self.siteCode = siteCode
        self.senderID = senderID
        self.password = password
        self.officeCode = officeCode
        self.date = date
        self.userData = userData
        self.blockUserData = blockUserData
        self.contact = contact
    }

    public var description: String {
        "site \(siteCode), sender \(senderID), office \(officeCode), date \(date), password (withheld)"
    }

    public var debugDescription: String { "ABIBatchSettings(\(description))" }

    /// The A record's password field, positions 9-14, as byte offsets of a batch file.
    public static let passwordBytes = 8..<14

    /// What stands in the password field of every archived, hashed or bundled copy of a batch
    /// file: only the copy written for transmission carries the password.
    public static let maskedPassword = "******"

    /// The rules of the ABI communication password, said without echoing any of it: exactly
    /// 6 characters of class AN in the A record (positions 9-14), that is upper-case letters,
    /// digits and printable ASCII symbols; no spaces, no lower-case letters, and not the mask.
    /// [one source: CATAIR A record transcription, positions 9-14, "communication password", AN, mandatory]
    public static func passwordProblem(_ password: String) -> String? {
        let bytes = Array(password.utf8)
        let rule = "the ABI password must be exactly 6 characters of class AN (upper-case letters A-Z, digits 0-9 or printable "
            + "ASCII symbols, no spaces, no lower-case letters), as CATAIR's A record positions 9-14 carry it"
        guard bytes.count == 6, password.unicodeScalars.count == 6 else {
            return "\(rule); the one given has \(password.unicodeScalars.count) characters (not shown)"
        }
        guard bytes.allSatisfy({ $0 != 0x20 && ABIRules.isRecordCharacter($0) }) else {
            return "\(rule); the one given holds a character outside that class (not shown)"
        }
        guard password != maskedPassword else { return "\(rule); \(maskedPassword) is the mask archived copies carry, not a password" }
        return nil
    }

    /// A batch file's bytes with the A record's password field masked (``maskedPassword``):
    /// the form archived, hashed, recorded and bundled.
    public static func masked(_ file: [UInt8]) -> [UInt8] {
        guard file.count >= passwordBytes.upperBound, file.first == UInt8(ascii: "A") else { return file }
        var out = file
        out.replaceSubrange(passwordBytes, with: Array(maskedPassword.utf8))
        return out
    }

    /// The transmission copy of a masked batch file: the same bytes with the password in
    /// positions 9-14 (`password` already checked by ``passwordProblem(_:)``).
    public static func unmasked(_ file: [UInt8], password: String) -> [UInt8] {
        guard file.count >= passwordBytes.upperBound, file.first == UInt8(ascii: "A"), password.utf8.count == 6 else { return file }
        var out = file
        out.replaceSubrange(passwordBytes, with: Array(password.utf8))
        return out
    }
}
