// The exit category of each of the format's errors, in one place.

extension KeyError: CategorizedError { public var exitCategory: ExitCategory { .input } }
extension RecordFormatError: CategorizedError { public var exitCategory: ExitCategory { .input } }
extension CanonicalJSONError: CategorizedError { public var exitCategory: ExitCategory { .input } }
extension InputFileError: CategorizedError { public var exitCategory: ExitCategory { .input } }
extension NoteError: CategorizedError { public var exitCategory: ExitCategory { .input } }
extension CheckpointError: CategorizedError { public var exitCategory: ExitCategory { .input } }
extension MerkleError: CategorizedError { public var exitCategory: ExitCategory { .input } }

extension ProofFileError: CategorizedError {
    /// A proof that does not hold is a verification failure (1); a file that is not a proof
    /// file is bad input (2).
    public var exitCategory: ExitCategory { isVerificationFailure ? .verification : .input }
}
