import LedgerFormat
/// A checkpoint note signed by the supervisor and cosigned by the CBP reviewer, as it binds a
/// reconnection authorisation: every check that needs nothing but the note and the keys.
package enum CosignedCheckpoint {
    /// Every problem with `note` as the checkpoint of ledger `origin`, signed by `supervisor`
    /// and cosigned by the reviewer key `reviewerVKey`. Empty when all is well.
    package static func problems(note text: String, origin: String, supervisor: LedgerPublicKey, reviewerVKey: String) -> (Checkpoint?, [String]) {
        let note: SignedNote
        let checkpoint: Checkpoint
        do {
            note = try SignedNote(parsing: text)
            checkpoint = try Checkpoint(parsing: note.text)
        } catch {
            return (nil, ["the checkpoint is not a valid signed checkpoint note: \(error)"])
        }
        var problems: [String] = []
        if checkpoint.origin != origin { problems.append("the checkpoint is for \(checkpoint.origin), not this ledger (\(origin))") }
        // The supervisor's line, whatever name it was signed under: its key id must match the key.
        let supervisorSigned = note.signatures.contains { line in
            guard let k = try? NoteVerifierKey(name: line.name, type: .ed25519, key: supervisor), k.keyID == line.keyID else { return false }
            return k.isValidSignature(line.signature, text: Array(note.text.utf8))
        }
        if !supervisorSigned { problems.append("the checkpoint is not signed by the supervisor's key \(supervisor.keyID)") }
        guard let reviewer = try? NoteVerifierKey(vkey: reviewerVKey) else {
            return (checkpoint, problems + ["the reviewer key is not a valid note verifier key"])
        }
        guard reviewer.type == .cosignatureV1 else {
            return (checkpoint, problems + ["the reviewer key \(reviewer.name) is not a cosignature (type 0x04) key"])
        }
        let cosigned = note.signatures.contains { line in
            guard line.name == reviewer.name, line.keyID == reviewer.keyID, let c = try? Cosignature(line) else { return false }
            return (try? c.verify(checkpoint, key: reviewer)) != nil
        }
        if !cosigned { problems.append("the checkpoint carries no valid cosignature by the reviewer key \(reviewer.name)") }
        return (checkpoint, problems)
    }
}
