import LedgerFormat

extension EntryValidator {
    /// The money the current customs rules compute for an entry as typed so far, as soon as it
    /// reads without a problem of shape (the money rules themselves are not applied): what the
    /// clerk's desk shows beside the duty, fee and total fields while the clerk types. Nil while
    /// the entry is incomplete.
    public static func moneyAsTyped(_ json: JSONValue) -> EntryMoney? {
        check(json, ledgerFilerCode: nil, rulesVersion: 1, recordDate: nil).entry?.money
    }
}
