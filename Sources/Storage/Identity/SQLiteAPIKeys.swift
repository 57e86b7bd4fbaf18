import AgentCore

// API keys of clients. The key itself never reaches this layer: only its SHA-256.
extension SQLiteIdentityRepository {
    static let apiKeyColumns = "rowid, id, name, user_id, client_id, created_by, created_at, revoked_at"

    static func apiKey(from row: Statement) -> (rowid: Int64, item: APIKey) {
        let key = APIKey(id: row.string(at: 1) ?? "", name: row.string(at: 2) ?? "", userID: UserID(row.string(at: 3) ?? ""),
                         clientID: ClientID(row.string(at: 4) ?? ""), createdBy: row.string(at: 5).map(UserID.init),
                         createdAt: row.string(at: 6) ?? "", revokedAt: row.string(at: 7))
        return (row.int64(at: 0), key)
    }

    public func createAPIKey(_ key: NewAPIKey, audit: AuditEvent) async throws -> APIKey {
        try await identityWrite { db in
            // Checked again here, in the transaction: the holder may have been moved or
            // deactivated since the request read them.
            let holder = try db.queryFirst("SELECT client_id, active FROM users WHERE id = ?", [.text(key.userID.rawValue)]) { row in
                (row.string(at: 0), row.int64(at: 1) != 0)
            }
            guard let holder, holder.0 == key.clientID.rawValue, holder.1 else {
                throw ValidationFailure([FieldIssue(field: "user_id", code: FieldIssue.invalidValue,
                                                    message: "user_id must name an active user of this client.")])
            }
            let id = RowCodec.newID()
            let now = UTCTime.nowISO()
            try db.execute("""
                INSERT INTO api_keys (id, key_hash, client_id, user_id, name, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [.text(id), .blob(key.keyHash), .text(key.clientID.rawValue), .text(key.userID.rawValue), .text(key.name),
                      SQLValue(key.createdBy?.rawValue), .text(now)])
            let changes = [FieldChange(field: "name", before: nil, after: key.name),
                           FieldChange(field: "user_id", before: nil, after: key.userID.rawValue)]
            try AuditLog.append(audit.with(changes: changes, objectID: id, clientID: key.clientID), on: db, at: now)
            return APIKey(id: id, name: key.name, userID: key.userID, clientID: key.clientID, createdBy: key.createdBy,
                          createdAt: now, revokedAt: nil)
        }
    }

    public func apiKeys(client: ClientID, scope: AccessScope, limit: Int, after cursor: String?) async throws -> Page<APIKey> {
        let after = try RowCodec.rowid(fromCursor: cursor)
        let filter = RowCodec.scopeFilter(scope)
        return try await database.read { db in
            let rows = try db.query("""
                SELECT \(Self.apiKeyColumns) FROM api_keys WHERE client_id = ? AND rowid > ?\(filter.sql) ORDER BY rowid LIMIT ?
                """, [.text(client.rawValue), .integer(after)] + filter.parameters + [SQLValue(limit + 1)]) { Self.apiKey(from: $0) }
            return RowCodec.page(rows, limit: limit)
        }
    }

    public func apiKey(_ id: String, scope: AccessScope) async throws -> APIKey? {
        let filter = RowCodec.scopeFilter(scope)
        return try await database.read { db in
            try db.queryFirst("SELECT \(Self.apiKeyColumns) FROM api_keys WHERE id = ?\(filter.sql)",
                              [.text(id)] + filter.parameters) { Self.apiKey(from: $0).item }
        }
    }

    public func revokeAPIKey(_ id: String, scope: AccessScope, audit: AuditEvent) async throws -> APIKey {
        let filter = RowCodec.scopeFilter(scope)
        return try await identityWrite { db in
            guard var key = try db.queryFirst("SELECT \(Self.apiKeyColumns) FROM api_keys WHERE id = ?\(filter.sql)",
                                              [.text(id)] + filter.parameters, row: { Self.apiKey(from: $0).item }) else {
                throw RepositoryError.notFound
            }
            guard key.revokedAt == nil else { return key }
            let now = UTCTime.nowISO()
            try db.execute("UPDATE api_keys SET revoked_at = ? WHERE id = ?", [.text(now), .text(id)])
            key.revokedAt = now
            try AuditLog.append(audit.with(changes: [FieldChange(field: "revoked_at", before: nil, after: now)], objectID: id,
                                           clientID: key.clientID), on: db, at: now)
            return key
        }
    }
}
