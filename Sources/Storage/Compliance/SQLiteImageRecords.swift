import AgentCore
import Crypto
import Foundation

/// `ImageRepository` on SQLite. Record members and tip texts are sealed, bound to their
/// row; follow-up codes and source addresses are stored only as HMACs under the index key.
public final class SQLiteImageRecords: ImageRepository {
    let database: Database
    let cipher: FieldCipher
    let indexKey: [UInt8]
    let federal: FederalCalendar

    public init(database: Database, cipher: FieldCipher, indexKey: [UInt8], federal: FederalCalendar) {
        self.database = database
        self.cipher = cipher
        self.indexKey = indexKey
        self.federal = federal
    }

    func index(_ text: String, purpose: String) -> [UInt8] { HMAC.sha256(key: indexKey, data: Array("\(purpose):\(text)".utf8)) }

    static func settings(_ clientID: ClientID, on db: Connection) throws -> ImageSettings {
        try db.queryFirst("""
            SELECT member, associate, audit_interval_months, employee_count, compliance_officer_user_id, tip_line_enabled, tip_token
            FROM client_image_settings WHERE client_id = ?
            """, [.text(clientID.rawValue)]) { row in
            ImageSettings(member: row.int64(at: 0) != 0, associate: row.int64(at: 1) != 0, auditIntervalMonths: Int(row.int64(at: 2)),
                          employeeCount: row.optionalInt64(at: 3).map(Int.init), complianceOfficer: row.string(at: 4).map(UserID.init),
                          tipLineEnabled: row.int64(at: 5) != 0, tipToken: row.string(at: 6))
        } ?? ImageSettings()
    }

    public func settings(clientID: ClientID) async throws -> ImageSettings {
        try await database.read { db in try Self.settings(clientID, on: db) }
    }

    public func updateSettings(clientID: ClientID, input: ImageSettingsInput, newToken: String, audit: AuditEvent) async throws -> ImageSettings {
        try await database.write { db in
            let before = try Self.settings(clientID, on: db)
            let after = try ImageRules.apply(input, to: before, newToken: newToken)
            let now = UTCTime.nowISO()
            try db.execute("""
                INSERT OR REPLACE INTO client_image_settings (client_id, member, associate, audit_interval_months, employee_count,
                    compliance_officer_user_id, tip_line_enabled, tip_token, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(clientID.rawValue), .integer(after.member ? 1 : 0), .integer(after.associate ? 1 : 0),
                      SQLValue(after.auditIntervalMonths), SQLValue(after.employeeCount), SQLValue(after.complianceOfficer?.rawValue),
                      .integer(after.tipLineEnabled ? 1 : 0), SQLValue(after.tipToken), .text(now)])
            var changes: [FieldChange] = []
            func note(_ f: String, _ a: String?, _ b: String?) { if a != b { changes.append(FieldChange(field: f, before: a, after: b)) } }
            note("image_member", String(before.member), String(after.member))
            note("image_associate", String(before.associate), String(after.associate))
            note("i9_audit_interval_months", String(before.auditIntervalMonths), String(after.auditIntervalMonths))
            note("employee_count", before.employeeCount.map(String.init), after.employeeCount.map(String.init))
            note("compliance_officer_user_id", before.complianceOfficer?.rawValue, after.complianceOfficer?.rawValue)
            note("tip_line_enabled", String(before.tipLineEnabled), String(after.tipLineEnabled))
            // The token itself stays out of the trail: it is the tip line's address.
            if before.tipToken != after.tipToken { changes.append(FieldChange(field: "tip_token", before: nil, after: "rotated")) }
            if !changes.isEmpty { try AuditLog.append(audit.with(changes: changes, objectID: clientID.rawValue, clientID: clientID), on: db, at: now) }
            try self.replan(clientID, on: db)
            return after
        }
    }

    static let recordColumns = "rowid, id, client_id, kind, record_date, resolved_on, data, created_at, created_by, updated_at"

    func record(from row: Statement) throws -> (rowid: Int64, item: ImageRecord) {
        let id = row.string(at: 1) ?? ""
        guard let kind = ImageRecordKind(rawValue: row.string(at: 3) ?? ""), let date = RowCodec.date(row.string(at: 4)) else {
            throw RowDecodingError.invalid(column: "image_records")
        }
        let members = try cipher.openString(row.blob(at: 6) ?? [], context: FieldCipher.context(["image_records", id]))
        return (row.int64(at: 0), ImageRecord(id: id, clientID: ClientID(row.string(at: 2) ?? ""), kind: kind, recordDate: date,
                                              resolvedOn: RowCodec.date(row.string(at: 5)), members: members, createdAt: row.string(at: 7) ?? "",
                                              createdBy: row.string(at: 8), updatedAt: row.string(at: 9) ?? ""))
    }

    public func createRecord(_ record: ImageRecord, audit: AuditEvent) async throws -> ImageRecord {
        var r = record
        r.id = RowCodec.newID()
        r.createdAt = UTCTime.nowISO()
        r.updatedAt = r.createdAt
        r.createdBy = audit.actor.id
        let saved = r
        let sealed = try cipher.seal(saved.members, context: FieldCipher.context(["image_records", saved.id]))
        return try await database.write { db in
            try db.execute("""
                INSERT INTO image_records (id, client_id, kind, record_date, resolved_on, data, created_at, created_by, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(saved.id), .text(saved.clientID.rawValue), .text(saved.kind.rawValue), .text(saved.recordDate.iso),
                      SQLValue(saved.resolvedOn?.iso), .blob(sealed), .text(saved.createdAt), SQLValue(saved.createdBy), .text(saved.updatedAt)])
            try AuditLog.append(audit.with(changes: [FieldChange(field: "date", before: nil, after: saved.recordDate.iso)],
                                           objectID: saved.id, clientID: saved.clientID), on: db, at: saved.createdAt)
            try self.replan(saved.clientID, on: db)
            return saved
        }
    }

