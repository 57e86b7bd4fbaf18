import AgentCore
import HTTPCore
import Notices

/// API.md "The agent's duties": the posters a client displays (AGT-1, each download
/// audited), manual versions with each client's acknowledgment (AGT-2), and the DHS/SSA
/// contacts of the agent's and clients' staff (AGT-3).
struct AgentDutyRoutes: Sendable {
    let duties: any AgentDutyRepository
    let gate: ComplianceGate
    let clock: any ServiceClock
    let notices: NoticeRenderer?

    func register(on router: RouterBuilder<AgentContext>) {
        let tags = ["compliance"]
        router.get("/api/v1/clients/:id/posters/:kind", RouteDocumentation(
            "The notice the client posts (AGT-1): participation or right_to_work; language=en|es; PDF. Each download is audited.",
            tags: tags, query: ["language", "format"], responses: [SchemaText.pdf()],
            parameters: ["kind": #"{"enum":["participation","right_to_work"]}"#, "language": #"{"enum":["en","es"],"default":"en"}"#,
                         "format": #"{"enum":["pdf"],"default":"pdf"}"#])) { request, context in
            let principal = try await gate.auth.principal(request)
            let id = ClientID(context.info.parameters["id"] ?? "")
            guard let client = try await gate.identity.client(id, scope: principal.scope) else { throw RepositoryError.notFound }
            guard let kind = PosterKind(rawValue: context.info.parameters["kind"] ?? "") else { throw RepositoryError.notFound }
            let language = request.queryParameter("language") ?? "en"
            var issues = IssueCollector()
            if !Posters.languages.contains(language) { issues.add("language", FieldIssue.invalidValue, "language is en or es.") }
            if let format = request.queryParameter("format"), format != "pdf" { issues.add("format", FieldIssue.invalidValue, "format is pdf.") }
            try issues.check()
            let today = try await clock.today()
            guard let document = Posters.document(kind, employer: client.profile.name, language: language, issuedOn: today.iso) else {
                throw ValidationFailure([FieldIssue(field: "language", code: FieldIssue.invalidValue, message: "language is en or es.")])
            }
            guard let notices else { throw ComplianceDocuments.unavailable }
            let bytes = try await notices.render(document, format: .pdf)
            try await duties.record(AuditEvent.by(principal, context, action: "poster.download", objectType: "poster",
                                                  objectID: kind.rawValue, clientID: id)
                .with(changes: [FieldChange(field: "language", before: nil, after: language)]))
            return ComplianceDocuments.pdf(bytes, name: "\(kind.rawValue)-\(language).pdf")
        }
        registerManuals(on: router, tags: tags)
        ContactRoutes(duties: duties, gate: gate).register(on: router, tags: tags)
    }

    private func registerManuals(on router: RouterBuilder<AgentContext>, tags: [String]) {
        router.post("/api/v1/manual_versions", RouteDocumentation(
            "Record a new user manual version; every client must acknowledge it within 30 days (AGT-2). Agent admins.", tags: tags,
            requestSchema: #"{"type":"object","required":["version","released_on","summary"],"properties":{"version":{"type":"string","maxLength":40},"released_on":{"type":"string","format":"date"},"summary":{"type":"string","maxLength":2000}}}"#,
            responses: [.json("201", ComplianceSchemas.manualVersion, "Created")])) { request, context in
            let principal = try await gate.auth.principal(request)
            try gate.agentRecords(principal, write: true)
            var body = try RequestBody(request)
            let version = body.string("version", required: true, maxLength: 40)
            let released = body.date("released_on", required: true)
            let summary = body.string("summary", required: true, maxLength: 2000)
            if let released, released > (try await clock.today()) {
                body.note(FieldIssue(field: "released_on", code: FieldIssue.outOfRange, message: "released_on must not be in the future."))
            }
            try body.finish()
            guard let version, let released, let summary else { throw ValidationFailure([]) }
            let created = try await duties.createManualVersion(
                ManualVersion(id: "", version: version, releasedOn: released, summary: summary, createdAt: "", createdBy: nil),
                audit: .by(principal, context, action: "manual_version.create", objectType: "manual_version"))
            return .json(Self.json(created), status: .created)
        }
        router.get("/api/v1/manual_versions", RouteDocumentation("User manual versions, oldest first.", tags: tags,
                                                                 query: ["limit", "cursor"],
                                                                 responses: [.json("200", SchemaText.list("manual_versions", of: ComplianceSchemas.manualVersion))])) { request, _ in
            _ = try await gate.auth.principal(request)
            let paging = try IdentityAPI.paging(request)
            let page = try await duties.manualVersions(limit: paging.limit, after: paging.cursor)
            return .json(JSONObjectWriter.list("manual_versions", items: page.items.map(Self.json), nextCursor: page.nextCursor))
        }
        router.post("/api/v1/clients/:id/manual_versions/:vid/ack", RouteDocumentation(
            "The client acknowledges a manual version; settles MANUAL_VERSION (AGT-2).", tags: tags,
            responses: [.json("200", ComplianceSchemas.acknowledgment)])) { request, context in
            let principal = try await gate.auth.principal(request)
            let client = try await gate.client(context, principal, write: true)
            guard let version = try await duties.manualVersion(context.info.parameters["vid"] ?? "") else { throw RepositoryError.notFound }
            let at = try await duties.acknowledge(version.id, clientID: client.id,
                                                  audit: .by(principal, context, action: "manual_version.ack", objectType: "manual_version",
                                                             clientID: client.id))
            var w = JSONObjectWriter()
            w.string("manual_version_id", version.id)
            w.string("version", version.version)
            w.string("client_company_id", client.id.rawValue)
            w.string("acknowledged_at", at)
            return .json(w.text)
        }
    }

    static func json(_ v: ManualVersion) -> String {
        var w = JSONObjectWriter()
        w.string("id", v.id)
        w.string("version", v.version)
        w.string("released_on", v.releasedOn.iso)
        w.string("summary", v.summary)
        w.string("acknowledge_by", v.releasedOn.adding(days: AgentDutyRules.manualAcknowledgmentDays).iso)
        w.string("created_at", v.createdAt)
        w.string("created_by", v.createdBy)
        return w.text
    }
}
