import Foundation
import AgentCore
import Crypto
import HTTPCore
import Storage

/// Turns the `Authorization: Bearer` header into a `Principal` with one storage read,
/// and applies the gates every route shares (password change, TRN-1).
struct Authenticator: Sendable {
    let repository: any IdentityRepository
    let curriculumVersion: String

    /// The signed-in principal; 401 without a live token. Unless `allowPendingPasswordChange`,
    /// a user who must still replace an admin-given password gets 403.
    func principal(_ request: HTTPRequest, allowPendingPasswordChange: Bool = false) async throws -> Principal {
        guard let token = Self.bearerToken(request) else { throw AuthenticationFailure.missing }
        guard let principal = try await repository.principal(tokenHash: SHA256.hash(Array(token.utf8)),
                                                             nowMs: UTCTime.nowMilliseconds(),
                                                             curriculumVersion: curriculumVersion) else {
            throw AuthenticationFailure.invalid
        }
        if principal.mustChangePassword && !allowPendingPasswordChange { throw AccessDenial.passwordChangeRequired }
        return principal
    }

    /// The principal of a case action: signed in, not read-only, and trained (TRN-1).
    func caseActor(_ request: HTTPRequest) async throws -> Principal {
        let principal = try await principal(request)
        if case .failure(let denial) = AccessPolicy.checkCaseAction(principal) { throw denial }
        return principal
    }

    static func bearerToken(_ request: HTTPRequest) -> String? {
        guard let header = request.headers["Authorization"] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].equalsIgnoringASCIICase("Bearer") else { return nil }
        let token = String(parts[1]).trimmingCharacters(in: .whitespaces)
        return token.isEmpty || token.count > 512 ? nil : token
    }

    static func require(_ condition: Bool, _ reason: String) throws {
        if !condition { throw AccessDenial.forbidden(reason) }
    }
}

extension AuditEvent {
    /// An event caused by `principal` through `context`'s request.
    static func by(_ principal: Principal?, _ context: AgentContext, action: String, objectType: String, objectID: String? = nil,
                   clientID: ClientID? = nil) -> AuditEvent {
        AuditEvent(actor: principal.map { .user($0.userID) } ?? .anonymous, clientID: clientID ?? principal?.clientID,
                   action: action, objectType: objectType, objectID: objectID, sourceIP: context.info.remoteAddress,
                   requestID: context.info.requestID)
    }
}
