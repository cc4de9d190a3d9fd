import Foundation

/// A checkpoint the reviewer holds: a signed note read from a file, and its checkpoint body.
public struct CheckpointInput: Sendable {
    public let label: String
    public let note: SignedNote
    public let checkpoint: Checkpoint

    public init(label: String, note: SignedNote) throws(CheckpointError) {
        self.label = label
        self.note = note
        self.checkpoint = try Checkpoint(parsing: note.text)
    }

    /// Reads a checkpoint file (a signed note, at most `SignedNote.maxBytes`).
    public static func load(_ path: String) throws -> CheckpointInput { try load(path, within: nil) }

    /// Reads a checkpoint file that must not be a link out of `root` (a bundle's own).
    public static func load(_ path: String, within root: String?) throws -> CheckpointInput {
        let bytes = try readSmallFile(path, limit: SignedNote.maxBytes, within: root)
        do {
            return try CheckpointInput(label: path, note: try SignedNote(parsing: bytes))
        } catch {
            throw InputFileError("checkpoint file \(path): \(error)")
        }
    }

    /// Checks the note's signature by the trusted supervisor key under the note key name the
    /// ledger uses (the origin). Signature lines of other keys (cosignatures) are ignored.
    public func verifySignature(trusting supervisor: LedgerPublicKey) throws {
        let key = try NoteVerifierKey(name: checkpoint.origin, type: .ed25519, key: supervisor)
        _ = try note.verify(against: [key])
    }
}

/// Reads a whole regular file of at most `limit` bytes, refusing larger ones (and FIFOs,
/// devices, links out of `within`) without reading them.
package func readSmallFile(_ path: String, limit: Int, within root: String? = nil) throws -> [UInt8] {
    try InputFile.readAll(path, limit: limit, within: root)
}
