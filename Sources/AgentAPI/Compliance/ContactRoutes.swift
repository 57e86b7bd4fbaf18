import AgentCore
import HTTPCore

/// AGT-3: the DHS/SSA contacts of a client's staff (`clients/{id}/contacts`) and of the
/// agent's own staff (`contacts`), kept current with PATCH and DELETE.
struct ContactRoutes: Sendable {
    let duties: any AgentDutyRepository
    let gate: ComplianceGate

    /// PATCH: any subset, as `read(_:creating:)` takes it.
    static let schema = """
    {"type":"object","properties":{"name":{"type":"string","maxLength":200},"role":{"type":"string","maxLength":100},\
    "email":{"type":"string","maxLength":254,"pattern":"^\(emailCharacter)+@\(emailCharacter)*\\\\.\(emailCharacter)*$"},\
    "phone":{"type":"string","maxLength":30,"pattern":"^[ +().x-]*([0-9][ +().x-]*){7,15}$"},\
    "kind":{"enum":[\(Contact.Kind.allCases.map { "\"" + $0.rawValue + "\"" }.joined(separator: ","))]}}}
    """
    /// POST: a name, a kind, and an email or a phone to reach them by.
    static let createSchema = String(schema.dropLast())
        + #","required":["name","kind"],"anyOf":[{"required":["email"],"properties":{"email":{"type":"string"}}},"#
        + #"{"required":["phone"],"properties":{"phone":{"type":"string"}}}]}"#
    /// `AgentDutyRules.checkContact`: one @ with something before it, a dot after it, no space.
    private static let emailCharacter = "[^@ \(SchemaText.controlRanges)]"
    static let list = SchemaText.list("contacts", of: ComplianceSchemas.contact)

    func register(on router: RouterBuilder<AgentContext>, tags: [String]) {
        router.post("/api/v1/clients/:id/contacts", RouteDocumentation("Add a contact of the client's staff (AGT-3).", tags: tags,
                                                                       requestSchema: Self.createSchema,
                                                                       responses: [.json("201", ComplianceSchemas.contact, "Created")])) { request, context in
            let principal = try await gate.auth.principal(request)
            let client = try await gate.client(context, principal, write: true)
            return try await create(request, context, principal, client: client.id)
        }
        router.get("/api/v1/clients/:id/contacts", RouteDocumentation("The client's contacts.", tags: tags, query: ["limit", "cursor"],
                                                                                         responses: [.json("200", Self.list)])) { request, context in
            let principal = try await gate.auth.principal(request)
            let client = try await gate.client(context, principal, write: false)
            return try await list(request, client: client.id)
        }
        router.post("/api/v1/contacts", RouteDocumentation("Add a contact of the agent's own staff (AGT-3). Agent admins.", tags: tags,
                                                           requestSchema: Self.createSchema,
                                                           responses: [.json("201", ComplianceSchemas.contact, "Created")])) { request, context in
            let principal = try await gate.auth.principal(request)
            try gate.agentRecords(principal, write: true)
            return try await create(request, context, principal, client: nil)
        }
        router.get("/api/v1/contacts", RouteDocumentation("The agent's own contacts.", tags: tags, query: ["limit", "cursor"],
                                                                        responses: [.json("200", Self.list)])) { request, _ in
            let principal = try await gate.auth.principal(request)
            try gate.agentRecords(principal, write: false)
            return try await list(request, client: nil)
        }
        router.patch("/api/v1/contacts/:cid", RouteDocumentation("Change a contact.", tags: tags, requestSchema: Self.schema,
                                                                    responses: [.json("200", ComplianceSchemas.contact)])) { request, context in
            let (principal, old) = try await contact(request, context)
            var body = try RequestBody(request)
            let input = read(&body, creating: false)
            try body.finish()
            var changed = old
            if let name = input.name { changed.name = name }
            if body.has("role") { changed.role = input.role }
            if body.has("email") { changed.email = input.email }
            if body.has("phone") { changed.phone = input.phone }
            if let kind = input.kind { changed.kind = kind }
            if changed.email == nil && changed.phone == nil {
                throw ValidationFailure([FieldIssue(field: "email", code: FieldIssue.required, message: "Keep an email or a phone so the contact can be reached.")])
            }
            let updated = try await duties.updateContact(changed, audit: .by(principal, context, action: "contact.update", objectType: "contact",
                                                                               clientID: old.clientID))
            return .json(Self.json(updated))
        }
        router.delete("/api/v1/contacts/:cid", RouteDocumentation("Remove a contact.", tags: tags, responses: [.empty("204")])) { request, context in
            let (principal, old) = try await contact(request, context)
            try await duties.deleteContact(old.id, audit: .by(principal, context, action: "contact.delete", objectType: "contact", clientID: old.clientID))
            return HTTPResponse(status: .noContent)
        }
    }

