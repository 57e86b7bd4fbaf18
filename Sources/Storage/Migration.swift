/// One schema change: a numbered SQL script, from `Migrations/NNNN_name.sql` at the repo
/// top level (embedded at build time, see `EmbeddedMigrations`) or built by tests.
///
/// The script must not contain BEGIN/COMMIT: the migrator runs it inside a transaction.
public struct Migration: Sendable, Hashable, CustomStringConvertible {
    public let version: Int
    public let name: String
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    public var description: String { "\(version)_\(name)" }
}

/// Why migrating failed or was refused.
public enum MigrationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database was migrated by a newer build: running older code on it could corrupt
    /// data, so nothing is done.
    case schemaNewerThanKnown(found: Int, known: Int)
    /// Two migrations in the list share a version.
    case duplicateVersion(Int)
    /// Versions start at 1.
    case invalidVersion(Int)
    /// A migration's SQL failed; its transaction was rolled back entirely.
    case failed(version: Int, name: String, error: SQLiteError)
    /// After the migration ran, PRAGMA foreign_key_check found rows pointing nowhere.
    case foreignKeyViolations(version: Int, name: String, count: Int)

    public var description: String {
        switch self {
        case .schemaNewerThanKnown(let found, let known):
            return "database schema version \(found) is newer than this build knows (\(known)); refusing to run"
        case .duplicateVersion(let version): return "two migrations have version \(version)"
        case .invalidVersion(let version): return "invalid migration version \(version)"
        case .failed(let version, let name, let error): return "migration \(version)_\(name) failed: \(error)"
        case .foreignKeyViolations(let version, let name, let count):
            return "migration \(version)_\(name) left \(count) foreign key violation(s)"
        }
    }
}

/// Applies pending migrations in version order, each in its own transaction recorded in
/// `schema_migrations`, and refuses a database whose schema is newer than it knows.
public struct Migrator: Sendable {
    /// The known migrations, sorted by version.
    public let migrations: [Migration]

    /// Validates the list: versions positive and unique (any order accepted).
    public init(migrations: [Migration]) throws {
        let sorted = migrations.sorted { $0.version < $1.version }
        var seen = Set<Int>()
        for migration in sorted {
            guard migration.version > 0 else { throw MigrationError.invalidVersion(migration.version) }
            guard seen.insert(migration.version).inserted else {
                throw MigrationError.duplicateVersion(migration.version)
            }
        }
        self.migrations = sorted
    }

    /// The newest version this list knows, 0 for an empty list.
    public var latestVersion: Int { migrations.last?.version ?? 0 }

    /// Versions recorded in the database, ascending (empty when never migrated).
    public func appliedVersions(on connection: Connection) throws -> [Int] {
        let exists = try connection.scalar(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'")
        guard exists?.int64Value ?? 0 > 0 else { return [] }
        return try connection.query("SELECT version FROM schema_migrations ORDER BY version") { $0.int(at: 0) }
    }

    /// The migrations not yet recorded in the database; throws `schemaNewerThanKnown`
    /// when the database is ahead of this list.
    public func pendingMigrations(on connection: Connection) throws -> [Migration] {
        let applied = try appliedVersions(on: connection)
        if let found = applied.last, found > latestVersion {
            throw MigrationError.schemaNewerThanKnown(found: found, known: latestVersion)
        }
        let done = Set(applied)
        return migrations.filter { !done.contains($0.version) }
    }

    /// Applies every pending migration and returns those it applied, in order. Must run
    /// outside any transaction (use `DatabaseWriter.writeWithoutTransaction`).
    /// A failing migration is rolled back whole; earlier ones of this run stay applied.
    @discardableResult
    public func migrate(_ connection: Connection) throws -> [Migration] {
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at TEXT NOT NULL
            )
            """)
        var applied: [Migration] = []
        for migration in try pendingMigrations(on: connection) {
            let didApply = try connection.transaction(.immediate) { () throws -> Bool in
                // Another process may have applied it since we looked; the IMMEDIATE lock
                // makes this check and the change atomic.
                let already = try connection.scalar(
                    "SELECT count(*) FROM schema_migrations WHERE version = ?", [SQLValue(migration.version)])
                guard already?.int64Value == 0 else { return false }
                do {
                    try connection.execute(migration.sql)
                } catch let error as SQLiteError {
                    throw MigrationError.failed(version: migration.version, name: migration.name, error: error)
                }
                let violations = try connection.query("PRAGMA foreign_key_check") { _ in 1 }.count
                guard violations == 0 else {
                    throw MigrationError.foreignKeyViolations(
                        version: migration.version, name: migration.name, count: violations)
                }
                try connection.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                    [SQLValue(migration.version), .text(migration.name)])
                return true
            }
            if didApply { applied.append(migration) }
        }
        return applied
    }
}
