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
    public static func load(_ path: String) throws -> CheckpointInput {
        let bytes = try readSmallFile(path, limit: SignedNote.maxBytes)
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

/// Reads a whole file of at most `limit` bytes, refusing larger ones without reading them.
package func readSmallFile(_ path: String, limit: Int) throws -> [UInt8] {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue,
          let fh = FileHandle(forReadingAtPath: path)
    else { throw InputFileError("\(path) does not exist or cannot be read") }
    defer { try? fh.close() }
    let data = (try? fh.read(upToCount: limit + 1)) ?? Data()
    guard data.count <= limit else { throw InputFileError("\(path) is larger than \(limit) bytes") }
    return [UInt8](data)
}

/// A file given as input that cannot be read, or is not what it should be.
public struct InputFileError: Error, CustomStringConvertible, Sendable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
