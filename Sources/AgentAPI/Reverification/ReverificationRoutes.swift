import AgentCore
import HTTPCore

/// API.md "Reverification" (REV-1, REV-2): Supplement B on a case, and the program's
/// Status Change Report imported for a client.
struct ReverificationRoutes: Sendable {
    let caseAPI: CaseAPI
    let identity: any IdentityRepository
    let auth: Authenticator
    let clock: any ServiceClock

    func register(on router: RouterBuilder<AgentContext>) {
        router.post("/api/v1/cases/:n/reverification", RouteDocumentation(
            "REV-1/REV-2: record Form I-9 Supplement B with a List A or List C document (List B: 422 REV-2); no new case is created.",
            tags: ["case actions"],
            requestSchema: #"{"type":"object","required":["completed_on","document_list","document_type_code"],"properties":{"completed_on":{"type":"string","format":"date"},"document_list":{"enum":["A","C"]},"document_type_code":{"type":"string"},"expiration_date":{"type":"string","format":"date"},"ead_renewal_filed_on":{"type":"string","format":"date"}}}"#,
            responses: [.json("200", CaseRepresentation.fullSchema, "The case with its reverification record")])) { request, context in
            let principal = try await auth.caseActor(request)
            return try await reverify(request, context, principal)
        }
        router.post("/api/v1/clients/:id/status_change_report", RouteDocumentation(
            "REV-2: the program's Status Change Report as text/csv (case_number, a_number, revoked_document_number, revocation_date); matched lines open a REVERIFICATION due at once, all in one transaction.",
            tags: ["compliance"], responses: [.json("200", ResponseSchema.object([
                "matched": ResponseSchema.integer(minimum: 0),
                "unmatched": ResponseSchema.array(ResponseSchema.object(["line": ResponseSchema.integer(minimum: 2),
                                                                         "reason": ResponseSchema.string(minLength: 1)])),
            ]))])) { request, context in
            let principal = try await auth.principal(request)
            try Authenticator.require(!principal.role.isReadOnly, "Auditors have read-only access.")
            guard let client = try await identity.client(ClientID(context.info.parameters["id"] ?? ""), scope: principal.scope) else {
                throw RepositoryError.notFound
            }
            return try await StatusChangeReportImport(cases: caseAPI.cases, clock: clock)
                .run(request, client: client.id, audit: .by(principal, context, action: "case.revocation", objectType: "case", clientID: client.id))
        }
    }

    private func reverify(_ request: HTTPRequest, _ context: AgentContext, _ principal: Principal) async throws -> HTTPResponse {
        let stored = try await caseAPI.load(CaseAPI.caseNumber(context), principal)
        var body = try RequestBody(request)
        let completed = body.date("completed_on", required: true)
        let listText = body.string("document_list", required: true, maxLength: 1)
        let typeCode = body.string("document_type_code", required: true, maxLength: 60)
        let expiration = body.date("expiration_date")
        let renewal = body.date("ead_renewal_filed_on")
        let today = try await clock.today()
        if let completed, completed > today {
            body.note(FieldIssue(field: "completed_on", code: FieldIssue.outOfRange, message: "completed_on is in the future."))
        }
        var record: SupplementB?
        if let completed, let listText, let typeCode {
            switch ReverificationRules.supplementB(completedOn: completed, list: ReverificationList(rawValue: listText), listText: listText,
                                                   typeCode: typeCode, expiration: expiration, renewalFiledOn: renewal) {
            case .success(let done): record = done
            case .failure(let failure): body.merge(failure)
            }
        }
        try body.finish()
        guard let record else { throw ValidationFailure([]) }
        guard ReverificationRules.due(stored) != nil else { throw NothingToReverify(caseNumber: stored.caseNumber) }
        let updated = try await caseAPI.cases.update(stored, scope: principal.scope, audit: CaseAPI.event(principal, context, "case.reverification")) { c in
            if let purge = c.progress.purge { throw PurgedCaseRefusal(caseNumber: c.caseNumber, purgedOn: purge.on) }
            c.progress.supplementB = record
            c.progress.revocation = nil
        }
        return try await caseAPI.fullResponse(updated)
    }
}

/// A case whose employee has nothing to reverify (no expiring or revoked document): 409.
struct NothingToReverify: Error, ProblemConvertible {
    let caseNumber: String
    var problem: ProblemDetails {
        let message = "Case \(caseNumber) shows no expiring or revoked work authorization to reverify (REV-1)."
        return ProblemDetails(status: .conflict, type: "case-state", title: "Nothing to reverify", detail: message,
                              errors: [FieldProblem(field: "case_number", code: "REV-1", message: message)])
    }
}
