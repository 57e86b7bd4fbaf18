import AgentCore
import Foundation
import HTTPCore
import Storage

extension CaseAPI {
    func registerActions(on router: RouterBuilder<AgentContext>) {
        let tags = ["case actions"]
        func action(_ segment: String, _ summary: String, schema: String? = nil, bodyLimit: Int? = nil,
                    _ run: @escaping @Sendable (HTTPRequest, AgentContext, Principal, IdempotencyClaim?) async throws -> HTTPResponse) {
            var responses: [ResponseDocumentation] = [.json("200", CaseRepresentation.statusSchema, "The status object")]
            if segment == "submit" {
                responses.append(.json("202", CaseRepresentation.statusSchema, "Queued: the government side is unavailable (case_status QUEUED)"))
            }
            router.post("/api/v1/cases/:n/\(segment)", bodyLimit: bodyLimit,
                        RouteDocumentation(summary, tags: tags, requestSchema: schema, responses: responses)) { request, context in
                let principal = try await auth.caseActor(request)
                return try await idempotency.run(request, principal: principal) { try await run(request, context, principal, $0) }
            }
        }
        action("submit", "Send a draft to the government side (HIRE-2 judged again); 202 with QUEUED when it is unavailable.") {
            try await submit($0, $1, $2, $3)
        }
        action("confirm_details", "CASE-4: confirm or correct the fields the government side could not confirm.",
               schema: #"{"type":"object","required":["case_fields"],"properties":{"case_fields":{"type":"array","items":{"type":"object","properties":{"field_name":{"type":"string"},"value":{}}}}}}"#) {
            try await confirmDetails($0, $1, $2, $3)
        }
        action("photo_match", "DOC-2: the user's answer comparing the photo with the document copy.",
               schema: #"{"type":"object","required":["photo_match"],"properties":{"photo_match":{"enum":["MATCHING","NOT_MATCHING","NO_IMAGE","CANNOT_DETERMINE"]}}}"#) {
            try await photoMatch($0, $1, $2, $3)
        }
        action("scan_and_upload", "TNC-6: document copies (front and back; PDF, PNG or JPEG) for DHS.",
               schema: #"{"type":"object","required":["front_photo"],"properties":{"front_photo":{"type":"string","contentEncoding":"base64"},"back_photo":{"type":"string","contentEncoding":"base64"}}}"#,
               bodyLimit: 10 << 20) {
            try await scanAndUpload($0, $1, $2, $3)
        }
        action("refer", "TNC-3: the employee contests; refused (CASE-10) until the Further Action Notice was downloaded.",
               schema: #"{"type":"object","required":["employee_notified"],"properties":{"employee_notified":{"const":true}}}"#) {
            try await decide($0, $1, $2, $3, refer: true)
        }
        action("no_action", "The employee does not contest; the mismatch becomes final (TNC-9).",
               schema: #"{"type":"object","required":["employee_notified"],"properties":{"employee_notified":{"const":true}}}"#) {
            try await decide($0, $1, $2, $3, refer: false)
        }
        action("review", "IMG-3: a second user approves or rejects a draft before it is submitted.",
               schema: #"{"type":"object","required":["decision"],"properties":{"decision":{"enum":["APPROVE","REJECT"]},"note":{"type":"string"}}}"#) {
            try await review($0, $1, $2, $3)
        }
        action("close", "CASE-6: close with a reason valid now.",
               schema: #"{"type":"object","required":["case_closure_reason_code"],"properties":{"case_closure_reason_code":{"type":"string"},"currently_employed":{"type":"boolean"},"other_reason_description":{"type":"string"},"currently_employed_reason_description":{"type":"string"}}}"#) {
            try await close($0, $1, $2, $3)
        }
    }

