import AgentCore

/// `AgentDutyRepository` on SQLite. Contact details are the staff's work details, kept
/// plain; no case data lives here.
public final class SQLiteAgentDuties: AgentDutyRepository {
    let database: Database

    public init(database: Database) { self.database = database }

    static let versionColumns = "rowid, id, version, released_on, summary, created_at, created_by"
    static let contactColumns = "rowid, id, client_id, name, role, email, phone, kind, created_at, created_by, updated_at"

    static func version(from row: Statement) throws -> (rowid: Int64, item: ManualVersion) {
        guard let released = RowCodec.date(row.string(at: 3)) else { throw RowDecodingError.invalid(column: "manual_versions.released_on") }
        return (row.int64(at: 0), ManualVersion(id: row.string(at: 1) ?? "", version: row.string(at: 2) ?? "", releasedOn: released,
                                                summary: row.string(at: 4) ?? "", createdAt: row.string(at: 5) ?? "", createdBy: row.string(at: 6)))
    }

    static func contact(from row: Statement) throws -> (rowid: Int64, item: Contact) {
        guard let kind = Contact.Kind(rawValue: row.string(at: 7) ?? "") else { throw RowDecodingError.invalid(column: "contacts.kind") }
        return (row.int64(at: 0), Contact(id: row.string(at: 1) ?? "", clientID: row.string(at: 2).map(ClientID.init), name: row.string(at: 3) ?? "",
                                          role: row.string(at: 4), email: row.string(at: 5), phone: row.string(at: 6), kind: kind,
                                          createdAt: row.string(at: 8) ?? "", createdBy: row.string(at: 9), updatedAt: row.string(at: 10) ?? ""))
    }

    public func createManualVersion(_ version: ManualVersion, audit: AuditEvent) async throws -> ManualVersion {
        var stored = version
        stored.id = RowCodec.newID()
        stored.createdAt = UTCTime.nowISO()
        stored.createdBy = audit.actor.id
        let saved = stored
        return try await database.write { db in
            do {
                try db.execute("INSERT INTO manual_versions (id, version, released_on, summary, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)",
                               [.text(saved.id), .text(saved.version), .text(saved.releasedOn.iso), .text(saved.summary),
                                .text(saved.createdAt), SQLValue(saved.createdBy)])
            } catch let error as SQLiteError where error.isUniqueViolation {
                throw RepositoryError.conflict(field: "version", message: "This manual version is recorded already.")
            }
            try AuditLog.append(audit.with(changes: [FieldChange(field: "version", before: nil, after: saved.version),
                                                     FieldChange(field: "released_on", before: nil, after: saved.releasedOn.iso)],
                                           objectID: saved.id), on: db, at: saved.createdAt)
            let clients = try db.query("SELECT id FROM clients") { ClientID($0.string(at: 0) ?? "") }
            for client in clients { try WorkItemRows.insert(AgentDutyRules.manualItem(saved, clientID: client), on: db) }
            return saved
        }
    }

    public func manualVersions(limit: Int, after cursor: String?) async throws -> Page<ManualVersion> {
        let after = try RowCodec.rowid(fromCursor: cursor)
        return try await database.read { db in
            RowCodec.page(try db.query("SELECT \(Self.versionColumns) FROM manual_versions WHERE rowid > ? ORDER BY rowid LIMIT ?",
                                       [.integer(after), SQLValue(limit + 1)], row: Self.version), limit: limit)
        }
    }

    public func manualVersion(_ id: String) async throws -> ManualVersion? {
        try await database.read { db in
            try db.queryFirst("SELECT \(Self.versionColumns) FROM manual_versions WHERE id = ?", [.text(id)]) { try Self.version(from: $0).item }
        }
    }

    public func acknowledge(_ versionID: String, clientID: ClientID, audit: AuditEvent) async throws -> String {
        try await database.write { db in
            if let earlier = try db.scalar("SELECT acknowledged_at FROM manual_acknowledgments WHERE version_id = ? AND client_id = ?",
                                           [.text(versionID), .text(clientID.rawValue)])?.stringValue {
                return earlier
            }
            let now = UTCTime.nowISO()
            try db.execute("INSERT INTO manual_acknowledgments (version_id, client_id, acknowledged_at, acknowledged_by) VALUES (?, ?, ?, ?)",
                           [.text(versionID), .text(clientID.rawValue), .text(now), SQLValue(audit.actor.id)])
            try AuditLog.append(audit.with(changes: [FieldChange(field: "acknowledged_at", before: nil, after: now)],
                                           objectID: versionID, clientID: clientID), on: db, at: now)
            try WorkItemRows.replace(on: db, subject: WorkSubject(.manualVersion, "\(versionID):\(clientID.rawValue)"), items: [])
            return now
        }
    }

