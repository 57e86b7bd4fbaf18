import CSQLite
import CSQLiteTuning

/// One SQLite connection, used by one thread at a time (it is deliberately not Sendable:
/// the writer and each reader own theirs on their own thread).
///
/// Opens with WAL, foreign keys on, a busy timeout and a chosen `synchronous` level;
/// runs scripts, prepares statements (cached by SQL text on request), and wraps
/// transactions and savepoints.
public final class Connection {
    /// PRAGMA synchronous levels. The writer uses `.full`, so a committed transaction is
    /// on disk when COMMIT returns, WAL included.
    public enum Synchronous: String, Sendable {
        case off = "OFF", normal = "NORMAL", full = "FULL", extra = "EXTRA"
    }

    /// How BEGIN takes its locks. The writer uses `.immediate` so a batch never fails
    /// halfway on a lock upgrade.
    public enum TransactionKind: String, Sendable {
        case deferred = "DEFERRED", immediate = "IMMEDIATE", exclusive = "EXCLUSIVE"
    }

    /// How to open a connection.
    public struct Configuration: Sendable {
        /// Create the file when missing (the writer does; readers open what exists).
        public var createIfMissing: Bool
        /// Reject writes with PRAGMA query_only (readers).
        public var queryOnly: Bool
        public var walMode: Bool
        public var foreignKeys: Bool
        /// How long a statement waits for another process's lock before SQLITE_BUSY.
        public var busyTimeoutMilliseconds: Int32
        public var synchronous: Synchronous
        /// Statements kept by `cachedStatement`; the cache empties when it would exceed this.
        public var statementCacheLimit: Int
        /// SQLite's page cache for this connection, in KiB (nil: SQLite's default, 2 MiB),
        /// so the hot pages of the indexes every case write touches stay in memory.
        public var pageCacheKiB: Int? = nil
        /// WAL pages after which a commit checkpoints (nil: SQLite's 1000; 0: never, for a
        /// writer whose checkpoints run elsewhere, e.g. `Checkpointer`).
        public var walAutoCheckpointPages: Int? = nil
        /// Bytes of the file read through mmap (0: none; nil: the library's default).
        public var mmapBytes: Int? = nil
        /// Temporary files in memory (PRAGMA temp_store=MEMORY). For the writer this is the
        /// savepoint journal: every job of a batch runs in a SAVEPOINT, whose journal holds
        /// the first copy of each page it changes and went to a file in /var/tmp past 64
        /// KiB (as many page writes as the WAL itself, and old page images left on disk).
        public var tempInMemory = false
        /// Write a commit's WAL frames to the file in one call, at the sync, instead of two
        /// calls per page (see csqlite_tuning.h). Taken only with `synchronous` FULL or EXTRA,
        /// where every commit syncs the WAL before readers can see its frames.
        public var gatherWALWrites = false

        public init(
            createIfMissing: Bool = true, queryOnly: Bool = false, walMode: Bool = true,
            foreignKeys: Bool = true, busyTimeoutMilliseconds: Int32 = 5_000,
            synchronous: Synchronous = .full, statementCacheLimit: Int = 128
        ) {
            self.createIfMissing = createIfMissing
            self.queryOnly = queryOnly
            self.walMode = walMode
            self.foreignKeys = foreignKeys
            self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
            self.synchronous = synchronous
            self.statementCacheLimit = statementCacheLimit
        }

        /// The writer's settings: durable commits, a 64 MiB page cache, and no checkpoint
        /// inside a commit (the `Checkpointer` does them off the writer thread).
        public static var writer: Configuration {
            var configuration = Configuration()
            configuration.pageCacheKiB = 64 * 1024
            configuration.walAutoCheckpointPages = 0
            configuration.tempInMemory = true
            configuration.gatherWALWrites = true
            return configuration
        }
        /// A reader's settings: the file must exist, writes are refused; 32 MiB of page
        /// cache, and no mmap. SQLite drops a WAL reader's mapping of the file whenever
        /// the WAL changed since its last read, that is after nearly every commit here:
        /// each read then paid a munmap (which stops the other cores to flush their TLBs)
        /// and page faults to map the file again, more than reading its few pages with
        /// pread (measured: a third of the readers' CPU at one connection).
        public static var reader: Configuration {
            var configuration = Configuration(createIfMissing: false, queryOnly: true, synchronous: .normal)
            configuration.pageCacheKiB = 32 * 1024
            // Said outright: a library built with a default mmap size would map otherwise.
            configuration.mmapBytes = 0
            return configuration
        }
    }

