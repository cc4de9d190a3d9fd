internal import CSQLite
import Foundation

// SQLITE_TRANSIENT is a C macro Swift cannot import: the one definition of it.
private let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A failure reported by SQLite, with its result code and message.
package struct SQLiteError: Error, CustomStringConvertible {
    package let code: Int32
    package let message: String
    package var description: String { "SQLite error \(code): \(message)" }
}

/// One SQLite connection.
///
/// Not Sendable, on purpose: a connection belongs to the one `LedgerStore` that opened it and
/// is used from one thread at a time. Processes share a ledger through SQLite's own locking
/// (WAL + BEGIN IMMEDIATE), never by sharing a connection.
package final class SQLiteConnection {
    private var db: OpaquePointer?
    /// Prepared statements by SQL text: the append path runs the same few queries every time.
    private var cache: [String: SQLiteStatement] = [:]
    /// Rows handed back by every statement of this connection: work the tests count to show
    /// that a command reads the store in linear, not quadratic, time.
    var rowsRead = 0

    /// `immutable` opens read-only and tells SQLite the file cannot change: no locks, no
    /// `-wal` or `-shm` file is ever created (for a copy on read-only media).
    package enum Mode { case readOnly, immutable, readWrite, create }

    package init(path: String, mode: Mode) throws {
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        var name = path
        switch mode {
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        case .immutable:
            flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
            name = "file:" + Self.uriEscaped(path) + "?immutable=1"
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        }
        var handle: OpaquePointer?
        let rc = sqlite3_open_v2(name, &handle, flags, nil)
        guard rc == SQLITE_OK, let handle else {
            let msg = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(handle)
            throw SQLiteError(code: rc, message: msg)
        }
        db = handle
        // Refuse to let a hostile file's schema run code through triggers or views on a
        // read-only inspection, and keep defensive mode on so raw writes to the schema fail.
        var out: Int32 = 0
        _ = entryledger_sqlite3_db_config_int(handle, SQLITE_DBCONFIG_DEFENSIVE, 1, &out)
        _ = entryledger_sqlite3_db_config_int(handle, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &out)
    }

    /// `path` as the path of a `file:` URI: every byte but unreserved ones and `/` escaped.
    static func uriEscaped(_ path: String) -> String {
        var out = ""
        for b in path.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                out += "%" + String(b, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(db)
    }

    package func setBusyTimeout(milliseconds: Int32) { sqlite3_busy_timeout(db, milliseconds) }

    private func error(_ rc: Int32) -> SQLiteError {
        SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(db)))
    }

    /// Runs one or more statements with no parameters and no results.
    /// True while a transaction is open on this connection.
    package var inTransaction: Bool { sqlite3_get_autocommit(db) == 0 }

    package func exec(_ sql: String) throws {
        var msg: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, sql, nil, nil, &msg)
        if rc != SQLITE_OK {
            let text = msg.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(db))
            sqlite3_free(msg)
            throw SQLiteError(code: rc, message: text)
        }
    }

    package func prepare(_ sql: String) throws -> SQLiteStatement {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw error(rc) }
        return SQLiteStatement(stmt: stmt, connection: self)
    }

    /// A prepared statement for `sql`, made once and reused (reset before each use).
    package func cached(_ sql: String) throws -> SQLiteStatement {
        if let st = cache[sql] { return st }
        let st = try prepare(sql)
        if cache.count < 64 { cache[sql] = st }
        return st
    }

    /// Runs `sql` with `params` and returns every row, for small queries.
    package func query(_ sql: String, _ params: [SQLiteValue] = []) throws -> [[SQLiteValue]] {
        let st = try cached(sql)
        defer { st.reset() }
        try st.bind(params)
        var rows: [[SQLiteValue]] = []
        while try st.step() { rows.append(st.row()) }
        return rows
    }

    package func run(_ sql: String, _ params: [SQLiteValue] = []) throws {
        let st = try cached(sql)
        defer { st.reset() }
        try st.bind(params)
        while try st.step() {}
    }

    package func pragmaInt(_ name: String) throws -> Int64 {
        guard let v = try query("PRAGMA \(name)").first?.first?.int else {
            throw SQLiteError(code: SQLITE_ERROR, message: "PRAGMA \(name) gave no value")
        }
        return v
    }

    /// SQLite's online backup of this database into a new file at `path`.
    package func backup(to path: String) throws {
        let dest = try SQLiteConnection(path: path, mode: .create)
        guard let b = sqlite3_backup_init(dest.db, "main", db, "main") else { throw dest.error(sqlite3_errcode(dest.db)) }
        var rc: Int32
        repeat {
            rc = sqlite3_backup_step(b, -1)  // all pages under one read lock: one consistent snapshot
            if rc == SQLITE_BUSY || rc == SQLITE_LOCKED { sqlite3_sleep(5) }
        } while rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED
        sqlite3_backup_finish(b)
        guard rc == SQLITE_DONE else { throw dest.error(rc) }
    }

    /// Replaces this database's contents with `source`'s through SQLite's backup API, so that
    /// the file stays the same one every other connection has open. The write lock is taken
    /// first (waiting up to the busy timeout) and held until the copy commits; `whileLocked`
    /// runs under it (reading through another connection, which sees the last commit) and can
    /// stop the copy by throwing, which leaves this database unchanged.
    func replaceContents(from source: String, whileLocked: () throws -> Void) throws {
        let src = try SQLiteConnection(path: source, mode: .readOnly)
        guard let b = sqlite3_backup_init(db, "main", src.db, "main") else { throw error(sqlite3_errcode(db)) }
        var rc = sqlite3_backup_step(b, 0)  // no page copied: only the locks taken
        guard rc == SQLITE_OK else {
            sqlite3_backup_finish(b)
            throw error(rc)
        }
        do { try whileLocked() } catch {
            sqlite3_backup_finish(b)  // before SQLITE_DONE: the destination's transaction is rolled back
            throw error
        }
        rc = sqlite3_backup_step(b, -1)
        let finish = sqlite3_backup_finish(b)
        guard rc == SQLITE_DONE else { throw error(rc) }
        guard finish == SQLITE_OK else { throw error(finish) }
    }

    fileprivate func check(_ rc: Int32) throws {
        guard rc == SQLITE_OK else { throw error(rc) }
    }

    fileprivate var handle: OpaquePointer? { db }
}

