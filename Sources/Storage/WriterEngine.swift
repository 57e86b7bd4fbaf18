/// What the writer thread runs: it owns the write connection for the thread's lifetime
/// and turns queued jobs into batch transactions. Only ever used on that thread.
struct WriterEngine: Sendable {
    typealias Item = DatabaseWriter.Item
    typealias BatchedJob = DatabaseWriter.BatchedJob
    typealias JobOutcome = DatabaseWriter.JobOutcome

    let queue: WorkerQueue<Item>
    let maxBatchSize: Int
    let counters: WriterCounters

    /// Opens the connection, reports the outcome through `opened`, then serves jobs until
    /// the queue is closed and drained. The connection is released before this returns.
    func serve(path: String, configuration: Connection.Configuration, opened: CheckedContinuation<Void, any Error>) {
        let connection: Connection
        do {
            connection = try Connection(path: path, configuration: configuration)
        } catch {
            queue.close()
            opened.resume(throwing: error)
            return
        }
        opened.resume()
        serve(connection)
    }

    private func serve(_ connection: Connection) {
        while case .items(let items) = queue.next(take: takeBatch) {
            if items.count == 1, case .exclusive(let job) = items[0] {
                runExclusive(job, on: connection)
            } else {
                let jobs = items.compactMap { item -> BatchedJob? in
                    if case .batched(let job) = item { return job } else { return nil }
                }
                runBatch(jobs, on: connection)
            }
        }
    }

    /// Takes an exclusive job alone, or the longest run of batched jobs up to the cap, so
    /// queue order is kept across both kinds.
    private func takeBatch(_ pending: inout [Item]) -> [Item] {
        if case .exclusive = pending[0] { return [pending.removeFirst()] }
        return Self.takeBatched(&pending, limit: maxBatchSize).map { .batched($0) }
    }

    /// The run of batched jobs at the head of `pending`, up to `limit`; stops at an
    /// exclusive job, which must wait for its turn.
    private static func takeBatched(_ pending: inout [Item], limit: Int) -> [BatchedJob] {
        var jobs: [BatchedJob] = []
        while jobs.count < limit, jobs.count < pending.count, case .batched(let job) = pending[jobs.count] { jobs.append(job) }
        pending.removeFirst(jobs.count)
        return jobs
    }

    private func runExclusive(_ job: @Sendable (Connection) -> Void, on connection: Connection) {
        job(connection)
        connection.resetActiveStatements()
        // A job that left its own transaction open would otherwise swallow every later
        // batch into it; what it did not commit is undone, as if it had thrown.
        if connection.isInTransaction { try? connection.execute("ROLLBACK") }
        counters.update { $0.exclusiveJobs += 1 }
    }

    /// Transaction statements come from the statement cache: a batch of hundreds of jobs
    /// would otherwise compile SAVEPOINT and RELEASE hundreds of times.
    ///
    /// A batch first runs without a savepoint per job: jobs almost never fail, and inside
    /// a savepoint SQLite copies every page a job changes to an in-memory journal (a
    /// memcpy and four small allocations per page; a fifth of the writer's time under the
    /// case load). Only when a job fails is everything rolled back and the batch run
    /// again, each job in its own savepoint, so the others still commit. A job is a pure
    /// function of the connection (its answer goes out through its outcome, once), so
    /// running it again after a rollback does it once.
    ///
    /// Jobs queued while the batch ran join it before the COMMIT (up to the cap): they
    /// would otherwise wait for this commit's fsync and then pay for one of their own.
    private func runBatch(_ first: [BatchedJob], on connection: Connection) {
        guard begin(first, on: connection) else {
            counted(first, ran: 0)
            return
        }
        var jobs = first
        var outcomes: [JobOutcome] = []
        outcomes.reserveCapacity(jobs.count)
        var index = 0
        while index < jobs.count {
            let outcome = jobs[index].run(connection)
            connection.resetActiveStatements()
            guard connection.isInTransaction else {
                counted(jobs, ran: index + 1)
                transactionLost(failing: outcome, ran: outcomes, notRun: jobs[(index + 1)...])
                return
            }
            if outcome.failed {
                counters.update { $0.rerunBatches += 1 }
                do {
                    try connection.cachedStatement("ROLLBACK").run()
                } catch {
                    counted(jobs, ran: 0)
                    failBatch(with: error, ran: [], notRun: jobs[...], on: connection)
                    return
                }
                counted(jobs, ran: 0)
                runBatchJobByJob(jobs, on: connection)
                return
            }
            outcomes.append(outcome)
            index += 1
            if index == jobs.count, jobs.count < maxBatchSize {
                let room = maxBatchSize - jobs.count
                jobs += queue.takeNow { Self.takeBatched(&$0, limit: room) }
            }
        }
        counted(jobs, ran: jobs.count)
        commit(outcomes, on: connection)
    }

