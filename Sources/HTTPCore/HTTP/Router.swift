/// The per-request context handlers receive. Applications add typed fields of their own
/// (the signed-in user, say) by defining their own conforming type.
public protocol RouterContext: Sendable {
    init(info: RequestInfo)
    var info: RequestInfo { get set }
}

/// A context with nothing beyond what the server knows.
public struct BasicRouterContext: RouterContext {
    public var info: RequestInfo
    public init(info: RequestInfo) { self.info = info }
}

public typealias RouteHandler<Context: RouterContext> = @Sendable (HTTPRequest, Context) async throws -> HTTPResponse

/// Judges a request by its head alone, for the route it matched (its path as registered,
/// `:name` for parameters): a response refuses it before the body is read, nil lets it
/// through. Runs on an event loop, so it must be quick and must not block.
public typealias HeadCheck = @Sendable (_ head: RequestHead, _ routePath: String) -> HTTPResponse?

/// One registered route as listed for documentation.
public struct RouteSummary: Sendable {
    public let method: HTTPMethod
    /// The path as registered, `:name` for parameters.
    public let path: String
    public let documentation: RouteDocumentation

    public init(method: HTTPMethod, path: String, documentation: RouteDocumentation) {
        self.method = method
        self.path = path
        self.documentation = documentation
    }
}

/// Collects routes and middleware, then freezes into an immutable `Router`. Routes are
/// registered once at start-up; lookups on the frozen trie take no lock.
public final class RouterBuilder<Context: RouterContext> {
    fileprivate final class MutableNode {
        var literals: [String: MutableNode] = [:]
        var parameter: (name: String, node: MutableNode)?
        var routes: [HTTPMethod: Route<Context>] = [:]
    }

    private let root = MutableNode()
    private var middleware: [any Middleware<Context>] = []
    private var summaries: [RouteSummary] = []
    /// Body limit for routes that do not set their own (JSON bodies: 1 MiB).
    public var defaultBodyLimit: Int
    /// Consulted for every request that matched a route and has a body still to come.
    public var headCheck: HeadCheck?

    public init(defaultBodyLimit: Int = 1 << 20) {
        self.defaultBodyLimit = defaultBodyLimit
    }

    /// Adds middleware; the first added runs outermost.
    public func add(middleware: any Middleware<Context>) {
        self.middleware.append(middleware)
    }

    /// Registers `handler` for `method` on `path` (`/api/v1/cases/:n` style).
    public func on(_ method: HTTPMethod, _ path: String, bodyLimit: Int? = nil, _ documentation: RouteDocumentation,
                   handler: @escaping RouteHandler<Context>) {
        var node = root
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment.hasPrefix(":") {
                let name = String(segment.dropFirst())
                if let existing = node.parameter {
                    precondition(existing.name == name, "conflicting parameter names at \(path)")
                    node = existing.node
                } else {
                    let child = MutableNode()
                    node.parameter = (name, child)
                    node = child
                }
            } else {
                let key = String(segment)
                if let child = node.literals[key] {
                    node = child
                } else {
                    let child = MutableNode()
                    node.literals[key] = child
                    node = child
                }
            }
        }
        precondition(node.routes[method] == nil, "route registered twice: \(method) \(path)")
        node.routes[method] = Route(handler: handler, bodyLimit: bodyLimit ?? defaultBodyLimit, path: path)
        summaries.append(RouteSummary(method: method, path: path, documentation: documentation))
    }

    public func get(_ path: String, _ doc: RouteDocumentation, handler: @escaping RouteHandler<Context>) {
        on(.GET, path, doc, handler: handler)
    }
    public func post(_ path: String, bodyLimit: Int? = nil, _ doc: RouteDocumentation, handler: @escaping RouteHandler<Context>) {
        on(.POST, path, bodyLimit: bodyLimit, doc, handler: handler)
    }
    public func patch(_ path: String, _ doc: RouteDocumentation, handler: @escaping RouteHandler<Context>) {
        on(.PATCH, path, doc, handler: handler)
    }
    public func delete(_ path: String, _ doc: RouteDocumentation, handler: @escaping RouteHandler<Context>) {
        on(.DELETE, path, doc, handler: handler)
    }

    /// Every route registered so far, in registration order.
    public var routes: [RouteSummary] { summaries }

    /// The immutable router serving the routes and middleware registered so far.
    public func freeze() -> Router<Context> {
        var labels = [RouteNodeLabels.unmatched]
        let frozen = Self.freeze(root, labels: &labels)
        return Router(root: frozen, middleware: middleware, defaultBodyLimit: defaultBodyLimit, headCheck: headCheck,
                      routes: summaries, metricsRouteLabels: labels)
    }

    /// Each node serving routes gets a metrics slot labelled with its path as registered.
    private static func freeze(_ node: MutableNode, labels: inout [String]) -> RouteNode<Context> {
        var slot = 0
        if let path = node.routes.values.first?.path {
            slot = labels.count
            labels.append(path)
        }
        var literals: [String: RouteNode<Context>] = [:]
        for key in node.literals.keys.sorted() {
            if let child = node.literals[key] { literals[key] = freeze(child, labels: &labels) }
        }
        return RouteNode(literals: literals,
                         parameterName: node.parameter?.name,
                         parameterNode: node.parameter.map { freeze($0.node, labels: &labels) },
                         routes: node.routes, metricsSlot: slot)
    }
}

