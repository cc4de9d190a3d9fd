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
/// let problems = try BundleLedgerReader.read(path: "bundle/ledger.jsonl") { verifier.check($0) }
/// ```
public enum BundleLedgerReader {
    /// Twice the largest payload (every byte escaped as `\"` or `\\`) plus room for the rest.
    public static let maxLineBytes = 2 * RecordFormat.maxPayloadBytes + 4096

    /// Reads the bundle's `ledger.jsonl` at `path`, handing records on in chunks; returns every line problem.
    public static func read(path: String, chunk: Int = 4096,
                            _ body: ([StoredRecord]) -> Void) throws -> [VerificationReport.Problem] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else {
            throw BundleError("\(path) does not exist or is a folder: is this a bundle made by `entryledger export`?")
        }
        guard let fh = FileHandle(forReadingAtPath: path) else { throw BundleError("\(path) cannot be read") }
        defer { try? fh.close() }
        var problems: [VerificationReport.Problem] = []
        var batch: [StoredRecord] = []
        var line: [UInt8] = []
        var lineNumber: Int64 = 0
        var overlong = false

        func finishLine() {
            lineNumber += 1
            let expected = lineNumber - 1
            switch parse(line) {
            case .success(let r): batch.append(r)
            case .failure(let e): problems.append(.init(seq: expected, "ledger.jsonl line \(lineNumber): \(e.reason)"))
            }
            line.removeAll(keepingCapacity: true)
            if batch.count >= chunk {
                body(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }

        reading: while true {
            let data: Data
            do { data = try fh.read(upToCount: 1 << 20) ?? Data() } catch { throw BundleError("\(path): \(error.localizedDescription)") }
            if data.isEmpty { break }
            var start = data.startIndex
            while start < data.endIndex {
                if let nl = data[start...].firstIndex(of: 0x0A) {
                    line.append(contentsOf: data[start..<nl])
                    if line.count > maxLineBytes { overlong = true; break reading }
                    finishLine()
                    start = nl + 1
                } else {
                    line.append(contentsOf: data[start...])
                    if line.count > maxLineBytes { overlong = true; break reading }
                    start = data.endIndex
                }
            }
        }
        if overlong {
            problems.append(.init(seq: lineNumber, "ledger.jsonl line \(lineNumber + 1): longer than \(maxLineBytes) bytes, which no record can be; reading stopped here"))
        } else if !line.isEmpty {
            problems.append(.init(seq: lineNumber, "ledger.jsonl line \(lineNumber + 1): truncated (no final newline); the record is not read"))
        }
        if !batch.isEmpty { body(batch) }
        return problems
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