    let db: OpaquePointer
    public let path: String
    /// Whether this connection's WAL writes are gathered (`Configuration.gatherWALWrites`).
    public let gathersWALWrites: Bool
    private let statementCacheLimit: Int
    /// How long a statement waits for a lock held elsewhere, as configured.
    let busyTimeoutMilliseconds: Int32
    private var statementCache: [StatementKey: Statement] = [:]
    /// Where the statements run through `execute`, `query` and `queryFirst` are timed;
    /// nil (the default) times nothing.
    var statementTimes: StatementTimes?
    private var savepointDepth = 0

    /// Opens (and, if configured, creates) the database at `path`; ":memory:" opens a
    /// private in-memory database (WAL does not apply there).
    public init(path: String, configuration: Configuration = Configuration()) throws {
        _ = Self.libraryConfigured
        var flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
        if configuration.createIfMissing { flags |= SQLITE_OPEN_CREATE }
        let inMemory = path.isEmpty || path == ":memory:" || path.hasPrefix("file::memory:")
        let gathers = configuration.gatherWALWrites && configuration.walMode && !inMemory
            && (configuration.synchronous == .full || configuration.synchronous == .extra)
            && Self.walGatheringRegistered
        var handle: OpaquePointer?
        let rc = sqlite3_open_v2(path, &handle, flags, gathers ? CSQLITE_WAL_VFS_NAME : nil)
        guard rc == SQLITE_OK, let handle else {
            let error = SQLiteError.from(handle, code: rc, sql: nil)
            // open_v2 allocates a handle even on failure; it must still be released.
            sqlite3_close_v2(handle)
            throw error
        }
        self.db = handle
        self.path = path
        self.gathersWALWrites = gathers
        self.statementCacheLimit = configuration.statementCacheLimit
        self.busyTimeoutMilliseconds = configuration.busyTimeoutMilliseconds
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, configuration.busyTimeoutMilliseconds)
        // Defensive mode forbids writable_schema and similar ways to corrupt the file;
        // without double-quoted string literals, a misspelt "column" is an error, not text.
        _ = csqlite_db_config_int(handle, SQLITE_DBCONFIG_DEFENSIVE, 1, nil)
        _ = csqlite_db_config_int(handle, SQLITE_DBCONFIG_DQS_DDL, 0, nil)
        _ = csqlite_db_config_int(handle, SQLITE_DBCONFIG_DQS_DML, 0, nil)

