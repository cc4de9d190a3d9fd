import LedgerFormat
/// One transaction asked of a batch: the entry in its current state (after amendments), the
/// action code, and optionally the filer's own reference (for Entry Summary it goes into AE 10
/// positions 22-30 in place of the entry's `broker_reference`; an SE transaction does not
/// carry it).
public struct ABIBatchItem: Sendable, Equatable {
    public var entry: CustomsEntry
    public var action: ABIAction
    public var filerReference: String?

    public init(entry: CustomsEntry, action: ABIAction, filerReference: String? = nil) {
        self.entry = entry
        self.action = action
        self.filerReference = filerReference
    }
}
