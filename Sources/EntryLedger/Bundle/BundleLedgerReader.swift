import LedgerFormat
import Foundation

/// Why a bundle could not be read at all (exit 2); problems inside `ledger.jsonl` are
/// verification problems instead (exit 1).
public struct BundleError: Error, CustomStringConvertible, Sendable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// Reads a bundle's `ledger.jsonl` as hostile input: streamed in 1 MiB reads, each line at most
/// `maxLineBytes`, each line strict canonical JSON `{"payload":TEXT,"seq":N,"signature":BASE64}`,
/// records handed on in chunks. A bad line is a problem named with its line number and the
/// seq it should have held; it never stops the records after it from being checked, except a
/// line longer than the limit, after which reading stops.
///
/// ```swift
/// let (problems, unlisted) = try BundleLedgerReader.read(path: "bundle/ledger.jsonl") { verifier.check($0) }
/// ```
public enum BundleLedgerReader {
    /// Twice the largest payload (every byte escaped as `\"` or `\\`) plus room for the rest.
    public static let maxLineBytes = 2 * RecordFormat.maxPayloadBytes + 4096

    /// Reads the file, handing on records in chunks of `chunk`. Returns the problems of its
    /// lines: the first `VerificationReport.maxProblems`, and how many more there were.
    /// The file must be a regular file, not a link: `within` is the bundle folder.
    public static func read(path: String, within root: String? = nil, chunk: Int = 4096,
                            _ body: ([StoredRecord]) -> Void) throws -> (problems: [VerificationReport.Problem], unlisted: Int) {
        let file: InputFile
        do throws(InputFileError) { file = try InputFile(path, within: root, what: "the bundle's ledger.jsonl") } catch {
            throw BundleError("\(error): is this a bundle made by `entryledger export`?")
        }
        var problems: [VerificationReport.Problem] = []
        var unlisted = 0
        var batch: [StoredRecord] = []
        func problem(_ p: VerificationReport.Problem) {
            if problems.count < VerificationReport.maxProblems { problems.append(p) } else { unlisted += 1 }
        }
        do {
            try file.forEachLine(maxLineBytes: maxLineBytes) { lineNumber, line in
                let expected = Int64(lineNumber - 1)
                switch line {
                case .overlong:
                    problem(.init(seq: expected, "ledger.jsonl line \(lineNumber): longer than \(maxLineBytes) bytes, which no record can be; reading stopped here"))
                    return false
                case .unterminated:
                    problem(.init(seq: expected, "ledger.jsonl line \(lineNumber): truncated (no final newline); the record is not read"))
                    return false
                case .text(let bytes):
                    switch parse(bytes) {
                    case .success(let r): batch.append(r)
                    case .failure(let e): problem(.init(seq: expected, "ledger.jsonl line \(lineNumber): \(e.reason)"))
                    }
                }
                if batch.count >= chunk {
                    body(batch)
                    batch.removeAll(keepingCapacity: true)
                }
                return true
            }
        } catch let e as InputFileError {
            throw BundleError(e.description)
        }
        if !batch.isEmpty { body(batch) }
        return (problems, unlisted)
    }

    struct LineError: Error { let reason: String }

    /// One line, strictly: canonical JSON, exactly the three members with their types, a
    /// canonical base64 signature. The payload is the string's UTF-8 bytes, exactly.
    static func parse(_ line: [UInt8]) -> Result<StoredRecord, LineError> {
        let value: JSONValue
        do { value = try JSONReader.parseCanonical(line) } catch {
            return .failure(LineError(reason: "not a canonical JSON line: \(error)"))
        }
        guard case .object(let o) = value else { return .failure(LineError(reason: "not a JSON object")) }
        guard Set(o.keys) == ["seq", "payload", "signature"] else {
            return .failure(LineError(reason: "members should be exactly payload, seq and signature; found \(o.keys.sorted().joined(separator: ", "))"))
        }
        guard let seq = o["seq"]?.intValue, seq >= 0 else { return .failure(LineError(reason: "seq should be a non-negative integer")) }
        guard let payload = o["payload"]?.stringValue else { return .failure(LineError(reason: "payload should be a string")) }
        guard let sigText = o["signature"]?.stringValue, let sig = Base64.decode(sigText) else {
            return .failure(LineError(reason: "signature should be canonical base64"))
        }
        return .success(StoredRecord(seq: seq, record: SignedRecord(payload: Array(payload.utf8), signature: sig)))
    }

    /// The line `export` writes for a record (without the newline), or nil if the payload is
    /// not UTF-8 (which no valid record is).
    public static func line(seq: Int64, record: SignedRecord) throws -> [UInt8]? {
        guard let text = String(validating: record.payload, as: UTF8.self) else { return nil }
        return try CanonicalJSON.encode(["seq": .int(seq), "payload": .string(text), "signature": .string(Base64.encode(record.signature))])
    }
}
