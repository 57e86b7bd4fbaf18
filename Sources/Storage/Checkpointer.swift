import Dispatch
import Foundation
import Synchronization

/// Copies committed WAL pages back into the database file on a thread of its own, so
/// the writer never does it inside a commit (SQLite's automatic checkpoint runs in the
/// commit that crosses the threshold and writes and syncs the whole file meanwhile).
///
/// PASSIVE checkpoints never wait for readers or the writer. Under steady load that is
/// not enough: SQLite only starts the WAL over when a write begins with no reader on an
/// older snapshot, which busy readers rarely allow, so the file grew by gigabytes.
///
/// So once the log holds `restartBytes` of frames, this thread flushes the database file
/// (which SQLite itself does only after a checkpoint that reaches the log's end), and then
/// `startOver` has the writer, between two batches, copy and flush the few frames left
/// and wait briefly for the readers (a RESTART checkpoint); its next transaction starts
/// the WAL over from its beginning, in place. Writing over pages the file has already
/// costs far less than extending it: no block allocation, no zeroing of each new page,
/// and no change of the file's size for `fdatasync` to journal. Only a WAL file past
/// `truncateBytes` (after a burst in which restarts kept failing) is truncated to give
/// the disk back. Durability is the WAL's: a checkpoint moves committed pages, it commits
/// nothing.
final class Checkpointer: Sendable {
    private let stopSignal = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let stopped = Atomic<Bool>(false)
    private let runs = RunCount()
    private let syncs = RunCount()

    /// Starts the thread on its own connection to `path`, checkpointing every `interval`.
    init(path: String, interval: Double = 1.0, restartBytes: Int = 16 << 20, truncateBytes: Int = 256 << 20,
         startOver: @escaping @Sendable () -> Void) throws {
        var configuration = Connection.Configuration.writer
        configuration.createIfMissing = false
        configuration.pageCacheKiB = nil
        // TRUNCATE holds new writes back while it waits for readers; waiting briefly and
        // trying again next second keeps that short (past its busy timeout it does what a
        // PASSIVE would). With the writer's 5 s it could outlast the writer's own timeout,
        // which failed a whole batch under load.
        configuration.busyTimeoutMilliseconds = 100
        let connection = try Connection(path: path, configuration: configuration)
        let frameBytes = Int((try? connection.scalar("PRAGMA page_size")?.int64Value) ?? 4096) + 24
        let box = ConnectionBox(connection)
        let stopSignal = self.stopSignal, finished = self.finished
        let runs = self.runs, syncs = self.syncs
        let thread = Thread {
            nameCurrentThread("storage.ckpt")
            let connection = box.take()
            // A failed flush is left to the writer's RESTART, which flushes as it always did.
            func flushDatabaseFile() {
                if (try? connection.syncDatabaseFile()) != nil { syncs.value.add(1, ordering: .relaxed) }
            }
            while stopSignal.wait(timeout: .now() + interval) == .timedOut {
                // A failure (SQLITE_BUSY while another checkpoint runs) is retried next time.
                // The row: busy, frames in the log since it last started over, frames copied.
                let logFrames = (try? connection.queryFirst("PRAGMA wal_checkpoint(PASSIVE)") { $0.int64(at: 1) }) ?? nil
                // Copied already, so the writer's RESTART copies only what came since, and
                // TRUNCATE holds writers back only while it waits for readers.
                if let logFrames, Int(logFrames) * frameBytes > restartBytes {
                    // Under steady writes no PASSIVE pass reaches the log's end, and SQLite
                    // flushes the database file only in one that does: the writer's RESTART
                    // would flush every page copied since the last restart (40 ms with a
                    // large file), holding up every write meanwhile. So this thread flushes
                    // what it copied, copies what came in during that, and flushes again,
                    // leaving the writer a few milliseconds of frames to copy and flush.
                    flushDatabaseFile()
                    _ = try? connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
                    flushDatabaseFile()
                    startOver()
                }
                let walBytes = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
                if walBytes > truncateBytes { try? connection.execute("PRAGMA wal_checkpoint(TRUNCATE)") }
                runs.value.add(1, ordering: .relaxed)
            }
            finished.signal()
        }
        thread.start()
    }

    /// Checkpoints run so far (for tests).
    var completedRuns: Int { runs.value.load(ordering: .relaxed) }

    /// Flushes of the database file this thread made before asking the writer to start
    /// the WAL over (for tests).
    var databaseSyncs: Int { syncs.value.load(ordering: .relaxed) }

    /// Stops the thread and waits for it; its connection closes with it.
    func stop() {
        guard !stopped.exchange(true, ordering: .relaxed) else { return }
        stopSignal.signal()
        finished.wait()
    }

    deinit { stop() }
}

/// A counter the thread and the owner share.
private final class RunCount: Sendable {
    let value = Atomic<Int>(0)
}

/// Hands a connection to the thread that will own it: it is created on the caller's
/// thread (so opening errors reach the caller) and used only by the new thread after.
private final class ConnectionBox: @unchecked Sendable {
    private var connection: Connection?
    init(_ connection: Connection) { self.connection = connection }
    /// Called once, by the owning thread, before any use.
    func take() -> Connection {
        guard let connection else { preconditionFailure("the checkpointer's connection was taken twice") }
        self.connection = nil
        return connection
    }
}
