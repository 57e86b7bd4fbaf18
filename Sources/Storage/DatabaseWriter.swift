import Foundation
import Synchronization

/// Counters of the writer's group commit, for tests, the benchmark and metrics.
public struct WriterStatistics: Sendable, Equatable {
    /// Batch transactions attempted (each is one BEGIN IMMEDIATE … COMMIT, one fsync).
    public var batches: Int = 0
    /// Batches whose transaction failed as a whole (BEGIN, COMMIT or the transaction lost).
    public var failedBatches: Int = 0
    /// Write jobs run inside batches, whatever their outcome.
    public var jobs: Int = 0
    /// Jobs that threw and were rolled back to their savepoint alone.
    public var failedJobs: Int = 0
    /// Batches rolled back after a job threw in the first pass (no savepoints) and run
    /// again job by job.
    public var rerunBatches: Int = 0
    /// The most jobs one batch held.
    public var largestBatch: Int = 0
    /// Jobs run alone through `writeWithoutTransaction`.
    public var exclusiveJobs: Int = 0

    /// Jobs per batch on average; 0 before the first batch.
    public var meanBatchSize: Double { batches == 0 ? 0 : Double(jobs) / Double(batches) }
}

/// The single writer: one SQLite connection owned by one dedicated thread (never
/// Swift's cooperative pool, never a caller's thread), with group commit.
///
/// Whatever jobs queued up while the thread was busy run together in ONE transaction
/// (BEGIN IMMEDIATE … COMMIT, synchronous=FULL): a job that throws is rolled back alone
/// and gets its error, the others commit (the batch is then run again with a SAVEPOINT
/// around each job; see `WriterEngine.runBatch`). Callers are
/// resumed only after COMMIT returned, so an acknowledged write is on disk; if COMMIT
/// fails, every job that had succeeded gets the commit error.
///
/// Jobs must not run BEGIN/COMMIT/ROLLBACK themselves (use `Connection.savepoint` for
/// nested undo, `writeWithoutTransaction` for full control). Avoid DEFERRABLE INITIALLY
/// DEFERRED constraints: they are checked at COMMIT, so one violation fails the batch.
public final class DatabaseWriter: Sendable {
    /// Jobs handed to the thread. `batched` jobs share the batch transaction;
    /// `exclusive` ones run alone, outside any transaction the writer opens.
    enum Item: Sendable {
        case batched(BatchedJob)
        case exclusive(@Sendable (Connection) -> Void)
    }

    struct BatchedJob: Sendable {
        /// Runs the caller's closure on the writer thread. The returned outcome stays on
        /// that thread and answers the caller once the batch's fate is known.
        let run: @Sendable (Connection) -> JobOutcome
        /// Answers the caller without running the job.
        let abandon: @Sendable (any Error) -> Void
    }

    struct JobOutcome {
        let failed: Bool
        /// nil: answer with the job's own result; an error: the batch failed, answer with it.
        let finish: ((any Error)?) -> Void
    }

    /// The default cap on jobs per batch: enough to amortize one fsync over many writes,
    /// small enough that the first caller of a batch does not wait behind thousands.
    public static let defaultMaxBatchSize = 512

    private let queue: WorkerQueue<Item>
    private let counters = WriterCounters()
    /// A request to start the WAL over is queued and has not run yet.
    private let walRestartQueued = SharedFlag()
    public let path: String
    public let maxBatchSize: Int

    /// Starts the writer thread and opens its connection there (creating the file if the
    /// configuration allows). Throws what opening threw; the thread is gone then.
    public init(
        path: String, configuration: Connection.Configuration = .writer,
        maxBatchSize: Int = DatabaseWriter.defaultMaxBatchSize
    ) async throws {
        let queue = WorkerQueue<Item>(threads: 1)
        let batchCap = max(1, maxBatchSize)
        self.queue = queue
        self.path = path
        self.maxBatchSize = batchCap
        // The thread gets the queue and the counters, never `self`: a writer nobody
        // references any more closes its queue in deinit, and the thread drains and exits.
        let engine = WriterEngine(queue: queue, maxBatchSize: batchCap, counters: counters)
        try await withCheckedThrowingContinuation { (opened: CheckedContinuation<Void, any Error>) in
            let thread = Thread {
                nameCurrentThread("storage.writer")
                engine.serve(path: path, configuration: configuration, opened: opened)
                queue.threadExited()
            }
            thread.start()
        }
    }

    deinit { queue.close() }

