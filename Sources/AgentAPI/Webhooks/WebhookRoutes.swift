import AgentCore
import HTTPCore
import Storage

/// The routes of API.md "Webhooks": registration, change, secret rotation, and the
/// deliveries list with its manual retry. Agent admins for any client, client admins for
/// their own; another client's webhook does not exist for the caller (404).
struct WebhookRoutes: Sendable {
    let webhooks: any WebhookRepository
    let identity: any IdentityRepository
    let auth: Authenticator
    let policy: WebhookURLPolicy
    /// Name resolution blocks: it runs here, never on a loop thread or the cooperative pool.
    let resolver: BlockingWorkPool
    let rotationOverlapSeconds: Int

    static let schema = """
    {"type":"object","properties":{"url":{"type":"string","format":"uri"},\
    "events":{"type":"array","items":{"enum":["case.created","case.status_changed","case.closed","work_queue.item_added","*"]}},\
    "description":{"type":"string"},"enabled":{"type":"boolean"}}}
    """

    func register(on router: RouterBuilder<AgentContext>) {
        let tags = ["webhooks"]
        router.post("/api/v1/clients/:id/webhooks", RouteDocumentation(
            "Register a webhook; its signing secret (whsec_…) is shown only in this answer. Admins.", tags: tags,
            requestSchema: Self.schema, responses: [.json("201", WebhookRepresentation.webhookWithSecretSchema)])) { request, context in
            let principal = try await auth.principal(request)
            let clientID = try await client(context, principal)
            var body = try RequestBody(request)
            let input = try await read(&body, creating: true)
            guard let url = input.url, let events = input.events else { throw ValidationFailure([]) }
            let secret = try WebhookSignature.newSecret()
            let hook = try await webhooks.create(clientID: clientID, url: url, events: events, description: input.description ?? nil,
                                                 secret: secret, audit: .by(principal, context, action: "webhook.create",
                                                                            objectType: "webhook", clientID: clientID))
            return Self.answer(WebhookRepresentation.webhook(hook, secret: secret), status: .created)
        }
        router.get("/api/v1/clients/:id/webhooks", RouteDocumentation(
            "The client's webhooks (never their secrets). Admins.", tags: tags, query: ["limit", "cursor"],
            responses: [.json("200", ResponseSchema.list("webhooks", WebhookRepresentation.webhookSchema))])) { request, context in
            let principal = try await auth.principal(request)
            let clientID = try await client(context, principal)
            let paging = try IdentityAPI.paging(request)
            let page = try await webhooks.list(clientID: clientID, limit: paging.limit, after: paging.cursor)
            return .json(JSONObjectWriter.list("webhooks", items: page.items.map { WebhookRepresentation.webhook($0) },
                                               nextCursor: page.nextCursor))
        }
        router.get("/api/v1/webhooks/:wid", RouteDocumentation("One webhook. Admins.", tags: tags,
                                                              responses: [.json("200", WebhookRepresentation.webhookSchema)])) { request, context in
            let hook = try await webhook(context, try await auth.principal(request))
            return .json(WebhookRepresentation.webhook(hook))
        }
        router.patch("/api/v1/webhooks/:wid", RouteDocumentation(
            "Change a webhook's url, events, description or enabled. Admins.", tags: tags, requestSchema: Self.schema,
            responses: [.json("200", WebhookRepresentation.webhookSchema)])) { request, context in
            let principal = try await auth.principal(request)
            let hook = try await webhook(context, principal)
            var body = try RequestBody(request)
            let input = try await read(&body, creating: false)
            let changed = try await webhooks.update(hook.id, scope: principal.scope, input: input,
                                                    audit: .by(principal, context, action: "webhook.update", objectType: "webhook"))
            return .json(WebhookRepresentation.webhook(changed))
        }
        router.delete("/api/v1/webhooks/:wid", RouteDocumentation(
            "Delete a webhook and its deliveries. Admins.", tags: tags, responses: [.empty("204")])) { request, context in
            let principal = try await auth.principal(request)
            let hook = try await webhook(context, principal)
            try await webhooks.delete(hook.id, scope: principal.scope,
                                      audit: .by(principal, context, action: "webhook.delete", objectType: "webhook"))
            return HTTPResponse(status: .noContent)
        }
        router.post("/api/v1/webhooks/:wid/rotate_secret", RouteDocumentation(
            "A new signing secret, shown only in this answer; the old one keeps signing too for the configured overlap. Admins.",
            tags: tags, responses: [.json("200", WebhookRepresentation.webhookWithSecretSchema)])) { request, context in
            let principal = try await auth.principal(request)
            let hook = try await webhook(context, principal)
            let secret = try WebhookSignature.newSecret()
            let overlap = rotationOverlapSeconds
            let expires = overlap > 0 ? UTCTime.nowMilliseconds() + Int64(overlap) * 1000 : nil
            let rotated = try await webhooks.rotateSecret(hook.id, scope: principal.scope, secret: secret, previousExpiresAtMs: expires,
                                                          audit: .by(principal, context, action: "webhook.rotate_secret", objectType: "webhook"))
            return Self.answer(WebhookRepresentation.webhook(rotated, secret: secret))
        }
        registerDeliveries(on: router, tags: tags)
    }

