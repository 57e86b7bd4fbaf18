import Foundation
import AgentCore
import Crypto
import HTTPCore
import Storage

/// Turns the `Authorization: Bearer` header (a session token or an API key) into a
/// `Principal` with one storage read, and applies the gates every route shares: a
/// pending or expired password (ACC-1), a missing second factor for admins, TRN-1.
struct Authenticator: Sendable {
    let repository: any IdentityRepository
    let curriculumVersion: String
    let passwordMaxAgeDays: Int
    let totpRequiredForAdmins: Bool

    /// The signed-in principal; 401 without a live token or key. A user whose password
    /// must change (admin-given, or older than `password_max_age_days` on the real clock)
    /// gets 403 `PASSWORD_CHANGE_REQUIRED`, and an admin without TOTP while it is required
    /// 403 `TOTP_REQUIRED`, unless the route is `exempt`.
    func principal(_ request: HTTPRequest, exempt: CredentialPolicy.Exemptions = []) async throws -> Principal {
        guard let token = Self.bearerToken(request) else { throw AuthenticationFailure.missing }
        guard let principal = try await repository.principal(tokenHash: SHA256.hash(Array(token.utf8)),
                                                             nowMs: UTCTime.nowMilliseconds(),
                                                             curriculumVersion: curriculumVersion) else {
            throw AuthenticationFailure.invalid
        }
        return try CredentialPolicy.admit(principal, now: UTCTime.nowISO(), maxAgeDays: passwordMaxAgeDays,
                                          totpRequiredForAdmins: totpRequiredForAdmins, exempt: exempt)
    }

    /// A principal signed in with a session, for the routes that administer identity
    /// (users, API keys, TOTP, passwords, sessions): 403 `FORBIDDEN` for an API key.
    func sessionPrincipal(_ request: HTTPRequest, exempt: CredentialPolicy.Exemptions = []) async throws -> Principal {
        let principal = try await principal(request, exempt: exempt)
        if case .failure(let denial) = AccessPolicy.checkIdentityAdministration(principal) { throw denial }
        return principal
    }

    /// The principal of a case action: signed in, not read-only, and trained (TRN-1).
    func caseActor(_ request: HTTPRequest) async throws -> Principal {
        let principal = try await principal(request)
        if case .failure(let denial) = AccessPolicy.checkCaseAction(principal) { throw denial }
        return principal
    }

    static func bearerToken(_ request: HTTPRequest) -> String? { bearerToken(request.headers) }

    static func bearerToken(_ headers: HTTPHeaders) -> String? {
        guard let header = headers["Authorization"] else { return nil }
        // Every request: the usual `Bearer <token>` in visible ASCII is read on its bytes.
        let bytes = header.utf8
        if bytes.count > 7, bytes.count - 7 <= 512, bytes.starts(with: "Bearer ".utf8) || bytes.starts(with: "bearer ".utf8) {
            let start = bytes.index(bytes.startIndex, offsetBy: 7)
            if bytes[start...].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) { return String(header[start...]) }
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].equalsIgnoringASCIICase("Bearer") else { return nil }
        let token = parts[1].trimmingBlanks()
        return token.isEmpty || token.count > 512 ? nil : token
    }

    static func require(_ condition: Bool, _ reason: String) throws {
        if !condition { throw AccessDenial.forbidden(reason) }
    }
}

extension AuditEvent {
    /// An event caused by `principal` through `context`'s request; a change made with an
    /// API key names the key as the actor (the key names its user).
    static func by(_ principal: Principal?, _ context: AgentContext, action: String, objectType: String, objectID: String? = nil,
                   clientID: ClientID? = nil) -> AuditEvent {
        let actor: AuditActor = principal.map { p in p.apiKeyID.map(AuditActor.apiKey) ?? .user(p.userID) } ?? .anonymous
        return AuditEvent(actor: actor, clientID: clientID ?? principal?.clientID,
                          action: action, objectType: objectType, objectID: objectID, sourceIP: context.info.remoteAddress,
                          requestID: context.info.requestID)
    }
}
