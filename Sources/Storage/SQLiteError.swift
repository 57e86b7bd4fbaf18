import Foundation
import CSQLite

/// An error reported by SQLite: the result code, SQLite's message and the SQL text that
/// failed.
///
/// It never carries bound parameter values: those may be personal data (names, SSNs) and
/// errors end up in logs. SQLite's own messages name tables and columns, not values.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The extended result code (connections are opened with extended codes enabled).
    public let code: Int32
    /// SQLite's message, e.g. "UNIQUE constraint failed: users.username".
    public let message: String
    /// The statement that failed (shortened when very long), or nil when no SQL was involved.
    public let sql: String?

    public init(code: Int32, message: String, sql: String?) {
        self.code = code
        self.message = message
        self.sql = sql.map(SQLiteError.shorten)
    }

    /// The primary result code (`code & 0xFF`), e.g. SQLITE_CONSTRAINT for every kind of
    /// constraint failure.
    public var primaryCode: Int32 { code & 0xFF }

    public var isConstraintViolation: Bool { primaryCode == SQLITE_CONSTRAINT }
    public var isUniqueViolation: Bool {
        code == CSQLITE_CONSTRAINT_UNIQUE || code == CSQLITE_CONSTRAINT_PRIMARYKEY
    }
    public var isForeignKeyViolation: Bool { code == CSQLITE_CONSTRAINT_FOREIGNKEY }
    public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }

    public var description: String {
        let name = String(cString: sqlite3_errstr(code))
        var text = "SQLite error \(code) (\(name)): \(message)"
        if let sql { text += " [SQL: \(sql)]" }
        return text
    }

    /// Reads the current error of `db`; call right after the failing API call.
    static func from(_ db: OpaquePointer?, code: Int32, sql: String?) -> SQLiteError {
        let message = db.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite3_errstr(code))
        // sqlite3_extended_errcode is more precise than a primary code some APIs return.
        let extended = db.map { sqlite3_extended_errcode($0) } ?? code
        let best = (extended & 0xFF) == (code & 0xFF) ? extended : code
        return SQLiteError(code: best, message: message, sql: sql)
    }

    /// Migration scripts can be long; a log line needs the start of the failing statement.
    private static func shorten(_ sql: String) -> String {
        let trimmed = sql.trimmingCharacters(in: .whitespacesAndNewlines)
        let limit = 500
        guard trimmed.count > limit else { return trimmed }
        return String(trimmed.prefix(limit)) + "…"
    }
}

/// Errors of the storage layer that are not SQLite result codes.
public enum StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The writer or reader pool was closed before (or while) the job was submitted.
    case closed
    /// A write job ended or altered the batch transaction (COMMIT, ROLLBACK, or an error
    /// after which SQLite rolled the whole transaction back), so the batch's work is lost.
    case batchTransactionLost
    /// A parameter name given to `bind(_:named:)` does not occur in the statement.
    case unknownParameter(String)
    /// PRAGMA journal_mode=WAL did not take effect (e.g. the file system cannot share memory).
    case walUnavailable(String)
    /// An `AttachedWrite` made by a storage other than SQLite: it cannot join this
    /// transaction (a wiring mistake: the simulator's store and the cases on different kinds).
    case foreignAttachedWrite

    public var description: String {
        switch self {
        case .closed: return "storage is closed"
        case .batchTransactionLost:
            return "the write batch's transaction was ended by a job or rolled back by SQLite"
        case .unknownParameter(let name): return "no SQL parameter named \(name)"
        case .walUnavailable(let mode): return "WAL journal mode unavailable (got \(mode))"
        case .foreignAttachedWrite: return "a write attached to a case change came from another kind of storage"
        }
    }
}