    private func registerDeliveries(on router: RouterBuilder<AgentContext>, tags: [String]) {
        router.get("/api/v1/webhooks/:wid/deliveries", RouteDocumentation(
            "The webhook's deliveries, oldest first; ?state=PENDING|DELIVERED|FAILED. Admins.", tags: tags,
            query: ["state", "limit", "cursor"],
            responses: [.json("200", ResponseSchema.list("deliveries", WebhookRepresentation.deliverySchema))])) { request, context in
            let hook = try await webhook(context, try await auth.principal(request))
            var state: WebhookDeliveryState?
            if let text = request.queryParameter("state") {
                guard let parsed = WebhookDeliveryState(rawValue: text) else {
                    throw ValidationFailure([FieldIssue(field: "state", code: FieldIssue.invalidValue,
                                                        message: "state is PENDING, DELIVERED or FAILED.")])
                }
                state = parsed
            }
            let paging = try IdentityAPI.paging(request)
            let page = try await webhooks.deliveries(webhookID: hook.id, state: state, limit: paging.limit, after: paging.cursor)
            return .json(JSONObjectWriter.list("deliveries", items: page.items.map(WebhookRepresentation.delivery),
                                               nextCursor: page.nextCursor))
        }
        router.post("/api/v1/webhooks/:wid/deliveries/:did/retry", RouteDocumentation(
            "Send a FAILED delivery again (409 for any other state). Admins.", tags: tags,
            responses: [.json("200", WebhookRepresentation.deliverySchema)])) { request, context in
            let principal = try await auth.principal(request)
            let hook = try await webhook(context, principal)
            guard let delivery = try await webhooks.retry(context.info.parameters["did"] ?? "", webhookID: hook.id,
                                                          nowMs: UTCTime.nowMilliseconds(),
                                                          audit: .by(principal, context, action: "webhook.delivery_retry",
                                                                     objectType: "webhook_delivery", clientID: hook.clientID)) else {
                throw RepositoryError.notFound
            }
            return .json(WebhookRepresentation.delivery(delivery))
        }
    }

    /// The body's members, checked: every problem at once, the URL resolved only when
    /// the rest is sound (so a typo costs no lookup).
    private func read(_ body: inout RequestBody, creating: Bool) async throws -> WebhookInput {
        var input = WebhookInput()
        input.url = body.string("url", maxLength: 2048)
        input.events = body.strings("events", maxCount: 10, maxLength: 64)
        if body.has("description") { input.description = .some(body.string("description", maxLength: WebhookRules.maxDescriptionLength)) }
        if !creating { input.enabled = body.bool("enabled") }
        var issues = IssueCollector()
        WebhookRules.check(input, creating: creating, into: &issues)
        for issue in issues.issues { body.note(issue) }
        if body.issues.isEmpty && body.unknownFields.isEmpty, let url = input.url,
           let problem = try await policy.check(url, pool: resolver) {
            body.note(problem)
        }
        try body.finish()
        return input
    }

