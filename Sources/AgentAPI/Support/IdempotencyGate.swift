import AgentCore
import Crypto
import HTTPCore
import Storage
import Synchronization

/// `Idempotency-Key` for `POST cases` and every case action: the first successful answer
/// to a key is stored and returned again for a retry with the same body; the same key
/// with another body is refused (409). Errors are not stored: a refused request changed
/// nothing, so retrying it is safe.
final class IdempotencyGate: Sendable {
    private let store: IdempotencyStore
    /// Keys being worked on right now, so two concurrent retries do not both run.
    private let inFlight = Mutex<Set<String>>([])

    init(store: IdempotencyStore) { self.store = store }

    func run(_ request: HTTPRequest, principal: Principal, _ handler: () async throws -> HTTPResponse) async throws -> HTTPResponse {
        guard let key = request.headers["Idempotency-Key"] else { return try await handler() }
        guard !key.isEmpty, key.utf8.count <= 255, key.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else {
            throw ProblemDetails(status: .badRequest, type: "invalid-idempotency-key", title: "Invalid Idempotency-Key",
                                 detail: "Idempotency-Key must be 1 to 255 visible ASCII characters.",
                                 errors: [FieldProblem(field: "Idempotency-Key", code: FieldIssue.invalidFormat, message: "1 to 255 visible ASCII characters.")])
        }
        let scope = principal.userID.rawValue + " " + request.method.rawValue + " " + String(request.path)
        // JSON bodies are compared by value, not by byte order of their keys.
        let body = JSONValue.parse(request.body).map { Array($0.canonicalText.utf8) } ?? request.body
        let hash = SHA256.hash(Array(scope.utf8) + [0] + body)
        if let stored = try await store.find(scope: scope, key: key) {
            return try replay(stored, hash: hash)
        }
        let slot = scope + "\u{0}" + key
        guard inFlight.withLock({ $0.insert(slot).inserted }) else {
            throw ProblemDetails(status: .conflict, type: "idempotency-key-in-use", title: "Request in progress",
                                 detail: "A request with this Idempotency-Key is still being processed; retry shortly.")
        }
        defer { _ = inFlight.withLock { $0.remove(slot) } }
        // Another request may have finished between the lookup and the claim.
        if let stored = try await store.find(scope: scope, key: key) { return try replay(stored, hash: hash) }
        let response = try await handler()
        if (200..<300).contains(response.status.code) {
            try await store.save(scope: scope, key: key, response: StoredResponse(
                requestHash: hash, status: response.status.code,
                contentType: response.headers["Content-Type"] ?? "application/json", body: response.body))
        }
        return response
    }

    private func replay(_ stored: StoredResponse, hash: [UInt8]) throws -> HTTPResponse {
        guard ConstantTime.equals(stored.requestHash, hash) else {
            throw ProblemDetails(status: .conflict, type: "idempotency-key-reused", title: "Idempotency-Key reused",
                                 detail: "This Idempotency-Key was used for a different request body.")
        }
        var response = HTTPResponse(status: HTTPStatus(stored.status, Self.reason(stored.status)), contentType: stored.contentType,
                                    body: stored.body)
        response.headers.add("Idempotent-Replayed", "true")
        return response
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