struct Route<Context: RouterContext>: Sendable {
    let handler: RouteHandler<Context>
    let bodyLimit: Int
    /// As registered, for `HeadCheck`.
    let path: String
}

final class RouteNode<Context: RouterContext>: Sendable {
    let literals: [String: RouteNode]
    let parameterName: String?
    let parameterNode: RouteNode?
    let routes: [HTTPMethod: Route<Context>]
    let metricsSlot: Int

    init(literals: [String: RouteNode], parameterName: String?, parameterNode: RouteNode?, routes: [HTTPMethod: Route<Context>],
         metricsSlot: Int) {
        self.metricsSlot = metricsSlot
        self.literals = literals
        self.parameterName = parameterName
        self.parameterNode = parameterNode
        self.routes = routes
    }
}

/// The frozen routes and middleware chain; the application's `HTTPResponder`.
public struct Router<Context: RouterContext>: HTTPResponder {
    let root: RouteNode<Context>
    let middleware: [any Middleware<Context>]
    let defaultBodyLimit: Int
    let headCheck: HeadCheck?
    /// Every route, for the OpenAPI document.
    public let routes: [RouteSummary]
    public let metricsRouteLabels: [String]

    public func bodyLimit(method: HTTPMethod, path: Substring) -> Int {
        matchedRoute(method: method, path: path)?.bodyLimit ?? defaultBodyLimit
    }

    public func route(method: HTTPMethod, path: Substring) -> RouteFacts {
        var parameters = PathParameters()
        guard let node = Self.match(root, path: path, parameters: &parameters) else {
            return RouteFacts(bodyLimit: defaultBodyLimit, metricsSlot: 0)
        }
        let route = node.routes[method] ?? (method == .HEAD ? node.routes[.GET] : nil)
        var facts = RouteFacts(bodyLimit: route?.bodyLimit ?? defaultBodyLimit, metricsSlot: node.metricsSlot)
        facts.matched = MatchedRoute(node: node, root: root, parameters: parameters, target: path.base)
        return facts
    }

    public func answerBeforeBody(_ head: RequestHead) -> HTTPResponse? {
        guard let headCheck, let route = matchedRoute(method: head.method, path: HTTPRequest.path(of: head.target)) else { return nil }
        return headCheck(head, route.path)
    }

    private func matchedRoute(method: HTTPMethod, path: Substring) -> Route<Context>? {
        var parameters = PathParameters()
        guard let node = Self.match(root, path: path, parameters: &parameters) else { return nil }
        return node.routes[method] ?? (method == .HEAD ? node.routes[.GET] : nil)
    }

