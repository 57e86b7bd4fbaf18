/// The application's database: the writer (group commit on its own thread) and the
/// reader pool over one SQLite file, opened with migrations applied.
public final class Database: Sendable {
    public let path: String
    public let writer: DatabaseWriter
    public let readers: DatabaseReaderPool
    /// The migrations this open applied (empty when the schema was already current).
    public let appliedMigrations: [Migration]
    /// Checkpoints the WAL off the writer thread (the writer's own checkpoints are off).
    let checkpointer: Checkpointer

    private init(path: String, writer: DatabaseWriter, readers: DatabaseReaderPool, appliedMigrations: [Migration],
                 checkpointer: Checkpointer) {
        self.path = path
        self.writer = writer
        self.readers = readers
        self.appliedMigrations = appliedMigrations
        self.checkpointer = checkpointer
    }

    /// Opens (creating if needed) the database at `path`, applies pending `migrations`
    /// on the writer thread, then starts the readers. Throws `MigrationError` (e.g.
    /// `schemaNewerThanKnown`) after closing what it opened.
    public static func open(
        path: String,
        migrations: [Migration] = EmbeddedMigrations.all,
        readerCount: Int = 2,
        synchronous: Connection.Synchronous = .full,
        maxBatchSize: Int = DatabaseWriter.defaultMaxBatchSize
    ) async throws -> Database {
        let migrator = try Migrator(migrations: migrations)
        var writerConfiguration = Connection.Configuration.writer
        writerConfiguration.synchronous = synchronous
        let writer = try await DatabaseWriter(path: path, configuration: writerConfiguration, maxBatchSize: maxBatchSize)
        do {
            let applied = try await writer.writeWithoutTransaction { try migrator.migrate($0) }
            // Readers start after migrating so none ever sees a half-built schema.
            let readers = try await DatabaseReaderPool(path: path, count: readerCount)
            let checkpointer = try Checkpointer(path: path) { [writer] in writer.startWALOver() }
            return Database(path: path, writer: writer, readers: readers, appliedMigrations: applied, checkpointer: checkpointer)
        } catch {
            await writer.close()
            throw error
        }
    }

    /// See `DatabaseWriter.write`: runs in the next batch, returns once committed to disk.
    public func write<T: Sendable>(_ job: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await writer.write(job)
    }

    /// See `DatabaseReaderPool.read`: runs on a free reader in one read transaction.
    public func read<T: Sendable>(_ job: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await readers.read(job)
    }

    /// Drains and stops the writer (every queued write commits), then the readers; the
    /// connections are closed when this returns.
    public func close() async {
        await writer.close()
        checkpointer.stop()
        await readers.close()
    }
}