    private func submit(_ request: HTTPRequest, _ context: AgentContext, _ principal: Principal, _ claim: IdempotencyClaim?) async throws -> HTTPResponse {
        let number = Self.caseNumber(context)
        let stored = try await load(number, principal, forChange: true)
        let profile = try await profile(of: stored.clientID)
        let reviewRequired = profile.requireSecondaryReview
        try CaseWorkflow.check(.submit, stored.progress, reviewRequired: reviewRequired)
        if !request.body.isEmpty { try RequestBody(request).finish() }
        let today = try await clock.today()
        // HIRE-2 is judged again on the day of submission.
        let data = try CaseRules.validate(stored.input, context: try await self.context(profile, today: today))
        let result: GovernmentResult?
        // The simulator's record of the submission commits with the case (one transaction).
        var record: (any AttachedWrite)?
        do {
            let submission = try await gateway.submitAttached(Self.governmentRequest(number, data))
            result = submission.result
            record = submission.record
        } catch is GovernmentUnavailable {
            result = nil
        } catch let unknown as GovernmentAnswerUnrecognized {
            try await flagForReview(number, unknown, on: today, audit: Self.event(principal, context, "case.government_answer_for_review"))
            throw unknown
        }
        let answer = try await actionAnswer(for: stored.clientID, profile: profile, today: today, status: result == nil ? .accepted : .ok)
        let updated = try await cases.update(stored, scope: principal.scope, audit: Self.event(principal, context, "case.submit"),
                                             receipt: IdempotencyGate.receipt(claim, answer), attaching: record) { c in
            try CaseWorkflow.check(.submit, c.progress, reviewRequired: reviewRequired)
            c.progress.submittedOn = today
            if let result { CaseWorkflow.apply(result, on: today, to: &c.progress) } else { c.progress.status = .queued }
        }
        return answer(updated)
    }

    private func confirmDetails(_ request: HTTPRequest, _ context: AgentContext, _ principal: Principal, _ claim: IdempotencyClaim?) async throws -> HTTPResponse {
        let number = Self.caseNumber(context)
        let stored = try await load(number, principal, forChange: true)
        try CaseWorkflow.check(.confirmDetails, stored.progress)
        var body = try RequestBody(request)
        var corrected = stored.input
        var listed: Set<String> = []
        if case .array(let items)? = body.raw("case_fields") {
            for (i, item) in items.enumerated() {
                guard case .object(let pair) = item, case .string(let name)? = pair["field_name"], let kind = CaseInput.kind(of: name) else {
                    body.note(FieldIssue(field: "case_fields[\(i)]", code: FieldIssue.invalidFormat, message: "Each entry is {field_name, value} with a case field name."))
                    continue
                }
                listed.insert(name)
                switch (kind, pair["value"]) {
                case (.text, .string(let text)?): _ = corrected.set(name, to: .text(text))
                case (.date, .string(let text)?):
                    if let date = CivilDate(iso: text) { _ = corrected.set(name, to: .date(date)) } else {
                        body.note(FieldIssue(field: name, code: FieldIssue.invalidFormat, message: "\(name) must be a date written YYYY-MM-DD."))
                    }
                default:
                    body.note(FieldIssue(field: name, code: FieldIssue.invalidFormat, message: "\(name) needs a value of its type."))
                }
            }
        } else {
            body.note(FieldIssue(field: "case_fields", code: FieldIssue.required, message: "List every field that was asked about."))
        }
        // CASE-4: every field the government side named is confirmed or corrected, changed or not.
        for issue in CaseNotices.confirmationIssues(unconfirmed: stored.progress.unconfirmedFields, listed: listed) { body.note(issue) }
        let today = try await clock.today()
        var data: CaseData?
        do {
            data = try CaseRules.validate(corrected, context: try await self.context(try await profile(of: stored.clientID), today: today,
                                                                                     createdOn: stored.progress.createdOn))
        } catch let failure as ValidationFailure {
            body.merge(failure)
        }
        try body.finish()
        guard let data else { throw ValidationFailure([]) }
        let confirmed = corrected
        let result = try await gateway.confirmDetails(Self.governmentRequest(number, data))
        let answer = try await actionAnswer(for: stored.clientID, today: today)
        let updated = try await cases.update(stored, scope: principal.scope, audit: Self.event(principal, context, "case.confirm_details"),
                                             receipt: IdempotencyGate.receipt(claim, answer)) { c in
            try CaseWorkflow.check(.confirmDetails, c.progress)
            c.input = confirmed
            c.progress.detailsConfirmed = true
            c.progress.unconfirmedFields = []
            CaseWorkflow.apply(result, on: today, to: &c.progress)
        }
        return answer(updated)
    }

    private func photoMatch(_ request: HTTPRequest, _ context: AgentContext, _ principal: Principal, _ claim: IdempotencyClaim?) async throws -> HTTPResponse {
        let number = Self.caseNumber(context)
        let stored = try await load(number, principal, forChange: true)
        try CaseWorkflow.check(.photoMatch, stored.progress)
        var body = try RequestBody(request)
        let text = body.string("photo_match", required: true, maxLength: 20)
        let photo = text.flatMap(PhotoMatchAnswer.init(rawValue:))
        if text != nil && photo == nil {
            body.note(FieldIssue(field: "photo_match", code: FieldIssue.invalidValue, message: "MATCHING, NOT_MATCHING, NO_IMAGE or CANNOT_DETERMINE."))
        }
        try body.finish()
        guard let photo else { throw ValidationFailure([]) }
        let result = try await gateway.photoMatch(caseNumber: number, answer: photo)
        let today = try await clock.today()
        let answer = try await actionAnswer(for: stored.clientID, today: today)
        let updated = try await cases.update(stored, scope: principal.scope, audit: Self.event(principal, context, "case.photo_match"),
                                             receipt: IdempotencyGate.receipt(claim, answer)) { c in
            try CaseWorkflow.check(.photoMatch, c.progress)
            c.progress.photoAnswer = photo
            CaseWorkflow.apply(result, on: today, to: &c.progress)
        }
        return answer(updated)
    }

