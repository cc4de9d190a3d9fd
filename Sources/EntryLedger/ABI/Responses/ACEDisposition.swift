import LedgerFormat
/// ACE's answer about one entry, read from a response file: the filer code and entry number
/// (the key the ledger matches on), the filer's reference when echoed (AX/UC), the outcome and
/// the conditions reported with it.
public struct ACEDisposition: Sendable, Equatable {
    public let entryNumber: EntryNumber
    /// AE 10 22-30 echoed back by E1/UC10, when not blank.
    public let filerReference: String?
    public internal(set) var outcome: ACEOutcome
    public internal(set) var messages: [ACEMessage]
    /// The date ACE gave (SO60, UC10), `YYYY-MM-DD`, if any.
    public let date: String?
    /// 1-based line of the record that gave the outcome (SX10, SO60, the first E1, UC10).
    public let line: Int

    public init(entryNumber: EntryNumber, filerReference: String?, outcome: ACEOutcome, messages: [ACEMessage],
                date: String? = nil, line: Int) {
        self.entryNumber = entryNumber
        self.filerReference = filerReference
        self.outcome = outcome
        self.messages = messages
        self.date = date
        self.line = line
    }

    public var filerCode: String { entryNumber.filerCode }
    public var application: ABIApplication { outcome.application }
}
