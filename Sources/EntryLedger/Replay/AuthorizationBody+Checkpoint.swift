import LedgerFormat

extension AuthorizationBody {
    /// Binds the authorisation to the checkpoint the CBP reviewer cosigned: the note as given,
    /// its size and root, and the reviewer's verifier key. Refuses a note that is not a signed
    /// checkpoint, so that an authorisation never records a size or root it could not read.
    public mutating func bind(checkpointNote note: String, reviewerKey: String) throws {
        let checkpoint: Checkpoint
        do {
            checkpoint = try Checkpoint(parsing: try SignedNote(parsing: note).text)
        } catch {
            throw LedgerError.invalidInput([Problem(field: "checkpoint", rule: "authorize.checkpoint-note",
                                                    "the checkpoint is not a signed checkpoint note: \(error)")])
        }
        checkpointNote = note
        self.reviewerKey = reviewerKey.trimmingCharacters(in: .whitespacesAndNewlines)
        checkpointSize = Int64(clamping: checkpoint.size)
        checkpointRoot = Base64.encode(checkpoint.rootHash)
    }
}
