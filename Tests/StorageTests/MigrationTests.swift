import Foundation
import Testing
@testable import Storage

@Suite struct MigrationTests {
    private func tableNames(_ connection: Connection) throws -> [String] {
        try connection.query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name") { $0.string(at: 0) ?? "" }
    }

    @Test func appliesEmbeddedMigrationsToAnEmptyDatabaseThenNothing() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("agent.sqlite")

        let first = try await Database.open(path: path)
        #expect(first.appliedMigrations.map(\.version) == EmbeddedMigrations.all.map(\.version))
        #expect(first.appliedMigrations.first?.name == "foundation")
        let recorded = try await first.read { connection in
            try connection.query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version") {
                ($0.int(at: 0), $0.string(at: 1) ?? "", $0.string(at: 2) ?? "")
            }
        }
        #expect(recorded.map(\.0) == EmbeddedMigrations.all.map(\.version))
        #expect(recorded.first?.1 == "foundation")
        #expect(recorded.allSatisfy { $0.2.hasSuffix("Z") && $0.2.count >= 20 })
        // The foundation table works.
        try await first.write { try $0.execute("INSERT INTO agent_settings (key, value) VALUES (?, ?)", ["k", "v"]) }
        #expect(try await first.read { try $0.scalar("SELECT value FROM agent_settings WHERE key = ?", ["k"]) } == .text("v"))
        await first.close()

        let second = try await Database.open(path: path)
        #expect(second.appliedMigrations.isEmpty)
        #expect(try await second.read { try $0.scalar("SELECT value FROM agent_settings WHERE key = ?", ["k"]) } == .text("v"))
        await second.close()
    }

    @Test func appliesOnlyWhatIsPending() throws {
        let connection = try Connection(path: ":memory:")
        let one = Migration(version: 1, name: "one", sql: "CREATE TABLE one (a INTEGER);")
        let two = Migration(version: 2, name: "two", sql: "CREATE TABLE two (b INTEGER);")
        #expect(try Migrator(migrations: [one]).migrate(connection) == [one])
        // Given out of order; applied in version order, only the new one.
        #expect(try Migrator(migrations: [two, one]).migrate(connection) == [two])
        #expect(try Migrator(migrations: [one, two]).migrate(connection) == [])
        #expect(try Migrator(migrations: [one, two]).appliedVersions(on: connection) == [1, 2])
        #expect(try tableNames(connection) == ["one", "schema_migrations", "two"])
    }

    @Test func refusesASchemaNewerThanKnown() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("agent.sqlite")
        let database = try await Database.open(path: path)
        try await database.write {
            try $0.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", [9999, "future", "2099-01-01T00:00:00Z"])
        }
        await database.close()

        let known = EmbeddedMigrations.all.last?.version ?? 0
        await #expect(throws: MigrationError.schemaNewerThanKnown(found: 9999, known: known)) {
            _ = try await Database.open(path: path)
        }
        let connection = try Connection(path: path)
        #expect(throws: MigrationError.schemaNewerThanKnown(found: 9999, known: known)) {
            try Migrator(migrations: EmbeddedMigrations.all).migrate(connection)
        }
    }

    @Test func aFailingMigrationRollsBackEntirely() throws {
        let connection = try Connection(path: ":memory:")
        let good = Migration(version: 1, name: "good", sql: "CREATE TABLE good (a INTEGER);")
        let bad = Migration(version: 2, name: "bad", sql: """
            CREATE TABLE partial (a INTEGER);
            INSERT INTO partial VALUES (1);
            CREATE TABLE broken (;
            """)
        do {
            try Migrator(migrations: [good, bad]).migrate(connection)
            Issue.record("a broken migration was applied")
        } catch MigrationError.failed(let version, let name, let error) {
            #expect(version == 2 && name == "bad")
            #expect(error.primaryCode == 1)  // SQLITE_ERROR: syntax
        }
        #expect(!connection.isInTransaction)
        #expect(try tableNames(connection) == ["good", "schema_migrations"])
        #expect(try Migrator(migrations: [good, bad]).appliedVersions(on: connection) == [1])
    }

    @Test func aMigrationLeavingForeignKeyViolationsIsRolledBack() throws {
        let connection = try Connection(path: ":memory:")
        let bad = Migration(version: 1, name: "orphans", sql: """
            CREATE TABLE parent (id INTEGER PRIMARY KEY);
            CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);
            INSERT INTO child VALUES (1, 42);
            """)
        #expect(throws: MigrationError.foreignKeyViolations(version: 1, name: "orphans", count: 1)) {
            try Migrator(migrations: [bad]).migrate(connection)
        }
        #expect(try tableNames(connection) == ["schema_migrations"])
    }

    @Test func rejectsDuplicateAndNonPositiveVersions() {
        let a = Migration(version: 3, name: "a", sql: "SELECT 1")
        #expect(throws: MigrationError.duplicateVersion(3)) { try Migrator(migrations: [a, a]) }
        #expect(throws: MigrationError.invalidVersion(0)) {
            try Migrator(migrations: [Migration(version: 0, name: "z", sql: "SELECT 1")])
        }
    }
}