/// A value bound to or read from a statement.
package enum SQLiteValue: Equatable {
    case null
    case int(Int64)
    case text(String)
    case blob([UInt8])

    package var int: Int64? { if case .int(let v) = self { return v } else { return nil } }
    package var text: String? { if case .text(let v) = self { return v } else { return nil } }
    package var blob: [UInt8]? {
        switch self {
        case .blob(let v): return v
        case .text(let s): return Array(s.utf8)
        default: return nil
        }
    }
}

/// A prepared statement; finalised when released.
package final class SQLiteStatement {
    private let stmt: OpaquePointer
    // Unowned: the connection caches its statements, and a statement never outlives it.
    private unowned let connection: SQLiteConnection

    fileprivate init(stmt: OpaquePointer, connection: SQLiteConnection) {
        self.stmt = stmt
        self.connection = connection
    }

    deinit { sqlite3_finalize(stmt) }

    package func bind(_ params: [SQLiteValue]) throws {
        sqlite3_reset(stmt)
        sqlite3_clear_bindings(stmt)
        for (i, p) in params.enumerated() {
            let idx = Int32(i + 1)
            let rc: Int32
            switch p {
            case .null: rc = sqlite3_bind_null(stmt, idx)
            case .int(let v): rc = sqlite3_bind_int64(stmt, idx, v)
            case .text(let s): rc = sqlite3_bind_text(stmt, idx, s, -1, SQLITE_TRANSIENT)
            case .blob(let b):
                rc = b.withUnsafeBytes { sqlite3_bind_blob(stmt, idx, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32($0.count), SQLITE_TRANSIENT) }
            }
            try connection.check(rc)
        }
    }

    /// Advances; true while there is a row.
    package func step() throws -> Bool {
        let rc = sqlite3_step(stmt)
        switch rc {
        case SQLITE_ROW:
            connection.rowsRead += 1
            return true
        case SQLITE_DONE: return false
        default:
            let err = SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(connection.handle)))
            sqlite3_reset(stmt)
            throw err
        }
    }

    package func reset() { sqlite3_reset(stmt) }

    package func row() -> [SQLiteValue] { (0..<sqlite3_column_count(stmt)).map { column($0) } }

    /// Column `i` of the current row when it is an integer.
    package func intIfInteger(_ i: Int32) -> Int64? { sqlite3_column_type(stmt, i) == SQLITE_INTEGER ? sqlite3_column_int64(stmt, i) : nil }

    /// Column `i` of the current row when it is text.
    package func textIfText(_ i: Int32) -> String? {
        guard sqlite3_column_type(stmt, i) == SQLITE_TEXT, let p = sqlite3_column_text(stmt, i) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: p, count: Int(sqlite3_column_bytes(stmt, i))), as: UTF8.self)
    }

    /// Column `i` of the current row when it is a blob, copied.
    package func blobIfBlob(_ i: Int32) -> [UInt8]? {
        guard sqlite3_column_type(stmt, i) == SQLITE_BLOB else { return nil }
        return withBlob(i) { [UInt8]($0) }
    }

    /// The integer of column `i` of the current row (0 when it is not one).
    package func int64(_ i: Int32) -> Int64 { sqlite3_column_int64(stmt, i) }

    /// Calls `body` with the bytes of column `i` of the current row, read in place (valid only
    /// inside `body`); empty when the column is not a blob.
    package func withBlob<T>(_ i: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        guard sqlite3_column_type(stmt, i) == SQLITE_BLOB, let p = sqlite3_column_blob(stmt, i) else {
            return try body(UnsafeRawBufferPointer(start: nil, count: 0))
        }
        return try body(UnsafeRawBufferPointer(start: p, count: Int(sqlite3_column_bytes(stmt, i))))
    }

    package func column(_ i: Int32) -> SQLiteValue {
        switch sqlite3_column_type(stmt, i) {
        case SQLITE_INTEGER: return .int(sqlite3_column_int64(stmt, i))
        case SQLITE_TEXT: return .text(String(cString: sqlite3_column_text(stmt, i)))
        case SQLITE_BLOB:
            let n = Int(sqlite3_column_bytes(stmt, i))
            guard n > 0, let p = sqlite3_column_blob(stmt, i) else { return .blob([]) }
            return .blob([UInt8](UnsafeRawBufferPointer(start: p, count: n)))
        default: return .null
        }
    }
}

private extension String {
    func leftPadded(to n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
