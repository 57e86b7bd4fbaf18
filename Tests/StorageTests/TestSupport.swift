import Foundation
import Synchronization
import Testing
@testable import Storage

/// A fresh directory under the system temp dir, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("storage-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// The repository root, found from this file's location (Tests/StorageTests/…).
func repositoryRoot(filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

struct TestError: Error, Equatable {
    let tag: Int
}

/// Holds the writer thread inside a job until `gate.open()`, so the jobs queued meanwhile
/// wait behind it (and land in one batch); `blocker` ends with that job.
func holdWriter(_ database: Database) async -> (gate: WriterGate, blocker: Task<Void, any Error>) {
    let gate = WriterGate()
    // A job run alone: a batched one would take the jobs queued behind it into its own
    // transaction (the writer tops a batch up before its COMMIT).
    let blocker = Task { try await database.writer.writeWithoutTransaction { _ in gate.block() } }
    #expect(await eventually { gate.isEntered })
    return (gate, blocker)
}

/// Holds the writer thread inside a batched job that then inserts `id`, so jobs queued
/// meanwhile can join its batch (the writer tops a batch up before its COMMIT).
func holdWriterInBatch(_ database: Database, inserting id: Int) async -> (gate: WriterGate, blocker: Task<Void, any Error>) {
    let gate = WriterGate()
    let blocker = Task { try await database.write { connection in
        gate.block()
        try insertItem(connection, id: id)
    } }
    #expect(await eventually { gate.isEntered })
    return (gate, blocker)
}

/// Holds the writer thread inside a job until released, so tests can queue jobs behind
/// it and know exactly which batch they land in.
final class WriterGate: Sendable {
    private let entered = Atomic<Bool>(false)
    private let release = DispatchSemaphore(value: 0)

    /// The job to submit: it signals that the writer is inside it and blocks (at most 30 s).
    func block() {
        entered.store(true, ordering: .sequentiallyConsistent)
        _ = release.wait(timeout: .now() + 30)
    }

    var isEntered: Bool { entered.load(ordering: .sequentiallyConsistent) }

    func open() { release.signal() }
}

/// Polls `condition` until true or the timeout passes; returns the last value.
@discardableResult
func eventually(timeout: Duration = .seconds(20), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(2))
    }
    return condition()
}

let itemsTable = Migration(
    version: 1, name: "items",
    sql: "CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT NOT NULL, payload BLOB)")

/// Opens a database in a fresh directory with the `items` test schema.
func openTestDatabase(
    migrations: [Migration] = [itemsTable], maxBatchSize: Int = DatabaseWriter.defaultMaxBatchSize
) async throws -> (Database, TemporaryDirectory) {
    let directory = try TemporaryDirectory()
    let database = try await Database.open(
        path: directory.file("test.sqlite"), migrations: migrations, maxBatchSize: maxBatchSize)
    return (database, directory)
}

func insertItem(_ connection: Connection, id: Int, label: String = "x") throws {
    try connection.execute("INSERT INTO items (id, label) VALUES (?, ?)", [SQLValue(id), .text(label)])
}

func itemIDs(_ database: Database) async throws -> [Int] {
    try await database.read { try $0.query("SELECT id FROM items ORDER BY id") { $0.int(at: 0) } }
}

final class Counter: Sendable {
    private let count = Atomic<Int>(0)
    func increment() { count.add(1, ordering: .sequentiallyConsistent) }
    var value: Int { count.load(ordering: .sequentiallyConsistent) }
}
