import HTTPCore

extension AgentService {
    /// A listener serving `/metrics` alone on `port` (one event loop; its requests are not
    /// counted), so the metrics can stay off the port clients reach. Nil without a port.
    static func startMetricsServer(_ routes: MetricsRoutes?, port: Int?, configuration: AgentConfiguration) throws -> HTTPServer? {
        guard let routes, let port else { return nil }
        let router = RouterBuilder<BasicRouterContext>()
        routes.register(on: router)
        var server = configuration.serverConfiguration
        server.listeners = [.init(port: port)]
        server.eventLoops = 1
        server.maxConnections = 64
        server.recordsRequestMetrics = false
        return try HTTPServer(configuration: server, responder: router.freeze())
    }
}
