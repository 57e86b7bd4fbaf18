import CSQLite

/// A prepared SQL statement: bind parameters, step through rows, read columns, reset.
///
/// Values only ever reach SQLite as bound parameters, never spliced into SQL text. A
/// statement belongs to the thread of its `Connection` and must not outlive the job that
/// obtained it. Parameter and column indexes follow SQLite: parameters count from 1,
/// columns from 0.
public final class Statement {
    let handle: OpaquePointer
    /// The connection's handle, for error messages. Connections close with
    /// `sqlite3_close_v2`, which keeps it valid until the last statement is finalized.
    private let db: OpaquePointer
    /// The SQL text as written (without values), for errors.
    public let sql: String

    init(db: OpaquePointer, sql: String, persistent: Bool) throws {
        var statement: OpaquePointer?
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let rc = sqlite3_prepare_v3(db, sql, -1, flags, &statement, nil)
        guard rc == SQLITE_OK else {
            sqlite3_finalize(statement)
            throw SQLiteError.from(db, code: rc, sql: sql)
        }
        guard let statement else {
            // Whitespace or a comment compiles to nothing; a Statement must run something.
            throw SQLiteError(code: SQLITE_MISUSE, message: "no SQL statement in text", sql: sql)
        }
        self.handle = statement
        self.db = db
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    // MARK: Binding

    /// The number of parameters (`?`, `?NNN`, `:name`, `@name`, `$name`) in the statement.
    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    /// Binds `value` to the parameter at `index` (1-based).
    public func bind(_ value: SQLValue, at index: Int) throws {
        let i = Int32(index)
        let rc: Int32
        switch value {
        case .null:
            rc = sqlite3_bind_null(handle, i)
        case .integer(let v):
            rc = sqlite3_bind_int64(handle, i, v)
        case .real(let v):
            rc = sqlite3_bind_double(handle, i, v)
        case .text(let v):
            // withCString never yields a null pointer, so "" binds as empty text, not NULL;
            // the explicit byte count keeps embedded NUL characters.
            rc = v.withCString { sqlite3_bind_text64(handle, i, $0, UInt64(v.utf8.count), csqlite_transient(), UInt8(SQLITE_UTF8)) }
        case .blob(let v):
            if v.isEmpty {
                // A null data pointer would bind NULL; an empty blob is a distinct value.
                rc = sqlite3_bind_zeroblob(handle, i, 0)
            } else {
                rc = v.withUnsafeBytes { sqlite3_bind_blob64(handle, i, $0.baseAddress, UInt64($0.count), csqlite_transient()) }
            }
        }
        guard rc == SQLITE_OK else { throw SQLiteError.from(db, code: rc, sql: sql) }
    }

    /// Binds `value` to a named parameter; `name` may include its prefix (`:id`) or not
    /// (`id`, then `:`, `@` and `$` are tried).
    public func bind(_ value: SQLValue, named name: String) throws {
        try bind(value, at: try index(ofParameter: name))
    }

    /// Binds `values` to parameters 1...n; the count must match the statement's.
    public func bind(_ values: [SQLValue]) throws {
        guard values.count == parameterCount else {
            throw SQLiteError(
                code: SQLITE_RANGE,
                message: "statement has \(parameterCount) parameters, \(values.count) values given",
                sql: sql)
        }
        for (offset, value) in values.enumerated() { try bind(value, at: offset + 1) }
    }

    /// Binds each named value (see `bind(_:named:)`).
    public func bind(_ values: [String: SQLValue]) throws {
        for (name, value) in values { try bind(value, named: name) }
    }

    /// Sets every parameter back to NULL, so a reused statement never leaks an old value.
    public func clearBindings() { sqlite3_clear_bindings(handle) }

    private func index(ofParameter name: String) throws -> Int {
        let candidates = name.first.map { ":@$".contains($0) } == true ? [name] : [":" + name, "@" + name, "$" + name]
        for candidate in candidates {
            let i = sqlite3_bind_parameter_index(handle, candidate)
            if i > 0 { return Int(i) }
        }
        throw StorageError.unknownParameter(name)
    }

    // MARK: Execution

    /// Advances to the next row: true when a row is available, false when done.
    /// On error the statement is reset, so a failed statement never stays active (an
    /// active write statement would make COMMIT fail).
    @discardableResult
    public func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = SQLiteError.from(db, code: rc, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Runs the statement to completion, ignoring any rows, then resets it.
    public func run() throws {
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    /// Makes the statement ready to run again; bindings are kept (see `clearBindings`).
    public func reset() { sqlite3_reset(handle) }

    /// True between the first `step` and the end of rows or `reset`.
    public var isBusy: Bool { sqlite3_stmt_busy(handle) != 0 }

    // MARK: Columns

    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    public func columnName(at index: Int) -> String {
        sqlite3_column_name(handle, Int32(index)).map { String(cString: $0) } ?? ""
    }

    public func isNull(at index: Int) -> Bool {
        sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL
    }

    /// The column as an integer; NULL reads as 0 (SQLite's conversion). Use
    /// `optionalInt64(at:)` where NULL means something.
    public func int64(at index: Int) -> Int64 { sqlite3_column_int64(handle, Int32(index)) }

    public func optionalInt64(at index: Int) -> Int64? { isNull(at: index) ? nil : int64(at: index) }

    public func int(at index: Int) -> Int { Int(int64(at: index)) }

    public func double(at index: Int) -> Double { sqlite3_column_double(handle, Int32(index)) }

    public func optionalDouble(at index: Int) -> Double? { isNull(at: index) ? nil : double(at: index) }

    /// The column as text, or nil for NULL.
    public func string(at index: Int) -> String? {
        let i = Int32(index)
        guard sqlite3_column_type(handle, i) != SQLITE_NULL,
              let text = sqlite3_column_text(handle, i) else { return nil }
        // Length after the text call: column_bytes reports the converted representation.
        let count = Int(sqlite3_column_bytes(handle, i))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// The column as bytes, or nil for NULL; an empty blob reads as `[]`.
    public func blob(at index: Int) -> [UInt8]? {
        let i = Int32(index)
        guard sqlite3_column_type(handle, i) != SQLITE_NULL else { return nil }
        // sqlite3_column_blob returns NULL for a zero-length blob, so ask for the count.
        guard let bytes = sqlite3_column_blob(handle, i) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, i))
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    /// The column in its stored storage class.
    public func value(at index: Int) -> SQLValue {
        switch sqlite3_column_type(handle, Int32(index)) {
        case SQLITE_INTEGER: return .integer(int64(at: index))
        case SQLITE_FLOAT: return .real(double(at: index))
        case SQLITE_TEXT: return string(at: index).map(SQLValue.text) ?? .null
        case SQLITE_BLOB: return blob(at: index).map(SQLValue.blob) ?? .null
        default: return .null
        }
    }
}
