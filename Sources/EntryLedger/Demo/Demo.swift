import Foundation

/// A whole outage, end to end, in a folder: what `entryledger demo` runs. It narrates each step
/// in a broker's words through `say` and returns what it found, so tests can check it.
///
/// ```swift
/// let result = try Demo.run(in: "/tmp/demo") { print($0) }
/// assert(result.tamperCaughtAtSeq == result.tamperedSeq)
/// ```
public enum Demo {
    public struct Result: Sendable {
        public let ledgerPath: String
        public let records: Int64
        public let cleanReport: VerificationReport
        public let tamperedSeq: Int64
        public let tamperedReport: VerificationReport
        /// The lowest seq verify named on the tampered copy.
        public var tamperCaughtAtSeq: Int64? { tamperedReport.problems.compactMap(\.seq).min() }
    }

    public static func run(in dir: String, say: (String) -> Void) throws -> Result {
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/keys", withIntermediateDirectories: true)
        let ledgerPath = dir + "/entryledger.db"
        say("EntryLedger demo in \(dir)")
        say("")
        say("1. The licensed broker (the supervisor) and two clerks each make a key pair.")
        let supervisor = LedgerSigningKey(name: "Dana Whitfield")
        let alice = LedgerSigningKey(name: "Alice Moreno")
        let bob = LedgerSigningKey(name: "Bob Tanaka")
        for (key, file) in [(supervisor, "supervisor"), (alice, "alice"), (bob, "bob")] {
            try KeyFile.write(key, to: "\(dir)/keys/\(file).key")
            say("   \(key.name): keys/\(file).key (private, mode 600) and keys/\(file).key.pub, key id \(key.keyID)")
        }

        say("")
        say("2. Ransomware hits. The supervisor opens the outage ledger for filer EL7 at port 4103.")
        let ledger = try Ledger.create(path: ledgerPath, filer: "EL7", port: "4103", broker: "Harbor Point Customs Brokerage LLC", supervisor: supervisor)
        say("   Ledger \(ledgerPath), origin \(ledger.origin)")
        for clerk in [alice, bob] {
            let r = try ledger.enroll(clerk.publicKey, proof: ProofOfPossession.make(clerk), signer: supervisor)
            say("   Enrolled clerk \(clerk.name) at seq \(r.seq)")
        }

        say("")
        say("3. Everyone logs what happens, each record signed by its author and chained to the one before.")
        let notes: [(LedgerSigningKey, String)] = [
            (supervisor, "Ransomware found on the filing server at 06:10; ABI link to ACE disconnected; SOC notified by phone and e-mail."),
            (alice, "CBP client representative confirmed downtime procedures: paper 3461 at the port for each shipment."),
            (bob, "Downtime letter prepared for the first vessel shipment; entry numbers taken from the reserved paper log."),
            (supervisor, "Status call with CBP HQ; forensic firm engaged; importer clients told of the outage."),
        ]
        for (key, text) in notes {
            let r = try ledger.note(text, signer: key)
            say("   seq \(r.seq) by \(key.name): \(text)")
        }

        say("")
        say("4. A CBP reviewer verifies the ledger, trusting only the supervisor's public key.")
        let clean = try Verifier(trusting: supervisor.publicKey).verify(store: ledger.store)
        say(clean.ok ? "   OK: \(clean.records) records, every link, hash and signature checks out." : "   UNEXPECTED: \(clean.problems)")

        say("")
        let tamperedSeq: Int64 = 4
        say("5. Someone with access to the file edits one byte of record \(tamperedSeq) with raw SQL, on a copy.")
        let copyPath = dir + "/tampered-copy.db"
        if fm.fileExists(atPath: copyPath) { try fm.removeItem(atPath: copyPath) }
        try ledger.store.backup(to: copyPath)
        let copy = try LedgerStore.open(path: copyPath)
        guard let original = try copy.record(at: tamperedSeq) else { throw LedgerError.notFound("record \(tamperedSeq)") }
        var bytes = original.record.payload
        // "paper 3461" becomes "paper 3481" in the note: the kind of quiet edit the ledger must catch.
        let needle = Array("3461".utf8)
        if let i = bytes.indices.first(where: { bytes[$0...].starts(with: needle) }) { bytes[i + 2] = UInt8(ascii: "8") }
        try copy.executeRawSQLForTamperTest("""
            DROP TRIGGER records_refuse_update;
            UPDATE records SET payload = x'\(Hex.encode(bytes))' WHERE seq = \(tamperedSeq);
            """)
        say("   (The append-only triggers had to be dropped first: they refuse UPDATE and DELETE.)")
        let tampered = try Verifier(trusting: supervisor.publicKey).verify(store: copy)
        say("   verify on the copy: \(tampered.ok ? "NOT caught" : "FAILED, as it should")")
        for p in tampered.problems { say("     \(p)") }

        say("")
        say("Done. Try: entryledger --ledger \(ledgerPath) verify --trust \(dir)/keys/supervisor.key.pub")
        return Result(ledgerPath: ledgerPath, records: clean.records, cleanReport: clean, tamperedSeq: tamperedSeq, tamperedReport: tampered)
    }
}
