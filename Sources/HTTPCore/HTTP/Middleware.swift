import Logging
import CSystem

/// A step around every request: it may change the request or context, call `next`, and
/// change or replace the response. The first added runs outermost.
public protocol Middleware<Context>: Sendable {
    associatedtype Context: RouterContext
    func handle(_ request: HTTPRequest, context: Context,
                next: (HTTPRequest, Context) async throws -> HTTPResponse) async throws -> HTTPResponse
}

/// Takes the caller's `X-Request-ID` when it is short and plain (so logs can be joined
/// across systems), otherwise keeps the server's own, and echoes it on the response.
/// The rest of the chain runs with it bound in `RequestScope`, so log lines carry it.
public struct RequestIDMiddleware<Context: RouterContext>: Middleware {
    public init() {}

    public func handle(_ request: HTTPRequest, context: Context,
                       next: (HTTPRequest, Context) async throws -> HTTPResponse) async throws -> HTTPResponse {
        var context = context
        if let given = request.headers["X-Request-ID"], Self.isAcceptable(given) {
            context.info.requestID = given
        }
        let id = context.info.requestID
        var response = try await RequestScope.$requestID.withValue(id) { try await next(request, context) }
        response.headers.set("X-Request-ID", id)
        return response
    }

    static func isAcceptable(_ id: String) -> Bool {
        id.utf8.count <= 64 && !id.isEmpty && id.utf8.allSatisfy { b in
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 45 || b == 95 || b == 46
        }
    }
}

/// Turns every thrown error into a problem+json response, so handlers just throw.
/// Unknown errors become a bare 500, logged through `UnexpectedErrorReport`: their text
/// may hold personal data, so only the type name is logged, and the text only of errors
/// the service calls safe.
public struct ErrorMiddleware<Context: RouterContext>: Middleware {
    let report: UnexpectedErrorReport

    public init(logger: Logger, describe: @escaping @Sendable (any Error) -> String? = { _ in nil }) {
        report = UnexpectedErrorReport(logger: logger, describe: describe)
    }

    public func handle(_ request: HTTPRequest, context: Context,
                       next: (HTTPRequest, Context) async throws -> HTTPResponse) async throws -> HTTPResponse {
        do {
            return try await next(request, context)
        } catch let error as any ProblemConvertible {
            return error.problem.response
        } catch is CancellationError {
            return ProblemDetails(status: .serviceUnavailable, type: "cancelled", title: "Request cancelled",
                                  detail: "The request was cancelled before it completed.").response
        } catch {
            report.record(error, requestID: context.info.requestID)
            return ProblemDetails.internalError.response
        }
    }
}

/// The log line of an error nobody mapped to a problem: the request's ID, the error's
/// type and, only for errors the service calls safe, their text (an error's text may
/// carry personal data). Shared by the middleware and by routes that answer such an
/// error themselves (a batch item's 500), so every 500 leaves the same trace.
public struct UnexpectedErrorReport: Sendable {
    let logger: Logger
    /// What may be logged of an unexpected error beyond its type: the service names the
    /// errors whose text carries no personal data (a database's result code and message).
    let describe: @Sendable (any Error) -> String?

    public init(logger: Logger, describe: @escaping @Sendable (any Error) -> String? = { _ in nil }) {
        self.logger = logger
        self.describe = describe
    }

    public func record(_ error: any Error, requestID: String, metadata extra: Logger.Metadata = [:]) {
        var metadata = extra
        metadata["request_id"] = .string(requestID)
        metadata["error_type"] = .string(String(describing: type(of: error)))
        if let detail = describe(error) { metadata["error"] = .string(detail) }
        logger.error("unhandled error", metadata: metadata)
    }
}
