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
    /// The route the request's head matched (`RouteFacts.matched`), so the router need
    /// not walk the path again.
    var matched: MatchedRoute?

    public init(requestID: String, remoteAddress: String, isTLS: Bool, parameters: PathParameters = PathParameters()) {
        self.requestID = requestID
        self.remoteAddress = remoteAddress
        self.isTLS = isTLS
        self.parameters = parameters
    }

    init(requestID: String, remoteAddress: String, isTLS: Bool, matched: MatchedRoute?) {
        self.init(requestID: requestID, remoteAddress: remoteAddress, isTLS: isTLS)
        self.matched = matched
    }
}

/// The route node and path parameters a request's path matched when its head arrived,
/// with the target they were matched for. Matching splits the path and looks up every
/// segment; the head's match serves the dispatch too, unless the target changed between.
public struct MatchedRoute: Sendable {
    let node: AnyObject & Sendable
    /// The root of the route tree `node` belongs to: the router takes the node back only
    /// from its own tree, so it can skip a dynamic cast. Held, not just identified, so
    /// its address cannot pass to another tree while this match exists.
    let root: AnyObject & Sendable
    let parameters: PathParameters
    /// The whole request target the path was cut from. The dispatched request carries the
    /// same string, and comparing a string with itself is one comparison of its storage,
    /// where comparing two paths as text costs about a thousand instructions.
    let target: String
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
    /// The body limit and the metrics slot of the route serving this method and path,
    /// found with one lookup when the head arrives.
    func route(method: HTTPMethod, path: Substring) -> RouteFacts
    /// The `route` label of each metrics slot; slot 0 counts requests no route matched.
    var metricsRouteLabels: [String] { get }
}

/// What the server learns of a request's route when its head arrives.
public struct RouteFacts: Sendable {
    public var bodyLimit: Int
    /// Index into `HTTPResponder.metricsRouteLabels`; 0 when no route matched.
    public var metricsSlot: Int
    /// The match itself, handed back to the responder with the request (nil: none kept).
    public var matched: MatchedRoute?
    public init(bodyLimit: Int, metricsSlot: Int) {
        self.bodyLimit = bodyLimit
        self.metricsSlot = metricsSlot
    }
}

extension HTTPResponder {
    public func answerBeforeBody(_ head: RequestHead) -> HTTPResponse? { nil }
    public func route(method: HTTPMethod, path: Substring) -> RouteFacts {
        RouteFacts(bodyLimit: bodyLimit(method: method, path: path), metricsSlot: 0)
    }
    public var metricsRouteLabels: [String] { [RouteNodeLabels.unmatched] }
}

/// The `route` label of requests no route matched.
public enum RouteNodeLabels {
    public static let unmatched = "unmatched"
}
