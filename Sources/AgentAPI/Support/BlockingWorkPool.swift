import Foundation
import Synchronization

/// A few threads of its own for CPU-heavy blocking work (password hashing), so neither
/// the event loops nor Swift's cooperative pool stall behind scrypt.
final class BlockingWorkPool: Sendable {
    private let condition = NSCondition()
    // Guarded by `condition`; `nonisolated(unsafe)` because NSCondition is the lock.
    nonisolated(unsafe) private var jobs: [@Sendable () -> Void] = []
    nonisolated(unsafe) private var stopping = false

    init(threads: Int, name: String) {
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

    /// Runs `body` on one of the pool's threads and returns its result.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            condition.lock()
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
