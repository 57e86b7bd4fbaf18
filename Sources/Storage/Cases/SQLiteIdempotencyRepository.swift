import AgentCore
import Crypto

/// `IdempotencyRepository` on SQLite. Answers are sealed with the field cipher, bound
/// to their scope and key (a sealed answer cannot be moved to another key); they are
/// written by `SQLiteCaseRepository` inside the change they answer.
public final class SQLiteIdempotencyRepository: IdempotencyRepository {
    let database: Database
    let cipher: FieldCipher

    public init(database: Database, cipher: FieldCipher) {
        self.database = database
        self.cipher = cipher
    }

    static func context(scope: String, key: String) -> [UInt8] {
        Array("idempotency:".utf8) + Array(scope.utf8) + [0] + Array(key.utf8)
    }

    public func find(scope: String, key: String, notBeforeMs: Int64) async throws -> IdempotencyRecord? {
        let row = try await database.read { db in
            try db.queryFirst("""
                SELECT request_mac, status, content_type, sealed_body, case_number, created_at_ms FROM idempotency_keys
                WHERE scope = ? AND key = ? AND created_at_ms >= ?
                """, [.text(scope), .text(key), .integer(notBeforeMs)]) { row in
                (mac: row.blob(at: 0) ?? [], status: Int(row.int64(at: 1)), contentType: row.string(at: 2) ?? "",
                 sealed: row.blob(at: 3) ?? [], caseNumber: row.string(at: 4), createdAtMs: row.int64(at: 5))
            }
        }
        guard let row else { return nil }
        let body = try cipher.open(row.sealed, context: Self.context(scope: scope, key: key))
        return IdempotencyRecord(requestMAC: row.mac, answer: IdempotentAnswer(status: row.status, contentType: row.contentType, body: body),
                                 caseNumber: row.caseNumber, createdAtMs: row.createdAtMs)
    }

    public func deleteExpired(beforeMs: Int64, limit: Int) async throws -> Int {
        try await database.write { db in
            try db.execute("""
                DELETE FROM idempotency_keys WHERE (scope, key) IN
                    (SELECT scope, key FROM idempotency_keys WHERE created_at_ms < ? ORDER BY created_at_ms LIMIT ?)
                """, [.integer(beforeMs), SQLValue(limit)])
            return db.changes
        }
    }

    public func keep(_ claim: IdempotencyClaim, answer: IdempotentAnswer) async throws {
        let sealed = try SealedAnswer(claim, answer, caseNumber: nil, cipher: cipher)
        try await database.write { db in try sealed.insert(on: db) }
    }

    /// A kept answer sealed outside the writer, inserted with the change it answers.
    struct SealedAnswer: Sendable {
        let values: [SQLValue]

        init(_ claim: IdempotencyClaim, _ answer: IdempotentAnswer, caseNumber: String?, cipher: FieldCipher) throws {
            let sealed = try cipher.seal(answer.body, context: SQLiteIdempotencyRepository.context(scope: claim.scope, key: claim.key))
            values = [.text(claim.scope), .text(claim.key), .blob(claim.requestMAC), SQLValue(answer.status), .text(answer.contentType),
                      .blob(sealed), SQLValue(caseNumber), .integer(UTCTime.nowMilliseconds())]
        }

        /// A second answer for the same key (a concurrent retry that lost the race) keeps the first.
        func insert(on db: Connection) throws {
            try db.execute("""
                INSERT OR IGNORE INTO idempotency_keys (scope, key, request_mac, status, content_type, sealed_body, case_number, created_at_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, values)
        }
    }
}