        if configuration.walMode && !inMemory {
            let mode = try scalarString("PRAGMA journal_mode=WAL")?.lowercased() ?? ""
            guard mode == "wal" else { throw StorageError.walUnavailable(mode) }
        }
        try execute("PRAGMA foreign_keys=\(configuration.foreignKeys ? "ON" : "OFF")")
        try execute("PRAGMA synchronous=\(configuration.synchronous.rawValue)")
        if configuration.queryOnly { try execute("PRAGMA query_only=ON") }
        // RET-2: deleted content (a purged case's sealed data, its blind index entry) is
        // overwritten with zeros in the file, not left in free space to be read back.
        else { try execute("PRAGMA secure_delete=ON") }
        if let kib = configuration.pageCacheKiB { try execute("PRAGMA cache_size=-\(kib)") }
        if let pages = configuration.walAutoCheckpointPages { _ = try scalarString("PRAGMA wal_autocheckpoint=\(pages)") }
        if let bytes = configuration.mmapBytes { _ = try scalarString("PRAGMA mmap_size=\(bytes)") }
        if configuration.tempInMemory { try execute("PRAGMA temp_store=MEMORY") }
    }

    deinit {
        statementCache.removeAll()
        // close_v2 defers the close while statements a caller still holds are alive.
        sqlite3_close_v2(db)
    }

    /// Runs `body` waiting at most `milliseconds` for locks, then the configured time again.
    func withBusyTimeout<T>(_ milliseconds: Int32, _ body: () throws -> T) rethrows -> T {
        sqlite3_busy_timeout(db, milliseconds)
        defer { sqlite3_busy_timeout(db, busyTimeoutMilliseconds) }
        return try body()
    }

    /// Flushes the database file (not its WAL) to the disk, as a checkpoint that copied the
    /// whole log would. SQLite syncs the file only in a checkpoint that reaches the log's
    /// end, which under steady writes is the writer's RESTART; flushing here first leaves
    /// that one only the pages copied since.
    func syncDatabaseFile() throws {
        var file: UnsafeMutablePointer<sqlite3_file>?
        let found = sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &file)
        guard found == SQLITE_OK, let file, let sync = file.pointee.pMethods?.pointee.xSync else {
            throw SQLiteError.from(db, code: found == SQLITE_OK ? SQLITE_MISUSE : found, sql: nil)
        }
        let rc = sync(file, SQLITE_SYNC_NORMAL)
        guard rc == SQLITE_OK else { throw SQLiteError.from(db, code: rc, sql: nil) }
    }

    // MARK: Running SQL

    /// Runs a script of one or more statements without parameters (schema, pragmas).
    /// Values never belong here: use `execute(_:_:)` with bound parameters.
    public func execute(_ script: String) throws {
        try script.withCString { start in
            var cursor: UnsafePointer<CChar>? = start
            while let current = cursor, current.pointee != 0 {
                var statement: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let rc = sqlite3_prepare_v2(db, current, -1, &statement, &tail)
                guard rc == SQLITE_OK else {
                    sqlite3_finalize(statement)
                    throw SQLiteError.from(db, code: rc, sql: String(cString: current))
                }
                cursor = tail
                guard let statement else { continue }  // trailing whitespace or comment
                defer { sqlite3_finalize(statement) }
                var step: Int32
                repeat { step = sqlite3_step(statement) } while step == SQLITE_ROW
                guard step == SQLITE_DONE else {
                    let text = sqlite3_sql(statement).map { String(cString: $0) }
                    throw SQLiteError.from(db, code: step, sql: text)
                }
            }
        }
    }

    /// Runs one statement with bound parameters (cached by its SQL text).
    public func execute(_ sql: String, _ parameters: [SQLValue]) throws {
        let started = statementTimes == nil ? nil : ContinuousClock.now
        defer { if let started { timed(sql, since: started) } }
        let statement = try cachedStatement(sql)
        defer { statement.reset() }
        try statement.bind(parameters)
        while try statement.step() {}
    }

    /// Runs one statement with named parameters (cached by its SQL text).
    public func execute(_ sql: String, named parameters: [String: SQLValue]) throws {
        let started = statementTimes == nil ? nil : ContinuousClock.now
        defer { if let started { timed(sql, since: started) } }
        let statement = try cachedStatement(sql)
        defer { statement.reset() }
        try statement.bind(parameters)
        while try statement.step() {}
    }

    /// Runs a query and maps each row; `row` reads columns from the statement.
    public func query<T>(_ sql: String, _ parameters: [SQLValue] = [], row: (Statement) throws -> T) throws -> [T] {
        let started = statementTimes == nil ? nil : ContinuousClock.now
        defer { if let started { timed(sql, since: started) } }
        let statement = try cachedStatement(sql)
        defer { statement.reset() }
        try statement.bind(parameters)
        var rows: [T] = []
        while try statement.step() { rows.append(try row(statement)) }
        return rows
    }

    /// The first row mapped by `row`, or nil when the query returns none.
    public func queryFirst<T>(_ sql: String, _ parameters: [SQLValue] = [], row: (Statement) throws -> T) throws -> T? {
        let started = statementTimes == nil ? nil : ContinuousClock.now
        defer { if let started { timed(sql, since: started) } }
        let statement = try cachedStatement(sql)
        defer { statement.reset() }
        try statement.bind(parameters)
        return try statement.step() ? try row(statement) : nil
    }

    /// Adds the time since `started` to `statementTimes` under `sql`. The statements that
    /// time themselves read the clock only when timing is on: off, each pays one nil check.
    private func timed(_ sql: String, since started: ContinuousClock.Instant) {
        let (seconds, attoseconds) = (ContinuousClock.now - started).components
        statementTimes?.record(sql, nanoseconds: UInt64(max(0, seconds * 1_000_000_000 + attoseconds / 1_000_000_000)))
    }

    /// The first column of the first row, or nil when there is no row.
    public func scalar(_ sql: String, _ parameters: [SQLValue] = []) throws -> SQLValue? {
        try queryFirst(sql, parameters) { $0.value(at: 0) }
    }

    private func scalarString(_ sql: String) throws -> String? {
        let statement = try prepare(sql)
        return try statement.step() ? statement.string(at: 0) : nil
    }

    /// A new statement the caller owns (finalized when released).
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(db: db, sql: sql, persistent: false)
    }

    /// A statement reused across calls with the same SQL text, reset and with cleared
    /// bindings. If that statement is still running (a caller iterating its rows issued
    /// the same SQL again), a fresh uncached one is returned instead of disturbing it.
    public func cachedStatement(_ sql: String) throws -> Statement {
        let key = StatementKey(sql)
        if let cached = statementCache[key] {
            if !cached.isBusy {
                cached.reset()
                cached.clearBindings()
                return cached
            }
            return try prepare(sql)
        }
        let statement = try Statement(db: db, sql: sql, persistent: true)
        if statementCache.count >= statementCacheLimit { statementCache.removeAll() }
        statementCache[key] = statement
        return statement
    }

    /// What SQLite counts as allocated now: 0 while its memory statistics are off.
    static var sqliteMemoryInUse: Int64 { sqlite3_memory_used() }

    /// Process-wide settings (the shims'), set once before SQLite initializes (registering
    /// a VFS initializes it); false when SQLite had started before and kept its own.
    static let libraryConfigured: Bool = {
        let pageCache = csqlite_pcache_install()
        return csqlite_configure_library() == SQLITE_OK && pageCache == SQLITE_OK
    }()
    private static let walGatheringRegistered: Bool = {
        _ = libraryConfigured  // registering initializes SQLite: the settings go first
        return csqlite_wal_register() == SQLITE_OK
    }()

    /// End-of-transaction truncations of page caches made on the calling thread: passed on
    /// to SQLite's cache (a walk over it), and skipped as needless (for tests).
    static var pageCacheTruncationsOnThisThread: (passed: Int64, skipped: Int64) {
        var passed: Int64 = 0, skipped: Int64 = 0
        csqlite_pcache_thread_truncations(&passed, &skipped)
        return (passed, skipped)
    }

    /// WAL writes SQLite asked of this connection's WAL file, and writes that reached the
    /// file system; nil when the file is not gathered.
    public var walWriteCountsOfThisConnection: (requested: Int64, issued: Int64)? {
        var requested: Int64 = 0, issued: Int64 = 0
        return csqlite_wal_file_counts(db, &requested, &issued) == 1 ? (requested, issued) : nil
    }

    /// Resets every statement of this connection still in the middle of its rows. A job
    /// that stopped iterating early would otherwise hold a read lock open (readers) or make
    /// RELEASE/COMMIT fail (writer).
    func resetActiveStatements() {
        var statement = sqlite3_next_stmt(db, nil)
        while let current = statement {
            if sqlite3_stmt_busy(current) != 0 { sqlite3_reset(current) }
            statement = sqlite3_next_stmt(db, current)
        }
    }

    /// The rowid of the last successful INSERT on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(db) }
    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes64(db)) }
    /// True while a transaction is open (SQLite is not in autocommit mode).
    public var isInTransaction: Bool { sqlite3_get_autocommit(db) == 0 }

    // MARK: Transactions

    /// Runs `body` in a transaction: COMMIT when it returns, ROLLBACK when it throws.
    /// Not for use inside writer jobs, which already run in the batch transaction: use
    /// `savepoint` there.
    public func transaction<T>(_ kind: TransactionKind = .deferred, _ body: () throws -> T) throws -> T {
        // Cached: every read job runs in a transaction, so these run constantly.
        try cachedStatement("BEGIN \(kind.rawValue)").run()
        let result: T
        do {
            result = try body()
            try cachedStatement("COMMIT").run()
        } catch {
            // A failed COMMIT can leave the transaction open; some errors end it already.
            if isInTransaction { try? cachedStatement("ROLLBACK").run() }
            throw error
        }
        return result
    }

    /// Runs `body` inside a SAVEPOINT: its changes are kept (RELEASE) when it returns and
    /// undone (ROLLBACK TO) when it throws. Nests, inside or outside a transaction.
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        let name = "user_sp_\(savepointDepth)"
        try execute("SAVEPOINT \(name)")
        let result: T
        do {
            result = try body()
            try execute("RELEASE \(name)")
        } catch {
            // If SQLite already rolled back the whole transaction the savepoint is gone.
            if isInTransaction {
                try? execute("ROLLBACK TO \(name)")
                try? execute("RELEASE \(name)")
            }
            throw error
        }
        return result
    }
}

/// The statement cache's key: the SQL text, hashed by its length and a sample of its bytes
/// rather than all of them. A case change runs a few dozen cached statements of several
/// hundred bytes each on the writer thread, where hashing every byte showed in profiles;
/// equality still compares the whole text, so a shared sample only costs a comparison.
struct StatementKey: Hashable {
    let sql: String

    init(_ sql: String) { self.sql = sql }

    func hash(into hasher: inout Hasher) {
        var sql = sql
        sql.withUTF8 { bytes in
            hasher.combine(bytes.count)
            let sample = 24
            if bytes.count <= 2 * sample {
                hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
            } else {
                // The head names the statement; the tail tells apart statements that share it.
                hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[..<sample])))
                hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[(bytes.count - sample)...])))
            }
        }
    }
}
