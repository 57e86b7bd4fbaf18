import AgentCore

// Sign-in: login throttling, sessions, and the one read that turns a bearer token
// (session or API key) into a principal.
extension SQLiteIdentityRepository {
    public func createSession(tokenHash: [UInt8], userID: UserID, usernameKey: String, nowMs: Int64, expiresAtMs: Int64,
                              totpStep: Int64?, releasing reservation: LoginReservation?, audit: AuditEvent?) async throws {
        try await identityWrite { db in
            if let totpStep {
                // The check and the record are one statement in the writer's transaction, so two
                // logins racing with the same code cannot both pass.
                try db.execute("UPDATE user_totp SET last_step = ? WHERE user_id = ? AND secret IS NOT NULL AND COALESCE(last_step, -1) < ?",
                               [.integer(totpStep), .text(userID.rawValue), .integer(totpStep)])
                if db.changes == 0 { throw SecondFactorError.codeReused }
            }
            try db.execute("""
                INSERT INTO sessions (token_hash, user_id, created_at_ms, expires_at_ms, signed_in_at_ms) VALUES (?, ?, ?, ?, ?)
                """, [.blob(tokenHash), .text(userID.rawValue), .integer(nowMs), .integer(expiresAtMs), .integer(nowMs)])
            try db.execute("DELETE FROM login_failures WHERE username_key = ?", [.text(usernameKey)])
            if let reservation { try Self.takeBackAddressFailure(reservation, on: db) }
            // Expired sessions are swept as new ones are made, so the table stays small.
            try db.execute("DELETE FROM sessions WHERE expires_at_ms < ?", [.integer(nowMs - 86_400_000)])
            if let audit { try AuditLog.append(audit, on: db) }
        }
    }

    /// Sessions and API keys are both kept as the SHA-256 of the bearer token, so one
    /// indexed lookup in each answers "who is this" whichever kind the caller sent.
    ///
    /// The answer is cached per token until any identity write (`identityWrite`) or, for a
    /// session, until it expires: every request of a client carries the same token.
    public func principal(tokenHash: [UInt8], nowMs: Int64, curriculumVersion: String) async throws -> Principal? {
        let key = PrincipalCacheKey(tokenHash: tokenHash, curriculumVersion: curriculumVersion)
        let (cached, ticket) = principalCache.lookup(key)
        if let cached, cached.expiresAtMs.map({ $0 > nowMs }) ?? true { return cached.principal }
        let read = try await database.read { db in
            try db.queryFirst("""
                SELECT u.id, u.username, u.full_name, u.role, u.client_id, u.must_change_password, u.password_changed_at,
                    EXISTS (SELECT 1 FROM training_records t WHERE t.user_id = u.id AND t.passed = 1 AND t.curriculum_version = ?),
                    EXISTS (SELECT 1 FROM user_totp o WHERE o.user_id = u.id AND o.secret IS NOT NULL),
                    c.key_id, c.expires_at_ms
                FROM (SELECT user_id, NULL AS key_id, NULL AS client_id, expires_at_ms FROM sessions
                          WHERE token_hash = ? AND revoked = 0 AND expires_at_ms > ?
                      UNION ALL
                      SELECT user_id, id, client_id, NULL FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL) c
                JOIN users u ON u.id = c.user_id
                WHERE u.active = 1 AND (c.key_id IS NULL OR u.client_id = c.client_id)
                LIMIT 1
                """, [.text(curriculumVersion), .blob(tokenHash), .integer(nowMs), .blob(tokenHash)]) { row in
                let principal = Principal(userID: UserID(row.string(at: 0) ?? ""), username: row.string(at: 1) ?? "", fullName: row.string(at: 2) ?? "",
                          role: Role(rawValue: row.string(at: 3) ?? "") ?? .clientUser, clientID: row.string(at: 4).map(ClientID.init),
                          mustChangePassword: row.int64(at: 5) != 0, trainedOnCurrentCurriculum: row.int64(at: 7) != 0,
                          passwordChangedAt: row.string(at: 6) ?? "", totpEnabled: row.int64(at: 8) != 0, apiKeyID: row.string(at: 9))
                return CachedPrincipal(principal: principal, expiresAtMs: row.isNull(at: 10) ? nil : row.int64(at: 10))
            }
        }
        guard let read else { return nil }
        principalCache.store(read, for: key, ticket: ticket)
        return read.principal
    }

    public func refreshSession(oldTokenHash: [UInt8], newTokenHash: [UInt8], nowMs: Int64, lifetimeMs: Int64, maxLifetimeMs: Int64,
                               audit: AuditEvent) async throws -> Int64? {
        try await identityWrite { db in
            // Read and replaced in one job, so two refreshes of one token cannot both succeed.
            guard let (userID, signedInAt) = try db.queryFirst("""
                SELECT user_id, COALESCE(signed_in_at_ms, created_at_ms) FROM sessions
                WHERE token_hash = ? AND revoked = 0 AND expires_at_ms > ?
                """, [.blob(oldTokenHash), .integer(nowMs)], row: { ($0.string(at: 0) ?? "", $0.int64(at: 1)) }) else {
                return nil
            }
            let expiresAt = min(nowMs + lifetimeMs, signedInAt + maxLifetimeMs)
            guard expiresAt > nowMs else { return nil }
            try db.execute("""
                INSERT INTO sessions (token_hash, user_id, created_at_ms, expires_at_ms, signed_in_at_ms) VALUES (?, ?, ?, ?, ?)
                """, [.blob(newTokenHash), .text(userID), .integer(nowMs), .integer(expiresAt), .integer(signedInAt)])
            try db.execute("UPDATE sessions SET revoked = 1 WHERE token_hash = ?", [.blob(oldTokenHash)])
            try AuditLog.append(audit, on: db)
            return expiresAt
        }
    }

    public func revokeSession(tokenHash: [UInt8], audit: AuditEvent) async throws {
        try await identityWrite { db in
            try db.execute("UPDATE sessions SET revoked = 1 WHERE token_hash = ?", [.blob(tokenHash)])
            try AuditLog.append(audit, on: db)
        }
    }
}

/// A bearer token's cache entry: the token's hash and the curriculum it was judged against.
struct PrincipalCacheKey: Hashable, Sendable {
    let tokenHash: [UInt8]
    let curriculumVersion: String
}

/// Who a token is, and when its session ends (nil for an API key: it lasts until revoked).
struct CachedPrincipal: Sendable {
    let principal: Principal
    let expiresAtMs: Int64?
}
