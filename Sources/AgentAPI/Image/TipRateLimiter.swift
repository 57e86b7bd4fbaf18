import Foundation
import HTTPCore
import Synchronization

/// IMG-7's per-address limit on the public tip line: a fixed one-hour window per source
/// address, held in memory only (an address is never stored with a tip, which would undo
/// the line's anonymity). Bounded: past `maxAddresses` the expired windows are dropped, and
/// if none has expired the oldest goes.
final class TipRateLimiter: Sendable {
    private struct Window { var start: Int64; var count: Int }
    private let limit: Int
    private let windowMs: Int64 = 3_600_000
    private let maxAddresses = 50_000
    private let windows = Mutex<[String: Window]>([:])

    init(perHour limit: Int) { self.limit = limit }

    /// Counts one attempt; nil when admitted, else the seconds until the window ends.
    func admit(_ address: String, nowMs: Int64) -> Int? {
        windows.withLock { table in
            var window = table[address] ?? Window(start: nowMs, count: 0)
            if nowMs - window.start >= windowMs { window = Window(start: nowMs, count: 0) }
            guard window.count < limit else { return Int((window.start + windowMs - nowMs + 999) / 1000) }
            window.count += 1
            if table[address] == nil && table.count >= maxAddresses {
                table = table.filter { nowMs - $0.value.start < windowMs }
                if table.count >= maxAddresses, let oldest = table.min(by: { $0.value.start < $1.value.start })?.key {
                    table[oldest] = nil
                }
            }
            table[address] = window
            return nil
        }
    }
}

/// More tips from one address than the hour allows (429).
struct TipLineLimited: Error, ProblemConvertible {
    let retryAfter: Int
    var problem: ProblemDetails {
        ProblemDetails(status: .tooManyRequests, type: "rate-limited", title: "Too many tips",
                       detail: "Too many tips from this address this hour; try again later.",
                       headers: HTTPHeaders([("Retry-After", String(retryAfter))]))
    }
}
