import LedgerFormat
/// What a response file said: its application (`SX`, `SO`, `AX`, `UC`), the user data ACE
/// echoed in A 60-80 and in each B (the replay batch id EntryLedger sent), the dispositions per
/// entry in file order, the batch conditions, and the lines it could not read.
public struct ACEResponseFile: Sendable, Equatable {
    public internal(set) var application = ""
    /// A 60-80, trimmed; nil when blank (unsolicited SO/UC notifications).
    public internal(set) var batchUserData: String?
    /// B 60-79 of each block, trimmed; nil when blank.
    public internal(set) var blockUserData: [String?] = []
    public internal(set) var dispositions: [ACEDisposition] = []
    public internal(set) var batchErrors: [ACEBatchError] = []
    public internal(set) var unreadable: [ACEUnreadableLine] = []
    /// Number of records read.
    public internal(set) var recordCount = 0

    public init() {}

    /// The dispositions of one entry, in file order.
    public func dispositions(for entryNumber: EntryNumber) -> [ACEDisposition] {
        dispositions.filter { $0.entryNumber == entryNumber }
    }

    /// The input application the response answers: `SE` for SX/SO, `AE` for AX/UC.
    public var inputApplication: ABIApplication { application == "AX" || application == "UC" ? .entrySummary : .cargoRelease }
}
