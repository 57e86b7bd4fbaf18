import AgentCore
import Crypto
import HTTPCore
import Storage

extension IdentityAPI {
    func registerAuthentication(on router: RouterBuilder<AgentContext>) {
        let tags = ["authentication"]
        router.post("/api/v1/authentication/login", RouteDocumentation(
            "Sign in with username and password (and totp_code once TOTP is on); returns a bearer token.", tags: tags,
            requestSchema: #"{"type":"object","required":["username","password"],"properties":{"username":{"type":"string"},"password":{"type":"string"},"totp_code":{"type":"string"}}}"#)) { request, context in
            try await login(request, context)
        }
        router.post("/api/v1/authentication/refresh", RouteDocumentation("Exchange a live token for a new one.", tags: tags)) { request, context in
            try await refresh(request, context)
        }
        router.post("/api/v1/authentication/logout", RouteDocumentation("Revoke the token in use.", tags: tags, success: ["204"])) { request, context in
            let principal = try await auth.sessionPrincipal(request, exempt: [.pendingPasswordChange, .pendingSecondFactor])
            guard let token = Authenticator.bearerToken(request) else { throw AuthenticationFailure.missing }
            try await repository.revokeSession(tokenHash: SHA256.hash(Array(token.utf8)),
                                               audit: .by(principal, context, action: "session.logout", objectType: "session",
                                                          objectID: principal.userID.rawValue))
            return HTTPResponse(status: .noContent)
        }
    }

    private func login(_ request: HTTPRequest, _ context: AgentContext) async throws -> HTTPResponse {
        var body = try RequestBody(request)
        let username = body.string("username", required: true, maxLength: 64)
        let password = body.raw("password").flatMap { value -> String? in
            if case .string(let text) = value { return text }
            return nil
        }
        if password == nil { body.note(FieldIssue(field: "password", code: FieldIssue.required, message: "password is required.")) }
        let totpCode = body.string("totp_code", maxLength: 16)
        try body.finish()
        guard let username, let password else { throw AuthenticationFailure.badCredentials }

        // Throttle by username whether or not it exists, so the answer reveals nothing.
        let key = username.lowercased()
        let nowMs = UTCTime.nowMilliseconds()
        let windowStart = nowMs - Int64(settings.lockoutWindowSeconds) * 1000
        if try await repository.loginFailures(usernameKey: key, sinceMs: windowStart) >= settings.lockoutFailures {
            throw AuthenticationFailure.lockedOut(retryAfter: settings.lockoutWindowSeconds)
        }
        let stored = try await repository.credentials(username: username)
        let passwordMatches = try await verify(password, against: stored?.passwordHash ?? decoyHash)
        /// Records a failed attempt (lockout counts it) and throws what the caller is told.
        func refuse(_ failure: any Error, reason: String) async throws -> Never {
            var event = AuditEvent.by(nil, context, action: "session.login_failed", objectType: "user", objectID: stored?.user.id.rawValue,
                                      clientID: stored?.user.clientID)
            event.changes = [FieldChange(field: "username", before: nil, after: username), FieldChange(field: "reason", before: nil, after: reason)]
            let failures = try await repository.recordLoginFailure(usernameKey: key, nowMs: nowMs, sinceMs: windowStart, audit: event)
            if failures >= settings.lockoutFailures { throw AuthenticationFailure.lockedOut(retryAfter: settings.lockoutWindowSeconds) }
            throw failure
        }
        guard let stored, passwordMatches, stored.user.active else {
            try await refuse(AuthenticationFailure.badCredentials, reason: "password")
        }
        // The second factor is asked for only after the password was right, and a wrong or
        // missing code counts against the lockout like a wrong password.
        var totpStep: Int64?
        if let secret = stored.totpSecret {
            guard let totpCode else { try await refuse(SecondFactorFailure.missingCode, reason: "totp_missing") }
            guard let step = TOTP.matchingStep(totpCode, secret: secret, at: nowMs / 1000) else {
                try await refuse(SecondFactorFailure.wrongCode, reason: "totp_wrong")
            }
            totpStep = step
        }
        let user = stored.user
        let token: String
        do {
            token = try await issueToken(for: user.id, usernameKey: key, nowMs: nowMs, totpStep: totpStep,
                                         audit: AuditEvent(actor: .user(user.id), clientID: user.clientID, action: "session.login",
                                                           objectType: "session", objectID: user.id.rawValue,
                                                           sourceIP: context.info.remoteAddress, requestID: context.info.requestID))
        } catch SecondFactorError.codeReused {
            try await refuse(SecondFactorFailure.wrongCode, reason: "totp_reused")
        }
        var w = JSONObjectWriter()
        w.string("access_token", token)
        w.string("token_type", "Bearer")
        w.int("expires_in", settings.tokenLifetimeSeconds)
        w.string("password_expiration_date", passwordExpiration(changedAt: user.passwordChangedAt))
        w.bool("must_change_password", mustChangePassword(user))
        return .json(w.text)
    }

    private func refresh(_ request: HTTPRequest, _ context: AgentContext) async throws -> HTTPResponse {
        let principal = try await auth.sessionPrincipal(request, exempt: .pendingPasswordChange)
        guard let old = Authenticator.bearerToken(request) else { throw AuthenticationFailure.missing }
        let nowMs = UTCTime.nowMilliseconds()
        let token = try await issueToken(for: principal.userID, usernameKey: principal.username.lowercased(), nowMs: nowMs,
                                         totpStep: nil, audit: nil)
        try await repository.revokeSession(tokenHash: SHA256.hash(Array(old.utf8)),
                                           audit: .by(principal, context, action: "session.refresh", objectType: "session",
                                                      objectID: principal.userID.rawValue))
        var w = JSONObjectWriter()
        w.string("access_token", token)
        w.string("token_type", "Bearer")
        w.int("expires_in", settings.tokenLifetimeSeconds)
        w.bool("must_change_password", principal.mustChangePassword)
        return .json(w.text)
    }

    /// 256 random bits, handed out once; only its SHA-256 is stored.
    private func issueToken(for user: UserID, usernameKey: String, nowMs: Int64, totpStep: Int64?, audit: AuditEvent?) async throws -> String {
        let token = SecureRandom.token(byteCount: 32)
        try await repository.createSession(tokenHash: SHA256.hash(Array(token.utf8)), userID: user, usernameKey: usernameKey,
                                           nowMs: nowMs, expiresAtMs: nowMs + Int64(settings.tokenLifetimeSeconds) * 1000,
                                           totpStep: totpStep, audit: audit)
        return token
    }
}