    private func scanAndUpload(_ request: HTTPRequest, _ context: AgentContext, _ principal: Principal, _ claim: IdempotencyClaim?) async throws -> HTTPResponse {
        let number = Self.caseNumber(context)
        let stored = try await load(number, principal, forChange: true)
        try CaseWorkflow.check(.scanAndUpload, stored.progress)
        let (front, back) = try Self.documents(request)
        let result = try await gateway.scanAndUpload(caseNumber: number, front: front, back: back)
        let today = try await clock.today()
        let answer = try await actionAnswer(for: stored.clientID, today: today)
        let updated = try await cases.update(stored, scope: principal.scope, audit: Self.event(principal, context, "case.scan_and_upload"),
                                             receipt: IdempotencyGate.receipt(claim, answer)) { c in
            try CaseWorkflow.check(.scanAndUpload, c.progress)
            CaseWorkflow.apply(result, on: today, to: &c.progress)
        }
        return answer(updated)
    }

    /// The front and back copies, from JSON (base64) or multipart/form-data parts.
    static func documents(_ request: HTTPRequest) throws -> (front: [UInt8], back: [UInt8]?) {
        if let type = request.headers["Content-Type"], let boundary = MultipartFormData.boundary(fromContentType: type) {
            guard let form = MultipartFormData(body: request.body, boundary: boundary) else {
                throw ProblemDetails(status: .badRequest, type: "malformed-body", title: "Malformed body",
                                     detail: "The multipart/form-data body does not parse.")
            }
            var issues = IssueCollector()
            let unknown = form.parts.map(\.name).filter { $0 != "front_photo" && $0 != "back_photo" }
            for name in unknown { issues.add(name, FieldIssue.unknownField, "\(name) is not a field of this request.") }
            let front = form["front_photo"]?.body
            if front == nil { issues.add("front_photo", FieldIssue.required, "front_photo is required.") }
            for (name, bytes) in [("front_photo", front), ("back_photo", form["back_photo"]?.body)] {
                if let bytes, !isDocumentImage(bytes) { issues.add(name, FieldIssue.invalidValue, "\(name) must be a PDF, PNG or JPEG file.") }
            }
            try issues.check()
            return (front ?? [], form["back_photo"]?.body)
        }
        var body = try RequestBody(request)
        let front = document(&body, "front_photo", required: true)
        let back = document(&body, "back_photo", required: false)
        try body.finish()
        guard let front else { throw ValidationFailure([]) }
        return (front, back)
    }

