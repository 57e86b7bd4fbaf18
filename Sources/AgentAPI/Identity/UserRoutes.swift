import AgentCore
import Crypto
import HTTPCore
import Storage

extension IdentityAPI {
    func registerUsers(on router: RouterBuilder<AgentContext>) {
        let tags = ["users"]
        router.post("/api/v1/users", RouteDocumentation("Create a user; they must change the password at first login.", tags: tags,
                                                        requestSchema: IdentitySchemas.userCreateRequest,
                                                        responses: [.json("201", IdentitySchemas.user, "Created")])) { request, context in
            try await createUser(request, context)
        }
        router.get("/api/v1/users", RouteDocumentation("List users in the caller's scope. Admins.", tags: tags, query: ["limit", "cursor"],
                                                                 responses: [.json("200", SchemaText.list("users", of: IdentitySchemas.user))])) { request, _ in
            let principal = try await auth.principal(request)
            try Authenticator.require(AccessPolicy.mayReadUsers(principal), "Only admins list users.")
            let paging = try Self.paging(request)
            let page = try await repository.users(scope: principal.scope, limit: paging.limit, after: paging.cursor)
            return .json(JSONObjectWriter.list("users", items: page.items.map { userJSON($0) }, nextCursor: page.nextCursor))
        }
        router.get("/api/v1/users/me", RouteDocumentation("The signed-in user.", tags: tags, responses: [.json("200", IdentitySchemas.user)])) { request, _ in
            let principal = try await auth.principal(request, exempt: [.pendingPasswordChange, .pendingSecondFactor])
            guard let user = try await repository.user(principal.userID, scope: .allClients) else { throw RepositoryError.notFound }
            return .json(userJSON(user, totpEnabled: principal.totpEnabled))
        }
        router.post("/api/v1/users/me/password", RouteDocumentation(
            "Change one's own password (ACC-1: not the current one nor any of the 5 before it).", tags: tags,
            requestSchema: #"{"type":"object","required":["current_password","new_password"],"properties":{"current_password":{"type":"string"},"new_password":{"type":"string","minLength":12,"maxLength":256}}}"#,
            responses: [.json("200", IdentitySchemas.user)], errors: ["429"])) { request, context in
            try await changeOwnPassword(request, context)
        }
        router.get("/api/v1/users/:id", RouteDocumentation("One user.", tags: tags, responses: [.json("200", IdentitySchemas.user)])) { request, context in
            let principal = try await auth.principal(request)
            let id = UserID(context.info.parameters["id"] ?? "")
            if id != principal.userID {
                try Authenticator.require(AccessPolicy.mayReadUsers(principal), "Only admins read other users.")
            }
            guard let user = try await repository.user(id, scope: principal.scope) else { throw RepositoryError.notFound }
            return .json(userJSON(user))
        }
        router.patch("/api/v1/users/:id", RouteDocumentation(
            "Change a user's name, email, role or client; a new password forces a change at next login.", tags: tags,
            requestSchema: IdentitySchemas.userPatchRequest, responses: [.json("200", IdentitySchemas.user)])) { request, context in
            try await updateUser(request, context)
        }
        router.post("/api/v1/users/:id/deactivate", RouteDocumentation("End a user's access at once (ACC-1); their sessions die.", tags: tags,
                                                                               responses: [.json("200", IdentitySchemas.user)])) { request, context in
            let principal = try await auth.sessionPrincipal(request)
            let id = UserID(context.info.parameters["id"] ?? "")
            guard let target = try await repository.user(id, scope: principal.scope) else { throw RepositoryError.notFound }
            if case .failure(let denial) = AccessPolicy.mayManageUser(principal, role: target.role, client: target.clientID) { throw denial }
            if id == principal.userID {
                throw ValidationFailure([FieldIssue(field: "id", code: FieldIssue.invalidValue, message: "You cannot deactivate yourself.")])
            }
            let user = try await repository.updateUser(id, scope: principal.scope,
                                                       audit: .by(principal, context, action: "user.deactivate", objectType: "user")) {
                $0.active = false
            }
            return .json(userJSON(user))
        }
    }

