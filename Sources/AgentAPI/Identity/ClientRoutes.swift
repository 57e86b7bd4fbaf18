import Foundation
import AgentCore
import HTTPCore

extension IdentityAPI {
    /// As `clientInput` and `ClientRules` read it (PATCH: any subset; POST: `clientCreateSchema`).
    static let clientSchema = """
    {"type":"object","properties":{"name":{"type":"string","minLength":1},\
    "ein":{"type":"string","pattern":"^(0[1-9]|[1-9][0-9])-?[0-9]{7}$","description":"NN-NNNNNNN"},\
    "naics_code":{"type":"string","pattern":"^[0-9]{2,6}$"},\
    "address":{"type":"string"},"sites":{"type":"array","maxItems":100,"items":{"type":"string"}},"mou_effective_date":{"type":"string","format":"date"},\
    "employer_business_days":{"type":"array","minItems":1,"maxItems":7,"items":{"enum":["MON","TUE","WED","THU","FRI","SAT","SUN"]}},\
    "employer_closed_dates":{"type":"array","maxItems":1000,"items":{"type":"string","format":"date"}},"federal_contractor":{"type":"boolean"},\
    "require_secondary_review":{"type":"boolean"},"notice_languages":{"type":"array","maxItems":40,"items":{"type":"string"}}}}
    """
    /// PATCH also takes the members kept beside the client row (IMAGE, federal contractor).
    static let clientPatchSchema = String(clientSchema.dropLast(2)) + "," + ImageSettingsMembers.schemaMembers + ","
        + #""federal_contractor_enrolled_on":{"type":"string","format":"date"},"#
        + #""contractor_category":{"enum":["STANDARD","HIGHER_EDUCATION","STATE_LOCAL_TRIBAL","SURETY"]},"#
        + #""verify_existing_workforce_elected_on":{"type":"string","format":"date"}}}"#
    static let clientCreateSchema = clientSchema.replacingOccurrences(
        of: #"{"type":"object","properties""#, with: #"{"type":"object","required":["name","ein","mou_effective_date"],"properties""#)

    func registerClients(on router: RouterBuilder<AgentContext>) {
        let tags = ["clients"]
        router.post("/api/v1/clients", RouteDocumentation("Create a client (employer). Agent admins.", tags: tags,
                                                          requestSchema: Self.clientCreateSchema,
                                                          responses: [.json("201", IdentitySchemas.createdClient, "Created")])) { request, context in
            let principal = try await auth.principal(request)
            try Authenticator.require(AccessPolicy.mayManageClients(principal), "Only agent admins create clients.")
            var body = try RequestBody(request)
            let input = Self.clientInput(&body)
            var checked: ClientProfile?
            do { checked = try ClientRules.create(input) } catch let failure as ValidationFailure { body.merge(failure) }
            try body.finish()
            guard let profile = checked else { throw ValidationFailure([]) }
            let client = try await repository.createClient(profile, audit: .by(principal, context, action: "client.create", objectType: "client"))
            return .json(Representation.client(client), status: .created)
        }
        router.get("/api/v1/clients", RouteDocumentation("List the clients in the caller's scope.", tags: tags, query: ["limit", "cursor"],
                                                                  responses: [.json("200", SchemaText.list("clients", of: IdentitySchemas.client))])) { request, _ in
            let principal = try await auth.principal(request)
            let paging = try Self.paging(request)
            let page = try await repository.clients(scope: principal.scope, limit: paging.limit, after: paging.cursor)
            var items: [String] = []
            for client in page.items {
                items.append(try await clientSettings.json(client, base: imageSettings?.json(client) ?? Representation.client(client)))
            }
            return .json(JSONObjectWriter.list("clients", items: items, nextCursor: page.nextCursor))
        }
        router.get("/api/v1/clients/:id", RouteDocumentation("One client.", tags: tags, responses: [.json("200", IdentitySchemas.client)])) { request, context in
            let principal = try await auth.principal(request)
            guard let client = try await repository.client(ClientID(context.info.parameters["id"] ?? ""), scope: principal.scope) else {
                throw RepositoryError.notFound
            }
            return .json(try await clientSettings.json(client, base: imageSettings?.json(client) ?? Representation.client(client)))
        }
        router.patch("/api/v1/clients/:id", RouteDocumentation("Change a client's profile. Agent admins.", tags: tags,
                                                               requestSchema: Self.clientPatchSchema,
                                                               responses: [.json("200", IdentitySchemas.client)])) { request, context in
            let principal = try await auth.principal(request)
            let id = ClientID(context.info.parameters["id"] ?? "")
            // Outside the caller's scope the client does not exist, whatever the role.
            guard principal.scope.includes(id) else { throw RepositoryError.notFound }
            try Authenticator.require(AccessPolicy.mayManageClients(principal), "Only agent admins change clients.")
            var body = try RequestBody(request)
            let input = Self.clientInput(&body)
            let extra = clientSettings.read(&body)
            let image = imageSettings == nil ? nil : ImageSettingsMembers.read(&body)
            // The rules on the given fields alone, so every problem is answered at once.
            do { _ = try ClientRules.update(Self.validPlaceholder, with: input) } catch let failure as ValidationFailure { body.merge(failure) }
            try body.finish()
            // The members kept beside the client row are written first: the client must exist.
            if extra != nil || image != nil {
                guard try await repository.client(id, scope: principal.scope) != nil else { throw RepositoryError.notFound }
            }
            // Checked before either write, so a refused IMAGE member leaves the profile as it was.
            if let image, let imageSettings { try await imageSettings.check(image, clientID: id) }
            // The federal-contractor members next: their rules see stored records and may still refuse.
            try await extra?(id, principal, context)
            let client = try await repository.updateClient(id, scope: principal.scope,
                                                           audit: .by(principal, context, action: "client.update", objectType: "client")) {
                try ClientRules.update($0, with: input)
            }
            if let image, let imageSettings { try await imageSettings.apply(image, clientID: id, principal: principal, context: context) }
            try await clientChanged(id)
            return .json(try await clientSettings.json(client, base: imageSettings?.json(client) ?? Representation.client(client)))
        }
    }

    private static let validPlaceholder = ClientProfile(name: "placeholder", ein: "12-3456789", mouEffectiveDate: .referenceDate)

    static func clientInput(_ body: inout RequestBody) -> ClientInput {
        var input = ClientInput()
        input.name = body.string("name", maxLength: 200)
        input.ein = body.string("ein", maxLength: 20)
        if body.has("naics_code") { input.naicsCode = .some(body.string("naics_code", maxLength: 10)) }
        if body.has("address") { input.address = .some(body.string("address", maxLength: 500)) }
        input.sites = body.strings("sites")
        input.mouEffectiveDate = body.date("mou_effective_date")
        input.employerBusinessDays = body.strings("employer_business_days", maxCount: 7, maxLength: 3)
        if let dates = body.strings("employer_closed_dates", maxCount: 1000, maxLength: 10) {
            var parsed: [CivilDate] = []
            for (i, text) in dates.enumerated() {
                if let date = CivilDate(iso: text) { parsed.append(date) } else {
                    body.note(FieldIssue(field: "employer_closed_dates[\(i)]", code: FieldIssue.invalidFormat,
                                         message: "Closed dates are real dates written YYYY-MM-DD."))
                }
            }
            input.employerClosedDates = parsed
        }
        input.federalContractor = body.bool("federal_contractor")
        input.requireSecondaryReview = body.bool("require_secondary_review")
        input.noticeLanguages = body.strings("notice_languages", maxCount: 40, maxLength: 10)
        return input
    }
}
