import ArgumentParser
import EntryLedger
import Foundation

/// `--profile PATH`: the office profile (default ./entryledger-office.json).
struct ProfileOptions: ParsableArguments {
    @Option(name: .long, help: "The office profile (default ./\(OfficeProfile.defaultPath)).")
    var profile: String?

    var path: String { profile ?? OfficeProfile.defaultPath }

    func load() throws -> OfficeProfile { try OfficeProfile.load(path: path) }

    /// The profile when `--profile` is given (an unreadable one is an error) or the default
    /// file exists; nil otherwise. A broken default file is named on stderr and passed over, so
    /// that it never stops a clerk logging a call on the worst day.
    func loadIfPresent() throws -> OfficeProfile? {
        if profile != nil { return try load() }
        guard FileManager.default.fileExists(atPath: OfficeProfile.defaultPath) else { return nil }
        do { return try load() } catch {
            Output.err("warning: not using \(OfficeProfile.defaultPath): \(Failure.message(for: error) ?? "\(error)")\n")
            return nil
        }
    }

    /// A path the profile gives, relative to the profile's own folder unless absolute.
    func resolve(_ file: String) -> String {
        file.hasPrefix("/") ? file : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(file).path
    }

    /// The clerks the profile lists with a public key file, each file loaded and checked
    /// (name as in the profile, proof of possession present). Every problem at once.
    func clerkKeys(_ p: OfficeProfile) throws -> [(key: LedgerPublicKey, proof: [UInt8])] {
        var out: [(LedgerPublicKey, [UInt8])] = [], problems: [String] = []
        for (i, person) in p.people.enumerated() {
            guard let file = person.publicKey else { continue }
            let at = "office profile \(path): people[\(i)].public_key \"\(file)\""
            do {
                let (key, proof) = try KeyFile.loadPublicWithProof(resolve(file))
                if key.name != person.name { problems.append("\(at): the key file is for \"\(key.name)\", not \"\(person.name)\""); continue }
                guard person.role == .clerk else { continue }
                guard let proof else { problems.append("\(at): no proof of possession; make the key with `entryledger key new`"); continue }
                out.append((key, proof))
            } catch {
                problems.append("\(at): \(Failure.message(for: error) ?? "\(error)")")
            }
        }
        guard problems.isEmpty else { throw LedgerError.invalidInput(problems) }
        return out
    }

    /// `incident log --to`: a party, or the name of a profile contact; `--name` filled from
    /// the profile's first contact of that party when not given.
    func resolveParty(to: String, name: String?) throws -> (to: String, name: String?) {
        if Party(rawValue: to) == nil, let p = try loadIfPresent(), let c = p.contact(named: to) { return (c.role.rawValue, name ?? c.name) }
        if let party = Party(rawValue: to), name == nil, let p = try loadIfPresent(), let c = p.contacts(party).first { return (to, c.name) }
        return (to, name)
    }
}

/// What `init --profile` does after the genesis: enrol the profile's clerks and note which
/// profile (and contacts) the ledger was opened with.
enum InitFromProfile {
    static func finish(_ ledger: Ledger, profile: OfficeProfile, path: String, clerks: [(key: LedgerPublicKey, proof: [UInt8])], signer: LedgerSigningKey) throws {
        if !profile.people.contains(where: { $0.role == .supervisor && $0.name == signer.name }) {
            print("Note: \(signer.name) is not listed as a supervisor in \(path)")
        }
        for c in clerks {
            let r = try ledger.enroll(c.key, proof: c.proof, signer: signer)
            print("Enrolled \(c.key.name) as a clerk (key \(c.key.keyID)) at seq \(r.seq)")
        }
        let digest = try Evidence.digest(of: path)
        let contacts = profile.contacts.map { "\($0.role.rawValue): \($0.name)\($0.reach.isEmpty ? "" : " " + $0.reach)" }
        let text = "Opened from office profile \(URL(fileURLWithPath: path).lastPathComponent) (SHA-256 \(digest.sha256)). Ports: \(profile.ports.joined(separator: ", ")). Contacts: "
            + (contacts.isEmpty ? "none" : contacts.joined(separator: "; ")) + "."
        let r = try ledger.note(String(text.prefix(20_000)), signer: signer)
        print("Noted the profile and its \(profile.contacts.count) contact(s) at seq \(r.seq)")
    }
}
