import Foundation
import Synchronization

/// A few threads of its own for CPU-heavy blocking work (password hashing), so neither
/// the event loops nor Swift's cooperative pool stall behind scrypt. Its queue is bounded:
/// beyond `maxQueued` waiting jobs `run` refuses at once (`WorkPoolSaturated`, a 503), so
/// a login flood costs memory and latency for nobody but itself.
final class BlockingWorkPool: Sendable {
    private let condition = NSCondition()
    private let maxQueued: Int
    // Guarded by `condition`; `nonisolated(unsafe)` because NSCondition is the lock.
    nonisolated(unsafe) private var jobs: [@Sendable () -> Void] = []
    nonisolated(unsafe) private var stopping = false

    init(threads: Int, maxQueued: Int = 64, name: String) {
        self.maxQueued = max(1, maxQueued)
        for i in 0..<max(1, threads) {
            let thread = Thread { [self] in self.work() }
            thread.name = "\(name).\(i + 1)"
            thread.start()
        }
    }

    private func work() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty && stopping {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }

    /// Whether a job queued now would be taken: a cheap early answer for callers that
    /// would otherwise do work (a throttle write) before being refused.
    var hasRoom: Bool {
        condition.lock()
        defer { condition.unlock() }
        return jobs.count < maxQueued
    }

    /// Runs `body` on one of the pool's threads and returns its result; throws
    /// `WorkPoolSaturated` without running it when `maxQueued` jobs already wait.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            guard jobs.count < maxQueued else {
                condition.unlock()
                continuation.resume(throwing: WorkPoolSaturated())
                return
            }
            jobs.append {
                do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
            }
            condition.signal()
            condition.unlock()
        }
    }

    func shutdown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }
}

/// The pool's queue is full: the caller answers 503 with `Retry-After`.
struct WorkPoolSaturated: Error {}
