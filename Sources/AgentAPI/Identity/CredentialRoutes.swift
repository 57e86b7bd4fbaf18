import AgentCore
import Crypto
import HTTPCore
import Storage

extension IdentityAPI {
    /// The issuer authenticator apps show beside the account name.
    static let totpIssuer = "Employer Agent"
    /// API keys start with this, so a leaked one is recognisable in logs and by secret
    /// scanners; the 256 random bits after it are what make it a secret.
    static let apiKeyPrefix = "eak_"

    /// TOTP enrollment (RFC 6238): a secret is issued, then switched on by the first code
    /// made from it, which proves the authenticator holds it.
    func registerSecondFactor(on router: RouterBuilder<AgentContext>) {
        let tags = ["users"]
        router.post("/api/v1/users/me/totp", RouteDocumentation(
            "Start TOTP enrollment: a new secret (base32) and its otpauth:// URI, switched on by confirming a code.",
            tags: tags, responses: [.json("201", IdentitySchemas.totpEnrollment, "Created")])) { request, context in
            // Open to admins whom `totp_required_for_admins` stops everywhere else.
            let principal = try await auth.sessionPrincipal(request, exempt: .pendingSecondFactor)
            let secret = try SecureRandom.checkedBytes(TOTP.secretByteCount)
            try await repository.beginSecondFactorEnrollment(principal.userID, secret: secret,
                                                             audit: .by(principal, context, action: "user.totp_enroll", objectType: "user",
                                                                        objectID: principal.userID.rawValue))
            var w = JSONObjectWriter()
            w.string("secret", Base32.encode(secret, padding: false))
            w.string("otpauth_uri", TOTP.provisioningURI(secret: secret, issuer: Self.totpIssuer, account: principal.username))
            w.string("algorithm", "SHA1")
            w.int("digits", 6)
            w.int("period", Int(TOTP.defaultPeriod))
            w.bool("totp_enabled", false)
            var response = HTTPResponse.json(w.text, status: .created)
            response.headers.set("Cache-Control", "no-store")
            return response
        }
        router.post("/api/v1/users/me/totp/confirm", RouteDocumentation(
            "Switch TOTP on with a code from the new secret; from then on login needs totp_code.", tags: tags,
            requestSchema: #"{"type":"object","required":["code"],"properties":{"code":{"type":"string","maxLength":16}}}"#,
            responses: [.json("200", IdentitySchemas.totpEnabled)])) { request, context in
            let principal = try await auth.sessionPrincipal(request, exempt: .pendingSecondFactor)
            var body = try RequestBody(request)
            let code = body.string("code", required: true, maxLength: 16)
            try body.finish()
            guard let code else { throw ValidationFailure([]) }
            let now = UTCTime.nowMilliseconds() / 1000
            let confirmed = try await repository.confirmSecondFactor(
                principal.userID, audit: .by(principal, context, action: "user.totp_enable", objectType: "user",
                                             objectID: principal.userID.rawValue)) { secret in
                TOTP.matchingStep(code, secret: secret, at: now)
            }
            guard confirmed else {
                throw ValidationFailure([FieldIssue(field: "code", code: FieldIssue.invalidValue,
                                                    message: "The code does not match the new secret; check the device's clock and try the next code.")])
            }
            var w = JSONObjectWriter()
            w.bool("totp_enabled", true)
            return .json(w.text)
        }
    }

    /// API keys of a client (API.md "Authentication and people"): each acts as one active
    /// user of that client, is shown once and kept only as its SHA-256.
    func registerAPIKeys(on router: RouterBuilder<AgentContext>) {
        let tags = ["api_keys"]
        router.post("/api/v1/clients/:id/api_keys", RouteDocumentation(
            "Create an API key that acts as one user of this client; the key is shown only in this answer. Admins.", tags: tags,
            requestSchema: #"{"type":"object","required":["user_id","name"],"properties":{"user_id":{"type":"string","maxLength":64},"name":{"type":"string","maxLength":200}}}"#,
            responses: [.json("201", IdentitySchemas.createdAPIKey, "Created")])) { request, context in
            let principal = try await auth.sessionPrincipal(request)
            let clientID = try await clientInScope(context, principal)
            try Authenticator.require(AccessPolicy.mayManageAPIKeys(principal, client: clientID),
                                      "Only agent admins and the client's own admins manage its API keys.")
            var body = try RequestBody(request)
            let userID = body.string("user_id", required: true, maxLength: 64).map(UserID.init)
            let name = body.string("name", required: true, maxLength: 200)
            var issues = IssueCollector()
            if let name { APIKeyRules.checkName(name, into: &issues) }
            if let userID {
                let holder = try await repository.user(userID, scope: .client(clientID))
                APIKeyRules.checkHolder(holder, client: clientID, into: &issues)
            }
            for issue in issues.issues { body.note(issue) }
            try body.finish()
            guard let userID, let name else { throw ValidationFailure([]) }
            let key = Self.apiKeyPrefix + SecureRandom.token(byteCount: 32)
            let created = try await repository.createAPIKey(
                NewAPIKey(keyHash: SHA256.hash(Array(key.utf8)), name: name, userID: userID, clientID: clientID, createdBy: principal.userID),
                audit: .by(principal, context, action: "api_key.create", objectType: "api_key", clientID: clientID))
            var response = HTTPResponse.json(Representation.apiKey(created, key: key), status: .created)
            response.headers.set("Cache-Control", "no-store")
            return response
        }
        router.get("/api/v1/clients/:id/api_keys", RouteDocumentation(
            "List the client's API keys (never the keys themselves). Admins.", tags: tags, query: ["limit", "cursor"],
            responses: [.json("200", SchemaText.list("api_keys", of: IdentitySchemas.apiKey))])) { request, context in
            let principal = try await auth.principal(request)
            let clientID = try await clientInScope(context, principal)
            try Authenticator.require(AccessPolicy.mayManageAPIKeys(principal, client: clientID),
                                      "Only agent admins and the client's own admins see its API keys.")
            let paging = try Self.paging(request)
            let page = try await repository.apiKeys(client: clientID, scope: principal.scope, limit: paging.limit, after: paging.cursor)
            return .json(JSONObjectWriter.list("api_keys", items: page.items.map { Representation.apiKey($0) }, nextCursor: page.nextCursor))
        }
        router.delete("/api/v1/api_keys/:id", RouteDocumentation(
            "Revoke an API key; it stops working at once. Admins.", tags: tags, responses: [.empty("204")])) { request, context in
            let principal = try await auth.sessionPrincipal(request)
            let id = context.info.parameters["id"] ?? ""
            // Another client's key does not exist for this caller.
            guard let key = try await repository.apiKey(id, scope: principal.scope) else { throw RepositoryError.notFound }
            try Authenticator.require(AccessPolicy.mayManageAPIKeys(principal, client: key.clientID),
                                      "Only agent admins and the client's own admins revoke its API keys.")
            _ = try await repository.revokeAPIKey(id, scope: principal.scope,
                                                  audit: .by(principal, context, action: "api_key.revoke", objectType: "api_key",
                                                             clientID: key.clientID))
            return HTTPResponse(status: .noContent)
        }
    }

    /// The `:id` client of the path, or 404 when it does not exist in the caller's scope.
    private func clientInScope(_ context: AgentContext, _ principal: Principal) async throws -> ClientID {
        let id = ClientID(context.info.parameters["id"] ?? "")
        guard try await repository.client(id, scope: principal.scope) != nil else { throw RepositoryError.notFound }
        return id
    }
}
