import LedgerFormat
/// A batch condition: the X0 reference (a block, or a transaction by the position of its record
/// in the input batch) and the X1 conditions after it; `rejected` when the last X1 carries the
/// disposition `R`. Without an X0, the X1s concern the whole batch.
public struct ACEBatchError: Sendable, Equatable {
    /// `BLOCK`, `TRNACT`, or nil for the whole batch.
    public let referenceType: String?
    /// Which block or transaction (1-based), as X0 11-16 gives it.
    public let occurrence: Int?
    /// TRNACT: the position of the record in error in the input batch (X0 26-32).
    public let recordPosition: Int?
    /// TRNACT: the column in that record (X0 34-35).
    public let column: Int?
    /// BLOCK: the block's port, filer code and user data (the replay batch id) as echoed.
    public let port: String?
    public let filerCode: String?
    public let blockUserData: String?
    public internal(set) var messages: [ACEMessage]
    /// The final X1 had disposition `R`: the block, transaction or batch was rejected.
    public internal(set) var rejected: Bool
    /// 1-based line of the X0 (or of the first X1 when there is none).
    public let line: Int

    public init(referenceType: String?, occurrence: Int?, recordPosition: Int?, column: Int?, port: String?, filerCode: String?,
                blockUserData: String?, messages: [ACEMessage], rejected: Bool, line: Int) {
        self.referenceType = referenceType
        self.occurrence = occurrence
        self.recordPosition = recordPosition
        self.column = column
        self.port = port
        self.filerCode = filerCode
        self.blockUserData = blockUserData
        self.messages = messages
        self.rejected = rejected
        self.line = line
    }
}
