/// Everything the HTTP server needs to know before it starts; values from config files.
public struct HTTPServerConfiguration: Sendable {
    /// One listening port; `tls` set means HTTPS on it. Port 0 binds a free port.
    public struct Listener: Sendable {
        public var port: Int
        public var tls: TLSContext?
        public init(port: Int, tls: TLSContext? = nil) {
            self.port = port
            self.tls = tls
        }
    }

    public var host: String = "0.0.0.0"
    public var listeners: [Listener] = [Listener(port: 8080)]
    /// Event-loop threads; 0 means one per core.
    public var eventLoops: Int = 0
    public var backlog: Int32 = 1024
    /// Beyond this many open connections a new one gets 503 and is closed.
    public var maxConnections: Int = 16_000
    public var headerTimeoutSeconds: Int = 10
    public var idleTimeoutSeconds: Int = 60
    public var tlsHandshakeTimeoutSeconds: Int = 10
    public var handlerTimeoutSeconds: Int = 30
    /// How long a graceful shutdown waits for in-flight requests.
    public var drainTimeoutSeconds: Int = 30
    public var parserLimits = HTTPParserLimits()
    /// Count requests by route, method and status and time them (see `HTTPServer.requestMetrics()`).
    public var recordsRequestMetrics = false

    public init() {}
}
