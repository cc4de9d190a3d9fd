extension Ledger {
    /// Records the SE13 contact (supervisor): the name and phone ACE may call about a cargo
    /// release, sent on every SE transaction. Bad input names each field, value and rule.
    @discardableResult
    public func setContact(name: String, phone: String, signer: LedgerSigningKey, time: String = Timestamp.now()) throws -> Appended {
        guard let contact = ABIContact(name: name, phone: phone) else {
            throw LedgerError.invalidInput(ABIContact.problems(name: name, phone: phone))
        }
        return try append(.ledgerSetting, body: LedgerSettingBody(contact: contact).json, signer: signer, time: time)
    }

    /// The latest SE13 contact recorded, or nil.
    public func contact() throws -> ABIContact? {
        var found: ABIContact?
        try store.forEachRecord(ofKinds: [.ledgerSetting]) { r in
            guard let h = try? RecordHeader(payload: r.record.payload, checkCanonical: false),
                  let b = try? LedgerSettingBody(json: h.body) else { return }
            found = b.contact
        }
        return found
    }
}
