/// `ledger.setting`: a setting of the ledger recorded by the supervisor. The one setting today
/// is `abi-contact`, the SE13 contact (name and phone) every Cargo Release transaction carries.
public struct LedgerSettingBody: Equatable, Sendable {
    public static let contactSetting = "abi-contact"

    public var contact: ABIContact

    public init(contact: ABIContact) { self.contact = contact }

    public init(json: JSONValue) throws(RecordFormatError) {
        let r = try BodyReader(json, kind: "ledger.setting", allowed: ["setting", "name", "phone"])
        let setting = try r.string("setting")
        guard setting == Self.contactSetting else {
            throw RecordFormatError("ledger.setting body: setting \(setting) is not known (abi-contact)")
        }
        let name = try r.string("name", maxLength: 40)
        let phone = try r.string("phone", maxLength: 15)
        guard let c = ABIContact(name: name, phone: phone) else {
            throw RecordFormatError("ledger.setting body: " + ABIContact.problems(name: name, phone: phone).joined(separator: "; "))
        }
        contact = c
    }

    public var json: JSONValue {
        ["setting": .string(Self.contactSetting), "name": .string(contact.name), "phone": .string(contact.phone)]
    }
}
