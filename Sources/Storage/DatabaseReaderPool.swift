import Foundation

/// Read-only connections, each owned by its own thread, sharing one queue: a read runs on
/// whichever thread is free, and never waits behind the writer's commit and fsync (WAL
/// lets readers see the last committed state meanwhile).
///
/// Each read job runs inside its own read transaction, so all its queries see one
/// consistent snapshot. The connections refuse writes (PRAGMA query_only).
public final class DatabaseReaderPool: Sendable {
    typealias Job = @Sendable (Connection) -> Void

    private let queue: WorkerQueue<Job>
    public let path: String
    public let count: Int

    /// Starts `count` reader threads, each opening its connection on itself. The database
    /// file must exist (open the writer first). Throws the first open error, after
    /// stopping the threads already started.
    public init(path: String, count: Int = 2, configuration: Connection.Configuration = .reader) async throws {
        let threads = max(1, count)
        let queue = WorkerQueue<Job>(threads: threads)
        self.queue = queue
        self.path = path
        self.count = threads
        for number in 1...threads {
            do {
                try await withCheckedThrowingContinuation { (opened: CheckedContinuation<Void, any Error>) in
                    let thread = Thread {
                        nameCurrentThread("storage.read.\(number)")
                        DatabaseReaderPool.serve(queue: queue, path: path, configuration: configuration, opened: opened)
                        queue.threadExited()
                    }
                    thread.start()
                }
            } catch {
                // Threads not started yet must count as exited, or close() would wait forever.
                for _ in number..<threads { queue.threadExited() }
                queue.close()
                await queue.waitUntilFinished()
                throw error
            }
        }
    }

    deinit { queue.close() }

    private static func serve(
        queue: WorkerQueue<Job>, path: String, configuration: Connection.Configuration,
        opened: CheckedContinuation<Void, any Error>
    ) {
        let connection: Connection
        do {
            connection = try Connection(path: path, configuration: configuration)
        } catch {
            opened.resume(throwing: error)
            return
        }
        opened.resume()
        while case .items(let jobs) = queue.next(take: { [$0.removeFirst()] }) {
            for job in jobs { job(connection) }
        }
    }

    /// Runs `job` on a free reader connection inside one read transaction and returns
    /// its result.
    public func read<T: Sendable>(_ job: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let accepted = queue.enqueue { connection in
                let result = Result {
                    try connection.transaction(.deferred) {
                        defer {
                            // An unfinished SELECT would keep the snapshot (and the WAL) pinned.
                            connection.resetActiveStatements()
                        }
                        return try job(connection)
                    }
                }
                continuation.resume(with: result)
            }
            if !accepted { continuation.resume(throwing: StorageError.closed) }
        }
    }

    /// Reads queued and not yet started.
    public var pendingReads: Int { queue.pendingCount }

    /// Refuses new reads, finishes the queued ones, and returns once every reader thread
    /// has exited and closed its connection.
    public func close() async {
        queue.close()
        await queue.waitUntilFinished()
    }
}