    public func records(clientID: ClientID, kind: ImageRecordKind, limit: Int, after cursor: String?) async throws -> Page<ImageRecord> {
        let after = try RowCodec.rowid(fromCursor: cursor)
        return try await database.read { db in
            RowCodec.page(try db.query("SELECT \(Self.recordColumns) FROM image_records WHERE client_id = ? AND kind = ? AND rowid > ? ORDER BY rowid LIMIT ?",
                                       [.text(clientID.rawValue), .text(kind.rawValue), .integer(after), SQLValue(limit + 1)],
                                       row: { try self.record(from: $0) }), limit: limit)
        }
    }

    public func record(_ id: String, kind: ImageRecordKind, scope: AccessScope) async throws -> ImageRecord? {
        let filter = RowCodec.scopeFilter(scope)
        return try await database.read { db in
            try db.queryFirst("SELECT \(Self.recordColumns) FROM image_records WHERE id = ? AND kind = ?\(filter.sql)",
                              [.text(id), .text(kind.rawValue)] + filter.parameters) { try self.record(from: $0).item }
        }
    }

    public func updateRecord(_ record: ImageRecord, audit: AuditEvent) async throws -> ImageRecord {
        var r = record
        r.updatedAt = UTCTime.nowISO()
        let saved = r
        let sealed = try cipher.seal(saved.members, context: FieldCipher.context(["image_records", saved.id]))
        return try await database.write { db in
            try db.execute("UPDATE image_records SET record_date = ?, resolved_on = ?, data = ?, updated_at = ? WHERE id = ?",
                           [.text(saved.recordDate.iso), SQLValue(saved.resolvedOn?.iso), .blob(sealed), .text(saved.updatedAt), .text(saved.id)])
            try AuditLog.append(audit.with(changes: [FieldChange(field: "resolved_on", before: nil, after: saved.resolvedOn?.iso)],
                                           objectID: saved.id, clientID: saved.clientID), on: db, at: saved.updatedAt)
            try self.replan(saved.clientID, on: db)
            return saved
        }
    }

    /// The client's IMAGE items: the next audit after the latest (IMG-4), each open letter (IMG-6).
    /// Tips plan their own item with their writes.
    func replan(_ clientID: ClientID, on db: Connection) throws {
        let settings = try Self.settings(clientID, on: db)
        try db.execute("DELETE FROM work_items WHERE client_id = ? AND kind IN ('I9_AUDIT_DUE', 'NO_MATCH_LETTER')", [.text(clientID.rawValue)])
        if let latest = try db.queryFirst("SELECT \(Self.recordColumns) FROM image_records WHERE client_id = ? AND kind = 'audits' ORDER BY record_date DESC, rowid DESC LIMIT 1",
                                          [.text(clientID.rawValue)], row: { try self.record(from: $0).item }) {
            try WorkItemRows.insert(ImageWorkItems.auditDue(latest, settings: settings), on: db)
        }
        let open = try db.query("SELECT \(Self.recordColumns) FROM image_records WHERE client_id = ? AND kind = 'no_match_letters' AND resolved_on IS NULL",
                                [.text(clientID.rawValue)]) { try self.record(from: $0).item }
        for letter in open { if let item = ImageWorkItems.noMatchLetter(letter) { try WorkItemRows.insert(item, on: db) } }
    }
}
