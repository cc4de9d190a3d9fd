import LedgerFormat
/// ACE's answer about one entry, read from a response file: the filer code and entry number,
/// the broker reference when echoed (AX E0/E1, UC E1), the application it concerns, the
/// outcome and the conditions reported with it.
public struct ACEDisposition: Sendable, Equatable {
    public let entryNumber: EntryNumber
    public let application: ABIApplication
    /// The broker reference ACE echoed (AE 10 22-30), when not blank.
    public let filerReference: String?
    public internal(set) var outcome: ACEOutcome
    public internal(set) var messages: [ACEMessage]
    /// The date ACE gave (SO60 release date or action date, UC date of action), `YYYY-MM-DD`.
    public internal(set) var date: String?
    /// 1-based line of the record that named the entry (SE10, SO10, E0 SUMMRY, UC E1).
    public let line: Int

    public init(entryNumber: EntryNumber, application: ABIApplication, filerReference: String?, outcome: ACEOutcome,
                messages: [ACEMessage], date: String? = nil, line: Int) {
        self.entryNumber = entryNumber
        self.application = application
        self.filerReference = filerReference
        self.outcome = outcome
        self.messages = messages
        self.date = date
        self.line = line
    }

    public var filerCode: String { entryNumber.filerCode }
}