    private func create(_ request: HTTPRequest, _ context: AgentContext, _ principal: Principal, client: ClientID?) async throws -> HTTPResponse {
        var body = try RequestBody(request)
        let input = read(&body, creating: true)
        try body.finish()
        guard let name = input.name, let kind = input.kind else { throw ValidationFailure([]) }
        let created = try await duties.createContact(
            Contact(id: "", clientID: client, name: name, role: input.role, email: input.email, phone: input.phone, kind: kind,
                    createdAt: "", createdBy: nil, updatedAt: ""),
            audit: .by(principal, context, action: "contact.create", objectType: "contact", clientID: client))
        return .json(Self.json(created), status: .created)
    }

    private func list(_ request: HTTPRequest, client: ClientID?) async throws -> HTTPResponse {
        let paging = try IdentityAPI.paging(request)
        let page = try await duties.contacts(clientID: client, limit: paging.limit, after: paging.cursor)
        return .json(JSONObjectWriter.list("contacts", items: page.items.map(Self.json), nextCursor: page.nextCursor))
    }

    /// The `:cid` contact and a caller allowed to change it: the agent's own need an agent
    /// admin; a client's, its compliance writers (another client's: 404).
    private func contact(_ request: HTTPRequest, _ context: AgentContext) async throws -> (Principal, Contact) {
        let principal = try await gate.auth.principal(request)
        guard let contact = try await duties.contact(context.info.parameters["cid"] ?? "") else { throw RepositoryError.notFound }
        if let client = contact.clientID {
            guard principal.scope.includes(client) else { throw RepositoryError.notFound }
            try gate.check(principal, client: client, write: true)
        } else {
            guard principal.role.isAgentStaff || principal.clientID == nil else { throw RepositoryError.notFound }
            try gate.agentRecords(principal, write: true)
        }
        return (principal, contact)
    }

    struct Input {
        var name: String?
        var role: String?
        var email: String?
        var phone: String?
        var kind: Contact.Kind?
    }

    private func read(_ body: inout RequestBody, creating: Bool) -> Input {
        var input = Input()
        input.name = body.string("name", required: creating, maxLength: 200)
        input.role = body.string("role", maxLength: 100)
        input.email = body.string("email", maxLength: 254)
        input.phone = body.string("phone", maxLength: 30)
        input.kind = ComplianceGate.code(&body, "kind", as: Contact.Kind.self, required: creating)
        var issues = IssueCollector()
        // A missing name is reported by the read above.
        AgentDutyRules.checkContact(name: input.name ?? (creating ? "" : nil), email: input.email, phone: input.phone,
                                    creating: creating, into: &issues)
        body.merge(ValidationFailure(issues.issues))
        return input
    }

    static func json(_ c: Contact) -> String {
        var w = JSONObjectWriter()
        w.string("id", c.id)
        w.string("client_company_id", c.clientID?.rawValue)
        w.string("name", c.name)
        w.string("role", c.role)
        w.string("email", c.email)
        w.string("phone", c.phone)
        w.string("kind", c.kind.rawValue)
        w.string("created_at", c.createdAt)
        w.string("created_by", c.createdBy)
        w.string("updated_at", c.updatedAt)
        return w.text
    }
}
