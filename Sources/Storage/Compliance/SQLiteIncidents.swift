import AgentCore
import Crypto

/// `IncidentRepository` on SQLite; the description is sealed, bound to the incident id.
public final class SQLiteIncidents: IncidentRepository {
    let database: Database
    let cipher: FieldCipher

    public init(database: Database, cipher: FieldCipher) {
        self.database = database
        self.cipher = cipher
    }

    static let columns = "rowid, id, discovered_at, suspected, data, clients_affected, records_affected, contained_at, reported_at, reported_to, created_at, created_by"

    func incident(from row: Statement) throws -> (Int64, Incident) {
        let id = row.string(at: 1) ?? ""
        let description = try cipher.openString(row.blob(at: 4) ?? [], context: FieldCipher.context(["incidents", id]))
        return (row.int64(at: 0), Incident(id: id, discoveredAt: row.string(at: 2) ?? "", suspected: row.int64(at: 3) != 0,
                                           description: description, clientsAffected: RowCodec.strings(row.string(at: 5)).map(ClientID.init),
                                           recordsAffected: Int(row.int64(at: 6)), containedAt: row.string(at: 7),
                                           reportedAt: row.string(at: 8), reportedTo: row.string(at: 9),
                                           createdAt: row.string(at: 10) ?? "", createdBy: row.string(at: 11)))
    }

    public func create(_ incident: Incident, audit: AuditEvent) async throws -> Incident {
        var stored = incident
        stored.id = RowCodec.newID()
        stored.createdAt = UTCTime.nowISO()
        stored.createdBy = audit.actor.id
        let sealed = try cipher.seal(stored.description, context: FieldCipher.context(["incidents", stored.id]))
        let saved = stored
        return try await database.write { db in
            try db.execute("""
                INSERT INTO incidents (id, discovered_at, suspected, data, clients_affected, records_affected, contained_at, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(saved.id), .text(saved.discoveredAt), .integer(saved.suspected ? 1 : 0), .blob(sealed),
                      .text(RowCodec.json(saved.clientsAffected.map(\.rawValue))), SQLValue(saved.recordsAffected),
                      SQLValue(saved.containedAt), .text(saved.createdAt), SQLValue(saved.createdBy)])
            // The description stays out of the audit trail: it may hold personal data.
            try AuditLog.append(audit.with(changes: [FieldChange(field: "discovered_at", before: nil, after: saved.discoveredAt),
                                                     FieldChange(field: "suspected", before: nil, after: String(saved.suspected)),
                                                     FieldChange(field: "records_affected", before: nil, after: String(saved.recordsAffected))],
                                           objectID: saved.id), on: db, at: saved.createdAt)
            try WorkItemRows.replace(on: db, subject: WorkSubject(.incident, saved.id), items: IncidentRules.workItem(saved).map { [$0] } ?? [])
            return saved
        }
    }

    public func list(limit: Int, after cursor: String?) async throws -> Page<Incident> {
        let after = try RowCodec.rowid(fromCursor: cursor)
        return try await database.read { db in
            let rows = try db.query("SELECT \(Self.columns) FROM incidents WHERE rowid > ? ORDER BY rowid LIMIT ?",
                                    [.integer(after), SQLValue(limit + 1)]) { try self.incident(from: $0) }
            return RowCodec.page(rows.map { (rowid: $0.0, item: $0.1) }, limit: limit)
        }
    }

    public func find(_ id: String) async throws -> Incident? {
        try await database.read { db in
            try db.queryFirst("SELECT \(Self.columns) FROM incidents WHERE id = ?", [.text(id)]) { try self.incident(from: $0).1 }
        }
    }

    public func markReported(_ id: String, at: String, to: String, audit: AuditEvent) async throws -> Incident {
        try await database.write { db in
            guard var incident = try db.queryFirst("SELECT \(Self.columns) FROM incidents WHERE id = ?", [.text(id)], row: { try self.incident(from: $0).1 }) else {
                throw RepositoryError.notFound
            }
            guard incident.reportedAt == nil else {
                throw RepositoryError.conflict(field: "reported_at", message: "This incident was reported already, at \(incident.reportedAt ?? "").")
            }
            incident.reportedAt = at
            incident.reportedTo = to
            try db.execute("UPDATE incidents SET reported_at = ?, reported_to = ? WHERE id = ?", [.text(at), .text(to), .text(id)])
            try AuditLog.append(audit.with(changes: [FieldChange(field: "reported_at", before: nil, after: at),
                                                     FieldChange(field: "reported_to", before: nil, after: to)], objectID: id), on: db)
            try WorkItemRows.replace(on: db, subject: WorkSubject(.incident, id), items: [])
            return incident
        }
    }
}
