import AgentCore
import Foundation
import GovernmentICA
import GovernmentSimulator
import HTTPCore
import Logging

/// Every error of a sandbox call in the interface's shape, `{errors: [{error_code,
/// message}]}`: 401 for tokens, 404 for an unknown case, 422 for a step out of order,
/// 503 for an outage, and our own checks' statuses (400 unknown field, 422 invalid).
struct ICASandboxErrors: Middleware {
    typealias Context = AgentContext
    let logger: Logger

    func handle(_ request: HTTPRequest, context: AgentContext,
                next: (HTTPRequest, AgentContext) async throws -> HTTPResponse) async throws -> HTTPResponse {
        do {
            return try await next(request, context)
        } catch let error as ICASandboxUnauthorized {
            return Self.errors(.unauthorized, code: "UNAUTHORIZED", message: error.message)
        } catch let error as SimulatorError {
            if case .unknownCase = error { return Self.errors(.notFound, code: "CASE_NOT_FOUND", message: error.description) }
            return Self.errors(.unprocessableContent, code: "INVALID_STEP", message: error.description)
        } catch let error as any ProblemConvertible {
            let problem = error.problem
            let details = problem.errors.map { "\($0.field): \($0.message)" }
            var response = Self.errors(problem.status, code: problem.errors.first?.code ?? problem.type.uppercased(),
                                       message: ([problem.detail] + details).joined(separator: " "))
            for header in problem.headers { response.headers.set(header.name, header.value) }
            return response
        } catch {
            logger.error("sandbox: unhandled error", metadata: ["error_type": .string(String(describing: type(of: error)))])
            return Self.errors(.internalServerError, code: "INTERNAL", message: "Internal error.")
        }
    }

    static func errors(_ status: HTTPStatus, code: String, message: String) -> HTTPResponse {
        ICASandboxRoutes.json([ICAFieldMap.errors: [[ICAFieldMap.errorCode: code, ICAFieldMap.message: message]]], status: status)
    }
}