    private func createUser(_ request: HTTPRequest, _ context: AgentContext) async throws -> HTTPResponse {
        let principal = try await auth.sessionPrincipal(request)
        var body = try RequestBody(request)
        let username = body.string("username", required: true, maxLength: 64)
        let fullName = body.string("full_name", required: true, maxLength: 200)
        let email = body.string("email", maxLength: 254)
        let password = Self.secret(&body, "password", required: true)
        let roleText = body.string("role", required: true, maxLength: 20)
        var client = body.string("client_company_id", maxLength: 64).map(ClientID.init)
        let role = roleText.flatMap(Role.init(rawValue:))
        if roleText != nil && role == nil {
            body.note(FieldIssue(field: "role", code: FieldIssue.invalidValue, message: "role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))."))
        }
        // A client admin's users belong to the admin's own client unless said otherwise.
        if client == nil, principal.role == .clientAdmin, role?.clientBinding != .never { client = principal.clientID }
        var issues = IssueCollector()
        if let username { UserRules.checkUsername(username, into: &issues) }
        if let fullName { UserRules.checkFullName(fullName, into: &issues) }
        if let email { UserRules.checkEmail(email, into: &issues) }
        if let password, let username { UserRules.checkPassword(password, username: username, into: &issues) }
        if let role { UserRules.checkBinding(role: role, client: client, into: &issues) }
        for issue in issues.issues { body.note(issue) }
        try body.finish()
        guard let username, let fullName, let password, let role else { throw ValidationFailure([]) }
        if case .failure(let denial) = AccessPolicy.mayManageUser(principal, role: role, client: client) { throw denial }
        let hash = try await hash(password)
        do {
            let user = try await repository.createUser(
                NewUser(username: username, fullName: fullName, email: email, role: role, clientID: client, passwordHash: hash,
                        mustChangePassword: true),
                audit: .by(principal, context, action: "user.create", objectType: "user", clientID: client))
            return .json(userJSON(user), status: .created)
        } catch RepositoryError.notFound {
            throw ValidationFailure([FieldIssue(field: "client_company_id", code: FieldIssue.invalidValue, message: "No such client.")])
        }
    }

    private func updateUser(_ request: HTTPRequest, _ context: AgentContext) async throws -> HTTPResponse {
        let principal = try await auth.sessionPrincipal(request)
        let id = UserID(context.info.parameters["id"] ?? "")
        guard let target = try await repository.user(id, scope: principal.scope) else { throw RepositoryError.notFound }
        if case .failure(let denial) = AccessPolicy.mayManageUser(principal, role: target.role, client: target.clientID) { throw denial }
        var body = try RequestBody(request)
        let fullName = body.string("full_name", maxLength: 200)
        let email = body.has("email") ? Optional(body.string("email", maxLength: 254)) : nil
        let roleText = body.string("role", maxLength: 20)
        let clientGiven = body.has("client_company_id")
        let client = body.string("client_company_id", maxLength: 64).map(ClientID.init)
        let password = Self.secret(&body, "password", required: false)
        let role = roleText.flatMap(Role.init(rawValue:))
        if roleText != nil && role == nil { body.note(FieldIssue(field: "role", code: FieldIssue.invalidValue, message: "Unknown role.")) }
        let newRole = role ?? target.role
        let newClient = clientGiven ? client : target.clientID
        var issues = IssueCollector()
        if let fullName { UserRules.checkFullName(fullName, into: &issues) }
        if let email, let email { UserRules.checkEmail(email, into: &issues) }
        if let password { UserRules.checkPassword(password, username: target.username, into: &issues) }
        UserRules.checkBinding(role: newRole, client: newClient, into: &issues)
        // A client the caller cannot see is "no such client", as on creation (the row's
        // foreign key would otherwise fail inside the write).
        if let client, client != target.clientID, try await repository.client(client, scope: principal.scope) == nil {
            issues.add("client_company_id", FieldIssue.invalidValue, "No such client.")
        }
        for issue in issues.issues { body.note(issue) }
        try body.finish()
        if case .failure(let denial) = AccessPolicy.mayManageUser(principal, role: newRole, client: newClient) { throw denial }
        let newHash: String? = if let password { try await hash(password) } else { nil }
        let user = try await repository.updateUser(id, scope: principal.scope,
                                                   audit: .by(principal, context, action: "user.update", objectType: "user")) { update in
            if let fullName { update.fullName = fullName }
            if let email { update.email = email }
            update.role = newRole
            update.clientID = newClient
            if let newHash {
                // An admin-set password is temporary: the user picks their own at next login.
                update.newPasswordHash = newHash
                update.mustChangePassword = true
            }
        }
        return .json(userJSON(user))
    }