    static func isDocumentImage(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: Array("%PDF-".utf8)) || bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            || bytes.starts(with: [0xFF, 0xD8, 0xFF])
    }

    /// A base64 document image, accepted only as PDF, PNG or JPEG judged by its bytes.
    static func document(_ body: inout RequestBody, _ field: String, required: Bool) -> [UInt8]? {
        guard let text = body.string(field, required: required, maxLength: 14 << 20) else { return nil }
        guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters), !data.isEmpty else {
            body.note(FieldIssue(field: field, code: FieldIssue.invalidFormat, message: "\(field) must be base64."))
            return nil
        }
        let bytes = Array(data)
        guard isDocumentImage(bytes) else {
            body.note(FieldIssue(field: field, code: FieldIssue.invalidValue, message: "\(field) must be a PDF, PNG or JPEG file."))
            return nil
        }
        return bytes
    }

    private func decide(_ request: HTTPRequest, _ context: AgentContext, _ principal: Principal, _ claim: IdempotencyClaim?, refer: Bool) async throws -> HTTPResponse {
        let number = Self.caseNumber(context)
        let stored = try await load(number, principal, forChange: true)
        let action: CaseAction = refer ? .refer : .noAction
        try CaseWorkflow.check(action, stored.progress)
        var body = try RequestBody(request)
        let notified = body.bool("employee_notified", required: true)
        if let issue = CaseNotices.notificationIssue(employeeNotified: notified) { body.note(issue) }
        try body.finish()
        let today = try await clock.today()
        let receipt: ReferralReceipt?
        if refer, let kind = stored.progress.mismatch {
            receipt = try await gateway.refer(caseNumber: number, kind: kind, on: today)
        } else {
            try await gateway.noAction(caseNumber: number)
            receipt = nil
        }
        let answer = try await actionAnswer(for: stored.clientID, today: today)
        let updated = try await cases.update(stored, scope: principal.scope,
                                             audit: Self.event(principal, context, refer ? "case.refer" : "case.no_action"),
                                             receipt: IdempotencyGate.receipt(claim, answer)) { c in
            try CaseWorkflow.check(action, c.progress)
            if let receipt { CaseWorkflow.refer(receipt, &c.progress) } else { CaseWorkflow.noAction(&c.progress, on: today) }
        }
        return answer(updated)
    }

    private func review(_ request: HTTPRequest, _ context: AgentContext, _ principal: Principal, _ claim: IdempotencyClaim?) async throws -> HTTPResponse {
        let number = Self.caseNumber(context)
        let stored = try await load(number, principal, forChange: true)
        let profile = try await profile(of: stored.clientID)
        let required = profile.requireSecondaryReview
        try CaseWorkflow.check(.review, stored.progress, reviewRequired: required)
        var body = try RequestBody(request)
        let text = body.string("decision", required: true, maxLength: 10)
        let decision = text.flatMap(CaseReview.Decision.init(rawValue:))
        if text != nil && decision == nil {
            body.note(FieldIssue(field: "decision", code: FieldIssue.invalidValue, message: "decision is APPROVE or REJECT."))
        }
        let note = body.string("note", maxLength: 500)
        if let issue = CaseAdmission.reviewerIssue(creator: stored.createdBy, reviewer: principal.userID) { body.note(issue) }
        try body.finish()
        guard let decision else { throw ValidationFailure([]) }
        let review = CaseReview(decision: decision, reviewerID: principal.userID.rawValue, note: note, at: UTCTime.nowISO())
        let answer = try await actionAnswer(for: stored.clientID, profile: profile, today: try await clock.today())
        let updated = try await cases.update(stored, scope: principal.scope, audit: Self.event(principal, context, "case.review"),
                                             receipt: IdempotencyGate.receipt(claim, answer)) { c in
            try CaseWorkflow.check(.review, c.progress, reviewRequired: required)
            c.progress.review = review
        }
        return answer(updated)
    }

    private func close(_ request: HTTPRequest, _ context: AgentContext, _ principal: Principal, _ claim: IdempotencyClaim?) async throws -> HTTPResponse {
        let body = try RequestBody(request)
        return try await close(Self.caseNumber(context), body, context, principal, claim)
    }

    /// CASE-6 for one case: the route's and each item of `cases/batch_close`.
    func close(_ number: String, _ body: RequestBody, _ context: AgentContext, _ principal: Principal,
               _ claim: IdempotencyClaim?) async throws -> HTTPResponse {
        var body = body
        let stored = try await load(number, principal, forChange: true)
        try CaseWorkflow.check(.close, stored.progress)
        let code = body.string("case_closure_reason_code", required: true, maxLength: 60)
        let employed = body.bool("currently_employed")
        let other = body.string("other_reason_description", maxLength: 200)
        let employedWhy = body.string("currently_employed_reason_description", maxLength: 200)
        let reason = code.flatMap(ClosureReason.init(rawValue:))
        if code != nil && reason == nil {
            body.note(FieldIssue(field: "case_closure_reason_code", code: FieldIssue.invalidValue, message: "Unknown closure reason; see closure_reasons."))
        }
        try body.finish()
        guard let reason else { throw ValidationFailure([]) }
        let today = try await clock.today()
        let closure = CaseClosure(reason: reason, currentlyEmployed: employed, otherReasonDescription: other,
                                  currentlyEmployedReasonDescription: employedWhy, closedOn: today)
        var check = stored.progress
        try CaseWorkflow.close(closure, &check)
        if stored.progress.submittedOn != nil { try await gateway.close(caseNumber: number, reasonCode: reason.rawValue) }
        let answer = try await actionAnswer(for: stored.clientID, today: today)
        let updated = try await cases.update(stored, scope: principal.scope, audit: Self.event(principal, context, "case.close"),
                                             receipt: IdempotencyGate.receipt(claim, answer)) { c in
            try CaseWorkflow.check(.close, c.progress)
            try CaseWorkflow.close(closure, &c.progress)
        }
        return answer(updated)
    }
}
