import Synchronization

/// The time a connection spends in each statement it runs, by SQL text, when asked for
/// (`DatabaseWriter.timeStatements`): which statements the single writer's time goes to,
/// the question every change to the write path starts from. Off by default; when on, a
/// statement pays two clock reads and one uncontended lock.
public final class StatementTimes: Sendable {
    /// One statement's totals since timing began.
    public struct Total: Sendable, Equatable {
        public var calls: Int
        public var nanoseconds: UInt64

        public init(calls: Int, nanoseconds: UInt64) {
            self.calls = calls
            self.nanoseconds = nanoseconds
        }
    }

    private let totals = Mutex<[String: Total]>([:])

    public init() {}

    func record(_ sql: String, nanoseconds: UInt64) {
        totals.withLock { totals in
            totals[sql, default: Total(calls: 0, nanoseconds: 0)].calls += 1
            totals[sql, default: Total(calls: 0, nanoseconds: 0)].nanoseconds += nanoseconds
        }
    }

    /// Every statement timed so far, the most time first; the SQL text with its runs of
    /// white space made one space, so a multi-line statement reads as one line.
    public func snapshot() -> [(statement: String, total: Total)] {
        let totals = totals.withLock { $0 }
        var merged: [String: Total] = [:]
        for (sql, total) in totals {
            let text = sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            merged[text, default: Total(calls: 0, nanoseconds: 0)].calls += total.calls
            merged[text, default: Total(calls: 0, nanoseconds: 0)].nanoseconds += total.nanoseconds
        }
        return merged.map { ($0.key, $0.value) }.sorted { $0.total.nanoseconds > $1.total.nanoseconds || ($0.total.nanoseconds == $1.total.nanoseconds && $0.statement < $1.statement) }
    }
}
