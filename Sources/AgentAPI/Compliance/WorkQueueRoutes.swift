import AgentCore
import HTTPCore
import Storage

/// API.md "Work queue": what is due across the caller's clients, soonest first, read
/// from the materialized `work_items` (one index walk per page, never a scan of cases).
struct WorkQueueRoutes: Sendable {
    let queue: any WorkQueueRepository
    let identity: any IdentityRepository
    let auth: Authenticator
    let clock: any ServiceClock

    static let parameters = ["client_company_id", "kind", "due_before", "limit", "cursor", "format"]

    func register(on router: RouterBuilder<AgentContext>) {
        router.get("/api/v1/work_queue", RouteDocumentation(
            "Work due, soonest first (ties: kind, then subject id); every role reads its own scope. kind takes one or more kinds, comma-separated; format=csv exports the same rows.",
            tags: ["compliance"], query: Self.parameters,
            responses: [.json("200", ResponseSchema.list("items", Self.itemSchema), "The items (format=json, the default)"),
                        .text("200", "text/csv", "The same rows as CSV (format=csv)")],
            parameters: ["format": #"{"enum":["json","csv"],"default":"json"}"#])) { request, _ in
            let principal = try await auth.principal(request)
            let query = try await parse(request, principal)
            let page = try await queue.items(query)
            let rows = page.items.map { ($0, $0.isOverdue(serviceToday: query.serviceToday, realToday: query.realToday)) }
            if request.queryParameter("format") == "csv" {
                var response = HTTPResponse(status: .ok, contentType: "text/csv; charset=utf-8", body: Array(Self.csv(rows).utf8))
                if let next = page.nextCursor { response.headers.add("Link", "<?cursor=\(next)>; rel=\"next\"") }
                return response
            }
            return .json(JSONObjectWriter.list("items", items: rows.map(Self.json), nextCursor: page.nextCursor))
        }
    }

    /// Every parameter is checked and every problem reported at once; an unknown one is a
    /// typo that must not pass silently (400), a bad value a refused field (422).
    func parse(_ request: HTTPRequest, _ principal: Principal) async throws -> WorkQueueQuery {
        let names = (request.query ?? "").split(separator: "&").map { String($0.split(separator: "=", maxSplits: 1).first ?? "") }
        let unknown = names.filter { !Self.parameters.contains($0) }
        if !unknown.isEmpty {
            throw ProblemDetails(status: .badRequest, type: "unknown-field", title: "Unknown field",
                                 detail: "The query has parameters this list does not take: \(unknown.joined(separator: ", ")).",
                                 errors: unknown.map { FieldProblem(field: $0, code: FieldIssue.unknownField, message: "Unknown query parameter \($0).") })
        }
        var issues: [FieldIssue] = []
        var kinds: [WorkItemKind] = []
        if let text = request.queryParameter("kind") {
            for code in text.split(separator: ",", omittingEmptySubsequences: false) {
                if let kind = WorkItemKind(rawValue: String(code)) { kinds.append(kind) } else {
                    issues.append(FieldIssue(field: "kind", code: FieldIssue.invalidValue, message: "Unknown kind \(code)."))
                }
            }
        }
        var dueBefore: CivilDate?
        if let text = request.queryParameter("due_before") {
            dueBefore = CivilDate(iso: text)
            if dueBefore == nil { issues.append(FieldIssue(field: "due_before", code: FieldIssue.invalidFormat, message: "due_before must be a date YYYY-MM-DD.")) }
        }
        if let format = request.queryParameter("format"), format != "json" && format != "csv" {
            issues.append(FieldIssue(field: "format", code: FieldIssue.invalidValue, message: "format is json or csv."))
        }
        var paging: (limit: Int, cursor: String?) = (50, request.queryParameter("cursor"))
        do { paging = try IdentityAPI.paging(request) } catch let failure as ValidationFailure { issues += failure.issues }
        if !issues.isEmpty { throw ValidationFailure(issues) }
        let client = request.queryParameter("client_company_id").map(ClientID.init)
        // Another client's id answers 404, as for any object the caller may not see.
        if let client, try await identity.client(client, scope: principal.scope) == nil { throw RepositoryError.notFound }
        return WorkQueueQuery(scope: principal.scope, clientID: client, kinds: kinds, dueBefore: dueBefore,
                              serviceToday: try await clock.today(), realToday: IdentityAPI.today(),
                              limit: paging.limit, cursor: paging.cursor)
    }

    /// One item as `json(_:)` writes it; also the `data` of a `work_queue.item_added` event.
    static let itemSchema = ResponseSchema.object([
        "kind": ResponseSchema.enumeration(WorkItemKind.allCases.map(\.rawValue)),
        "rule": ResponseSchema.string(minLength: 1),
        "due_date": ResponseSchema.date,
        "overdue": ResponseSchema.boolean(),
        "client_company_id": ResponseSchema.string(nullable: true, minLength: 1),
        "subject": ResponseSchema.object(["type": ResponseSchema.enumeration(WorkSubject.SubjectType.allCases.map(\.rawValue)),
                                          "id": ResponseSchema.id]),
        "title": ResponseSchema.string(minLength: 1),
        "action": ResponseSchema.string(minLength: 1),
    ])

    static func json(_ row: (item: WorkItem, overdue: Bool)) -> String {
        var subject = JSONObjectWriter()
        subject.string("type", row.item.subject.type.rawValue)
        subject.string("id", row.item.subject.id)
        var w = JSONObjectWriter()
        w.string("kind", row.item.kind.rawValue)
        w.string("rule", row.item.rule)
        w.string("due_date", row.item.dueDate.iso)
        w.bool("overdue", row.overdue)
        w.string("client_company_id", row.item.clientID?.rawValue)
        w.raw("subject", subject.text)
        w.string("title", row.item.title)
        w.string("action", row.item.action)
        return w.text
    }

    static func csv(_ rows: [(item: WorkItem, overdue: Bool)]) -> String {
        var csv = "kind,rule,due_date,overdue,client_company_id,subject_type,subject_id,title,action\r\n"
        for (item, overdue) in rows {
            csv += [item.kind.rawValue, item.rule, item.dueDate.iso, String(overdue), item.clientID?.rawValue ?? "",
                    item.subject.type.rawValue, item.subject.id, item.title, item.action].map(CSV.field).joined(separator: ",") + "\r\n"
        }
        return csv
    }
}
