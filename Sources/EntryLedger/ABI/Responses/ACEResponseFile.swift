import LedgerFormat
/// What a response file said: the dispositions per (filer code, entry number) in file order,
/// the batch-level errors, and the lines that named no entry.
public struct ACEResponseFile: Sendable, Equatable {
    public internal(set) var dispositions: [ACEDisposition] = []
    public internal(set) var batchErrors: [ACEBatchError] = []
    public internal(set) var unmatched: [ACEUnmatchedLine] = []
    /// Number of records read.
    public internal(set) var recordCount = 0

    public init() {}

    /// The dispositions of one entry, in file order.
    public func dispositions(for entryNumber: EntryNumber) -> [ACEDisposition] {
        dispositions.filter { $0.entryNumber == entryNumber }
    }
}
