import AgentCore
import HTTPCore
import Notices
import Storage

/// API.md "Incidents (SEC-2)": record a suspected or confirmed breach, the report to send
/// DHS (PDF and JSON), and when and to whom it was sent. Agent admins write; agent staff
/// and agent-wide auditors read.
struct IncidentRoutes: Sendable {
    let incidents: any IncidentRepository
    let gate: ComplianceGate
    let notices: NoticeRenderer?

    static let schema = """
    {"type":"object","required":["discovered_at","suspected","description","records_affected"],"properties":{\
    "discovered_at":\(timestamp),"suspected":{"type":"boolean"},"description":{"type":"string","maxLength":4000},\
    "clients_affected":{"type":"array","maxItems":1000,"items":{"type":"string","maxLength":64}},\
    "records_affected":{"type":"integer","minimum":0,"maximum":1000000000},"contained_at":\(timestamp)}}
    """
    /// `IncidentRules.isTimestamp`: UTC, whole seconds, one form.
    static let timestamp = #"{"type":"string","format":"date-time","pattern":"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$"}"#
    static let reportedSchema = """
    {"type":"object","required":["reported_at","to"],"properties":{"reported_at":\(timestamp),"to":{"type":"string","maxLength":200}}}
    """

    static func now() -> String { String(UTCTime.nowISO().prefix(19)) + "Z" }

