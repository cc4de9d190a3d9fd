import LedgerFormat
/// Where one entry's transaction stands in a built batch: its block (1-based, in batch order)
/// and its place in the block (1-based), the lines it occupies. An `X0` batch error points at
/// a block and transaction; ``ABIBatch/transaction(block:number:)`` maps it back to the entry.
public struct ABIBatchTransaction: Sendable, Equatable {
    public let entryNumber: EntryNumber
    public let action: ABIAction
    /// The reference written into AE 10 22-30 (nil when blank or for SE).
    public let filerReference: String?
    public let filerCode: String
    public let port: String
    /// 1-based block number in the batch.
    public let block: Int
    /// 1-based transaction number within the block.
    public let number: Int
    /// 1-based line number of the transaction's first record in the batch file.
    public let firstLine: Int
    public let recordCount: Int

    public init(entryNumber: EntryNumber, action: ABIAction, filerReference: String?, filerCode: String, port: String,
                block: Int, number: Int, firstLine: Int, recordCount: Int) {
        self.entryNumber = entryNumber
        self.action = action
        self.filerReference = filerReference
        self.filerCode = filerCode
        self.port = port
        self.block = block
        self.number = number
        self.firstLine = firstLine
        self.recordCount = recordCount
    }
}
