import ArgumentParser
import EntryLedger

struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings", abstract: "Record a setting of the ledger (supervisor).",
        subcommands: [SettingsContactCommand.self])
}

struct SettingsContactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contact",
        abstract: "Record the SE13 contact (name and phone) every cargo release transaction carries; replay refuses SE transactions without it.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Contact name: up to 40 letters, digits and spaces (written upper case).") var name: String
    @Option(help: "Contact phone: up to 15 digits (spaces, dashes, dots and brackets are dropped).") var phone: String
    @OptionGroup var signer: KeyOptions

    func run() throws {
        let digits = String(phone.filter { !" -.()".contains($0) })
        let key = try signer.load()
        let r = try global.openLedger().setContact(name: name.uppercased(), phone: digits, signer: key)
        print("Recorded the SE13 contact \(name.uppercased()), \(digits) at seq \(r.seq)")
    }
}
