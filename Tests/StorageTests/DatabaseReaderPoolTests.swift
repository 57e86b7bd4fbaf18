import Foundation
import Synchronization
import Testing
@testable import Storage

@Suite struct DatabaseReaderPoolTests {
    @Test func readersSeeCommittedWrites() async throws {
        let (database, directory) = try await openTestDatabase()
        defer { directory.remove() }
        for id in 1...10 {
            try await database.write { try insertItem($0, id: id, label: "item \(id)") }
            // Acknowledged means committed: every reader sees it at once.
            let label = try await database.read { try $0.scalar("SELECT label FROM items WHERE id = ?", [SQLValue(id)]) }
            #expect(label == .text("item \(id)"))
        }
        await database.close()
    }

    @Test func twoReadsRunAtTheSameTimeOnTwoReaderThreads() async throws {
        let (database, directory) = try await openTestDatabase()
        defer { directory.remove() }
        let arrived = Counter()
        // Each read waits (up to 10 s) for the other to have started: only possible when
        // two reader threads run them in parallel.
        let rendezvous: @Sendable (Connection) throws -> (Bool, String) = { _ in
            arrived.increment()
            let deadline = Date().addingTimeInterval(10)
            while arrived.value < 2 && Date() < deadline { usleep(1_000) }
            return (arrived.value >= 2, Thread.current.name ?? "")
        }
        async let first = database.read(rendezvous)
        async let second = database.read(rendezvous)
        let (a, b) = try await (first, second)
        #expect(a.0 && b.0)
        #expect(Set([a.1, b.1]) == ["storage.read.1", "storage.read.2"])
        await database.close()
    }

    @Test func aReadDoesNotWaitForAWriteInProgress() async throws {
        let (database, directory) = try await openTestDatabase()
        defer { directory.remove() }
        try await database.write { try insertItem($0, id: 1) }
        let gate = WriterGate()
        // The writer is inside a transaction that has inserted row 2 and not committed.
        let pending = Task {
            try await database.write { connection in
                try insertItem(connection, id: 2)
                gate.block()
            }
        }
        #expect(await eventually { gate.isEntered })
        let ids = try await itemIDs(database)
        #expect(ids == [1])  // answered while the writer is blocked, without the uncommitted row
        gate.open()
        try await pending.value
        #expect(try await itemIDs(database) == [1, 2])
        await database.close()
    }

    @Test func readersRefuseWrites() async throws {
        let (database, directory) = try await openTestDatabase()
        defer { directory.remove() }
        await #expect(throws: SQLiteError.self) { try await database.read { try insertItem($0, id: 1) } }
        #expect(try await itemIDs(database).isEmpty)
        await database.close()
    }

    /// Readers read pages with pread, never through a mapping of the file: SQLite drops a
    /// reader's mapping after every commit, and mapping again cost more than the reads.
    @Test func readersDoNotMapTheDatabaseFile() async throws {
        let (database, directory) = try await openTestDatabase()
        defer { directory.remove() }
        for id in 1...5 {
            try await database.write { try insertItem($0, id: id, label: String(repeating: "x", count: 3_000)) }
        }
        // Pages moved into the file itself, where a reader with mmap would map them from.
        let side = try Connection(path: database.path)
        try side.execute("PRAGMA wal_checkpoint(PASSIVE)")
        for id in 6...8 {
            try await database.write { try insertItem($0, id: id) }
            #expect(try await itemIDs(database).count == id)
        }
        let mmap = try await database.read { try $0.scalar("PRAGMA mmap_size") }
        #expect(mmap == .integer(0))
        // The file itself, not its -wal or -shm (the WAL index is always shared memory).
        let maps = try String(contentsOfFile: "/proc/self/maps", encoding: .utf8)
        let file = URL(fileURLWithPath: database.path).resolvingSymlinksInPath().path
        let mapped = maps.split(separator: "\n").filter { $0.hasSuffix(" " + file) }
        #expect(mapped.isEmpty, "mapped: \(mapped)")
        await database.close()
    }

    @Test func aReadSeesOneSnapshot() async throws {
        let (database, directory) = try await openTestDatabase()
        defer { directory.remove() }
        try await database.write { try insertItem($0, id: 1) }
        let gate = WriterGate()
        let counts = Task {
            try await database.read { connection -> (Int64?, Int64?) in
                let before = try connection.scalar("SELECT count(*) FROM items")?.int64Value
                gate.block()  // a write commits meanwhile
                let after = try connection.scalar("SELECT count(*) FROM items")?.int64Value
                return (before, after)
            }
        }
        #expect(await eventually { gate.isEntered })
        try await database.write { try insertItem($0, id: 2) }
        gate.open()
        let (before, after) = try await counts.value
        #expect(before == 1 && after == 1)
        #expect(try await itemIDs(database) == [1, 2])
        await database.close()
    }

    @Test func closedPoolRefusesReads() async throws {
        let (database, directory) = try await openTestDatabase()
        defer { directory.remove() }
        await database.close()
        await #expect(throws: StorageError.closed) { try await database.read { _ in 1 } }
    }
}
