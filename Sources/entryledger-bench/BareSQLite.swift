import Foundation
import LedgerSQLite

/// The baseline for a durable append: a plain SQLite table written with the ledger's own
/// settings (WAL, synchronous=FULL, one BEGIN IMMEDIATE transaction per row), no signing,
/// no chain, no rules. It goes through the store module's SQLite wrapper, the same bindings
/// (copied blobs, a cached prepared statement) the ledger's appends use.
final class BareSQLite {
    private let db: SQLiteConnection
    private var seq: Int64 = 0
    private static let insert = "INSERT INTO t (seq, payload, signature, hash) VALUES (?, ?, ?, ?)"

    init(path: String) throws {
        do {
            db = try SQLiteConnection(path: path, mode: .create)
            try db.exec("PRAGMA journal_mode = WAL")
            try db.exec("PRAGMA synchronous = FULL")
            try db.exec("CREATE TABLE t (seq INTEGER PRIMARY KEY, payload BLOB NOT NULL, signature BLOB NOT NULL, hash BLOB NOT NULL) STRICT")
        } catch { throw BenchError("cannot open \(path): \(error)") }
    }

    /// One row of `payload` + 64 + 32 bytes, committed on its own.
    func insertAndCommit(payload: [UInt8], signature: [UInt8], hash: [UInt8]) throws {
        do {
            try db.exec("BEGIN IMMEDIATE")
            try db.run(Self.insert, [.int(seq), .blob(payload), .blob(signature), .blob(hash)])
            try db.exec("COMMIT")
        } catch { throw BenchError("insert: \(error)") }
        seq += 1
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
