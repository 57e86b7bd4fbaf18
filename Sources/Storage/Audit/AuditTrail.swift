import AgentCore
import Crypto

/// One stored audit entry, as exported.
public struct AuditEntry: Sendable, Equatable {
    public var id: Int64
    public var at: String
    public var actorType: String
    public var actorID: String?
    public var clientID: String?
    public var action: String
    public var objectType: String
    public var objectID: String?
    /// JSON `[{field, before, after}]`, personal data masked.
    public var changes: String
    public var sourceIP: String?
    public var requestID: String?
    public var hashHex: String
}

/// The result of checking the whole chain: the first entry whose hash does not match
/// its content and its predecessor, if any.
public struct AuditVerification: Sendable, Equatable {
    public var valid: Bool
    public var entries: Int
    public var firstBroken: Int64?
}

/// Reads and checks the audit trail (appending happens in `AuditLog`, inside each change).
public final class AuditTrail: Sendable {
    let database: Database
    public init(database: Database) { self.database = database }

    /// Entries in id order, filtered by client (for a client-scoped reader) and time.
    public func entries(scope: AccessScope, from: String?, to: String?, afterID: Int64, limit: Int) async throws -> [AuditEntry] {
        var sql = """
            SELECT id, at, actor_type, actor_id, client_id, action, object_type, object_id, changes, source_ip, request_id, hash
            FROM audit_log WHERE id > ?
            """
        var parameters: [SQLValue] = [.integer(afterID)]
        if case .client(let id) = scope {
            sql += " AND client_id = ?"
            parameters.append(.text(id.rawValue))
        }
        if let from {
            sql += " AND at >= ?"
            parameters.append(.text(from))
        }
        if let to {
            // A bare date includes the whole day.
            sql += " AND at <= ?"
            parameters.append(.text(to.count == 10 ? to + "T23:59:59.999Z" : to))
        }
        sql += " ORDER BY id LIMIT ?"
        parameters.append(SQLValue(limit))
        let (query, values) = (sql, parameters)
        return try await database.read { db in
            try db.query(query, values) { row in
                AuditEntry(id: row.int64(at: 0), at: row.string(at: 1) ?? "", actorType: row.string(at: 2) ?? "", actorID: row.string(at: 3),
                           clientID: row.string(at: 4), action: row.string(at: 5) ?? "", objectType: row.string(at: 6) ?? "",
                           objectID: row.string(at: 7), changes: row.string(at: 8) ?? "[]", sourceIP: row.string(at: 9),
                           requestID: row.string(at: 10), hashHex: Hex.encode(row.blob(at: 11) ?? []))
            }
        }
    }

    /// Recomputes every hash from the stored columns and the previous entry's hash.
    public func verify() async throws -> AuditVerification {
        try await database.read { db in
            var previous = AuditLog.genesis
            var count = 0
            var firstBroken: Int64?
            let statement = try db.prepare("""
                SELECT id, at, actor_type, actor_id, client_id, action, object_type, object_id, changes, source_ip, request_id, prev_hash, hash
                FROM audit_log ORDER BY id
                """)
            while try statement.step() {
                count += 1
                guard firstBroken == nil else { continue }
                let content = AuditLog.canonical(at: statement.string(at: 1) ?? "", actorType: statement.string(at: 2) ?? "",
                                                 actorID: statement.string(at: 3), clientID: statement.string(at: 4),
                                                 action: statement.string(at: 5) ?? "", objectType: statement.string(at: 6) ?? "",
                                                 objectID: statement.string(at: 7), changes: statement.string(at: 8) ?? "",
                                                 sourceIP: statement.string(at: 9), requestID: statement.string(at: 10))
                let stored = statement.blob(at: 12) ?? []
                if statement.blob(at: 11) != previous || SHA256.hash(previous + Array(content.utf8)) != stored {
                    firstBroken = statement.int64(at: 0)
                }
                previous = stored
            }
            return AuditVerification(valid: firstBroken == nil, entries: count, firstBroken: firstBroken)
        }
    }
}