    /// The `:id` client, 404 outside the caller's scope, 403 for a role that may not manage its webhooks.
    private func client(_ context: AgentContext, _ principal: Principal) async throws -> ClientID {
        let id = ClientID(context.info.parameters["id"] ?? "")
        guard try await identity.client(id, scope: principal.scope) != nil else { throw RepositoryError.notFound }
        try Authenticator.require(AccessPolicy.mayManageWebhooks(principal, client: id),
                                  "Only agent admins and the client's own admins manage its webhooks.")
        return id
    }

    private func webhook(_ context: AgentContext, _ principal: Principal) async throws -> Webhook {
        guard let hook = try await webhooks.find(context.info.parameters["wid"] ?? "", scope: principal.scope) else {
            throw RepositoryError.notFound
        }
        try Authenticator.require(AccessPolicy.mayManageWebhooks(principal, client: hook.clientID),
                                  "Only agent admins and the client's own admins manage its webhooks.")
        return hook
    }

    /// An answer carrying a secret: never cached.
    private static func answer(_ json: String, status: HTTPStatus = .ok) -> HTTPResponse {
        var response = HTTPResponse.json(json, status: status)
        response.headers.set("Cache-Control", "no-store")
        return response
    }
}

/// The JSON shapes of webhooks and deliveries.
enum WebhookRepresentation {
    static let eventTypes = CaseEventKind.allCases.map(\.rawValue)

    private static func webhookProperties(secret: Bool) -> [(String, String)] {
        [("id", ResponseSchema.id), ("client_company_id", ResponseSchema.id), ("url", ResponseSchema.string(minLength: 1)),
         ("events", ResponseSchema.array(ResponseSchema.enumeration(eventTypes + ["*"]), minItems: 1)),
         ("description", ResponseSchema.string(nullable: true)), ("enabled", ResponseSchema.boolean())]
            + (secret ? [("secret", ResponseSchema.string(pattern: "^whsec_[A-Za-z0-9+/]{43}=$"))] : [])
            + [("previous_secret_expires_at", ResponseSchema.nullableDateTime), ("created_at", ResponseSchema.dateTime),
               ("updated_at", ResponseSchema.dateTime)]
    }
    /// A webhook as shown after creation: never its secret.
    static let webhookSchema = ResponseSchema.object(webhookProperties(secret: false))
    /// The answers of creation and rotation, the only ones that show the secret.
    static let webhookWithSecretSchema = ResponseSchema.object(webhookProperties(secret: true))
    static let deliverySchema = ResponseSchema.object([
        "id": ResponseSchema.id, "event_id": ResponseSchema.id, "type": ResponseSchema.enumeration(eventTypes),
        "state": ResponseSchema.enumeration(WebhookDeliveryState.allCases.map(\.rawValue)),
        "attempts": ResponseSchema.integer(minimum: 0), "last_status_code": ResponseSchema.integer(minimum: 100, maximum: 599, nullable: true),
        "last_error": ResponseSchema.string(nullable: true), "next_attempt_at": ResponseSchema.nullableDateTime,
        "delivered_at": ResponseSchema.nullableDateTime,
    ])

    static func webhook(_ hook: Webhook, secret: String? = nil) -> String {
        var w = JSONObjectWriter()
        w.string("id", hook.id)
        w.string("client_company_id", hook.clientID.rawValue)
        w.string("url", hook.url)
        w.strings("events", hook.events)
        w.string("description", hook.description)
        w.bool("enabled", hook.enabled)
        if let secret { w.string("secret", secret) }
        w.string("previous_secret_expires_at", hook.previousSecretExpiresAt)
        w.string("created_at", hook.createdAt)
        w.string("updated_at", hook.updatedAt)
        return w.text
    }

    static func delivery(_ d: WebhookDelivery) -> String {
        var w = JSONObjectWriter()
        w.string("id", d.id)
        w.string("event_id", d.eventID)
        w.string("type", d.type)
        w.string("state", d.state.rawValue)
        w.int("attempts", d.attempts)
        w.int("last_status_code", d.lastStatusCode)
        w.string("last_error", d.lastError)
        w.string("next_attempt_at", d.nextAttemptAtMs.map { UTCTime.iso(milliseconds: $0) })
        w.string("delivered_at", d.deliveredAt)
        return w.text
    }
}
