import AgentCore
import Crypto

/// `IdentityRepository` on SQLite. Reads go to the reader threads; every change is one
/// write job holding the change and its audit entry, so both commit or neither does.
public final class SQLiteIdentityRepository: IdentityRepository {
    let database: Database
    /// Seals TOTP secrets (they are credentials, SEC-1). Without it TOTP is unavailable
    /// and its calls throw `SecondFactorError.unavailable`; everything else works.
    let cipher: FieldCipher?
    /// Keeps the users' work items (training, password expiry) in step (nil: no queue).
    let workItems: WorkItemPlanner?
    /// Client rows, read by every case request and changed only through this repository.
    let clientCache = ReadThroughCache<ClientID, ClientCompany>(capacity: 10_000)
    /// Who each bearer token is, read by every authenticated request. Sessions, API keys,
    /// users, training records and second factors change only through this repository's
    /// `identityWrite`, which drops every entry once the write has ended.
    let principalCache = ReadThroughCache<PrincipalCacheKey, CachedPrincipal>(capacity: 10_000)

    public init(database: Database, cipher: FieldCipher? = nil, workItems: WorkItemPlanner? = nil) {
        self.database = database
        self.cipher = cipher
        self.workItems = workItems
    }

    /// A write to the tables a principal is read from (sessions, API keys, users, training
    /// records, second factors): the cached principals are dropped once it has ended.
    func identityWrite<T: Sendable>(_ job: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        defer { principalCache.invalidateAll() }
        return try await database.write(job)
    }

    // MARK: Clients

    static let clientColumns = """
        rowid, id, name, ein, naics_code, address, sites, mou_effective_date, employer_business_days,
        employer_closed_dates, federal_contractor, require_secondary_review, notice_languages, created_at, updated_at
        """

    static func client(from row: Statement) throws -> (rowid: Int64, item: ClientCompany) {
        guard let mou = RowCodec.date(row.string(at: 7)) else { throw RowDecodingError.invalid(column: "clients.mou_effective_date") }
        let profile = ClientProfile(
            name: row.string(at: 2) ?? "",
            ein: row.string(at: 3) ?? "",
            naicsCode: row.string(at: 4),
            address: row.string(at: 5),
            sites: RowCodec.strings(row.string(at: 6)),
            mouEffectiveDate: mou,
            employerBusinessDays: RowCodec.strings(row.string(at: 8)).compactMap(Weekday.init(rawValue:)),
            employerClosedDates: RowCodec.strings(row.string(at: 9)).compactMap(RowCodec.date),
            federalContractor: row.int64(at: 10) != 0,
            requireSecondaryReview: row.int64(at: 11) != 0,
            noticeLanguages: RowCodec.strings(row.string(at: 12)))
        let client = ClientCompany(id: ClientID(row.string(at: 1) ?? ""), profile: profile,
                                   createdAt: row.string(at: 13) ?? "", updatedAt: row.string(at: 14) ?? "")
        return (row.int64(at: 0), client)
    }

    static func profileValues(_ p: ClientProfile) -> [SQLValue] {
        [.text(p.name), .text(p.ein), SQLValue(p.naicsCode), SQLValue(p.address), .text(RowCodec.json(p.sites)),
         .text(p.mouEffectiveDate.iso), .text(RowCodec.json(p.employerBusinessDays.map(\.rawValue))),
         .text(RowCodec.json(p.employerClosedDates.map(\.iso))), SQLValue(p.federalContractor),
         SQLValue(p.requireSecondaryReview), .text(RowCodec.json(p.noticeLanguages))]
    }