    public func respond(to request: HTTPRequest, info: RequestInfo) async -> HTTPResponse {
        let context = Context(info: info)
        do {
            return try await run(0, request, context)
        } catch {
            // The error middleware normally answers first; this is the last resort.
            return (error as? any ProblemConvertible)?.problem.response ?? ProblemDetails.internalError.response
        }
    }

    private func run(_ index: Int, _ request: HTTPRequest, _ context: Context) async throws -> HTTPResponse {
        if index < middleware.count {
            return try await middleware[index].handle(request, context: context) { request, context in
                try await run(index + 1, request, context)
            }
        }
        return try await route(request, context)
    }

    private func route(_ request: HTTPRequest, _ context: Context) async throws -> HTTPResponse {
        var context = context
        guard let node = matchedNode(request, &context), !node.routes.isEmpty else {
            throw ProblemDetails(status: .notFound, type: "not-found", title: "Not found",
                                 detail: "No resource at \(request.path).")
        }
        if let route = node.routes[request.method] ?? (request.method == .HEAD ? node.routes[.GET] : nil) {
            return try await route.handler(request, context)
        }
        var methods = Set(node.routes.keys.map(\.rawValue))
        if methods.contains("GET") { methods.insert("HEAD") }
        let allow = methods.sorted().joined(separator: ", ")
        if request.method == .OPTIONS {
            return HTTPResponse(status: .noContent, headers: HTTPHeaders([("Allow", allow)]))
        }
        throw ProblemDetails(status: .methodNotAllowed, type: "method-not-allowed", title: "Method not allowed",
                             detail: "\(request.method) is not allowed on \(request.path); allowed: \(allow).",
                             headers: HTTPHeaders([("Allow", allow)]))
    }

    /// The head's match when it was made for this request's target (a middleware may have
    /// changed it), else a new one.
    private func matchedNode(_ request: HTTPRequest, _ context: inout Context) -> RouteNode<Context>? {
        if let matched = context.info.matched, matched.root === root, matched.target == request.target {
            context.info.parameters = matched.parameters
            // A node of this router's own tree (checked above), so of this exact type.
            return unsafeDowncast(matched.node, to: RouteNode<Context>.self)
        }
        return Self.match(root, path: request.path, parameters: &context.info.parameters)
    }

    static func match(_ root: RouteNode<Context>, path: Substring, parameters: inout PathParameters) -> RouteNode<Context>? {
        var node = root
        for segment in segments(of: path) {
            if let child = node.literals[String(segment)] {
                node = child
            } else if let name = node.parameterName, let child = node.parameterNode,
                      let value = PercentDecoding.decode(segment) {
                parameters.set(name, value)
                node = child
            } else {
                return nil
            }
        }
        return node
    }

    /// The non-empty segments between slashes. An ASCII path (every path a client sends
    /// percent-encoded) is split on its bytes, twice per request; anything else on its
    /// characters, where a slash with a combining mark is not a separator.
    static func segments(of path: Substring) -> [Substring] {
        let bytes = path.utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return path.split(separator: "/", omittingEmptySubsequences: true) }
        var segments: [Substring] = []
        var start = bytes.startIndex
        while start < bytes.endIndex {
            guard bytes[start] != UInt8(ascii: "/") else {
                start = bytes.index(after: start)
                continue
            }
            var end = bytes.index(after: start)
            while end < bytes.endIndex && bytes[end] != UInt8(ascii: "/") { end = bytes.index(after: end) }
            segments.append(path[start..<end])
            start = end
        }
        return segments
    }
}

extension ProblemDetails {
    /// The answer to an error nobody mapped: says nothing of its cause.
    public static var internalError: ProblemDetails {
        ProblemDetails(status: .internalServerError, type: "internal-error", title: "Internal error",
                       detail: "The service failed to process the request. It has been logged with this request's ID.")
    }
}
