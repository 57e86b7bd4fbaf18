import AgentCore
import Crypto
import HTTPCore
import Storage
import Synchronization

/// `Idempotency-Key` for `POST cases` and every case action: the first successful answer
/// to a key is kept (sealed, in the same transaction as the change) and returned again
/// for a retry with the same body for 24 hours; the same key with another body is
/// refused (409). Errors are not kept: a refused request changed nothing, so retrying
/// it is safe. A replay re-checks that the caller may still see the case (else 404).
final class IdempotencyGate: Sendable {
    private let records: any IdempotencyRepository
    /// Keys the request MAC: a plain hash of a body whose only unknown is an SSN would
    /// give the SSN away to anyone holding a copy of the database.
    private let macKey: [UInt8]
    /// Whether the principal may see the case (the replay check).
    private let visible: @Sendable (String, Principal) async throws -> Bool
    /// Keys being worked on right now, so two concurrent retries do not both run.
    private let inFlight = Mutex<Set<String>>([])

    init(records: any IdempotencyRepository, keyMaterial: [UInt8], visible: @escaping @Sendable (String, Principal) async throws -> Bool) {
        self.records = records
        self.macKey = HMAC.sha256(key: keyMaterial, data: Array("employer-agent idempotency request mac v1".utf8))
        self.visible = visible
    }

    /// Runs `handler` with the claim its change must keep its answer under (nil when the
    /// request has no key), or replays the answer kept for the key.
    func run(_ request: HTTPRequest, principal: Principal,
             _ handler: (IdempotencyClaim?) async throws -> HTTPResponse) async throws -> HTTPResponse {
        guard let key = request.headers["Idempotency-Key"] else { return try await handler(nil) }
        guard !key.isEmpty, key.utf8.count <= 255, key.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else {
            throw ProblemDetails(status: .badRequest, type: "invalid-idempotency-key", title: "Invalid Idempotency-Key",
                                 detail: "Idempotency-Key must be 1 to 255 visible ASCII characters.",
                                 errors: [FieldProblem(field: "Idempotency-Key", code: FieldIssue.invalidFormat, message: "1 to 255 visible ASCII characters.")])
        }
        let scope = principal.userID.rawValue + " " + request.method.rawValue + " " + String(request.path)
        // JSON bodies are compared by value, not by byte order of their keys.
        let body = JSONValue.parse(request.body).map { Array($0.canonicalText.utf8) } ?? request.body
        let claim = IdempotencyClaim(scope: scope, key: key, requestMAC: HMAC.sha256(key: macKey, data: Array(scope.utf8) + [0] + body))
        let notBefore = UTCTime.nowMilliseconds() - IdempotencyPolicy.retentionSeconds * 1000
        if let kept = try await records.find(scope: scope, key: key, notBeforeMs: notBefore) {
            return try await replay(kept, claim: claim, principal: principal)
        }
        let slot = scope + "\u{0}" + key
        guard inFlight.withLock({ $0.insert(slot).inserted }) else {
            throw ProblemDetails(status: .conflict, type: "idempotency-key-in-use", title: "Request in progress",
                                 detail: "A request with this Idempotency-Key is still being processed; retry shortly.")
        }
        defer { _ = inFlight.withLock { $0.remove(slot) } }
        // Another request may have finished between the lookup and the claim.
        if let kept = try await records.find(scope: scope, key: key, notBeforeMs: notBefore) {
            return try await replay(kept, claim: claim, principal: principal)
        }
        return try await handler(claim)
    }

    /// For a request made of many changes, each committed on its own (a batch): the
    /// answer is kept once the handler is done, when it succeeded.
    func runKeepingAfter(_ request: HTTPRequest, principal: Principal,
                         _ handler: () async throws -> HTTPResponse) async throws -> HTTPResponse {
        try await run(request, principal: principal) { claim in
            let response = try await handler()
            if let claim, (200..<300).contains(response.status.code) {
                try await records.keep(claim, answer: IdempotentAnswer(
                    status: response.status.code, contentType: response.headers["Content-Type"] ?? "application/json", body: response.body))
            }
            return response
        }
    }

    private func replay(_ kept: IdempotencyRecord, claim: IdempotencyClaim, principal: Principal) async throws -> HTTPResponse {
        guard ConstantTime.equals(kept.requestMAC, claim.requestMAC) else {
            throw ProblemDetails(status: .conflict, type: "idempotency-key-reused", title: "Idempotency-Key reused",
                                 detail: "This Idempotency-Key was used for a different request body.")
        }
        if let number = kept.caseNumber, try await !visible(number, principal) { throw RepositoryError.notFound }
        var response = HTTPResponse(status: HTTPStatus(kept.answer.status, Self.reason(kept.answer.status)),
                                    contentType: kept.answer.contentType, body: kept.answer.body)
        response.headers.add("Idempotent-Replayed", "true")
        return response
    }

    /// The answer a change keeps for `claim`: `render` builds the response from the case
    /// as it will be stored (called off the writer thread, before the write).
    static func receipt(_ claim: IdempotencyClaim?, _ render: @escaping @Sendable (StoredCase) throws -> HTTPResponse) -> CaseChangeReceipt? {
        claim.map { claim in
            CaseChangeReceipt(claim: claim) { stored in
                let response = try render(stored)
                return IdempotentAnswer(status: response.status.code, contentType: response.headers["Content-Type"] ?? "application/json",
                                        body: response.body)
            }
        }
    }

    private static func reason(_ code: Int) -> String {
        switch code {
        case 200: return "OK"
        case 201: return "Created"
        case 202: return "Accepted"
        default: return "OK"
        }
    }
}
