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
}