    private func changeOwnPassword(_ request: HTTPRequest, _ context: AgentContext) async throws -> HTTPResponse {
        // Reachable while a password change or TOTP enrollment is pending: it is how the
        // first is done, and the second needs a password of one's own first.
        let principal = try await auth.sessionPrincipal(request, exempt: [.pendingPasswordChange, .pendingSecondFactor])
        var body = try RequestBody(request)
        let current = Self.secret(&body, "current_password", required: true)
        let new = Self.secret(&body, "new_password", required: true)
        var issues = IssueCollector()
        if let new { UserRules.checkPassword(new, username: principal.username, field: "new_password", into: &issues) }
        if let new, let current, new == current {
            issues.add("new_password", FieldIssue.invalidValue, "The new password must differ from the current one.")
        }
        for issue in issues.issues { body.note(issue) }
        try body.finish()
        guard let current, let new else { throw ValidationFailure([]) }
        let recent = try await repository.recentPasswordHashes(principal.userID)
        // A stolen session must not become a way around the login lockout: the current
        // password is checked under the same throttle and a wrong one is a failed login.
        let nowMs = UTCTime.nowMilliseconds()
        let reservation = try await reserveAttempt(usernameKey: principal.username.lowercased(), context, nowMs: nowMs)
        guard let currentHash = recent.first, try await verify(current, against: currentHash, reserved: reservation) else {
            var event = AuditEvent.by(principal, context, action: "session.login_failed", objectType: "user",
                                      objectID: principal.userID.rawValue)
            event.changes = [FieldChange(field: "username", before: nil, after: principal.username),
                             FieldChange(field: "reason", before: nil, after: "current_password")]
            let failures = try await repository.recordLoginFailure(reservation, nowMs: nowMs, throttle: settings.throttle, audit: event)
            if settings.throttle.locks(afterFailures: failures) {
                throw AuthenticationFailure.lockedOut(retryAfter: settings.throttle.windowSeconds)
            }
            throw ValidationFailure([FieldIssue(field: "current_password", code: FieldIssue.invalidValue, message: "The current password is wrong.")])
        }
        try await repository.releaseLoginAttempt(reservation)
        // ACC-1: no reuse of recent passwords. Verifying is slow on purpose, so it runs on
        // the password pool, never inside the write that stores the new hash.
        if try await matchesAny(new, recent) { throw ValidationFailure([CredentialPolicy.reuseIssue(field: "new_password")]) }
        let newHash = try await hash(new)
        let currentSession = Authenticator.bearerToken(request).map { SHA256.hash(Array($0.utf8)) }
        let user = try await repository.updateUser(principal.userID, scope: .allClients,
                                                   audit: .by(principal, context, action: "user.password_change", objectType: "user")) {
            $0.newPasswordHash = newHash
            $0.mustChangePassword = false
            $0.keepSessionTokenHash = currentSession
            $0.expectedPasswordHash = currentHash
        }
        return .json(userJSON(user))
    }

    /// Whether `password` is any of `hashes`, checked concurrently on the password pool.
    private func matchesAny(_ password: String, _ hashes: [String]) async throws -> Bool {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for stored in hashes { group.addTask { try await verify(password, against: stored) } }
            for try await matched in group where matched {
                group.cancelAll()
                return true
            }
            return false
        }
    }

    /// A password field: kept exactly as sent (no trimming), never echoed in errors.
    static func secret(_ body: inout RequestBody, _ field: String, required: Bool) -> String? {
        guard let value = body.raw(field) else {
            if required { body.note(FieldIssue(field: field, code: FieldIssue.required, message: "\(field) is required.")) }
            return nil
        }
        guard case .string(let text) = value else {
            body.note(FieldIssue(field: field, code: FieldIssue.invalidFormat, message: "\(field) must be a string."))
            return nil
        }
        return text
    }
}
