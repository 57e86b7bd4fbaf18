import AgentCore
import HTTPCore

/// API.md "Batches": many cases in one request, each judged as if it came alone. One
/// item's refusal changes nothing for the others; the answer lists every outcome.
extension CaseAPI {
    static let maximumBatchItems = 500
    /// Items worked on at once: enough to fill a group commit, few enough to leave the
    /// loops to other callers.
    static let batchConcurrency = 8
    /// `{results: [...]}`: each item created or closed (`status` 201 or 200, its
    /// `case_number`), or refused (`status` 400–599 and the `problem` it would get alone).
    static let batchResultsSchema = ResponseSchema.object(["results": ResponseSchema.array(
        #"{"oneOf":["# + ResponseSchema.object([
            "index": ResponseSchema.integer(minimum: 0, maximum: maximumBatchItems - 1),
            "status": #"{"enum":[200,201]}"#,
            "case_number": CaseRepresentation.caseNumberSchema,
        ]) + "," + ResponseSchema.object([
            "index": ResponseSchema.integer(minimum: 0, maximum: maximumBatchItems - 1),
            "status": ResponseSchema.integer(minimum: 400, maximum: 599),
            "problem": ResponseSchema.problem,
        ]) + "]}", maxItems: maximumBatchItems)])

    func registerBatches(on router: RouterBuilder<AgentContext>) {
        let tags = ["cases"]
        router.post("/api/v1/cases/batch", RouteDocumentation(
            "Create up to 500 drafts; each is created (201) or refused with the problem it would get alone.", tags: tags,
            requestSchema: #"{"type":"object","required":["cases"],"additionalProperties":false,"properties":{"cases":{"type":"array","minItems":1,"maxItems":500,"items":{"description":"A case body as POST /api/v1/cases takes it; each item is judged alone and a bad one gets its own problem in the results."}}}}"#,
            responses: [.json("200", Self.batchResultsSchema)])) { request, context in
            let principal = try await auth.caseActor(request)
            return try await idempotency.runKeepingAfter(request, principal: principal) {
                try await batch(request, context, "cases") { item in
                    let created = try await create(RequestBody(item: item), context, principal, nil)
                    return (created.response.status.code, created.stored.caseNumber)
                }
            }
        }
        router.post("/api/v1/cases/batch_close", RouteDocumentation(
            "Close up to 500 cases (CASE-6); each item is closed or refused with the problem it would get alone.", tags: tags,
            requestSchema: #"{"type":"object","required":["cases"],"additionalProperties":false,"properties":{"cases":{"type":"array","minItems":1,"maxItems":500,"items":{"description":"{case_number, case_closure_reason_code, currently_employed, other_reason_description, currently_employed_reason_description} as POST /api/v1/cases/{n}/close takes them; each item is judged alone and a bad one gets its own problem in the results."}}}}"#,
            responses: [.json("200", Self.batchResultsSchema)])) { request, context in
            let principal = try await auth.caseActor(request)
            return try await idempotency.runKeepingAfter(request, principal: principal) {
                try await batch(request, context, "cases") { item in
                    var fields = item
                    guard case .string(let number)? = fields.removeValue(forKey: "case_number") else {
                        throw ValidationFailure([FieldIssue(field: "case_number", code: FieldIssue.required, message: "case_number is required.")])
                    }
                    let closed = try await close(number, RequestBody(item: fields), context, principal, nil)
                    return (closed.status.code, number)
                }
            }
        }
    }

    /// Runs `each` for every object of the body's `field` array and answers
    /// `{results: [{index, status, case_number?, problem?}]}` in the items' order.
    private func batch(_ request: HTTPRequest, _ context: AgentContext, _ field: String,
                       _ each: @escaping @Sendable ([String: JSONValue]) async throws -> (status: Int, caseNumber: String)) async throws -> HTTPResponse {
        var body = try RequestBody(request)
        let items: [JSONValue]
        if case .array(let list)? = body.raw(field) {
            items = list
            if list.isEmpty || list.count > Self.maximumBatchItems {
                body.note(FieldIssue(field: field, code: FieldIssue.outOfRange, message: "\(field) holds 1 to \(Self.maximumBatchItems) items."))
            }
        } else {
            items = []
            body.note(FieldIssue(field: field, code: FieldIssue.required, message: "\(field) must be an array of objects."))
        }
        try body.finish()
        var results = [String](repeating: "", count: items.count)
        try await withThrowingTaskGroup(of: (Int, String).self) { group in
            var next = 0
            func start() {
                let index = next
                next += 1
                let report = unexpectedErrors, requestID = context.info.requestID
                group.addTask {
                    (index, await Self.outcome(index, items[index], each) { error in
                        report.record(error, requestID: requestID, metadata: ["batch_item": .stringConvertible(index)])
                    })
                }
            }
            while next < min(items.count, Self.batchConcurrency) { start() }
            while let (index, text) = try await group.next() {
                results[index] = text
                if next < items.count { start() }
            }
        }
        return .json(#"{"results":["# + results.joined(separator: ",") + "]}")
    }

    /// One item's result object: its status and case number, or the problem it got. An
    /// error no problem describes goes to `unexpected` (the log) as the middleware's would.
    static func outcome(_ index: Int, _ item: JSONValue,
                        _ each: @Sendable ([String: JSONValue]) async throws -> (status: Int, caseNumber: String),
                        unexpected: (any Error) -> Void) async -> String {
        var w = JSONObjectWriter()
        w.int("index", index)
        let problem: ProblemDetails
        do {
            guard case .object(let object) = item else {
                throw ProblemDetails(status: .badRequest, type: "malformed-body", title: "Malformed item",
                                     detail: "Each item must be a JSON object, not \(item.typeName).")
            }
            let (status, number) = try await each(object)
            w.int("status", status)
            w.string("case_number", number)
            return w.text
        } catch let error as any ProblemConvertible {
            problem = error.problem
        } catch {
            // Not the caller's doing: say so for this item, leave the trace a 500 leaves,
            // and go on with the others.
            unexpected(error)
            problem = ProblemDetails(status: .internalServerError, type: "internal-error", title: "Internal error",
                                     detail: "This item could not be handled; nothing of it was stored.")
        }
        w.int("status", problem.status.code)
        w.raw("problem", String(decoding: problem.response.body, as: UTF8.self))
        return w.text
    }
}
