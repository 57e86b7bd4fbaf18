import AgentCore
import Crypto
import Foundation
import Testing
@testable import Storage

/// Answers kept for Idempotency-Keys (issue 12, item 1): written with the change they
/// answer or not at all, sealed, and forgotten after their time.
@Suite struct IdempotencyRepositoryTests {
    static func audit(_ client: ClientID, _ user: UserID) -> AuditEvent {
        AuditEvent(actor: .user(user), clientID: client, action: "case.create", objectType: "case", objectID: nil, sourceIP: nil, requestID: nil)
    }

    static func receipt(_ key: String, body: String) -> CaseChangeReceipt {
        CaseChangeReceipt(claim: IdempotencyClaim(scope: "u1 POST /api/v1/cases", key: key, requestMAC: Array(repeating: 7, count: 32))) { stored in
            IdempotentAnswer(status: 201, contentType: "application/json", body: Array((body + stored.caseNumber).utf8))
        }
    }

    @Test("The answer commits with the case; a refused change keeps no answer")
    func answerCommitsWithTheChange() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (database, cases, client, user) = try await CaseRepositoryTests.open(dir)
        let records = SQLiteIdempotencyRepository(database: database, cipher: cases.cipher)
        let stored = try await cases.create(clientID: client, createdBy: user, input: CaseRepositoryTests.input(), ssn: "151-20-1001",
                                            today: .referenceDate, audit: Self.audit(client, user),
                                            receipt: Self.receipt("k1", body: "Quickpass ")) { _ in }
        let kept = try #require(try await records.find(scope: "u1 POST /api/v1/cases", key: "k1", notBeforeMs: 0))
        #expect(kept.answer.body == Array(("Quickpass " + stored.caseNumber).utf8))
        #expect(kept.caseNumber == stored.caseNumber)
        #expect(kept.requestMAC == Array(repeating: 7, count: 32))

        // The same SSN again is refused by `admit`: neither a case nor an answer is written.
        await #expect(throws: TestError.self) {
            try await cases.create(clientID: client, createdBy: user, input: CaseRepositoryTests.input(), ssn: "151-20-1001",
                                   today: .referenceDate, audit: Self.audit(client, user),
                                   receipt: Self.receipt("k2", body: "x")) { _ in throw TestError(tag: 1) }
        }
        #expect(try await records.find(scope: "u1 POST /api/v1/cases", key: "k2", notBeforeMs: 0) == nil)
        let sealedText = try await database.read { db in
            try db.query("SELECT sealed_body FROM idempotency_keys") { $0.blob(at: 0) ?? [] }
        }
        #expect(sealedText.count == 1)
        #expect(!String(decoding: sealedText[0], as: UTF8.self).contains("Quickpass"))
    }

    @Test("Answers older than the window are not found and the expiry deletes them")
    func answersExpire() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (database, cases, client, user) = try await CaseRepositoryTests.open(dir)
        let records = SQLiteIdempotencyRepository(database: database, cipher: cases.cipher)
        _ = try await cases.create(clientID: client, createdBy: user, input: CaseRepositoryTests.input(), ssn: "151-20-1001",
                                   today: .referenceDate, audit: Self.audit(client, user), receipt: Self.receipt("old", body: "a")) { _ in }
        // Age the answer by a day and a minute.
        let aged = UTCTime.nowMilliseconds() - (IdempotencyPolicy.retentionSeconds + 60) * 1000
        try await database.write { db in try db.execute("UPDATE idempotency_keys SET created_at_ms = ?", [.integer(aged)]) }
        let windowStart = UTCTime.nowMilliseconds() - IdempotencyPolicy.retentionSeconds * 1000
        #expect(try await records.find(scope: "u1 POST /api/v1/cases", key: "old", notBeforeMs: windowStart) == nil)
        #expect(try await records.deleteExpired(beforeMs: windowStart, limit: 100) == 1)
        #expect(try await database.read { try $0.scalar("SELECT count(*) FROM idempotency_keys")?.int64Value } == 0)
    }
}
