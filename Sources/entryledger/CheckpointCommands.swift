import LedgerSQLite
import ArgumentParser
import EntryLedger
import Foundation

/// Writes `bytes` to `path` whole or not at all (temporary name, fsync, rename); never over
/// an existing file.
func writeOutput(_ bytes: [UInt8], to path: String) throws {
    var isDir: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
        throw InputError("--out \(path) is a folder")
    }
    guard !AtomicFile.exists(path) else { throw InputError("--out \(path) already exists; nothing is overwritten: give a new name") }
    try AtomicFile.write(bytes, to: path)
}

/// Refuses an output path whose folder does not exist, before anything is appended or signed.
func checkOutputPath(_ path: String) throws {
    let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDir), isDir.boolValue else {
        throw InputError("--out \(path): the folder \(parent) does not exist")
    }
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
        throw InputError("--out \(path) is a folder")
    }
}

struct CheckpointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Sign a checkpoint of the ledger (supervisor): print it, write it to --out and record it in the ledger.",
        discussion: """
            The checkpoint is a C2SP tlog-checkpoint (origin, size, base64 Merkle root) in a C2SP signed note \
            signed with the supervisor's Ed25519 key under the note key name = the ledger's origin. It covers every \
            record before the checkpoint record, so its size is the seq of that record. Send the file and the \
            printed verifier key to the CBP client representative.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "Where to write the signed checkpoint note.") var out: String
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var signer: KeyOptions

    func run() throws {
        try checkOutputPath(out)
        let key = try signer.load()
        let ledger = try global.openLedger()
        let made = try ledger.appendCheckpoint(signer: key)
        try writeOutput(made.note.bytes, to: out)
        if json {
            Output.json(["origin": .string(made.checkpoint.origin), "size": .int(Int64(made.checkpoint.size)),
                         "root": .string(Base64.encode(made.checkpoint.rootHash)), "seq": .int(made.record.seq),
                         "note": .string(made.note.serialized), "vkey": .string(made.verifierKey.vkey), "file": .string(out)])
            return
        }
        print(made.note.serialized, terminator: "")
        print("")
        print("Checkpoint of \(made.checkpoint.size) records written to \(out) and recorded at seq \(made.record.seq).")
        print("Verifier key: \(made.verifierKey.vkey)")
        print("  (the supervisor's public key in signed-note form: send it with the checkpoint; the CBP reviewer can give it to `verify --trust` in place of the .pub file)")
    }
}

struct CosignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cosign",
        abstract: "Verify the ledger (or a bundle) up to a checkpoint and countersign it (CBP reviewer).",
        discussion: """
            Every record up to the checkpoint's size is verified and the Merkle root at that size must equal the \
            checkpoint's; only then is a C2SP tlog-cosignature (cosignature/v1) line added, timestamped. \
            Exit 1 (nothing written) if verification fails.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "The checkpoint file to countersign.") var checkpoint: String
    @Option(help: "The supervisor's public key file, or the verifier key `checkpoint` printed: the only key trusted.") var trust: String
    @Option(help: "Where to write the cosigned checkpoint note.") var out: String
    @Option(help: "Verify this bundle folder instead of a ledger file.") var bundle: String?
    @Option(help: "The cosigner's note key name (default: entryledger-reviewer/KEY_ID).") var name: String?
    @Option(help: "The cosignature time (RFC 3339 UTC; default now).") var time: String?
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var signer: KeyOptions

    func run() throws {
        try checkOutputPath(out)
        let trusted = try loadTrustedKey(trust)
        let cp = try CheckpointInput.load(checkpoint)
        let when = try timeOption(time, "--time")
        let key = try signer.load()
        let noteName = name ?? "entryledger-reviewer/\(key.keyID)"
        guard NoteVerifierKey.isValidName(noteName) else { throw InputError("--name \(noteName): a note key name has no spaces and no '+'") }
        do { try cp.verifySignature(trusting: trusted) } catch {
            throw VerificationFailed(message: "refusing to cosign: checkpoint \(checkpoint) is not signed by the trusted supervisor key: \(error)")
        }
        let source: LedgerAudit.Source = try bundle.map { .bundle($0) } ?? .store(LedgerStore.open(path: global.ledgerPath, readOnly: true))
        let evidence = bundle.map { $0 + "/evidence" } ?? Evidence.folder(forLedger: global.ledgerPath)
        let result = try LedgerAudit.run(source: source, trusting: trusted, checkpoints: [cp], evidenceFolder: evidence, limit: cp.checkpoint.size)
        guard result.report.ok, result.checkpoints.allSatisfy(\.ok) else {
            if json {
                var o = result.report.json.objectValue ?? [:]
                o["cosigned"] = false
                o["checkpoints"] = .array(result.checkpoints.map(\.json))
                Output.json(.object(o))
                throw VerificationFailed(message: "refusing to cosign checkpoint \(checkpoint): the ledger does not verify up to it")
            }
            print("FAILED: \(result.report.problems.count + result.report.moreProblems) problem(s) in the first \(result.report.records) records")
            for p in result.report.problems { print("  \(p)") }
            if let more = result.report.moreProblemsLine { print("  \(more)") }
            throw VerificationFailed(message: "refusing to cosign checkpoint \(checkpoint): the ledger does not verify up to it")
        }
        let cosig = try Cosignature.sign(cp.checkpoint, key: key, name: noteName, timestamp: UInt64(Timestamp.parse(when)!))
        var note = cp.note
        try note.add(cosig.noteSignature)
        try writeOutput(note.bytes, to: out)
        let vkey = try NoteVerifierKey(name: noteName, type: .cosignatureV1, key: key.publicKey)
        if json {
            Output.json(["cosigned": true, "records_verified": .int(result.report.records), "size": .int(Int64(cp.checkpoint.size)),
                         "root": .string(Base64.encode(cp.checkpoint.rootHash)), "name": .string(noteName), "time": .string(when),
                         "file": .string(out), "vkey": .string(vkey.vkey)])
            return
        }
        print("Verified \(result.report.records) records; the root at size \(cp.checkpoint.size) matches the checkpoint.")
        print("Cosigned as \(noteName) at \(when); written to \(out)")
        print("Cosigner verifier key: \(vkey.vkey)")
    }
}

