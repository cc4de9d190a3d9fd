import CSQLite
import Foundation

// SQLITE_TRANSIENT is a C macro Swift cannot import.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// The baseline for a durable append: a plain SQLite table written with the ledger's own
/// settings (WAL, synchronous=FULL, one BEGIN IMMEDIATE transaction per row), no signing,
/// no chain, no rules.
final class BareSQLite {
    private var db: OpaquePointer?
    private var insert: OpaquePointer?
    private var seq: Int64 = 0

    init(path: String) throws {
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK else {
            throw BenchError("cannot open \(path)")
        }
        try exec("PRAGMA journal_mode = WAL")
        try exec("PRAGMA synchronous = FULL")
        try exec("CREATE TABLE t (seq INTEGER PRIMARY KEY, payload BLOB NOT NULL, signature BLOB NOT NULL, hash BLOB NOT NULL) STRICT")
        guard sqlite3_prepare_v2(db, "INSERT INTO t (seq, payload, signature, hash) VALUES (?, ?, ?, ?)", -1, &insert, nil) == SQLITE_OK else {
            throw BenchError("prepare: \(String(cString: sqlite3_errmsg(db)))")
        }
    }

    deinit {
        sqlite3_finalize(insert)
        sqlite3_close_v2(db)
    }

    func exec(_ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw BenchError("\(sql): \(String(cString: sqlite3_errmsg(db)))") }
    }

    /// One row of `payload` + 64 + 32 bytes, committed on its own.
    func insertAndCommit(payload: [UInt8], signature: [UInt8], hash: [UInt8]) throws {
        try exec("BEGIN IMMEDIATE")
        sqlite3_reset(insert)
        sqlite3_bind_int64(insert, 1, seq)
        for (i, b) in [payload, signature, hash].enumerated() {
            // Copied by SQLite (SQLITE_TRANSIENT), as the ledger's store binds them too.
            _ = b.withUnsafeBytes { sqlite3_bind_blob(insert, Int32(i + 2), $0.baseAddress, Int32($0.count), transient) }
        }
        guard sqlite3_step(insert) == SQLITE_DONE else { throw BenchError("insert: \(String(cString: sqlite3_errmsg(db)))") }
        try exec("COMMIT")
        seq += 1
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