    public func createContact(_ contact: Contact, audit: AuditEvent) async throws -> Contact {
        var c = contact
        c.id = RowCodec.newID()
        c.createdAt = UTCTime.nowISO()
        c.updatedAt = c.createdAt
        c.createdBy = audit.actor.id
        let saved = c
        return try await database.write { db in
            try db.execute("""
                INSERT INTO contacts (id, client_id, name, role, email, phone, kind, created_at, created_by, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(saved.id), SQLValue(saved.clientID?.rawValue), .text(saved.name), SQLValue(saved.role), SQLValue(saved.email),
                      SQLValue(saved.phone), .text(saved.kind.rawValue), .text(saved.createdAt), SQLValue(saved.createdBy), .text(saved.updatedAt)])
            try AuditLog.append(audit.with(changes: Self.changes(nil, saved), objectID: saved.id, clientID: saved.clientID), on: db, at: saved.createdAt)
            return saved
        }
    }

    static func changes(_ old: Contact?, _ new: Contact) -> [FieldChange] {
        var list: [FieldChange] = []
        func note(_ field: String, _ a: String?, _ b: String?) { if a != b { list.append(FieldChange(field: field, before: a, after: b)) } }
        note("name", old?.name, new.name)
        note("role", old?.role, new.role)
        note("email", old?.email, new.email)
        note("phone", old?.phone, new.phone)
        note("kind", old?.kind.rawValue, new.kind.rawValue)
        return list
    }

    public func contacts(clientID: ClientID?, limit: Int, after cursor: String?) async throws -> Page<Contact> {
        let after = try RowCodec.rowid(fromCursor: cursor)
        return try await database.read { db in
            RowCodec.page(try db.query("SELECT \(Self.contactColumns) FROM contacts WHERE client_id IS ? AND rowid > ? ORDER BY rowid LIMIT ?",
                                       [SQLValue(clientID?.rawValue), .integer(after), SQLValue(limit + 1)], row: Self.contact), limit: limit)
        }
    }

    public func contact(_ id: String) async throws -> Contact? {
        try await database.read { db in
            try db.queryFirst("SELECT \(Self.contactColumns) FROM contacts WHERE id = ?", [.text(id)]) { try Self.contact(from: $0).item }
        }
    }

    public func updateContact(_ contact: Contact, audit: AuditEvent) async throws -> Contact {
        try await database.write { db in
            guard let old = try db.queryFirst("SELECT \(Self.contactColumns) FROM contacts WHERE id = ?", [.text(contact.id)],
                                              row: { try Self.contact(from: $0).item }) else { throw RepositoryError.notFound }
            var c = contact
            c.updatedAt = UTCTime.nowISO()
            try db.execute("UPDATE contacts SET name = ?, role = ?, email = ?, phone = ?, kind = ?, updated_at = ? WHERE id = ?",
                           [.text(c.name), SQLValue(c.role), SQLValue(c.email), SQLValue(c.phone), .text(c.kind.rawValue), .text(c.updatedAt), .text(c.id)])
            try AuditLog.append(audit.with(changes: Self.changes(old, c), objectID: c.id, clientID: c.clientID), on: db, at: c.updatedAt)
            return c
        }
    }

    public func deleteContact(_ id: String, audit: AuditEvent) async throws {
        try await database.write { db in
            guard let old = try db.queryFirst("SELECT \(Self.contactColumns) FROM contacts WHERE id = ?", [.text(id)],
                                              row: { try Self.contact(from: $0).item }) else { throw RepositoryError.notFound }
            try db.execute("DELETE FROM contacts WHERE id = ?", [.text(id)])
            try AuditLog.append(audit.with(changes: [FieldChange(field: "name", before: old.name, after: nil)], objectID: id, clientID: old.clientID), on: db)
        }
    }

    public func record(_ event: AuditEvent) async throws {
        let prepared = AuditLog.prepare(event)
        _ = try await database.write { db in try AuditLog.append(prepared, on: db) }
    }
}
