import AgentCore
import Crypto

// ACC-1 credentials besides the current password: the history that stops reuse, and
// TOTP secrets, sealed with the field cipher because they are credentials (SEC-1).
extension SQLiteIdentityRepository {
    // MARK: Password history

    /// Keeps the hash a password change replaces, and forgets all but the newest
    /// `CredentialPolicy.passwordHistoryDepth`. Runs inside the change's write job.
    static func rememberReplacedPassword(_ hash: String, of id: UserID, at now: String, on db: Connection) throws {
        try db.execute("INSERT INTO password_history (user_id, password_hash, replaced_at) VALUES (?, ?, ?)",
                       [.text(id.rawValue), .text(hash), .text(now)])
        try db.execute("""
            DELETE FROM password_history WHERE user_id = ? AND rowid NOT IN
                (SELECT rowid FROM password_history WHERE user_id = ? ORDER BY rowid DESC LIMIT ?)
            """, [.text(id.rawValue), .text(id.rawValue), SQLValue(CredentialPolicy.passwordHistoryDepth)])
    }

    public func recentPasswordHashes(_ id: UserID) async throws -> [String] {
        try await database.read { db in
            guard let current = try db.scalar("SELECT password_hash FROM users WHERE id = ?", [.text(id.rawValue)])?.stringValue else {
                return []
            }
            let earlier = try db.query("SELECT password_hash FROM password_history WHERE user_id = ? ORDER BY rowid DESC LIMIT ?",
                                       [.text(id.rawValue), SQLValue(CredentialPolicy.passwordHistoryDepth)]) { $0.string(at: 0) ?? "" }
            return [current] + earlier
        }
    }

    public func rehashPassword(_ id: UserID, from oldHash: String, to newHash: String, audit: AuditEvent) async throws {
        try await identityWrite { db in
            // Only over the hash the login verified: a password changed meanwhile wins.
            try db.execute("UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?",
                           [.text(newHash), .text(id.rawValue), .text(oldHash)])
            if db.changes > 0 { try AuditLog.append(audit, on: db) }
        }
    }

    // MARK: TOTP

    /// Binds a sealed secret to its user, so a ciphertext copied to another user's row
    /// does not open there.
    static func secondFactorContext(_ id: UserID) -> [UInt8] {
        FieldCipher.context(["user_totp", "secret", id.rawValue])
    }

    func requireCipher() throws -> FieldCipher {
        guard let cipher else { throw SecondFactorError.unavailable }
        return cipher
    }

    func openSecondFactorSecret(_ sealed: [UInt8], of id: UserID) throws -> [UInt8] {
        try requireCipher().open(sealed, context: Self.secondFactorContext(id))
    }

    public func beginSecondFactorEnrollment(_ id: UserID, secret: [UInt8], audit: AuditEvent) async throws {
        let sealed = try requireCipher().seal(secret, context: Self.secondFactorContext(id))
        try await identityWrite { db in
            guard let client = try db.queryFirst("SELECT client_id FROM users WHERE id = ?", [.text(id.rawValue)],
                                                 row: { $0.string(at: 0) }) else {
                throw RepositoryError.notFound
            }
            if try db.scalar("SELECT 1 FROM user_totp WHERE user_id = ? AND secret IS NOT NULL", [.text(id.rawValue)]) != nil {
                throw SecondFactorError.alreadyEnabled
            }
            try db.execute("""
                INSERT INTO user_totp (user_id, pending_secret) VALUES (?, ?)
                ON CONFLICT (user_id) DO UPDATE SET pending_secret = excluded.pending_secret
                """, [.text(id.rawValue), .blob(sealed)])
            let changes = [FieldChange(field: "totp", before: "off", after: "pending")]
            try AuditLog.append(audit.with(changes: changes, objectID: id.rawValue, clientID: client.map(ClientID.init)), on: db)
        }
    }

    public func confirmSecondFactor(_ id: UserID, audit: AuditEvent,
                                    verify: @escaping @Sendable (_ secret: [UInt8]) -> Int64?) async throws -> Bool {
        let cipher = try requireCipher()
        return try await identityWrite { db in
            guard let (pending, enabled, client) = try db.queryFirst("""
                SELECT t.pending_secret, t.secret IS NOT NULL, u.client_id FROM user_totp t JOIN users u ON u.id = t.user_id
                WHERE t.user_id = ?
                """, [.text(id.rawValue)], row: { ($0.value(at: 0).blobValue, $0.int64(at: 1) != 0, $0.string(at: 2)) }) else {
                throw SecondFactorError.notEnrolling
            }
            guard let pending else { throw enabled ? SecondFactorError.alreadyEnabled : SecondFactorError.notEnrolling }
            // The code is checked against the secret as stored now, inside the transaction, so
            // a second enrollment racing this one cannot switch on a secret nobody confirmed.
            let secret = try cipher.open(pending, context: Self.secondFactorContext(id))
            guard let step = verify(secret) else { return false }
            let now = UTCTime.nowISO()
            try db.execute("""
                UPDATE user_totp SET secret = pending_secret, pending_secret = NULL, enabled_at = ?, last_step = ? WHERE user_id = ?
                """, [.text(now), .integer(step), .text(id.rawValue)])
            let changes = [FieldChange(field: "totp", before: "pending", after: "on")]
            try AuditLog.append(audit.with(changes: changes, objectID: id.rawValue, clientID: client.map(ClientID.init)), on: db, at: now)
            return true
        }
    }
}