struct ProveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove", abstract: "Inclusion and consistency proofs against checkpoints, and their offline check.",
        subcommands: [ProveInclusion.self, ProveConsistency.self, ProveVerify.self])
}

struct ProveInclusion: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inclusion", abstract: "Prove that one record (by seq or entry number) is in a checkpointed ledger.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The record's seq.") var seq: Int64?
    @Option(help: "The entry number (FFF-NNNNNNN-C): proves its entry.add record.") var entryNumber: String?
    @Option(help: "The checkpoint file to prove against.") var checkpoint: String
    @Option(help: "Where to write the proof file.") var out: String
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        guard (seq == nil) != (entryNumber == nil) else { throw InputError("give exactly one of --seq and --entry-number") }
        try checkOutputPath(out)
        let ledger = try global.openLedgerReadOnly()
        let cp = try CheckpointInput.load(checkpoint)
        var target: Int64
        if let seq {
            guard seq >= 0 else { throw InputError("--seq \(seq): must not be negative") }
            target = seq
        } else {
            guard let s = try ledger.entryAddSeq(number: entryNumber!) else { throw InputError("no entry.add record has entry number \(entryNumber!)") }
            target = s
        }
        let proof = try provingFailures { try ledger.inclusionProof(seq: UInt64(target), checkpoint: cp) }
        try writeOutput(try proof.bytes(), to: out)
        if json {
            Output.json(["proof": "inclusion", "seq": .int(target), "tree_size": .int(Int64(cp.checkpoint.size)), "hashes": .int(Int64(proof.hashes.count)), "file": .string(out)])
            return
        }
        print("Inclusion proof of record \(target) in the checkpoint of \(cp.checkpoint.size) records written to \(out) (\(proof.hashes.count) hashes)")
    }
}

