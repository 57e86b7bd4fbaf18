/// An `Idempotency-Key` claimed for one change. The answer to the change is kept under
/// it in the same transaction as the change, so a crash can never leave a change made
/// and its answer lost (which would make the client's retry run it twice).
public struct IdempotencyClaim: Sendable, Equatable {
    /// Who asked and where (user, method, path): two users may pick the same key.
    public var scope: String
    public var key: String
    /// A keyed MAC of scope and body: a retry must send the same request.
    public var requestMAC: [UInt8]

    public init(scope: String, key: String, requestMAC: [UInt8]) {
        self.scope = scope
        self.key = key
        self.requestMAC = requestMAC
    }
}

/// An answer as the client received it: what a retry with the same key gets again.
public struct IdempotentAnswer: Sendable, Equatable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]

    public init(status: Int, contentType: String, body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }
}

/// A kept answer found again for a key.
public struct IdempotencyRecord: Sendable, Equatable {
    public var requestMAC: [UInt8]
    public var answer: IdempotentAnswer
    /// The case the answer is about: a replay re-checks that the caller may still see it.
    public var caseNumber: String?
    public var createdAtMs: Int64

    public init(requestMAC: [UInt8], answer: IdempotentAnswer, caseNumber: String?, createdAtMs: Int64) {
        self.requestMAC = requestMAC
        self.answer = answer
        self.caseNumber = caseNumber
        self.createdAtMs = createdAtMs
    }
}

/// What a case change keeps for its claim: the answer is rendered from the case as
/// it will be stored, before the write, so rendering costs the writer nothing.
public struct CaseChangeReceipt: Sendable {
    public var claim: IdempotencyClaim
    public var answer: @Sendable (StoredCase) throws -> IdempotentAnswer

    public init(claim: IdempotencyClaim, answer: @escaping @Sendable (StoredCase) throws -> IdempotentAnswer) {
        self.claim = claim
        self.answer = answer
    }
}

/// The kept answers. Writes happen with the change they answer (`CaseRepository`);
/// this reads them and forgets the old ones.
public protocol IdempotencyRepository: Sendable {
    /// The answer kept for (scope, key) at or after `notBeforeMs`; nil when none or older.
    func find(scope: String, key: String, notBeforeMs: Int64) async throws -> IdempotencyRecord?
    /// Deletes up to `limit` answers kept before `beforeMs`; returns how many went.
    func deleteExpired(beforeMs: Int64, limit: Int) async throws -> Int
    /// Keeps an answer on its own, for a request made of many changes (a batch), each
    /// committed alone: a retry after a crash mid-batch runs again, and finds the items
    /// already made (an open case of the same SSN is refused, CASE-8).
    func keep(_ claim: IdempotencyClaim, answer: IdempotentAnswer) async throws
}

/// How long answers are kept for retries.
public enum IdempotencyPolicy {
    public static let retentionSeconds: Int64 = 24 * 60 * 60
}
