import AgentCore

/// One queued submission as the retry worker sees it.
public struct QueuedSubmission: Sendable, Equatable {
    public var caseNumber: String
    public var enqueuedAtMs: Int64
    public var attempts: Int
    public var nextAttemptAtMs: Int64
    public var lastError: String?
}

/// The submission queue and the record of job runs (both in SQLite, so a restart loses
/// no queued hire and runs no job twice).
public final class BackgroundWorkStore: Sendable {
    let database: Database
    public init(database: Database) { self.database = database }

    /// Queued submissions whose next attempt is due, oldest first.
    public func dueSubmissions(nowMs: Int64, limit: Int = 50) async throws -> [QueuedSubmission] {
        try await database.read { db in
            try db.query("""
                SELECT case_number, enqueued_at_ms, attempts, next_attempt_at_ms, last_error FROM submission_queue
                WHERE next_attempt_at_ms <= ? ORDER BY enqueued_at_ms LIMIT ?
                """, [.integer(nowMs), SQLValue(limit)]) { Self.submission($0) }
        }
    }

    public func allSubmissions() async throws -> [QueuedSubmission] {
        try await database.read { db in
            try db.query("SELECT case_number, enqueued_at_ms, attempts, next_attempt_at_ms, last_error FROM submission_queue ORDER BY enqueued_at_ms") {
                Self.submission($0)
            }
        }
    }

    static func submission(_ row: Statement) -> QueuedSubmission {
        QueuedSubmission(caseNumber: row.string(at: 0) ?? "", enqueuedAtMs: row.int64(at: 1), attempts: Int(row.int64(at: 2)),
                         nextAttemptAtMs: row.int64(at: 3), lastError: row.string(at: 4))
    }

    /// Records a failed attempt and when to try again.
    public func reschedule(_ caseNumber: String, attempts: Int, nextAttemptAtMs: Int64, error: String) async throws {
        try await database.write { db in
            try db.execute("UPDATE submission_queue SET attempts = ?, next_attempt_at_ms = ?, last_error = ? WHERE case_number = ?",
                           [SQLValue(attempts), .integer(nextAttemptAtMs), .text(error), .text(caseNumber)])
        }
    }

    /// Makes every queued submission due now (the government side came back).
    public func expediteAll(nowMs: Int64) async throws {
        try await database.write { db in
            try db.execute("UPDATE submission_queue SET next_attempt_at_ms = ? WHERE next_attempt_at_ms > ?", [.integer(nowMs), .integer(nowMs)])
        }
    }

    public func queueDepth() async throws -> Int {
        try await database.read { db in Int(try db.scalar("SELECT count(*) FROM submission_queue")?.int64Value ?? 0) }
    }

    /// Whether `job` already ran for `item` (a job runs once per due item, restarts included).
    public func hasRun(job: String, item: String) async throws -> Bool {
        try await database.read { db in try db.scalar("SELECT 1 FROM job_runs WHERE job = ? AND item = ?", [.text(job), .text(item)]) != nil }
    }

    public func recordRun(job: String, item: String, on day: CivilDate) async throws {
        try await database.write { db in
            try db.execute("INSERT OR IGNORE INTO job_runs (job, item, ran_on, ran_at) VALUES (?, ?, ?, ?)",
                           [.text(job), .text(item), .text(day.iso), .text(UTCTime.nowISO())])
        }
    }
}
