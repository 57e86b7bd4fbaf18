import HTTPCore
import Storage
import Synchronization

/// `GET /metrics`: the Prometheus text exposition, without login. Served by the main
/// router, or by a listener of its own when `metrics_port` differs from the HTTP port.
struct MetricsRoutes: Sendable {
    let metrics: ServiceMetrics
    let census: CaseCensus
    let queueDepth: @Sendable () async throws -> Int
    /// The server whose requests are counted; set once it is listening.
    let server: ServerSlot

    func register<Context: RouterContext>(on router: RouterBuilder<Context>) {
        router.get("/metrics", RouteDocumentation(
            "Prometheus metrics (text format 0.0.4): requests, durations, connections, TLS handshakes, cases by status, "
                + "government queue, webhook deliveries, storage commits, process figures.",
            tags: ["operations"], responses: [.text("200", "text/plain; version=0.0.4")])) { _, _ in
            var levels = ServiceMetrics.Levels()
            levels.casesByStatus = (try? await census.countsByStatus()) ?? []
            levels.governmentQueueDepth = try? await queueDepth()
            let body = metrics.exposition(http: server.current?.requestMetrics(), levels: levels)
            return HTTPResponse(status: .ok, contentType: "text/plain; version=0.0.4; charset=utf-8", body: body)
        }
    }
}

/// Holds the HTTP server once it exists: routes are frozen before the server starts.
final class ServerSlot: Sendable {
    private let server = Mutex<HTTPServer?>(nil)
    var current: HTTPServer? { server.withLock { $0 } }
    func set(_ value: HTTPServer) { server.withLock { $0 = value } }
}
