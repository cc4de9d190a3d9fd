import LedgerSQLite
import ArgumentParser
import EntryLedger
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create the ledger with its genesis record (supervisor).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The broker's 3-character filer code (default: the profile's).") var filer: String?
    @Option(help: "The 4-digit Schedule D port of the office (default: the profile's first port).") var port: String?
    @Option(help: "The broker's name (default: the profile's).") var broker: String?
    @OptionGroup(title: "With --profile PATH: broker, filer, port and clerks (those with public key files) come from the office profile") var office: ProfileOptions
    @OptionGroup var signer: KeyOptions

    func run() throws {
        let profile = try office.profile.map { _ in try office.load() }
        guard let filer = filer ?? profile?.filer, let port = port ?? profile?.ports.first, let broker = broker ?? profile?.broker else {
            throw InputError("give --filer, --port and --broker, or --profile PATH to take them from the office profile")
        }
        let clerks = try profile.map { try office.clerkKeys($0) } ?? []
        let key = try signer.load()
        let ledger = try Ledger.create(path: global.ledgerPath, filer: filer, port: port, broker: broker, supervisor: key)
        print("Created ledger \(global.ledgerPath) for \(broker), filer \(filer), port \(port)")
        print("Origin \(ledger.origin); supervisor \(key.name) (key \(key.keyID))")
        if let profile { try InitFromProfile.finish(ledger, profile: profile, path: office.path, clerks: clerks, signer: key) }
    }
}

struct ClerkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clerk", abstract: "Enrol, revoke and list clerks' keys.", subcommands: [ClerkEnroll.self, ClerkRevoke.self, ClerkList.self])
}

struct ClerkEnroll: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "enroll", abstract: "Enrol a clerk's public key (supervisor).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The clerk's name, as in the public key file.") var name: String
    @Option(help: "The clerk's public key file (from `key new`).") var publicKey: String
    @OptionGroup var signer: KeyOptions

    func run() throws {
        let (pub, proof) = try KeyFile.loadPublicWithProof(publicKey)
        guard pub.name == name else {
            throw InputError("public key file \(publicKey) is for \"\(pub.name)\", not \"\(name)\"")
        }
        guard let proof else {
            throw InputError("public key file \(publicKey) has no proof of possession; have the clerk make it with `entryledger key new`")
        }
        let key = try signer.load()
        let ledger = try global.openLedger()
        let r = try ledger.enroll(pub, proof: proof, signer: key)
        print("Enrolled \(name) as a clerk (key \(pub.keyID)) at seq \(r.seq)")
    }
}

struct ClerkRevoke: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a clerk's key from now on (supervisor).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The clerk's name.") var name: String
    @Option(help: "Why (for the record).") var reason = "revoked by the supervisor"
    @OptionGroup var signer: KeyOptions

    func run() throws {
        let key = try signer.load()
        let ledger = try global.openLedger()
        let r = try ledger.revoke(name: name, reason: reason, signer: key)
        print("Revoked \(name)'s key at seq \(r.seq): it can sign nothing after this record")
    }
}

struct ClerkList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List enrolled keys.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let keys = try global.openLedgerReadOnly().store.keys()
        if json {
            Output.json(.array(keys.map { k in
                var o: [String: JSONValue] = ["key_id": .string(k.keyID), "name": .string(k.name), "role": .string(k.role.rawValue),
                                              "enrolled_seq": .int(k.enrolledSeq)]
                if let r = k.revokedSeq { o["revoked_seq"] = .int(r) }
                return .object(o)
            }))
            return
        }
        Output.table(["NAME", "ROLE", "KEY ID", "ENROLLED", "STATUS"], keys.map { k in
            [k.name, k.role.rawValue, k.keyID, "seq \(k.enrolledSeq)", k.revokedSeq.map { "revoked at seq \($0)" } ?? "active"]
        })
    }
}

