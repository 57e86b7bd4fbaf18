import Foundation
import Synchronization
import Testing
@testable import Storage

@Suite struct DatabaseWriterTests {
    @Test func writesRunOnTheDedicatedWriterThread() async throws {
        let (database, directory) = try await openTestDatabase()
        defer { directory.remove() }
        let name = try await database.write { _ in Thread.current.name ?? "" }
        #expect(name == "storage.writer")
        #expect(try await database.write { $0.isInTransaction })  // inside the batch transaction
        await database.close()
    }

    @Test func oneFailingJobIsRolledBackAloneAndTheRestOfItsBatchCommits() async throws {
        let (database, directory) = try await openTestDatabase()
        defer { directory.remove() }
        // Hold the writer so all 50 jobs queue up and land in one batch.
        let (gate, blocker) = await holdWriter(database)
        let before = database.writer.statistics

        let results = await withTaskGroup(of: (Int, Result<Void, any Error>).self) { group in
            for id in 1...50 {
                group.addTask {
                    let result = await capture {
                        try await database.write { connection in
                            try insertItem(connection, id: id)
                            if id == 17 {
                                try insertItem(connection, id: 1000)  // also undone
                                throw TestError(tag: 17)
                            }
                        }
                    }
                    return (id, result)
                }
            }
            #expect(await eventually { database.writer.pendingJobs == 50 })
            gate.open()
            var all: [Int: Result<Void, any Error>] = [:]
            for await (id, result) in group { all[id] = result }
            return all
        }
        try await blocker.value

        for (id, result) in results {
            switch result {
            case .success: #expect(id != 17)
            case .failure(let error):
                #expect(id == 17)
                #expect(error as? TestError == TestError(tag: 17))
            }
        }
        let ids = try await itemIDs(database)
        #expect(ids == Array(1...50).filter { $0 != 17 })
        let stats = database.writer.statistics
        #expect(stats.batches - before.batches == 1, "the 50 queued jobs should share one batch")
        #expect(stats.failedJobs - before.failedJobs == 1)
        // Found in the first pass (no savepoints), the failure sent the batch round again.
        #expect(stats.rerunBatches - before.rerunBatches == 1)
        #expect(stats.jobs - before.jobs == 50)  // the gate's job runs alone, outside batches
        #expect(stats.largestBatch >= 50)
        await database.close()
    }

    /// A batch in which no job fails runs once, without a savepoint per job: each job runs
    /// exactly once and nothing is run again.
    @Test func aBatchWithoutFailuresRunsEachJobOnce() async throws {
        let (database, directory) = try await openTestDatabase()
        defer { directory.remove() }
        let (gate, blocker) = await holdWriter(database)
        let before = database.writer.statistics
        let runs = Counter()
        let inSavepoint = Counter()
        await withTaskGroup(of: Void.self) { group in
            for id in 1...30 {
                group.addTask {
                    _ = try? await database.write { connection in
                        runs.increment()
                        // Releasing the batch's savepoint works only inside one.
                        if (try? connection.execute("RELEASE batch_job")) != nil { inSavepoint.increment() }
                        try insertItem(connection, id: id)
                    }
                }
            }
            #expect(await eventually { database.writer.pendingJobs == 30 })
            gate.open()
        }
        try await blocker.value
        #expect(try await itemIDs(database) == Array(1...30))
        #expect(runs.value == 30)
        #expect(inSavepoint.value == 0)
        let stats = database.writer.statistics
        #expect(stats.batches - before.batches == 1)
        #expect(stats.rerunBatches == before.rerunBatches)
        #expect(stats.jobs - before.jobs == 30)  // the gate's job runs alone, outside batches
        await database.close()
    }

