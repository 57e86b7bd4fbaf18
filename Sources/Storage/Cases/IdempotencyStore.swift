import Crypto

/// A response kept for an `Idempotency-Key`, replayed when the same request comes again.
public struct StoredResponse: Sendable, Equatable {
    public var requestHash: [UInt8]
    public var status: Int
    public var contentType: String
    public var body: [UInt8]
    public init(requestHash: [UInt8], status: Int, contentType: String, body: [UInt8]) {
        self.requestHash = requestHash
        self.status = status
        self.contentType = contentType
        self.body = body
    }
}

/// Stores first responses by (scope, key). Scope is the caller and route, so two users
/// may pick the same key without meeting.
public final class IdempotencyStore: Sendable {
    let database: Database
    public init(database: Database) { self.database = database }

    public func find(scope: String, key: String) async throws -> StoredResponse? {
        try await database.read { db in
            try db.queryFirst("SELECT request_hash, status, content_type, body FROM idempotency_keys WHERE scope = ? AND key = ?",
                              [.text(scope), .text(key)]) { row in
                StoredResponse(requestHash: row.blob(at: 0) ?? [], status: Int(row.int64(at: 1)), contentType: row.string(at: 2) ?? "",
                               body: row.blob(at: 3) ?? [])
            }
        }
    }

    /// Keeps the first response; a concurrent duplicate that lost the race changes nothing.
    public func save(scope: String, key: String, response: StoredResponse) async throws {
        try await database.write { db in
            try db.execute("""
                INSERT OR IGNORE INTO idempotency_keys (scope, key, request_hash, status, content_type, body, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [.text(scope), .text(key), .blob(response.requestHash), SQLValue(response.status), .text(response.contentType),
                      .blob(response.body), .text(UTCTime.nowISO())])
        }
    }
}
