import Foundation
import Synchronization
import Testing
@testable import Storage

/// WAL checkpoints happen off the writer thread: the writer's own are off, and the
/// checkpointer copies committed pages back into the database file.
@Suite struct CheckpointerTests {
    /// `count` inserts of `bytes`-byte payloads, all queued at once (so they share batches).
    static func insertBurst(_ database: Database, count: Int, label: String, bytes: Int) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<count {
                group.addTask {
                    try await database.write { db in
                        try db.execute("INSERT INTO items (label, payload) VALUES (?, ?)",
                                       [.text("\(label) i\(index)"), .blob(Array(repeating: 9, count: bytes))])
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    @Test("The writer never checkpoints in a commit; the checkpointer empties the WAL into the file")
    func checkpointsRunOffTheWriter() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("ckpt.sqlite")
        let database = try await Database.open(path: path, migrations: [itemsTable])
        let autoCheckpoint = try await database.writer.writeWithoutTransaction { db in
            try db.scalar("PRAGMA wal_autocheckpoint")?.int64Value
        }
        #expect(autoCheckpoint == 0)
        try await Self.insertBurst(database, count: 400, label: "item", bytes: 2000)
        let runsBefore = database.checkpointer.completedRuns
        let deadline = ContinuousClock.now + .seconds(30)
        while database.checkpointer.completedRuns < runsBefore + 2 && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        // Nothing is left to copy: a checkpoint now finds every WAL frame already in the file.
        let probe = try Connection(path: path, configuration: .reader)
        let state = try probe.query("PRAGMA wal_checkpoint(PASSIVE)") { row in (row.int64(at: 1), row.int64(at: 2)) }.first
        #expect(state.map { $0.0 == $0.1 } == true)
        let fileSize = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        #expect(fileSize > 400 * 2000)
        await database.close()
    }

    @Test("Under steady reads the WAL is emptied once it passes its bound, instead of growing without end")
    func walStaysBounded() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("bounded.sqlite")
        let database = try await Database.open(path: path, migrations: [itemsTable])
        let checkpointer = try Checkpointer(path: path, interval: 0.05, restartBytes: 1 << 40, truncateBytes: 1 << 20) {}
        let reading = Task {
            while !Task.isCancelled {
                _ = try? await database.read { try $0.scalar("SELECT count(*) FROM items") }
            }
        }
        for round in 0..<30 { try await Self.insertBurst(database, count: 20, label: "r\(round)", bytes: 8000) }
        reading.cancel()
        // About 5 MiB went through the WAL; its file never needs to stay above the bound.
        let deadline = ContinuousClock.now + .seconds(20)
        func walSize() -> Int { (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0 }
        while walSize() > 1 << 20 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(walSize() <= 1 << 20)
        #expect(try await database.read { try $0.scalar("SELECT count(*) FROM items")?.int64Value } == 600)
        checkpointer.stop()
        await database.close()
    }

    @Test("Under steady reads the WAL starts over in place once its log passes the restart bound")
    func walStartsOverInPlace() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("restart.sqlite")
        let database = try await Database.open(path: path, migrations: [itemsTable])
        // The database's own checkpointer (every second, at 16 MiB) is too slow to keep the
        // WAL under the bound below; this one restarts it at 256 KiB.
        let checkpointer = try Checkpointer(path: path, interval: 0.05, restartBytes: 256 << 10, truncateBytes: 1 << 40) {
            database.writer.startWALOver()
        }
        let reading = Task {
            while !Task.isCancelled {
                _ = try? await database.read { try $0.scalar("SELECT count(*) FROM items") }
            }
        }
        func walSize() -> Int { (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0 }
        let runsBefore = checkpointer.completedRuns
        // Writes for a second at least and 8 MiB at least through the WAL, letting the
        // checkpointer take two turns after every 2 bursts (about 0.5 MiB of log): on a
        // machine busy with other suites its thread could otherwise fall far behind the
        // writer, and the WAL grow between two turns whatever the restart bound.
        let started = ContinuousClock.now
        var rounds = 0
        while ContinuousClock.now - started < .seconds(1) || rounds < 64 {
            try await Self.insertBurst(database, count: 20, label: "r\(rounds)", bytes: 8000)
            rounds += 1
            if rounds % 2 == 0 {
                let turns = checkpointer.completedRuns
                _ = await eventually(timeout: .seconds(5)) { checkpointer.completedRuns >= turns + 2 }
            }
        }
        reading.cancel()
        #expect(checkpointer.completedRuns > runsBefore)
        // Restarted in place, the WAL file stays a fraction of what went through it, and it
        // is never truncated here, so it was written over. (Without the restarts it holds
        // all of it, or at least the 16 MiB the database's own checkpointer lets it reach.)
        let size = walSize(), written = rounds * 20 * 8000
        #expect(size > 0 && size < written / 4)
        #expect(try await database.read { try $0.scalar("SELECT count(*) FROM items")?.int64Value } == Int64(rounds * 20))
        checkpointer.stop()
        await database.close()
    }

    @Test("Before the writer starts the WAL over, the checkpointer has flushed the database file twice")
    func flushesTheFileBeforeTheWriterRestarts() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("flush.sqlite")
        let database = try await Database.open(path: path, migrations: [itemsTable])
        let requests = RestartRequests()
        let checkpointer = try Checkpointer(path: path, interval: 0.02, restartBytes: 64 << 10, truncateBytes: 1 << 40) {
            requests.count.add(1, ordering: .relaxed)
            database.writer.startWALOver()
        }
        // Writes keep coming while the checkpointer runs, as under load, so no PASSIVE
        // pass reaches the log's end (the only kind after which SQLite flushes the file).
        for round in 0..<40 { try await Self.insertBurst(database, count: 10, label: "f\(round)", bytes: 4000) }
        _ = await eventually(timeout: .seconds(5)) { requests.count.load(ordering: .relaxed) > 0 }
        checkpointer.stop()
        let asked = requests.count.load(ordering: .relaxed)
        #expect(asked > 0)
        #expect(checkpointer.databaseSyncs == 2 * asked)
        #expect(try await database.read { try $0.scalar("PRAGMA integrity_check")?.stringValue } == "ok")
        #expect(try await database.read { try $0.scalar("SELECT count(*) FROM items")?.int64Value } == 400)
        await database.close()
    }
}

/// Counts the checkpointer's requests to start the WAL over.
private final class RestartRequests: Sendable {
    let count = Atomic<Int>(0)
}