struct ProveConsistency: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consistency", abstract: "Prove that the ledger only grew between two checkpoints.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The older checkpoint file.") var old: String
    @Option(help: "The newer checkpoint file.") var new: String
    @Option(help: "Where to write the proof file.") var out: String
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try checkOutputPath(out)
        let ledger = try global.openLedgerReadOnly()
        let (o, n) = (try CheckpointInput.load(old), try CheckpointInput.load(new))
        let proof = try provingFailures { try ledger.consistencyProof(old: o, new: n) }
        try writeOutput(try proof.bytes(), to: out)
        if json {
            Output.json(["proof": "consistency", "old_size": .int(Int64(proof.oldSize)), "new_size": .int(Int64(proof.newSize)), "hashes": .int(Int64(proof.hashes.count)), "file": .string(out)])
            return
        }
        print("Consistency proof from \(proof.oldSize) to \(proof.newSize) records written to \(out) (\(proof.hashes.count) hashes)")
    }
}

struct ProveVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Check a proof file offline against checkpoints signed by the trusted supervisor key.",
        discussion: "An inclusion proof needs its checkpoint; a consistency proof both (any order). Exit 0 holds, 1 fails, 2 unreadable.")

    @Option(help: "The proof file.") var proof: String
    @Option(help: "A checkpoint file (repeat for a consistency proof).") var checkpoint: [String] = []
    @Option(help: "The supervisor's public key file, or the verifier key `checkpoint` printed: the only key trusted.") var trust: String
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let trusted = try loadTrustedKey(trust)
        let bytes = try EntryLedgerFiles.read(proof, limit: ProofFile.maxBytes)
        let file = try ProofFile.parse(bytes)
        let cps = try checkpoint.map(CheckpointInput.load)
        func pick(_ size: UInt64, _ what: String) throws -> CheckpointInput {
            guard let cp = cps.first(where: { $0.checkpoint.size == size }) else {
                throw InputError("the proof needs the \(what) checkpoint of \(size) records: give it with --checkpoint")
            }
            return cp
        }
        switch file {
        case .inclusion(let p):
            let cp = try pick(p.treeSize, "signed")
            let h = try provingFailures { try p.verify(against: cp, trusting: trusted) }
            if json {
                Output.json(["ok": true, "proof": "inclusion", "seq": .int(Int64(p.seq)), "tree_size": .int(Int64(p.treeSize)), "kind": .string(h.kindName)])
            } else {
                print("OK: record \(p.seq) (\(h.kindName), \(h.time)) is in the checkpointed ledger of \(p.treeSize) records")
            }
        case .consistency(let p):
            let (o, n) = (try pick(p.oldSize, "old"), try pick(p.newSize, "new"))
            try provingFailures { try p.verify(old: o, new: n, trusting: trusted) }
            if json {
                Output.json(["ok": true, "proof": "consistency", "old_size": .int(Int64(p.oldSize)), "new_size": .int(Int64(p.newSize))])
            } else {
                print("OK: the ledger of \(p.newSize) records extends the checkpointed ledger of \(p.oldSize) records")
            }
        }
    }
}

/// Runs `body`, turning a proof that does not hold into exit code 1.
func provingFailures<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as ProofFileError where e.isVerificationFailure {
        throw VerificationFailed(message: "FAILED: \(e.reason)")
    }
}

/// Small file reads with a size limit, for the CLI.
enum EntryLedgerFiles {
    static func read(_ path: String, limit: Int) throws -> [UInt8] {
        do throws(InputFileError) { return try InputFile.readAll(path, limit: limit) } catch { throw InputError("\(error)") }
    }
}
