import AgentCore
import HTTPCore
import Storage

/// `GET audit` (JSON lines or CSV) and `GET audit/verify`: the trail is read by agent
/// admins and auditors, each within their scope.
struct AuditRoutes: Sendable {
    let trail: AuditTrail
    let auth: Authenticator

    func register(on router: RouterBuilder<AgentContext>) {
        let tags = ["audit"]
        router.get("/api/v1/audit", RouteDocumentation(
            "Audit entries as JSON lines (default) or CSV; personal data masked.", tags: tags,
            query: ["client_company_id", "from", "to", "format", "after_id", "limit"],
            responses: [.jsonLines("200", Self.entrySchema, "One entry per line (format=jsonl or json, the default)"),
                        .text("200", "text/csv", "The same entries as CSV (format=csv)")],
            parameters: ["limit": #"{"type":"integer","minimum":1,"maximum":10000,"default":1000}"#,
                         "after_id": #"{"type":"integer","minimum":0,"default":0}"#,
                         "format": #"{"enum":["jsonl","json","csv"],"default":"jsonl"}"#])) { request, _ in
            let principal = try await reader(request)
            var scope = principal.scope
            if let named = request.queryParameter("client_company_id") {
                let wanted = ClientID(named)
                guard principal.scope.includes(wanted) else { throw RepositoryError.notFound }
                scope = .client(wanted)
            }
            // SQLite reads a negative LIMIT as "no limit": bound it here, and say so when it is off.
            var issues = IssueCollector()
            let limit = Int(request.queryParameter("limit") ?? "1000") ?? 0
            if !(1...10_000).contains(limit) { issues.add("limit", FieldIssue.outOfRange, "limit must be 1 to 10000.") }
            let after = Int64(request.queryParameter("after_id") ?? "0") ?? -1
            if after < 0 { issues.add("after_id", FieldIssue.invalidFormat, "after_id is the id of an entry already read.") }
            try issues.check()
            let entries = try await trail.entries(scope: scope, from: request.queryParameter("from"), to: request.queryParameter("to"),
                                                  afterID: after, limit: limit)
            switch request.queryParameter("format") ?? "jsonl" {
            case "jsonl", "json":
                let lines = entries.map { e -> String in
                    var w = JSONObjectWriter()
                    w.int("id", Int(e.id))
                    w.string("at", e.at)
                    w.string("actor_type", e.actorType)
                    w.string("actor_id", e.actorID)
                    w.string("client_company_id", e.clientID)
                    w.string("action", e.action)
                    w.string("object_type", e.objectType)
                    w.string("object_id", e.objectID)
                    w.raw("changes", e.changes)
                    w.string("source_ip", e.sourceIP)
                    w.string("request_id", e.requestID)
                    w.string("hash", e.hashHex)
                    return w.text
                }
                return HTTPResponse(status: .ok, contentType: "application/x-ndjson", body: Array(lines.map { $0 + "\n" }.joined().utf8))
            case "csv":
                var csv = "id,at,actor_type,actor_id,client_company_id,action,object_type,object_id,changes,source_ip,request_id,hash\r\n"
                for e in entries {
                    csv += [String(e.id), e.at, e.actorType, e.actorID ?? "", e.clientID ?? "", e.action, e.objectType, e.objectID ?? "",
                            e.changes, e.sourceIP ?? "", e.requestID ?? "", e.hashHex].map(CSV.field).joined(separator: ",") + "\r\n"
                }
                return HTTPResponse(status: .ok, contentType: "text/csv; charset=utf-8", body: Array(csv.utf8))
            default:
                throw ValidationFailure([FieldIssue(field: "format", code: FieldIssue.invalidValue, message: "format is jsonl or csv.")])
            }
        }
        router.get("/api/v1/audit/verify", RouteDocumentation(
            "Recompute the SHA-256 chain over the whole trail; names the first broken entry.", tags: tags,
            responses: [.json("200", ResponseSchema.object(["valid": ResponseSchema.boolean(), "entries": ResponseSchema.integer(minimum: 0),
                                                            "first_broken": ResponseSchema.integer(minimum: 1, nullable: true)]))])) { request, _ in
            let principal = try await reader(request)
            try Authenticator.require(principal.scope == .allClients, "The whole chain is checked by agent-wide readers.")
            let result = try await trail.verify()
            var w = JSONObjectWriter()
            w.bool("valid", result.valid)
            w.int("entries", result.entries)
            w.int("first_broken", result.firstBroken.map { Int($0) })
            return .json(w.text)
        }
    }

    /// Who acted (`AuditActor.kind`).
    static let actorTypeSchema = ResponseSchema.enumeration(["user", "api_key", "system", "anonymous"])
    /// `[{field, before, after}]` as the trail keeps it, personal data masked.
    static let changesSchema = ResponseSchema.array(ResponseSchema.object([
        "field": ResponseSchema.string(minLength: 1), "before": ResponseSchema.string(nullable: true), "after": ResponseSchema.string(nullable: true),
    ]))
    /// One line of `GET audit` (JSON lines).
    static let entrySchema = ResponseSchema.object([
        "id": ResponseSchema.integer(minimum: 1), "at": ResponseSchema.dateTime, "actor_type": actorTypeSchema,
        "actor_id": ResponseSchema.string(nullable: true), "client_company_id": ResponseSchema.string(nullable: true),
        "action": ResponseSchema.string(minLength: 1), "object_type": ResponseSchema.string(minLength: 1),
        "object_id": ResponseSchema.string(nullable: true), "changes": changesSchema,
        "source_ip": ResponseSchema.string(nullable: true), "request_id": ResponseSchema.string(nullable: true),
        "hash": ResponseSchema.string(minLength: 64, maxLength: 64, pattern: "^[0-9a-f]{64}$"),
    ])

    /// Agent admins and auditors read the trail.
    private func reader(_ request: HTTPRequest) async throws -> Principal {
        let principal = try await auth.principal(request)
        try Authenticator.require(principal.role == .agentAdmin || principal.role == .auditor, "Only agent admins and auditors read the audit trail.")
        return principal
    }
}