    public func createClient(_ profile: ClientProfile, audit: AuditEvent) async throws -> ClientCompany {
        try await identityWrite { db in
            let id = RowCodec.newID()
            let now = UTCTime.nowISO()
            do {
                try db.execute("""
                    INSERT INTO clients (id, name, ein, naics_code, address, sites, mou_effective_date, employer_business_days,
                        employer_closed_dates, federal_contractor, require_secondary_review, notice_languages, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [.text(id)] + Self.profileValues(profile) + [.text(now), .text(now)])
            } catch let error as SQLiteError where error.isUniqueViolation {
                throw RepositoryError.conflict(field: "ein", message: "A client with this EIN already exists.")
            }
            try AuditLog.append(audit.with(changes: ClientChanges.between(nil, profile), objectID: id, clientID: ClientID(id)),
                                on: db, at: now)
            return ClientCompany(id: ClientID(id), profile: profile, createdAt: now, updatedAt: now)
        }
    }

    public func client(_ id: ClientID, scope: AccessScope) async throws -> ClientCompany? {
        guard scope.includes(id) else { return nil }
        let (cached, ticket) = clientCache.lookup(id)
        if let cached { return cached }
        let client = try await database.read { db in
            try db.queryFirst("SELECT \(Self.clientColumns) FROM clients WHERE id = ?", [.text(id.rawValue)]) { try Self.client(from: $0).item }
        }
        if let client { clientCache.store(client, for: id, ticket: ticket) }
        return client
    }

    public func clients(scope: AccessScope, limit: Int, after cursor: String?) async throws -> Page<ClientCompany> {
        let after = try RowCodec.rowid(fromCursor: cursor)
        let filter = RowCodec.scopeFilter(scope, column: "id")
        return try await database.read { db in
            let rows = try db.query("SELECT \(Self.clientColumns) FROM clients WHERE rowid > ?\(filter.sql) ORDER BY rowid LIMIT ?",
                                    [.integer(after)] + filter.parameters + [SQLValue(limit + 1)]) { try Self.client(from: $0) }
            return RowCodec.page(rows, limit: limit)
        }
    }

    public func updateClient(_ id: ClientID, scope: AccessScope, audit: AuditEvent,
                             _ transform: @escaping @Sendable (ClientProfile) throws -> ClientProfile) async throws -> ClientCompany {
        guard scope.includes(id) else { throw RepositoryError.notFound }
        // After the write has ended, committed or not: a read from before it must not stay.
        defer { clientCache.invalidate(id) }
        return try await identityWrite { db in
            guard let current = try db.queryFirst("SELECT \(Self.clientColumns) FROM clients WHERE id = ?", [.text(id.rawValue)],
                                                  row: { try Self.client(from: $0).item }) else {
                throw RepositoryError.notFound
            }
            let updated = try transform(current.profile)
            let changes = ClientChanges.between(current.profile, updated)
            guard !changes.isEmpty else { return current }
            let now = UTCTime.nowISO()
            do {
                try db.execute("""
                    UPDATE clients SET name = ?, ein = ?, naics_code = ?, address = ?, sites = ?, mou_effective_date = ?,
                        employer_business_days = ?, employer_closed_dates = ?, federal_contractor = ?, require_secondary_review = ?,
                        notice_languages = ?, updated_at = ? WHERE id = ?
                    """, Self.profileValues(updated) + [.text(now), .text(id.rawValue)])
            } catch let error as SQLiteError where error.isUniqueViolation {
                throw RepositoryError.conflict(field: "ein", message: "A client with this EIN already exists.")
            }
            try AuditLog.append(audit.with(changes: changes, objectID: id.rawValue, clientID: id), on: db, at: now)
            return ClientCompany(id: id, profile: updated, createdAt: current.createdAt, updatedAt: now)
        }
    }

    // MARK: Users

    static let userColumns = """
        rowid, id, username, full_name, email, role, client_id, must_change_password, active, password_changed_at,
        created_at, updated_at, deactivated_at, password_hash
        """

    static func user(from row: Statement) -> (rowid: Int64, item: User) {
        let user = User(id: UserID(row.string(at: 1) ?? ""), username: row.string(at: 2) ?? "", fullName: row.string(at: 3) ?? "",
                        email: row.string(at: 4), role: Role(rawValue: row.string(at: 5) ?? "") ?? .clientUser,
                        clientID: row.string(at: 6).map(ClientID.init), mustChangePassword: row.int64(at: 7) != 0,
                        active: row.int64(at: 8) != 0, passwordChangedAt: row.string(at: 9) ?? "",
                        createdAt: row.string(at: 10) ?? "", updatedAt: row.string(at: 11) ?? "", deactivatedAt: row.string(at: 12))
        return (row.int64(at: 0), user)
    }

    public func createUser(_ new: NewUser, audit: AuditEvent) async throws -> User {
        try await identityWrite { db in
            let id = RowCodec.newID()
            let now = UTCTime.nowISO()
            if let client = new.clientID,
               try db.scalar("SELECT 1 FROM clients WHERE id = ?", [.text(client.rawValue)]) == nil {
                throw RepositoryError.notFound
            }
            do {
                try db.execute("""
                    INSERT INTO users (id, username, full_name, email, role, client_id, password_hash, must_change_password,
                        active, password_changed_at, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
                    """, [.text(id), .text(new.username), .text(new.fullName), SQLValue(new.email), .text(new.role.rawValue),
                          SQLValue(new.clientID?.rawValue), .text(new.passwordHash), SQLValue(new.mustChangePassword),
                          .text(now), .text(now), .text(now)])
            } catch let error as SQLiteError where error.isUniqueViolation {
                throw RepositoryError.conflict(field: "username", message: "This username is taken.")
            }
            let user = User(id: UserID(id), username: new.username, fullName: new.fullName, email: new.email, role: new.role,
                            clientID: new.clientID, mustChangePassword: new.mustChangePassword, active: true,
                            passwordChangedAt: now, createdAt: now, updatedAt: now, deactivatedAt: nil)
            try AuditLog.append(audit.with(changes: UserChanges.between(nil, user), objectID: id, clientID: new.clientID),
                                on: db, at: now)
            try self.workItems?.userChanged(user.id, on: db)
            return user
        }
    }

    public func user(_ id: UserID, scope: AccessScope) async throws -> User? {
        let filter = RowCodec.scopeFilter(scope)
        return try await database.read { db in
            try db.queryFirst("SELECT \(Self.userColumns) FROM users WHERE id = ?\(filter.sql)",
                              [.text(id.rawValue)] + filter.parameters) { Self.user(from: $0).item }
        }
    }

    public func users(scope: AccessScope, limit: Int, after cursor: String?) async throws -> Page<User> {
        let after = try RowCodec.rowid(fromCursor: cursor)
        let filter = RowCodec.scopeFilter(scope)
        return try await database.read { db in
            let rows = try db.query("SELECT \(Self.userColumns) FROM users WHERE rowid > ?\(filter.sql) ORDER BY rowid LIMIT ?",
                                    [.integer(after)] + filter.parameters + [SQLValue(limit + 1)]) { Self.user(from: $0) }
            return RowCodec.page(rows, limit: limit)
        }
    }

    public func updateUser(_ id: UserID, scope: AccessScope, audit: AuditEvent,
                           _ transform: @escaping @Sendable (inout UserUpdate) throws -> Void) async throws -> User {
        let filter = RowCodec.scopeFilter(scope)
        return try await identityWrite { db in
            guard let (current, currentHash) = try db.queryFirst("SELECT \(Self.userColumns) FROM users WHERE id = ?\(filter.sql)",
                                                                 [.text(id.rawValue)] + filter.parameters,
                                                                 row: { (Self.user(from: $0).item, $0.string(at: 13) ?? "") }) else {
                throw RepositoryError.notFound
            }
            var update = UserUpdate(fullName: current.fullName, email: current.email, role: current.role, clientID: current.clientID,
                                    active: current.active, newPasswordHash: nil, mustChangePassword: current.mustChangePassword)
            try transform(&update)
            if let expected = update.expectedPasswordHash, expected != currentHash {
                throw RepositoryError.conflict(field: "current_password", message: "The password was changed meanwhile; try again.")
            }
            let now = UTCTime.nowISO()
            var updated = current
            updated.fullName = update.fullName
            updated.email = update.email
            updated.role = update.role
            updated.clientID = update.clientID
            updated.mustChangePassword = update.mustChangePassword
            if update.active != current.active {
                updated.active = update.active
                updated.deactivatedAt = update.active ? nil : now
            }
            if update.newPasswordHash != nil { updated.passwordChangedAt = now }
            var changes = UserChanges.between(current, updated)
            if update.newPasswordHash != nil { changes.append(FieldChange(field: "password", before: "***", after: "***")) }
            guard !changes.isEmpty else { return current }
            updated.updatedAt = now
            try db.execute("""
                UPDATE users SET full_name = ?, email = ?, role = ?, client_id = ?, active = ?, must_change_password = ?,
                    password_hash = COALESCE(?, password_hash), password_changed_at = ?, updated_at = ?, deactivated_at = ?
                WHERE id = ?
                """, [.text(updated.fullName), SQLValue(updated.email), .text(updated.role.rawValue), SQLValue(updated.clientID?.rawValue),
                      SQLValue(updated.active), SQLValue(updated.mustChangePassword), SQLValue(update.newPasswordHash),
                      .text(updated.passwordChangedAt), .text(now), SQLValue(updated.deactivatedAt), .text(id.rawValue)])
            if update.newPasswordHash != nil { try Self.rememberReplacedPassword(currentHash, of: id, at: now, on: db) }
            // A deactivated user loses every session and API key at once (ACC-1); a password
            // change ends every session but the one that made it.
            if !updated.active {
                try db.execute("UPDATE sessions SET revoked = 1 WHERE user_id = ?", [.text(id.rawValue)])
            } else if update.newPasswordHash != nil {
                try db.execute("UPDATE sessions SET revoked = 1 WHERE user_id = ? AND token_hash IS NOT ?",
                               [.text(id.rawValue), SQLValue(update.keepSessionTokenHash)])
            }
            // A key acts for its user within one client: a user who leaves the client (or the
            // agent) takes no key along.
            try db.execute("UPDATE api_keys SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND (? = 0 OR client_id IS NOT ?)",
                           [.text(now), .text(id.rawValue), SQLValue(updated.active), SQLValue(updated.clientID?.rawValue)])
            try AuditLog.append(audit.with(changes: changes, objectID: id.rawValue, clientID: updated.clientID), on: db, at: now)
            try self.workItems?.userChanged(id, on: db)
            return updated
        }
    }

    public func credentials(username: String) async throws -> StoredCredentials? {
        let found = try await database.read { db in
            try db.queryFirst("""
                SELECT \(Self.userColumns), (SELECT secret FROM user_totp WHERE user_id = users.id) FROM users WHERE username = ?
                """, [.text(username)]) { row in
                (StoredCredentials(user: Self.user(from: row).item, passwordHash: row.string(at: 13) ?? ""), row.value(at: 14).blobValue)
            }
        }
        guard let (stored, sealed) = found else { return nil }
        var credentials = stored
        // Opened outside the read job: AES-GCM is quick, but the reader threads are few.
        if let sealed { credentials.totpSecret = try openSecondFactorSecret(sealed, of: stored.user.id) }
        return credentials
    }
}
