import Logging

/// What the access log records of one request. No query string and no body: they could
/// carry personal data; the path of our routes carries identifiers only.
public struct AccessLogEntry: Sendable {
    public var method: String
    /// The path without the query.
    public var path: Substring
    public var status: Int
    public var bytes: Int
    public var durationMicros: Int
    public var requestID: String
    public var peer: String

    public init(method: String, path: Substring, status: Int, bytes: Int, durationMicros: Int, requestID: String, peer: String) {
        self.method = method
        self.path = path
        self.status = status
        self.bytes = bytes
        self.durationMicros = durationMicros
        self.requestID = requestID
        self.peer = peer
    }
}

/// Takes one access-log entry per request. Implemented by the buffered log output, which
/// formats the fields straight into its buffer (no metadata dictionary per request).
public protocol AccessLogSink: Sendable {
    func record(_ entry: AccessLogEntry)
}

/// An access log through any swift-log `Logger` (one `info` line with metadata): for
/// processes that did not install the buffered output, such as in-process tests.
public struct LoggerAccessLog: AccessLogSink {
    let logger: Logger
    public init(logger: Logger) { self.logger = logger }

    public func record(_ entry: AccessLogEntry) {
        logger.info("request", metadata: [
            "method": .string(entry.method),
            "path": .string(String(entry.path)),
            "status": .stringConvertible(entry.status),
            "bytes": .stringConvertible(entry.bytes),
            "duration_us": .stringConvertible(entry.durationMicros),
            "request_id": .string(entry.requestID),
            "peer": .string(entry.peer),
        ])
    }
}

/// One access-log entry per request: method, path (never the query, which could carry
/// personal data), status, bytes, duration, request ID and peer.
public struct AccessLogMiddleware<Context: RouterContext>: Middleware {
    let sink: any AccessLogSink
    public init(sink: any AccessLogSink) { self.sink = sink }

    public func handle(_ request: HTTPRequest, context: Context,
                       next: (HTTPRequest, Context) async throws -> HTTPResponse) async throws -> HTTPResponse {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        sink.record(AccessLogEntry(method: request.method.rawValue, path: request.path, status: response.status.code,
                                   bytes: response.body.count, durationMicros: Int(micros),
                                   requestID: context.info.requestID, peer: context.info.remoteAddress))
        return response
    }
}
