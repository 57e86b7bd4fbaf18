/// What the server counted since it started, summed over its event loops at the moment
/// of reading: requests by route, method and status, durations by route, TLS handshakes.
public struct HTTPRequestMetrics: Sendable {
    public struct RequestCount: Sendable {
        /// The route as registered (`/api/v1/cases/:n`), or `unmatched`.
        public var route: String
        public var method: String
        public var status: String
        public var count: UInt64
    }

    public struct RouteDurations: Sendable {
        public var route: String
        /// Cumulative counts for each of `DurationBuckets.boundsSeconds`, then +Inf.
        public var cumulativeCounts: [UInt64]
        public var sumSeconds: Double
        public var count: UInt64 { cumulativeCounts.last ?? 0 }
    }

    /// Only the combinations seen at least once.
    public var requests: [RequestCount] = []
    /// Only routes with at least one request.
    public var durations: [RouteDurations] = []
    public var tlsHandshakesSucceeded: UInt64 = 0
    public var tlsHandshakesFailed: UInt64 = 0
    public var connectionsOpen: Int = 0

    /// Sums the loops' counters; reads them with relaxed loads, so a request being
    /// recorded right now may show in its counter and not yet in its histogram.
    static func sum(_ loops: [LoopCounters], labels: [String]) -> HTTPRequestMetrics {
        var metrics = HTTPRequestMetrics()
        guard let layout = loops.first?.layout else { return metrics }
        func total(_ index: Int) -> UInt64 { loops.reduce(0) { $0 &+ $1.load(index) } }
        for route in 0..<layout.routes {
            let label = route < labels.count ? labels[route] : RouteNodeLabels.unmatched
            for method in 0..<RequestMethodSlot.count {
                for status in 0..<StatusSlot.count {
                    let count = total(layout.requestIndex(route: route, method: method, status: status))
                    if count > 0 {
                        metrics.requests.append(RequestCount(route: label, method: RequestMethodSlot.names[method],
                                                             status: StatusSlot.labels[status], count: count))
                    }
                }
            }
            let base = layout.durationIndex(route: route)
            var running: UInt64 = 0
            var cumulative: [UInt64] = []
            for bucket in 0...DurationBuckets.boundsSeconds.count {
                running &+= total(base + bucket)
                cumulative.append(running)
            }
            if running > 0 {
                let sum = Double(total(base + DurationBuckets.sumOffset)) / 1e9
                metrics.durations.append(RouteDurations(route: label, cumulativeCounts: cumulative, sumSeconds: sum))
            }
        }
        metrics.tlsHandshakesSucceeded = total(layout.handshakeIndex)
        metrics.tlsHandshakesFailed = total(layout.handshakeIndex + 1)
        return metrics
    }
}

extension HTTPServer {
    /// The request metrics so far; nil unless `recordsRequestMetrics` was configured.
    /// Cheap enough for a scrape: one pass over each loop's counters.
    public func requestMetrics() -> HTTPRequestMetrics? {
        let counters = loopCounters
        guard !counters.isEmpty else { return nil }
        var metrics = HTTPRequestMetrics.sum(counters, labels: shared.responder.metricsRouteLabels)
        metrics.connectionsOpen = connectionCount
        return metrics
    }
}
