import AgentCore
import Logging

/// RET-2 as a daily job on the service clock (the simulated date in simulation, so it
/// runs when the clock passes a case's date). Bounded batches: each case is purged in a
/// transaction of its own, and after each batch the write-ahead log is emptied so the
/// deleted bytes leave the files too.
struct PurgeJob: Sendable {
    let retention: any RetentionRepository
    let logger: Logger
    /// Cases per batch: the job holds no long transaction and yields between batches.
    var batchSize = 100
    /// Attempts at emptying the write-ahead log after a batch (readers may hold it).
    var flushAttempts = 5

    /// Purges everything due on `today`; the number purged.
    @discardableResult
    func run(today: CivilDate) async throws -> Int {
        var purged = 0
        while true {
            let due = try await retention.dueForPurge(today: today, limit: batchSize)
            if due.isEmpty { break }
            var batch = 0
            for number in due {
                let audit = AuditEvent(actor: .system, clientID: nil, action: "case.purge", objectType: "case", objectID: number,
                                       sourceIP: nil, requestID: nil)
                if try await retention.purge(number, today: today, audit: audit) != nil { batch += 1 }
            }
            purged += batch
            try await flush()
            // Nothing purged: every listed case changed meanwhile (held, say); stop rather than spin.
            if batch == 0 || due.count < batchSize { break }
        }
        if purged > 0 { logger.info("retention purge", metadata: ["cases": .stringConvertible(purged), "rule": "RET-2"]) }
        return purged
    }

    private func flush() async throws {
        for attempt in 0..<flushAttempts {
            if try await retention.flushDeleted() { return }
            try await Task.sleep(for: .milliseconds(50 * (attempt + 1)))
        }
        logger.warning("retention purge: the write-ahead log could not be emptied yet; the next checkpoint will")
    }
}
