import HTTPCore

/// `Cache-Control: no-store` on every answer under `/api/v1`: they carry personal data,
/// tokens and keys, which no browser cache or proxy on the way may keep.
struct NoStoreMiddleware: Middleware {
    typealias Context = AgentContext

    func handle(_ request: HTTPRequest, context: AgentContext,
                next: (HTTPRequest, AgentContext) async throws -> HTTPResponse) async throws -> HTTPResponse {
        var response = try await next(request, context)
        if Self.applies(to: request.path) { response.headers.set("Cache-Control", "no-store") }
        return response
    }

    static func applies(to path: Substring) -> Bool { path == "/api/v1" || path.hasPrefix("/api/v1/") }
}

/// The head check of the API (`RouterBuilder.headCheck`): a request to a route that needs
/// a bearer token but came without one is answered 401 before its body is read, so an
/// anonymous client cannot make the server buffer megabytes. Whether a token is valid
/// takes a storage read and is judged by the route, after the body.
enum AuthenticationGate {
    /// The routes under `/api/v1` that are answered without a token.
    static let publicRoutes: Set<String> = ["/api/v1/authentication/login"]

    static func check(_ head: RequestHead, routePath: String) -> HTTPResponse? {
        guard NoStoreMiddleware.applies(to: Substring(routePath)), !publicRoutes.contains(routePath),
              Authenticator.bearerToken(head.headers) == nil else { return nil }
        var response = AuthenticationFailure.missing.problem.response
        response.headers.set("Cache-Control", "no-store")
        return response
    }
}
