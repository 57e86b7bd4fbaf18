import AgentCore
import HTTPCore

extension CaseAPI {
    func registerCreation(on router: RouterBuilder<AgentContext>) {
        let tags = ["cases"]
        router.post("/api/v1/cases", RouteDocumentation(
            "Create a draft case; every rule of 'Creating a case' and 'Documents' is checked, nothing is created when one refuses.",
            tags: tags, requestSchema: CaseBodySchema.json,
            responses: [.json("201", CaseRepresentation.fullSchema, "The draft, as GET cases/{n} shows it")])) { request, context in
            let principal = try await auth.caseActor(request)
            return try await idempotency.run(request, principal: principal) { try await create(request, context, principal, $0) }
        }
        router.patch("/api/v1/cases/:n", RouteDocumentation("Edit a draft (same checks as creation); or, on any status, set or release a legal hold {legal_hold, legal_hold_reason} (RET-3, admins).", tags: tags,
                                                            requestSchema: CaseBodySchema.patchJSON,
                                                            responses: [.json("200", CaseRepresentation.fullSchema)])) { request, context in
            let principal = try await auth.caseActor(request)
            // RET-3: a body about the legal hold is the hold's, on any status.
            // A body that does not parse is left to the edit, which answers it as before.
            if let probe = try? RequestBody(request), LegalHoldPatch.applies(to: probe) {
                return try await setLegalHold(probe, context, principal)
            }
            return try await edit(request, context, principal)
        }
        router.post("/api/v1/duplicate_check", RouteDocumentation(
            "Cases of this SSN for the client in the last 365 days (CASE-5).", tags: tags,
            requestSchema: #"{"type":"object","required":["ssn"],"properties":{"ssn":{"type":"string"},"client_company_id":{"type":"string"}}}"#,
            responses: [.json("200", ResponseSchema.object(["cases": ResponseSchema.array(CaseRepresentation.fullSchema)]))])) { request, _ in
            let principal = try await auth.caseActor(request)
            var body = try RequestBody(request)
            let ssn = body.string("ssn", required: true, maxLength: 11)
            let named = body.string("client_company_id", maxLength: 64)
            try body.finish()
            guard let ssn, let client = try await clientFor(principal, named: named) else {
                throw ValidationFailure([FieldIssue(field: "client_company_id", code: FieldIssue.required, message: "Name the client.")])
            }
            let today = try await clock.today()
            let recent = try await cases.duplicates(clientID: client.id, ssn: ssn).filter { $0.createdOn >= today.adding(days: -CaseAdmission.duplicateWindowDays) }
            var matches: [String] = []
            for candidate in recent {
                if let stored = try await cases.find(candidate.caseNumber, scope: principal.scope) {
                    matches.append(try await fullJSON(stored))
                }
            }
            return .json(#"{"cases":["# + matches.joined(separator: ",") + "]}")
        }
        router.post("/api/v1/checks/case_fields", RouteDocumentation(
            "Which case fields apply to a citizenship status and documents, and which are required.", tags: tags,
            requestSchema: #"{"type":"object","properties":{"citizenship_status_code":{"type":"string"},"document_a_type_code":{"type":"string"},"document_b_type_code":{"type":"string"},"document_c_type_code":{"type":"string"}}}"#,
            responses: [.json("200", ResponseSchema.object(["case_fields": ResponseSchema.array(
                ResponseSchema.object(["field_name": ResponseSchema.string(minLength: 1), "required": ResponseSchema.boolean()]))]))])) { request, _ in
            _ = try await auth.principal(request)
            var body = try RequestBody(request)
            let citizenship = body.string("citizenship_status_code", maxLength: 40)
            let a = body.string("document_a_type_code", maxLength: 60)
            let b = body.string("document_b_type_code", maxLength: 60)
            let c = body.string("document_c_type_code", maxLength: 60)
            try body.finish()
            let fields = CaseRules.caseFields(citizenship: citizenship.flatMap(CitizenshipStatus.init(code:)), documentA: a, documentB: b, documentC: c)
            return .json(#"{"case_fields":["# + fields.map { f in
                var w = JSONObjectWriter()
                w.string("field_name", f.fieldName)
                w.bool("required", f.required)
                return w.text
            }.joined(separator: ",") + "]}")
        }
        router.get("/api/v1/reference/:list", RouteDocumentation("A code list: case_status, document_types, reasons_for_delay, …", tags: ["reference"],
                                                                 responses: [.json("200", Self.referenceListSchema)],
                                                                 parameters: ["list": ResponseSchema.enumeration(ReferenceLists.names)])) { request, context in
            _ = try await auth.principal(request)
            let name = context.info.parameters["list"] ?? ""
            guard let list = ReferenceLists.list(named: name) else { throw RepositoryError.notFound }
            return .json("{" + JSONText.quote(name) + ":[" + list.map { item in
                var w = JSONObjectWriter()
                w.string("code", item.code)
                w.string("name", item.name)
                return w.text
            }.joined(separator: ",") + "]}")
        }
    }