    /// Runs `job` in the next batch transaction and returns its result once that
    /// transaction is committed (on disk). If `job` throws, its changes are rolled back
    /// and the error is rethrown here; other jobs of the batch are unaffected.
    /// Cancelling the calling task does not withdraw a queued write.
    public func write<T: Sendable>(_ job: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let item = BatchedJob(
                run: { connection in
                    let result = Result { try job(connection) }
                    let failed: Bool
                    if case .failure = result { failed = true } else { failed = false }
                    return JobOutcome(failed: failed) { batchError in
                        // A job that failed keeps its own error even if the batch failed:
                        // it explains why this job did nothing.
                        if let batchError, !failed {
                            continuation.resume(throwing: batchError)
                        } else {
                            continuation.resume(with: result)
                        }
                    }
                },
                abandon: { error in continuation.resume(throwing: error) })
            if !queue.enqueue(.batched(item)) { continuation.resume(throwing: StorageError.closed) }
        }
    }

    /// Runs `job` alone on the writer connection with no transaction around it, between
    /// batches: for migrations (each in its own transaction), VACUUM, checkpoints. Each
    /// statement outside an explicit transaction commits durably by itself.
    public func writeWithoutTransaction<T: Sendable>(_ job: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let item = Item.exclusive { connection in
                continuation.resume(with: Result { try job(connection) })
            }
            if !queue.enqueue(item) { continuation.resume(throwing: StorageError.closed) }
        }
    }

    /// Has the writer thread, between two batches, finish copying the WAL into the file
    /// and wait (`readerWaitMilliseconds` at most) until no reader needs the WAL, so that
    /// its next transaction writes the WAL from the start again, over pages the file
    /// already has. Returns at once; a request already queued is not repeated. Taken on
    /// the writer because it holds the write lock between batches: another connection
    /// asking for it under load only finds it free by chance.
    func startWALOver(readerWaitMilliseconds: Int32 = 20) {
        let queued = walRestartQueued
        guard !queued.value.exchange(true, ordering: .relaxed) else { return }
        let job = Item.exclusive { connection in
            queued.value.store(false, ordering: .relaxed)
            // Past the wait (a long read) it leaves the WAL as it is; the next request tries again.
            connection.withBusyTimeout(readerWaitMilliseconds) {
                _ = try? connection.execute("PRAGMA wal_checkpoint(RESTART)")
            }
        }
        if !queue.enqueue(job) { queued.value.store(false, ordering: .relaxed) }
    }

    /// Times every statement the writer's jobs run into `times` from now on (nil: stops
    /// timing). Returns once the writer thread took it, between batches.
    public func timeStatements(into times: StatementTimes?) async throws {
        try await writeWithoutTransaction { $0.statementTimes = times }
    }

    /// Calls `observer` on the writer thread after each committed batch with the time its
    /// COMMIT took and its job count (for metrics); it must be quick. Replaces any earlier one.
    public func observeCommits(_ observer: @escaping @Sendable (_ commit: Duration, _ jobs: Int) -> Void) {
        counters.observeCommits(observer)
    }

    /// A snapshot of the group-commit counters.
    public var statistics: WriterStatistics { counters.snapshot }

    /// Jobs queued and not yet taken by the writer thread.
    public var pendingJobs: Int { queue.pendingCount }

    /// True once `close` was called: new jobs are refused.
    public var isClosed: Bool { queue.isClosed }

    /// Refuses new jobs, lets every queued job run and commit, and returns once the
    /// thread has exited and closed its connection.
    public func close() async {
        queue.close()
        await queue.waitUntilFinished()
    }
}

/// The group-commit counters, shared by the writer (reads) and its thread (updates).
final class WriterCounters: Sendable {
    private let state = Mutex(WriterStatistics())
    var snapshot: WriterStatistics { state.withLock { $0 } }
    func update(_ body: (inout WriterStatistics) -> Void) { state.withLock { body(&$0) } }

    /// Told of every committed batch: how long its COMMIT (the fsync) took, and its jobs.
    typealias CommitObserver = @Sendable (_ commit: Duration, _ jobs: Int) -> Void
    /// The closure sits in a struct: a bare closure as the Mutex's value is reabstracted on
    /// every `withLock` and written back wrapped in two more thunks, so the call chain grew
    /// by two frames per commit (CPU rising with uptime, then a stack overflow).
    private struct Observer { let call: CommitObserver }
    private let observer = Mutex<Observer?>(nil)
    func observeCommits(_ body: @escaping CommitObserver) { observer.withLock { $0 = Observer(call: body) } }
    var commitObserver: CommitObserver? { observer.withLock { $0?.call } }
}

/// A flag the writer and its thread share.
final class SharedFlag: Sendable {
    let value = Atomic<Bool>(false)
}