    func register(on router: RouterBuilder<AgentContext>) {
        let tags = ["compliance"]
        router.post("/api/v1/incidents", RouteDocumentation(
            "Record a suspected or confirmed breach (SEC-2); the report is due at once. Agent admins.", tags: tags,
            requestSchema: Self.schema, responses: [.json("201", ComplianceSchemas.incident, "Created")])) { request, context in
            let principal = try await gate.auth.principal(request)
            try gate.agentRecords(principal, write: true)
            var body = try RequestBody(request)
            let discovered = body.string("discovered_at", required: true, maxLength: 20)
            let suspected = body.bool("suspected", required: true)
            let description = body.string("description", required: true, maxLength: IncidentRules.maximumDescriptionLength)
            let clients = body.strings("clients_affected", maxCount: 1000, maxLength: 64) ?? []
            let records = body.int("records_affected", required: true, range: 0...1_000_000_000)
            let contained = body.string("contained_at", maxLength: 20)
            var issues = IssueCollector()
            IncidentRules.check(discoveredAt: discovered, containedAt: contained, now: Self.now(), into: &issues)
            for (i, id) in clients.enumerated() where try await gate.identity.client(ClientID(id), scope: .allClients) == nil {
                issues.add("clients_affected[\(i)]", FieldIssue.invalidValue, "No client \(id).")
            }
            body.merge(ValidationFailure(issues.issues))
            try body.finish()
            guard let discovered, let suspected, let description, let records else { throw ValidationFailure([]) }
            let incident = try await incidents.create(
                Incident(id: "", discoveredAt: discovered, suspected: suspected, description: description,
                         clientsAffected: clients.map(ClientID.init), recordsAffected: records, containedAt: contained, createdAt: "", createdBy: nil),
                audit: .by(principal, context, action: "incident.create", objectType: "incident"))
            return .json(Self.json(incident), status: .created)
        }
        router.get("/api/v1/incidents", RouteDocumentation("Incidents, oldest first.", tags: tags, query: ["limit", "cursor"],
                                                                   responses: [.json("200", SchemaText.list("incidents", of: ComplianceSchemas.incident))])) { request, _ in
            let principal = try await gate.auth.principal(request)
            try gate.agentRecords(principal, write: false)
            let paging = try IdentityAPI.paging(request)
            let page = try await incidents.list(limit: paging.limit, after: paging.cursor)
            return .json(JSONObjectWriter.list("incidents", items: page.items.map(Self.json), nextCursor: page.nextCursor))
        }
        router.get("/api/v1/incidents/:iid", RouteDocumentation("One incident.", tags: tags, responses: [.json("200", ComplianceSchemas.incident)])) { request, context in
            .json(Self.json(try await incident(request, context, write: false).incident))
        }
        router.get("/api/v1/incidents/:iid/report", RouteDocumentation(
            "The report to send DHS: agent, incident, clients, records, steps taken. format=pdf (default) or json.", tags: tags,
            query: ["format"], responses: [SchemaText.pdf(), .json("200", ComplianceSchemas.incidentReport)],
            parameters: ["format": #"{"enum":["pdf","json"],"default":"pdf"}"#])) { request, context in
            let found = try await incident(request, context, write: false)
            let report = try await IncidentReport.make(found.incident, identity: gate.identity)
            switch request.queryParameter("format") ?? "pdf" {
            case "json": return .json(report.json)
            case "pdf":
                guard let notices else { throw ComplianceDocuments.unavailable }
                let bytes = try await notices.render(report.document, format: .pdf)
                return ComplianceDocuments.pdf(bytes, name: "incident-\(found.incident.id).pdf")
            default:
                throw ValidationFailure([FieldIssue(field: "format", code: FieldIssue.invalidValue, message: "format is pdf or json.")])
            }
        }
        router.post("/api/v1/incidents/:iid/reported", RouteDocumentation(
            "Record when and to whom the report was sent; settles INCIDENT_REPORT. Agent admins.", tags: tags,
            requestSchema: Self.reportedSchema, responses: [.json("200", ComplianceSchemas.incident)])) { request, context in
            let found = try await incident(request, context, write: true)
            var body = try RequestBody(request)
            let at = body.string("reported_at", required: true, maxLength: 20)
            let to = body.string("to", required: true, maxLength: 200)
            var issues = IssueCollector()
            if let at {
                if !IncidentRules.isTimestamp(at) {
                    issues.add("reported_at", FieldIssue.invalidFormat, "reported_at must be a UTC time written YYYY-MM-DDTHH:MM:SSZ.")
                } else if at > Self.now() {
                    issues.add("reported_at", FieldIssue.outOfRange, "reported_at must not be in the future.")
                } else if at < found.incident.discoveredAt {
                    issues.add("reported_at", FieldIssue.outOfRange, "reported_at must not be before discovered_at.")
                }
            }
            body.merge(ValidationFailure(issues.issues))
            try body.finish()
            guard let at, let to else { throw ValidationFailure([]) }
            let updated = try await incidents.markReported(found.incident.id, at: at, to: to,
                                                           audit: .by(found.principal, context, action: "incident.reported", objectType: "incident"))
            return .json(Self.json(updated))
        }
    }

    private func incident(_ request: HTTPRequest, _ context: AgentContext, write: Bool) async throws -> (incident: Incident, principal: Principal) {
        let principal = try await gate.auth.principal(request)
        try gate.agentRecords(principal, write: write)
        guard let incident = try await incidents.find(context.info.parameters["iid"] ?? "") else { throw RepositoryError.notFound }
        return (incident, principal)
    }

    static func json(_ i: Incident) -> String {
        var w = JSONObjectWriter()
        w.string("id", i.id)
        w.string("discovered_at", i.discoveredAt)
        w.bool("suspected", i.suspected)
        w.string("description", i.description)
        w.strings("clients_affected", i.clientsAffected.map(\.rawValue))
        w.int("records_affected", i.recordsAffected)
        w.string("contained_at", i.containedAt)
        w.string("report_due_at", i.reportDueAt)
        w.string("report_url", "/api/v1/incidents/\(i.id)/report")
        w.string("reported_at", i.reportedAt)
        w.string("reported_to", i.reportedTo)
        w.string("created_at", i.createdAt)
        w.string("created_by", i.createdBy)
        return w.text
    }
}

/// The PDF answers of the compliance routes.
enum ComplianceDocuments {
    static let unavailable = ProblemDetails(status: .serviceUnavailable, type: "notices-unavailable", title: "Notices unavailable",
                                            detail: "The document renderer could not start (fonts missing); see the service log.")

    static func pdf(_ bytes: [UInt8], name: String) -> HTTPResponse {
        var response = HTTPResponse(status: .ok, contentType: "application/pdf", body: bytes)
        response.headers.set("Content-Disposition", "inline; filename=\"\(name)\"")
        return response
    }
}