    @Test func concurrentWritesAreGroupCommitted() async throws {
        let (database, directory) = try await openTestDatabase()
        defer { directory.remove() }
        let before = database.writer.statistics
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in 1...200 {
                group.addTask { try await database.write { try insertItem($0, id: id) } }
            }
            try await group.waitForAll()
        }
        let stats = database.writer.statistics
        let batches = stats.batches - before.batches
        #expect(stats.jobs - before.jobs == 200)
        #expect(batches < 100, "200 concurrent writes took \(batches) commits")
        #expect(try await itemIDs(database).count == 200)
        await database.close()
    }

    @Test func queuedJobsAreSplitAtTheBatchCap() async throws {
        let (database, directory) = try await openTestDatabase(maxBatchSize: 16)
        defer { directory.remove() }
        let (gate, blocker) = await holdWriter(database)
        let before = database.writer.statistics
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in 1...40 {
                group.addTask { try await database.write { try insertItem($0, id: id) } }
            }
            #expect(await eventually { database.writer.pendingJobs == 40 })
            gate.open()
            try await group.waitForAll()
        }
        try await blocker.value
        let stats = database.writer.statistics
        // The blocker's own batch ends when it returns, then 16 + 16 + 8.
        #expect(stats.batches - before.batches == 3)
        #expect(stats.largestBatch == 16)
        #expect(try await itemIDs(database) == Array(1...40))
        await database.close()
    }

    /// Jobs queued while a batch runs join it before its COMMIT: one fsync for all, and
    /// they do not wait for that fsync only to pay for their own.
    @Test func jobsQueuedDuringABatchJoinItsCommit() async throws {
        let (database, directory) = try await openTestDatabase()
        defer { directory.remove() }
        let before = database.writer.statistics
        let (gate, first) = await holdWriterInBatch(database, inserting: 100)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in 1...10 {
                group.addTask { try await database.write { try insertItem($0, id: id) } }
            }
            #expect(await eventually { database.writer.pendingJobs == 10 })
            gate.open()
            try await group.waitForAll()
        }
        try await first.value
        let stats = database.writer.statistics
        #expect(stats.batches - before.batches == 1)
        #expect(stats.jobs - before.jobs == 11)
        #expect(try await itemIDs(database) == Array(1...10) + [100])
        await database.close()
    }

    /// The top-up stops at a job that must run alone: queue order holds across both kinds.
    @Test func aBatchTopUpDoesNotPassAJobThatRunsAlone() async throws {
        let (database, directory) = try await openTestDatabase()
        defer { directory.remove() }
        let (gate, first) = await holdWriterInBatch(database, inserting: 1)
        let alone = Task { try await database.writer.writeWithoutTransaction { connection in
            try connection.query("SELECT id FROM items ORDER BY id") { $0.int(at: 0) }
        } }
        #expect(await eventually { database.writer.pendingJobs == 1 })
        let last = Task { try await database.write { try insertItem($0, id: 2) } }
        #expect(await eventually { database.writer.pendingJobs == 2 })
        gate.open()
        try await first.value
        try await last.value
        #expect(try await alone.value == [1])
        #expect(try await itemIDs(database) == [1, 2])
        await database.close()
    }

    @Test func aFailedCommitFailsEveryJobOfTheBatch() async throws {
        let schema = Migration(version: 1, name: "deferred", sql: """
            CREATE TABLE parent (id INTEGER PRIMARY KEY);
            CREATE TABLE child (id INTEGER PRIMARY KEY,
                parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);
            """)
        let (database, directory) = try await openTestDatabase(migrations: [schema])
        defer { directory.remove() }
        let (gate, blocker) = await holdWriter(database)

        let results = await withTaskGroup(of: (Int, Result<Void, any Error>).self) { group in
            for id in 1...6 {
                group.addTask {
                    let result = await capture {
                        try await database.write { connection in
                            switch id {
                            case 3:  // passes its statement, fails the deferred check at COMMIT
                                try connection.execute("INSERT INTO child VALUES (?, ?)", [1, 999])
                            case 5:
                                throw TestError(tag: 5)
                            default:
                                try connection.execute("INSERT INTO parent VALUES (?)", [SQLValue(id)])
                            }
                        }
                    }
                    return (id, result)
                }
            }
            #expect(await eventually { database.writer.pendingJobs == 6 })
            gate.open()
            var all: [Int: Result<Void, any Error>] = [:]
            for await (id, result) in group { all[id] = result }
            return all
        }
        try await blocker.value

        #expect(results.count == 6)
        for (id, result) in results {
            guard case .failure(let error) = result else {
                Issue.record("job \(id) succeeded although COMMIT failed")
                continue
            }
            if id == 5 {
                #expect(error as? TestError == TestError(tag: 5))  // keeps its own error
            } else {
                #expect((error as? SQLiteError)?.isForeignKeyViolation == true, "job \(id): \(error)")
            }
        }
        #expect(try await database.read { try $0.scalar("SELECT count(*) FROM parent") } == .integer(0))
        // The writer recovered: the next batch commits.
        try await database.write { try $0.execute("INSERT INTO parent VALUES (?)", [7]) }
        #expect(try await database.read { try $0.scalar("SELECT count(*) FROM parent") } == .integer(1))
        #expect(database.writer.statistics.failedBatches == 1)
        await database.close()
    }

    @Test func aJobThatRollsBackTheWholeTransactionOnlyCostsItsBatchPredecessors() async throws {
        let (database, directory) = try await openTestDatabase()
        defer { directory.remove() }
        try await database.write { try insertItem($0, id: 500) }
        let (gate, blocker) = await holdWriter(database)

        let results = await withTaskGroup(of: (Int, Result<Void, any Error>).self) { group in
            for id in 1...5 {
                group.addTask {
                    let result = await capture {
                        try await database.write { connection in
                            if id == 3 {
                                // OR ROLLBACK ends the whole transaction on the conflict.
                                try connection.execute("INSERT OR ROLLBACK INTO items (id, label) VALUES (?, ?)", [500, "dup"])
                            } else {
                                try insertItem(connection, id: id)
                            }
                        }
                    }
                    return (id, result)
                }
                // Submit in order, so jobs 1 and 2 run before job 3 and 4, 5 after it.
                _ = await eventually { database.writer.pendingJobs == id }
            }
            gate.open()
            var all: [Int: Result<Void, any Error>] = [:]
            for await (id, result) in group { all[id] = result }
            return all
        }
        try await blocker.value

        for id in [1, 2] {
            guard case .failure(let error) = results[id] else { Issue.record("job \(id) should have failed"); continue }
            #expect(error as? StorageError == .batchTransactionLost)
        }
        guard case .failure(let error) = results[3] else { Issue.record("job 3 should have failed"); return }
        #expect((error as? SQLiteError)?.isConstraintViolation == true)
        for id in [4, 5] {
            guard case .success = results[id] else { Issue.record("job \(id) should have been retried and committed"); continue }
        }
        #expect(try await itemIDs(database) == [4, 5, 500])
        await database.close()
    }

    @Test func closeDrainsQueuedWritesThenRefusesNewOnes() async throws {
        let (database, directory) = try await openTestDatabase()
        defer { directory.remove() }
        let (gate, blocker) = await holdWriter(database)
        let writes = (1...20).map { id in Task { try await database.write { try insertItem($0, id: id) } } }
        #expect(await eventually { database.writer.pendingJobs == 20 })
        let closing = Task { await database.writer.close() }
        #expect(await eventually { database.writer.isClosed })
        #expect(database.writer.pendingJobs == 20)
        gate.open()
        await closing.value
        try await blocker.value
        for write in writes { try await write.value }
        await #expect(throws: StorageError.closed) { try await database.write { try insertItem($0, id: 99) } }
        await database.close()

        // Everything acknowledged is in the file.
        let connection = try Connection(path: directory.file("test.sqlite"))
        #expect(try connection.query("SELECT id FROM items ORDER BY id") { $0.int(at: 0) } == Array(1...20))
    }

    /// The observer runs on every commit for the life of the process: reaching it must not
    /// cost more after thousands of commits than after the first (it once grew two frames
    /// per commit, which would end in a stack overflow of the writer thread).
    @Test func theCommitObserverIsReachedAtTheSameStackDepthOnEveryCommit() async throws {
        let (database, directory) = try await openTestDatabase()
        defer { directory.remove() }
        let depths = Mutex<[Int]>([])
        database.writer.observeCommits { _, _ in
            let depth = Thread.callStackReturnAddresses.count
            depths.withLock { $0.append(depth) }
        }
        for id in 1...300 { try await database.write { try insertItem($0, id: id) } }
        await database.close()
        let seen = depths.withLock { $0 }
        #expect(seen.count >= 300)
        #expect(seen.first == seen.last, "stack depth at the observer went from \(seen.first ?? 0) to \(seen.last ?? 0)")
    }

    @Test func writeWithoutTransactionRunsAloneOutsideTheBatch() async throws {
        let (database, directory) = try await openTestDatabase()
        defer { directory.remove() }
        let inTransaction = try await database.writer.writeWithoutTransaction { $0.isInTransaction }
        #expect(!inTransaction)
        // Work left uncommitted by such a job does not leak into the next batch.
        try await database.writer.writeWithoutTransaction { connection in
            try connection.execute("BEGIN")
            try insertItem(connection, id: 1)
        }
        try await database.write { try insertItem($0, id: 2) }
        #expect(try await itemIDs(database) == [2])
        await database.close()
    }
}

func capture<T>(_ body: () async throws -> T) async -> Result<T, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}