    /// Counts a batch once its jobs are known (the top-up decides how many it holds).
    private func counted(_ jobs: [BatchedJob], ran: Int) {
        counters.update {
            $0.batches += 1
            $0.jobs += ran
            $0.largestBatch = max($0.largestBatch, jobs.count)
        }
    }

    /// The batch again, each job inside its own SAVEPOINT: a job that fails is undone
    /// alone and answered with its error; the others commit.
    private func runBatchJobByJob(_ jobs: [BatchedJob], on connection: Connection) {
        guard begin(jobs, on: connection) else { return }
        var outcomes: [JobOutcome] = []
        outcomes.reserveCapacity(jobs.count)
        for (index, job) in jobs.enumerated() {
            do {
                try connection.cachedStatement("SAVEPOINT batch_job").run()
            } catch {
                failBatch(with: error, ran: outcomes, notRun: jobs[index...], on: connection)
                return
            }
            let outcome = job.run(connection)
            counters.update {
                $0.jobs += 1
                if outcome.failed { $0.failedJobs += 1 }
            }
            // Rows left unread would keep statements active and make RELEASE/COMMIT fail.
            connection.resetActiveStatements()
            guard connection.isInTransaction else {
                transactionLost(failing: outcome, ran: outcomes, notRun: jobs[(index + 1)...])
                return
            }
            do {
                if outcome.failed { try connection.cachedStatement("ROLLBACK TO batch_job").run() }
                try connection.cachedStatement("RELEASE batch_job").run()
            } catch {
                failBatch(with: error, ran: outcomes + [outcome], notRun: jobs[(index + 1)...], on: connection)
                return
            }
            outcomes.append(outcome)
        }
        commit(outcomes, on: connection)
    }

    /// BEGIN IMMEDIATE; when even that fails, every job of the batch gets the error.
    private func begin(_ jobs: [BatchedJob], on connection: Connection) -> Bool {
        do {
            try connection.cachedStatement("BEGIN IMMEDIATE").run()
            return true
        } catch {
            counters.update { $0.failedBatches += 1 }
            for job in jobs { job.abandon(error) }
            return false
        }
    }

    /// The job ended the transaction (ran COMMIT/ROLLBACK) or hit an error after which
    /// SQLite rolls back everything (disk full, I/O error, ON CONFLICT ROLLBACK). The
    /// earlier jobs' work is gone; the later ones never ran, so they go back to the queue
    /// for the next batch.
    private func transactionLost(failing outcome: JobOutcome, ran: [JobOutcome], notRun: ArraySlice<BatchedJob>) {
        counters.update { $0.failedBatches += 1 }
        outcome.finish(StorageError.batchTransactionLost)
        for earlier in ran { earlier.finish(StorageError.batchTransactionLost) }
        queue.requeueAtFront(notRun.map { .batched($0) })
    }

    private func commit(_ outcomes: [JobOutcome], on connection: Connection) {
        let commitStart = ContinuousClock.now
        do {
            try connection.cachedStatement("COMMIT").run()
            counters.commitObserver?(ContinuousClock.now - commitStart, outcomes.count)
        } catch {
            counters.update { $0.failedBatches += 1 }
            // A COMMIT refused for deferred constraints or SQLITE_BUSY leaves the
            // transaction open; nothing of it may survive into the next batch.
            if connection.isInTransaction { try? connection.execute("ROLLBACK") }
            for outcome in outcomes { outcome.finish(error) }
            return
        }
        // Only now, with the batch on disk, are callers told their write succeeded.
        for outcome in outcomes { outcome.finish(nil) }
    }

    /// A savepoint statement itself failed: the transaction is in an unknown state, so it
    /// is rolled back, the jobs that ran get the error and the rest are retried later.
    private func failBatch(with error: any Error, ran: [JobOutcome], notRun: ArraySlice<BatchedJob>, on connection: Connection) {
        counters.update { $0.failedBatches += 1 }
        if connection.isInTransaction { try? connection.execute("ROLLBACK") }
        for outcome in ran { outcome.finish(error) }
        queue.requeueAtFront(notRun.map { .batched($0) })
    }
}
