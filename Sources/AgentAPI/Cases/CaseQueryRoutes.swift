import AgentCore
import Foundation
import HTTPCore
import Notices
import Storage

extension CaseAPI {
    func registerQueries(on router: RouterBuilder<AgentContext>) {
        let tags = ["cases"]
        router.get("/api/v1/cases", RouteDocumentation("Cases in the caller's scope.", tags: tags,
                                                       query: ["status", "client_company_id", "limit", "cursor"],
                                                       responses: [.json("200", ResponseSchema.list("cases", CaseRepresentation.fullSchema))])) { request, _ in
            let principal = try await auth.principal(request)
            let paging = try IdentityAPI.paging(request)
            var status: CaseStatus?
            if let text = request.queryParameter("status") {
                guard let parsed = CaseStatus(rawValue: text) else {
                    throw ValidationFailure([FieldIssue(field: "status", code: FieldIssue.invalidValue, message: "Unknown case status.")])
                }
                status = parsed
            }
            let client = request.queryParameter("client_company_id").map(ClientID.init)
            let page = try await cases.list(scope: principal.scope, clientID: client, status: status, limit: paging.limit, after: paging.cursor)
            return .json(JSONObjectWriter.list("cases", items: try await fullJSON(page.items), nextCursor: page.nextCursor))
        }
        router.get("/api/v1/cases/updated", RouteDocumentation("Cases whose status changed and are not yet acknowledged.", tags: tags,
            responses: [.json("200", ResponseSchema.object(["updated_cases": ResponseSchema.array(CaseRepresentation.statusSchema, maxItems: 200)]))])) { request, _ in
            let principal = try await auth.principal(request)
            let changed = try await cases.changedCases(scope: principal.scope, limit: 200)
            var items: [String] = []
            for c in changed { items.append(try await statusJSON(c)) }
            return .json(#"{"updated_cases":["# + items.joined(separator: ",") + "]}")
        }
        router.post("/api/v1/cases/confirm_updated", RouteDocumentation(
            "Acknowledge changed cases.", tags: tags,
            requestSchema: #"{"type":"object","required":["case_numbers"],"properties":{"case_numbers":{"type":"array","items":{"type":"string"}}}}"#,
            responses: [.json("200", ResponseSchema.object(["acknowledged": ResponseSchema.integer(minimum: 0, maximum: 200)]))])) { request, context in
            let principal = try await auth.principal(request)
            if case .failure(let denial) = AccessPolicy.checkFeedAcknowledgement(principal) { throw denial }
            var body = try RequestBody(request)
            let numbers = body.strings("case_numbers", maxCount: 200, maxLength: 20)
            if numbers == nil { body.note(FieldIssue(field: "case_numbers", code: FieldIssue.required, message: "case_numbers is required.")) }
            try body.finish()
            let count = try await cases.acknowledgeChanges(scope: principal.scope, caseNumbers: numbers ?? [],
                                                           audit: .by(principal, context, action: "case.changes_acknowledged", objectType: "case"))
            return .json(#"{"acknowledged":\#(count)}"#)
        }
        router.get("/api/v1/cases/:n", RouteDocumentation("One case: fields as entered (masked) and its status.", tags: tags,
                                                          responses: [.json("200", CaseRepresentation.fullSchema)])) { request, context in
            let principal = try await auth.principal(request)
            return try await fullResponse(try await load(Self.caseNumber(context), principal, allowPurged: true))
        }
        router.get("/api/v1/cases/:n/history", RouteDocumentation("The case's audit entries.", tags: tags, responses: [.json("200", ResponseSchema.object([
            "events": ResponseSchema.array(ResponseSchema.object([
                "at": ResponseSchema.dateTime, "actor_type": AuditRoutes.actorTypeSchema, "actor_id": ResponseSchema.string(nullable: true),
                "action": ResponseSchema.string(minLength: 1), "changes": AuditRoutes.changesSchema,
                "request_id": ResponseSchema.string(nullable: true),
            ])),
        ]))])) { request, context in
            let principal = try await auth.principal(request)
            guard let entries = try await cases.history(Self.caseNumber(context), scope: principal.scope) else { throw RepositoryError.notFound }
            return .json(#"{"events":["# + entries.map { e in
                var w = JSONObjectWriter()
                w.string("at", e.at)
                w.string("actor_type", e.actorType)
                w.string("actor_id", e.actorID)
                w.string("action", e.action)
                w.raw("changes", e.changes)
                w.string("request_id", e.requestID)
                return w.text
            }.joined(separator: ",") + "]}")
        }
        router.get("/api/v1/cases/:n/confirm_details_fields", RouteDocumentation("CASE-4: the fields to confirm or correct, as entered (masked).", tags: tags,
            responses: [.json("200", ResponseSchema.object(["case_fields": ResponseSchema.array(ResponseSchema.object([
                "field_name": ResponseSchema.string(minLength: 1), "value": ResponseSchema.string(nullable: true),
            ]))]))])) { request, context in
            let principal = try await auth.principal(request)
            let c = try await load(Self.caseNumber(context), principal)
            let masked = c.input.masked
            return .json(#"{"case_fields":["# + c.progress.unconfirmedFields.map { name in
                var w = JSONObjectWriter()
                w.string("field_name", name)
                switch masked[field: name] {
                case .text(let t)?: w.string("value", t)
                case .date(let d)?: w.string("value", d.iso)
                default: w.raw("value", "null")
                }
                return w.text
            }.joined(separator: ",") + "]}")
        }
        router.get("/api/v1/cases/:n/retrieve_photo", RouteDocumentation("DOC-2: the photo on record for the document presented.", tags: tags,
            responses: [.json("200", #"{"type":"object","additionalProperties":false,"required":["document_photo"],"properties":{"document_photo":{"type":"string","contentEncoding":"base64"}}}"#)])) { request, context in
            let principal = try await auth.caseActor(request)
            let c = try await load(Self.caseNumber(context), principal)
            try CaseNotices.checkPhotoShown(c.progress)
            let photo = try await gateway.retrievePhoto(caseNumber: c.caseNumber) ?? []
            return .json(#"{"document_photo":"# + JSONText.quote(Data(photo).base64EncodedString()) + "}")
        }
        router.get("/api/v1/cases/:n/closure_reasons", RouteDocumentation("Closure reasons valid now.", tags: tags, query: ["currently_employed"],
            responses: [.json("200", ResponseSchema.object(["case_closure_reasons": ResponseSchema.array(ResponseSchema.object([
                "code": ResponseSchema.enumeration(ClosureReason.allCases.map(\.rawValue)), "name": ResponseSchema.string(minLength: 1),
            ]))]))])) { request, context in
            let principal = try await auth.principal(request)
            let c = try await load(Self.caseNumber(context), principal)
            let employed = request.queryParameter("currently_employed").map { $0 == "true" }
            return .json(#"{"case_closure_reasons":["# + CaseWorkflow.closureReasons(c.progress, currentlyEmployed: employed).map { r in
                var w = JSONObjectWriter()
                w.string("code", r.rawValue)
                w.string("name", r.name)
                return w.text
            }.joined(separator: ",") + "]}")
        }
        router.get("/api/v1/cases/:n/summary", RouteDocumentation(
            "Printable case summary with the case verification number to record on Form I-9 (CASE-3).", tags: ["notices"],
            query: ["format"], responses: Self.noticeResponses)) { request, context in
            let principal = try await auth.principal(request)
            let c = try await load(Self.caseNumber(context), principal)
            let employer = try await identity.client(c.clientID, scope: .allClients)?.profile.name ?? ""
            let content = NoticeBuilder.caseSummary(caseNumber: c.caseNumber, input: c.input, progress: c.progress, employerName: employer,
                                                    issuedOn: try await clock.today())
            return try await rendered(content, request: request, language: nil, name: "case-\(c.caseNumber)-summary")
        }
        router.get("/api/v1/cases/:n/further_action_notice", RouteDocumentation(
            "The Further Action Notice (TNC-2); the download is recorded on the case (CASE-10).", tags: ["notices"],
            query: ["language", "format", "source"], responses: Self.noticeResponses)) { request, context in
            try await notice(request, context, name: "further_action_notice")
        }
        router.get("/api/v1/cases/:n/referral_date_confirmation", RouteDocumentation(
            "The Referral Date Confirmation with the contact-by date (TNC-4), after referral.", tags: ["notices"],
            query: ["language", "format", "source"], responses: Self.noticeResponses)) { request, context in
            try await notice(request, context, name: "referral_date_confirmation")
        }
    }

    /// A notice: PDF (the default), or HTML with `format=html`.
    static let noticeResponses: [ResponseDocumentation] = [
        .text("200", "application/pdf", "The notice as PDF (format=pdf, the default)"),
        .text("200", "text/html", "The notice as HTML (format=html)"),
    ]

    /// Renders a notice for the employee and records the download on the case (who, when,
    /// language): CASE-10 lets the decision be recorded only after the FAN was produced.
    private func notice(_ request: HTTPRequest, _ context: AgentContext, name: String) async throws -> HTTPResponse {
        let principal = try await auth.caseActor(request)
        let number = Self.caseNumber(context)
        let c = try await load(number, principal)
        let profile = try await identity.client(c.clientID, scope: .allClients)?.profile
        // The translation beside English (TNC-2): the one asked for, else the employee's
        // language, else the first the client offers; none means English alone.
        let language = CaseNotices.translation(requested: request.queryParameter("language"), employeeLanguage: c.input.employeeNoticeLanguage,
                                               clientLanguages: profile?.noticeLanguages ?? [])
        if let language, NoticeLanguages.resolve(language) == nil {
            throw ValidationFailure([FieldIssue(field: "language", code: FieldIssue.invalidValue,
                                                message: "No notice in \(language); shipped: \(NoticeLanguages.shipped.joined(separator: ", ")).")])
        }
        let employer = profile?.name ?? ""
        let content: NoticeContent
        if name == "further_action_notice" {
            try CaseNotices.checkFurtherActionNotice(c.progress)
            guard let kind = c.progress.mismatch, let base = c.progress.mismatchOn else { throw RepositoryError.notFound }
            content = NoticeBuilder.furtherActionNotice(caseNumber: c.caseNumber, input: c.input, mismatch: kind, issuedOn: try await clock.today(),
                                                        decisionDueDate: Deadlines.tncDecisionDueDate(mismatchResultDate: base, federal: federal).date,
                                                        employerName: employer)
        } else {
            try CaseNotices.checkReferralDateConfirmation(c.progress)
            guard let kind = c.progress.mismatch, let referredOn = c.progress.referredOn, let contactBy = c.progress.contactBy else {
                throw RepositoryError.notFound
            }
            content = NoticeBuilder.referralDateConfirmation(caseNumber: c.caseNumber, input: c.input, mismatch: kind, referredOn: referredOn,
                                                             contactBy: contactBy, employerName: employer)
        }
        let response: HTTPResponse
        if let passed = try await governmentNotice(request, number: number, name: name, language: language) {
            response = passed
        } else {
            response = try await rendered(content, request: request, language: language, name: "\(c.caseNumber)-\(name)")
        }
        let download = NoticeDownload(notice: name, userID: principal.userID.rawValue, at: UTCTime.nowISO(),
                                      language: language.flatMap(NoticeLanguages.resolve) ?? "en")
        _ = try await cases.update(number, scope: principal.scope, audit: Self.event(principal, context, "case.\(name).download")) {
            $0.progress.downloads.append(download)
        }
        return response
    }

    /// PDF (default) or HTML, as `format=` asks.
    private func rendered(_ content: NoticeContent, request: HTTPRequest, language: String?, name: String) async throws -> HTTPResponse {
        let formatText = request.queryParameter("format") ?? "pdf"
        guard let format = NoticeFormat(rawValue: formatText) else {
            throw ValidationFailure([FieldIssue(field: "format", code: FieldIssue.invalidValue, message: "format is pdf or html.")])
        }
        guard let notices else {
            throw ProblemDetails(status: .serviceUnavailable, type: "notices-unavailable", title: "Notices unavailable",
                                 detail: "The notice renderer could not start (fonts missing); see the service log.")
        }
        let bytes = try await notices.render(content, language: language, format: format)
        var response = HTTPResponse(status: .ok, contentType: format == .pdf ? "application/pdf" : "text/html; charset=utf-8", body: bytes)
        response.headers.add("Content-Disposition", "inline; filename=\"\(name).\(format.rawValue)\"")
        return response
    }

}
