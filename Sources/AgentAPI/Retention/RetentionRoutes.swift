import AgentCore
import HTTPCore

/// API.md "Retention, purge and legal hold": the roster's termination date (RET-1) and
/// the purge report (RET-2). The legal hold is on `PATCH cases/{n}` (CaseLegalHoldRoutes).
struct RetentionRoutes: Sendable {
    let retention: any RetentionRepository
    let roster: any RosterTerminationRepository
    let dates: RetentionDates
    let identity: any IdentityRepository
    let auth: Authenticator

    func register(on router: RouterBuilder<AgentContext>) {
        router.patch("/api/v1/hires/:hid", RouteDocumentation(
            "Set or clear a roster hire's termination_date; the retention date of every matching case follows (RET-1).",
            tags: ["compliance"],
            requestSchema: #"{"type":"object","required":["termination_date"],"properties":{"termination_date":{"type":["string","null"],"format":"date"}}}"#,
            responses: [.json("200", HireRosterRoutes.hireSchema)])) { request, context in
            let principal = try await auth.principal(request)
            try Authenticator.require(!principal.role.isReadOnly, "Auditors have read-only access.")
            guard let hire = try await roster.hire(context.info.parameters["hid"] ?? "", scope: principal.scope) else {
                throw RepositoryError.notFound
            }
            var body = try RequestBody(request)
            let cleared = body.has("termination_date") && body.raw("termination_date") == nil
            let date = cleared ? nil : body.date("termination_date", required: true)
            if let date, date < hire.dateOfHire {
                body.note(FieldIssue(field: "termination_date", code: FieldIssue.outOfRange, message: "termination_date is before the first day of work."))
            }
            try body.finish()
            guard cleared || date != nil else { throw ValidationFailure([]) }
            let audit = AuditEvent.by(principal, context, action: "hire.termination", objectType: "hire", clientID: hire.clientID)
            let updated = try await roster.setTermination(hire.id, to: date, scope: principal.scope, audit: audit)
            try await dates.hireChanged(updated, audit: audit)
            return .json(HireRosterRoutes.json(updated, due: nil))
        }
        router.get("/api/v1/purge_reports", RouteDocumentation(
            "Cases whose personal data was purged (RET-2), by purge day.", tags: ["compliance"],
            query: ["client_company_id", "from", "to"],
            responses: [.json("200", ResponseSchema.object(["purges": ResponseSchema.array(Self.purgeSchema, maxItems: 10_000)]))])) { request, _ in
            let principal = try await auth.principal(request)
            var issues = IssueCollector()
            func day(_ name: String) -> CivilDate? {
                guard let text = request.queryParameter(name) else { return nil }
                guard let date = CivilDate(iso: text) else {
                    issues.add(name, FieldIssue.invalidFormat, "\(name) must be a date written YYYY-MM-DD.")
                    return nil
                }
                return date
            }
            let (from, to) = (day("from"), day("to"))
            try issues.check()
            let client = request.queryParameter("client_company_id").map(ClientID.init)
            let lines = try await retention.purgeReports(scope: principal.scope, clientID: client, from: from, to: to, limit: 10_000)
            return .json(#"{"purges":["# + lines.map(Self.json).joined(separator: ",") + "]}")
        }
    }

    static let purgeSchema = ResponseSchema.object([
        "case_number": CaseRepresentation.caseNumberSchema, "client_company_id": ResponseSchema.id, "purged_at": ResponseSchema.dateTime,
        "purged_on": ResponseSchema.date, "retention_until": ResponseSchema.date,
        "fields": ResponseSchema.array(ResponseSchema.string(minLength: 1)),
    ])

    static func json(_ line: PurgeRecord) -> String {
        var w = JSONObjectWriter()
        w.string("case_number", line.caseNumber)
        w.string("client_company_id", line.clientID.rawValue)
        w.string("purged_at", line.purgedAt)
        w.string("purged_on", line.purgedOn.iso)
        w.string("retention_until", line.retentionUntil.iso)
        w.strings("fields", line.fields)
        return w.text
    }
}
