import AgentCore
import Crypto
import HTTPCore
import Storage

extension IdentityAPI {
    func registerAuthentication(on router: RouterBuilder<AgentContext>) {
        let tags = ["authentication"]
        router.post("/api/v1/authentication/login", RouteDocumentation(
            "Sign in with username and password (and totp_code once TOTP is on); returns a bearer token.", tags: tags,
            requestSchema: #"{"type":"object","required":["username","password"],"properties":{"username":{"type":"string","minLength":1,"maxLength":64},"password":{"type":"string"},"totp_code":{"type":"string","maxLength":16}}}"#,
            responses: [.json("200", IdentitySchemas.login)], errors: ["429"])) { request, context in
            try await login(request, context)
        }
        router.post("/api/v1/authentication/refresh", RouteDocumentation("Exchange a live token for a new one.", tags: tags,
                                                                                        responses: [.json("200", IdentitySchemas.refresh)])) { request, context in
            try await refresh(request, context)
        }
        router.post("/api/v1/authentication/logout", RouteDocumentation("Revoke the token in use.", tags: tags, responses: [.empty("204")])) { request, context in
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

        // Throttle by username whether or not it exists, so the answer reveals nothing. The
        // attempt is counted before the hash runs, so concurrent guesses cannot all pass.
        let key = username.lowercased()
        let nowMs = UTCTime.nowMilliseconds()
        let stored = try await repository.credentials(username: username)
        let reservation = try await reserveAttempt(usernameKey: key, context, nowMs: nowMs)
        let passwordMatches = try await verify(password, against: stored?.passwordHash ?? decoyHash, reserved: reservation)
        /// Records the failed attempt's reason and throws what the caller is told.
        func refuse(_ failure: any Error, reason: String) async throws -> Never {
            var event = AuditEvent.by(nil, context, action: "session.login_failed", objectType: "user", objectID: stored?.user.id.rawValue,
                                      clientID: stored?.user.clientID)
            // The typed name is kept only when it names an account: an unknown "name" is
            // often a password typed into the wrong field.
            event.changes = (stored.map { [FieldChange(field: "username", before: nil, after: $0.user.username)] } ?? [])
                + [FieldChange(field: "reason", before: nil, after: reason)]
            let failures = try await repository.recordLoginFailure(reservation, nowMs: nowMs, throttle: settings.throttle, audit: event)
            if settings.throttle.locks(afterFailures: failures) {
                throw AuthenticationFailure.lockedOut(retryAfter: settings.throttle.windowSeconds)
            }
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
        let session: (token: String, expiresInSeconds: Int)
        do {
            session = try await issueToken(for: user.id, usernameKey: key, nowMs: nowMs, totpStep: totpStep, releasing: reservation,
                                           audit: AuditEvent(actor: .user(user.id), clientID: user.clientID, action: "session.login",
                                                             objectType: "session", objectID: user.id.rawValue,
                                                             sourceIP: context.info.remoteAddress, requestID: context.info.requestID))
        } catch SecondFactorError.codeReused {
            try await refuse(SecondFactorFailure.wrongCode, reason: "totp_reused")
        }
        await rehashIfOutdated(password, stored: stored, context)
        var w = JSONObjectWriter()
        w.string("access_token", session.token)
        w.string("token_type", "Bearer")
        w.int("expires_in", session.expiresInSeconds)
        w.string("password_expiration_date", passwordExpiration(changedAt: user.passwordChangedAt))
        w.bool("must_change_password", mustChangePassword(user))
        return .json(w.text)
    }

    /// A hash made with older scrypt parameters is replaced at the first login that
    /// proves the password, the only moment the service holds it. Best effort: a failure
    /// here leaves the old hash, which still verifies, and must not fail the login.
    private func rehashIfOutdated(_ password: String, stored: StoredCredentials, _ context: AgentContext) async {
        guard hasher.needsRehash(stored.passwordHash), let newHash = try? await hash(password) else { return }
        var event = AuditEvent(actor: .user(stored.user.id), clientID: stored.user.clientID, action: "user.password_rehash",
                               objectType: "user", objectID: stored.user.id.rawValue,
                               sourceIP: context.info.remoteAddress, requestID: context.info.requestID)
        event.changes = [FieldChange(field: "password_hash_parameters", before: Self.hashParameters(stored.passwordHash),
                                     after: Self.hashParameters(newHash))]
        try? await repository.rehashPassword(stored.user.id, from: stored.passwordHash, to: newHash, audit: event)
    }

    /// `ln=17,r=8,p=1` of a PHC string: the cost, which is no secret (the salt and hash are).
    static func hashParameters(_ encoded: String) -> String? {
        let fields = encoded.split(separator: "$", omittingEmptySubsequences: false)
        return fields.count == 5 ? String(fields[2]) : nil
    }

    private func refresh(_ request: HTTPRequest, _ context: AgentContext) async throws -> HTTPResponse {
        let principal = try await auth.sessionPrincipal(request, exempt: .pendingPasswordChange)
        guard let old = Authenticator.bearerToken(request) else { throw AuthenticationFailure.missing }
        let nowMs = UTCTime.nowMilliseconds()
        let token = SecureRandom.token(byteCount: 32)
        guard let expiresAtMs = try await repository.refreshSession(
            oldTokenHash: SHA256.hash(Array(old.utf8)), newTokenHash: SHA256.hash(Array(token.utf8)), nowMs: nowMs,
            lifetimeMs: Int64(settings.tokenLifetimeSeconds) * 1000, maxLifetimeMs: Int64(settings.sessionMaxLifetimeSeconds) * 1000,
            audit: .by(principal, context, action: "session.refresh", objectType: "session", objectID: principal.userID.rawValue)) else {
            throw AuthenticationFailure.sessionEnded
        }
        var w = JSONObjectWriter()
        w.string("access_token", token)
        w.string("token_type", "Bearer")
        w.int("expires_in", Int((expiresAtMs - nowMs) / 1000))
        w.bool("must_change_password", principal.mustChangePassword)
        return .json(w.text)
    }

    /// 256 random bits, handed out once; only its SHA-256 is stored. The session lasts the
    /// token lifetime, but never beyond the maximum session lifetime.
    private func issueToken(for user: UserID, usernameKey: String, nowMs: Int64, totpStep: Int64?, releasing reservation: LoginReservation?,
                            audit: AuditEvent?) async throws -> (token: String, expiresInSeconds: Int) {
        let token = SecureRandom.token(byteCount: 32)
        let lifetime = min(settings.tokenLifetimeSeconds, settings.sessionMaxLifetimeSeconds)
        try await repository.createSession(tokenHash: SHA256.hash(Array(token.utf8)), userID: user, usernameKey: usernameKey,
                                           nowMs: nowMs, expiresAtMs: nowMs + Int64(lifetime) * 1000,
                                           totpStep: totpStep, releasing: reservation, audit: audit)
        return (token, lifetime)
    }
}