    /// `{<list>: [{code, name}]}`: one member, named as the path's list.
    static let referenceListSchema = #"{"type":"object","minProperties":1,"maxProperties":1,"propertyNames":"#
        + ResponseSchema.enumeration(ReferenceLists.names) + #","additionalProperties":"#
        + ResponseSchema.array(ResponseSchema.object(["code": ResponseSchema.string(minLength: 1), "name": ResponseSchema.string(minLength: 1)])) + "}"

    private func create(_ request: HTTPRequest, _ context: AgentContext, _ principal: Principal,
                        _ claim: IdempotencyClaim?) async throws -> HTTPResponse {
        try await create(try RequestBody(request), context, principal, claim).response
    }

    /// Creates one draft: the route's and each item of `cases/batch`.
    func create(_ body: RequestBody, _ context: AgentContext, _ principal: Principal,
                _ claim: IdempotencyClaim?) async throws -> (stored: StoredCase, response: HTTPResponse) {
        var body = body
        var input = body.caseInput()
        let client = try await clientFor(principal, named: input.clientCompanyID)
        var data: CaseData?
        var caseContext: CaseContext?
        let today = try await clock.today()
        if let client {
            input.clientCompanyID = nil
            let judged = try await self.context(client.profile, today: today)
            caseContext = judged
            do { data = try CaseRules.validate(input, context: judged) } catch {
                body.merge(error)
            }
        } else {
            body.note(FieldIssue(field: "client_company_id", code: input.clientCompanyID == nil ? FieldIssue.required : FieldIssue.invalidValue,
                                 message: input.clientCompanyID == nil ? "Agent users name the client: client_company_id." : "No such client."))
        }
        try body.finish()
        guard let client, let data, let caseContext else { throw ValidationFailure([]) }
        let answer: @Sendable (StoredCase) -> HTTPResponse = { c in .json(self.fullJSON(c, in: caseContext), status: .created) }
        let stored = try await cases.create(clientID: client.id, createdBy: principal.userID, input: input, ssn: data.ssn, today: today,
                                            audit: Self.event(principal, context, "case.create"),
                                            receipt: IdempotencyGate.receipt(claim, answer)) { candidates in
            switch CaseAdmission.judge(candidates, today: today, data: data) {
            case .admit: return
            case let .openDuplicate(open, issue):
                throw DuplicateCaseRefusal(rule: issue.code, caseNumber: open.caseNumber, status: open.status, message: issue.message)
            case .recentDuplicate(let issue): throw ValidationFailure([issue])
            }
        }
        return (stored, answer(stored))
    }

    private func edit(_ request: HTTPRequest, _ context: AgentContext, _ principal: Principal) async throws -> HTTPResponse {
        let number = Self.caseNumber(context)
        let stored = try await load(number, principal, forChange: true)
        guard stored.progress.status == .draft else { try CaseWorkflow.check(.submit, stored.progress); return try await fullResponse(stored) }
        var body = try RequestBody(request)
        let patch = body.caseInput()
        if patch.clientCompanyID != nil {
            body.note(FieldIssue(field: "client_company_id", code: FieldIssue.invalidValue, message: "A case cannot move to another client."))
        }
        let merged = stored.input.overlaid(by: patch)
        let today = try await clock.today()
        do {
            _ = try CaseRules.validate(merged, context: try await self.context(try await profile(of: stored.clientID), today: today,
                                                                                createdOn: stored.progress.createdOn))
        } catch let f as ValidationFailure {
            body.merge(f)
        }
        try body.finish()
        let updated = try await cases.update(stored, scope: principal.scope, audit: Self.event(principal, context, "case.edit")) { c in
            guard c.progress.status == .draft else { try CaseWorkflow.check(.submit, c.progress); return }
            let edited = c.input.overlaid(by: patch)
            // A review approved the data as it was; changed data needs a new review (IMG-3).
            if edited != c.input { c.progress.review = nil }
            c.input = edited
            c.progress.lastTouchedOn = today
        }
        return try await fullResponse(updated)
    }
}

/// CASE-8: another case of the same SSN is open (409).
struct DuplicateCaseRefusal: Error, ProblemConvertible {
    let rule: String
    let caseNumber: String
    let status: CaseStatus
    let message: String

    var problem: ProblemDetails {
        var problem = ProblemDetails(status: .conflict, type: "duplicate-case", title: "Duplicate case", detail: message,
                                     errors: [FieldProblem(field: "ssn", code: rule, message: message)])
        problem.extensions = [("duplicate_case_number", JSONText.quote(caseNumber)), ("case_status", JSONText.quote(status.rawValue))]
        return problem
    }
}
