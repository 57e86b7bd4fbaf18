import AgentCore
import Foundation
import HTTPCore
import Storage

extension CaseAPI {
    func registerQueries(on router: RouterBuilder<AgentContext>) {
        let tags = ["cases"]
        router.get("/api/v1/cases", RouteDocumentation("Cases in the caller's scope.", tags: tags,
                                                       query: ["status", "client_company_id", "limit", "cursor"])) { request, _ in
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
            var items: [String] = []
            for c in page.items { items.append(try await fullJSON(c)) }
            return .json(JSONObjectWriter.list("cases", items: items, nextCursor: page.nextCursor))
        }
        router.get("/api/v1/cases/updated", RouteDocumentation("Cases whose status changed and are not yet acknowledged.", tags: tags)) { request, _ in
            let principal = try await auth.principal(request)
            let changed = try await cases.changedCases(scope: principal.scope, limit: 200)
            var items: [String] = []
            for c in changed { items.append(try await statusJSON(c)) }
            return .json(#"{"updated_cases":["# + items.joined(separator: ",") + "]}")
        }
        router.post("/api/v1/cases/confirm_updated", RouteDocumentation(
            "Acknowledge changed cases.", tags: tags,
            requestSchema: #"{"type":"object","required":["case_numbers"],"properties":{"case_numbers":{"type":"array","items":{"type":"string"}}}}"#)) { request, _ in
            let principal = try await auth.principal(request)
            var body = try RequestBody(request)
            let numbers = body.strings("case_numbers", maxCount: 200, maxLength: 20)
            if numbers == nil { body.note(FieldIssue(field: "case_numbers", code: FieldIssue.required, message: "case_numbers is required.")) }
            try body.finish()
            let count = try await cases.acknowledgeChanges(scope: principal.scope, caseNumbers: numbers ?? [])
            return .json(#"{"acknowledged":\#(count)}"#)
        }
        router.get("/api/v1/cases/:n", RouteDocumentation("One case: fields as entered (masked) and its status.", tags: tags)) { request, context in
            let principal = try await auth.principal(request)
            return try await fullResponse(try await load(Self.caseNumber(context), principal))
        }
        router.get("/api/v1/cases/:n/history", RouteDocumentation("The case's audit entries.", tags: tags)) { request, context in
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
        router.get("/api/v1/cases/:n/confirm_details_fields", RouteDocumentation("CASE-4: the fields to confirm or correct, as entered (masked).", tags: tags)) { request, context in
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
        router.get("/api/v1/cases/:n/retrieve_photo", RouteDocumentation("DOC-2: the photo on record for the document presented.", tags: tags)) { request, context in
            let principal = try await auth.caseActor(request)
            let c = try await load(Self.caseNumber(context), principal)
            guard c.progress.status == .photoMatch else {
                throw CaseStateConflict(action: .photoMatch, status: c.progress.status, allowed: CaseWorkflow.nextActions(c.progress), rule: nil,
                                        message: "The photo is shown only while the case is in PHOTO_MATCH.")
            }
            let photo = try await gateway.retrievePhoto(caseNumber: c.caseNumber) ?? []
            return .json(#"{"document_photo":"# + JSONText.quote(Data(photo).base64EncodedString()) + "}")
        }
        router.get("/api/v1/cases/:n/closure_reasons", RouteDocumentation("Closure reasons valid now.", tags: tags, query: ["currently_employed"])) { request, context in
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
            query: ["format"])) { request, context in
            let principal = try await auth.principal(request)
            let c = try await load(Self.caseNumber(context), principal)
            let masked = c.input.masked
            func row(_ label: String, _ value: String?) -> String {
                "<tr><th>\(Self.html(label))</th><td>\(Self.html(value ?? "—"))</td></tr>"
            }
            var page = "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Case \(c.caseNumber)</title>"
            page += "<h1>E-Verify case summary</h1><p>Case verification number: <strong>\(c.caseNumber)</strong> "
            page += "(record it on Form I-9)</p><table>"
            page += row("Employee", [masked.firstName, masked.lastName].compactMap { $0 }.joined(separator: " "))
            page += row("SSN", masked.ssn)
            page += row("Date of hire", masked.dateOfHire?.iso)
            page += row("Status", CaseRepresentation.display(c.progress))
            page += row("Eligibility statement", c.progress.eligibility?.rawValue)
            page += row("Closure reason", c.progress.closure?.reason.name)
            page += row("Created", c.progress.createdOn.iso)
            page += "</table></html>"
            return HTTPResponse(status: .ok, contentType: "text/html; charset=utf-8", body: Array(page.utf8))
        }
        router.get("/api/v1/cases/:n/further_action_notice", RouteDocumentation(
            "The Further Action Notice (TNC-2); the download is recorded on the case (CASE-10).", tags: ["notices"],
            query: ["language", "format"])) { request, context in
            try await notice(request, context, name: "further_action_notice")
        }
        router.get("/api/v1/cases/:n/referral_date_confirmation", RouteDocumentation(
            "The Referral Date Confirmation with the contact-by date (TNC-4), after referral.", tags: ["notices"],
            query: ["language", "format"])) { request, context in
            try await notice(request, context, name: "referral_date_confirmation")
        }
    }

    /// Text escaped for HTML element content and attributes.
    static func html(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    func statusJSON(_ c: StoredCase) async throws -> String {
        CaseRepresentation.status(c, deadlines: try await deadlines(c, profile: try await profile(of: c.clientID)))
    }

    /// Until the Notices module renders the real documents, a plain placeholder is served;
    /// the download is recorded either way (who, when, language), as CASE-10 needs.
    private func notice(_ request: HTTPRequest, _ context: AgentContext, name: String) async throws -> HTTPResponse {
        let principal = try await auth.caseActor(request)
        let number = Self.caseNumber(context)
        let c = try await load(number, principal)
        let language = (request.queryParameter("language") ?? c.input.employeeNoticeLanguage ?? "en").lowercased()
        if name == "further_action_notice" {
            guard c.progress.mismatch != nil, c.progress.status == .pendingReferral || c.progress.status == .referred else {
                throw CaseStateConflict(action: .furtherActionNotice, status: c.progress.status, allowed: CaseWorkflow.nextActions(c.progress),
                                        rule: nil, message: "A Further Action Notice exists only for a case with a mismatch.")
            }
        } else if c.progress.referredOn == nil {
            throw CaseStateConflict(action: .refer, status: c.progress.status, allowed: CaseWorkflow.nextActions(c.progress), rule: nil,
                                    message: "The Referral Date Confirmation exists once the case is referred.")
        }
        let at = UTCTime.nowISO()
        let download = NoticeDownload(notice: name, userID: principal.userID.rawValue, at: at, language: language)
        let updated = try await cases.update(number, scope: principal.scope, audit: Self.event(principal, context, "case.\(name).download")) {
            $0.progress.downloads.append(download)
        }
        let title = name == "further_action_notice" ? "Further Action Notice" : "Referral Date Confirmation"
        var html = "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>\(title)</title><h1>\(title)</h1>"
        html += "<p>Case verification number: \(updated.caseNumber)</p>"
        if let kind = updated.progress.mismatch { html += "<p>Mismatch: \(kind.rawValue)</p>" }
        if let contactBy = updated.progress.contactBy { html += "<p>Contact the agency by: \(contactBy.iso)</p>" }
        html += "<p>Placeholder: the full notice text arrives with the notices module.</p></html>"
        return HTTPResponse(status: .ok, contentType: "text/html; charset=utf-8", body: Array(html.utf8))
    }
}
