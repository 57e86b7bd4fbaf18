/// When a failed delivery is tried again (API.md "Webhooks": exponential backoff with
/// jitter, FAILED after the configured attempts).
public struct WebhookRetryPolicy: Sendable, Equatable {
    public var baseSeconds: Double
    public var maxSeconds: Double
    public var maxAttempts: Int

    public init(baseSeconds: Double, maxSeconds: Double, maxAttempts: Int) {
        self.baseSeconds = baseSeconds
        self.maxSeconds = maxSeconds
        self.maxAttempts = maxAttempts
    }

    /// The wait after the `attempts`-th failed attempt, or nil when no attempt is left.
    /// `base · 2^(attempts−1)` capped at `maxSeconds`, then scaled by `jitter` (0.5…1.0
    /// of it, "equal jitter"), so receivers coming back after an outage are not hit by
    /// every retry at the same instant, while the wait never collapses to nothing.
    /// - Parameter unit: a random number in 0..<1 (the caller's generator; tests pass fixed ones).
    public func delaySeconds(afterAttempts attempts: Int, unit: Double) -> Double? {
        guard attempts < maxAttempts else { return nil }
        // Doubling stops once past the cap, so a large attempt count cannot overflow.
        var capped = baseSeconds
        for _ in 0..<max(0, attempts - 1) where capped < maxSeconds { capped *= 2 }
        capped = min(maxSeconds, capped)
        let clampedUnit = min(max(unit, 0), 1)
        return capped * (0.5 + 0.5 * clampedUnit)
    }
}
