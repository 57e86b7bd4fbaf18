import Testing
@testable import Storage

/// The writer's per-statement timing (`metrics_statement_times`): off until asked for,
/// then every statement of every job counted under its text, until turned off again.
@Suite struct StatementTimesTests {
    static let insert = """
        INSERT INTO items (id, label)
            VALUES (?, ?)
        """

    @Test("Timing counts each statement the writer runs, by its text on one line, only while it is on")
    func countsWhileOn() async throws {
        let (database, directory) = try await openTestDatabase()
        defer { directory.remove() }
        let times = StatementTimes()
        // Before it is asked for, nothing is timed.
        try await database.write { try $0.execute(Self.insert, [.integer(1), .text("before")]) }
        #expect(times.snapshot().isEmpty)

        try await database.writer.timeStatements(into: times)
        for id in 2...4 {
            try await database.write { try $0.execute(Self.insert, [.integer(Int64(id)), .text("timed")]) }
        }
        let count = try await database.write { try $0.scalar("SELECT count(*) FROM items")?.int64Value }
        #expect(count == 4)
        // Reads on the reader pool are not the writer's time.
        _ = try await database.read { try $0.scalar("SELECT count(*) FROM items WHERE id > ?", [.integer(0)]) }

        let timed = times.snapshot()
        #expect(timed.map(\.statement) == ["INSERT INTO items (id, label) VALUES (?, ?)", "SELECT count(*) FROM items"]
                || timed.map(\.statement) == ["SELECT count(*) FROM items", "INSERT INTO items (id, label) VALUES (?, ?)"])
        #expect(timed.first { $0.statement.hasPrefix("INSERT") }?.total.calls == 3)
        #expect(timed.first { $0.statement.hasPrefix("SELECT") }?.total.calls == 1)
        #expect(timed.allSatisfy { $0.total.nanoseconds > 0 })

        try await database.writer.timeStatements(into: nil)
        try await database.write { try $0.execute(Self.insert, [.integer(5), .text("after")]) }
        #expect(times.snapshot().first { $0.statement.hasPrefix("INSERT") }?.total.calls == 3)
        await database.close()
    }

    @Test("The snapshot puts the most time first and merges texts that differ only in white space")
    func ordersAndMerges() {
        let times = StatementTimes()
        times.record("SELECT 1", nanoseconds: 10)
        times.record("DELETE FROM t\n   WHERE id = ?", nanoseconds: 50)
        times.record("DELETE FROM t WHERE id = ?", nanoseconds: 5)
        let snapshot = times.snapshot()
        #expect(snapshot.map(\.statement) == ["DELETE FROM t WHERE id = ?", "SELECT 1"])
        #expect(snapshot.first?.total == StatementTimes.Total(calls: 2, nanoseconds: 55))
    }
}
