import LedgerFormat
/// A batch error: an X0 pointer (block and transaction of the input batch, and the entry
/// number when ACE names it) and the X1 conditions that follow it. Without an X0 before them,
/// X1 lines form a batch error with no pointer (the whole batch). Map the pointer to an entry
/// with ``ABIBatch/transaction(block:number:)``.
public struct ACEBatchError: Sendable, Equatable {
    /// The input application (`SE`/`AE`) the X0 names, if any.
    public let application: String?
    public let port: String?
    public let filerCode: String?
    /// 1-based block of the input batch; nil or 0 for the whole batch.
    public let block: Int?
    /// 1-based transaction in the block; nil or 0 for the whole block.
    public let transaction: Int?
    /// The input record id in error, if given.
    public let recordID: String?
    /// The entry, when the X0 names it.
    public let entryNumber: EntryNumber?
    public internal(set) var messages: [ACEMessage]
    /// 1-based line of the X0 (or of the first X1 when there is no X0).
    public let line: Int

    public init(application: String?, port: String?, filerCode: String?, block: Int?, transaction: Int?,
                recordID: String?, entryNumber: EntryNumber?, messages: [ACEMessage], line: Int) {
        self.application = application
        self.port = port
        self.filerCode = filerCode
        self.block = block
        self.transaction = transaction
        self.recordID = recordID
        self.entryNumber = entryNumber
        self.messages = messages
        self.line = line
    }

    /// Whether any condition is fatal (the transaction, block or batch was not accepted).
    public var isFatal: Bool { messages.contains { $0.severity == .fatal } }
}
