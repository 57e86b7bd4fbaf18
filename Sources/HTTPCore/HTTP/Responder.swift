/// What the server knows of a request besides its bytes; the router adds path parameters.
public struct RequestInfo: Sendable {
    /// Unique per request in this process; echoed as `X-Request-ID` by the middleware.
    public var requestID: String
    /// The peer's IP address as text.
    public var remoteAddress: String
    /// Whether the request arrived over TLS.
    public var isTLS: Bool
    /// Values of the route's `:name` segments, filled in by the router.
    public var parameters: PathParameters

    public init(requestID: String, remoteAddress: String, isTLS: Bool, parameters: PathParameters = PathParameters()) {
        self.requestID = requestID
        self.remoteAddress = remoteAddress
        self.isTLS = isTLS
        self.parameters = parameters
    }
}

/// Path parameters by name (few per route, so a small array beats a dictionary).
public struct PathParameters: Sendable {
    private var pairs: [(name: String, value: String)] = []
    public init() {}
    public subscript(name: String) -> String? {
        for pair in pairs where pair.name == name { return pair.value }
        return nil
    }
    public mutating func set(_ name: String, _ value: String) { pairs.append((name, value)) }
    public var isEmpty: Bool { pairs.isEmpty }
}

/// The application as the server sees it: one request in, one response out.
///
/// `respond` must not throw: errors are mapped to responses inside (see `ErrorMiddleware`).
public protocol HTTPResponder: Sendable {
    func respond(to request: HTTPRequest, info: RequestInfo) async -> HTTPResponse
    /// The largest body accepted for this method and path, consulted when the head arrives
    /// so an oversized upload is refused (413) before its bytes are read.
    func bodyLimit(method: HTTPMethod, path: Substring) -> Int
    /// An answer to give as soon as `head` arrives, before its body is read (nil: read
    /// the body and call `respond` as usual), so a request that can only be refused does
    /// not make the server buffer its body. Runs on an event loop: quick, never blocking.
    func answerBeforeBody(_ head: RequestHead) -> HTTPResponse?
}

extension HTTPResponder {
    public func answerBeforeBody(_ head: RequestHead) -> HTTPResponse? { nil }
}
