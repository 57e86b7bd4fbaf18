import AgentCore
import Foundation

/// The records themselves: no-match letters, self-reports, audits, contractor assessments.
extension SQLiteImageRecords {
    static let recordColumns = "rowid, id, client_id, kind, body, created_at, created_by, updated_at"

    func record(from row: Statement) throws -> (rowid: Int64, item: ImageRecord) {
        let id = row.string(at: 1) ?? ""
        guard let kind = ImageRecordKind(rawValue: row.string(at: 3) ?? "") else { throw RowDecodingError.invalid(column: "image_records.kind") }
        let sealed = row.blob(at: 4)
        let body: ImageRecordBody
        switch kind {
        case .noMatchLetter: body = .noMatchLetter(try open(NoMatchLetter.self, sealed, "image_records", id))
        case .selfReport: body = .selfReport(try open(SelfReport.self, sealed, "image_records", id))
        case .audit: body = .audit(try open(I9Audit.self, sealed, "image_records", id))
        case .contractorAssessment: body = .contractorAssessment(try open(ContractorAssessment.self, sealed, "image_records", id))
        }
        return (row.int64(at: 0), ImageRecord(id: id, clientID: ClientID(row.string(at: 2) ?? ""), body: body,
                                              createdAt: row.string(at: 5) ?? "", createdBy: row.string(at: 6).map(UserID.init),
                                              updatedAt: row.string(at: 7) ?? ""))
    }

    func sealBody(_ body: ImageRecordBody, id: String) throws -> [UInt8] {
        switch body {
        case .noMatchLetter(let v): try seal(v, "image_records", id)
        case .selfReport(let v): try seal(v, "image_records", id)
        case .audit(let v): try seal(v, "image_records", id)
        case .contractorAssessment(let v): try seal(v, "image_records", id)
        }
    }

    static func recordDate(_ body: ImageRecordBody) -> CivilDate {
        switch body {
        case .noMatchLetter(let v): v.receivedOn
        case .selfReport(let v): v.discoveredOn
        case .audit(let v): v.performedOn
        case .contractorAssessment(let v): v.assessedOn
        }
    }

    /// The audit trail names what changed; free text and employee ids show only as `***`.
    static func changes(_ old: ImageRecordBody?, _ new: ImageRecordBody) -> [FieldChange] {
        // (field, value as compared, value as shown)
        func fields(_ body: ImageRecordBody?) -> [(String, String?, String?)] {
            func hidden(_ name: String, _ text: String?) -> (String, String?, String?) { (name, text, text.map { _ in "***" }) }
            func plain(_ name: String, _ text: String?) -> (String, String?, String?) { (name, text, text) }
            switch body {
            case .noMatchLetter(let v)?:
                return [plain("received_on", v.receivedOn.iso), hidden("employee_id", v.employeeID), plain("letter_type", v.letterType),
                        hidden("steps", v.steps.map { "\($0.on.iso) \($0.action)" }.joined(separator: "\n")),
                        hidden("resolution", v.resolution), plain("resolved_on", v.resolvedOn?.iso)]
            case .selfReport(let v)?:
                return [plain("discovered_on", v.discoveredOn.iso), hidden("description", v.description),
                        hidden("corrective_action", v.correctiveAction), plain("reported_to_ice_on", v.reportedToIceOn?.iso)]
            case .audit(let v)?:
                return [plain("performed_on", v.performedOn.iso), hidden("auditor_name", v.auditorName),
                        plain("auditor_independent", String(v.auditorIndependent)), plain("forms_sampled", String(v.formsSampled)),
                        hidden("findings", v.findings), hidden("corrections", v.corrections)]
            case .contractorAssessment(let v)?:
                return [hidden("contractor_name", v.contractorName), plain("assessed_on", v.assessedOn.iso),
                        plain("adheres", String(v.adheres)), hidden("notes", v.notes)]
            case nil: return []
            }
        }
        let before = fields(old)
        return fields(new).enumerated().compactMap { i, field in
            let was = i < before.count ? before[i] : (field.0, nil, nil)
            return was.1 == field.1 ? nil : FieldChange(field: field.0, before: was.2, after: field.2)
        }
    }

    public func create(_ body: ImageRecordBody, clientID: ClientID, createdBy: UserID?, audit: AuditEvent) async throws -> ImageRecord {
        try await database.write { db in
            let id = RowCodec.newID()
            let now = UTCTime.nowISO()
            try db.execute("""
                INSERT INTO image_records (id, client_id, kind, record_date, body, created_at, created_by, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(id), .text(clientID.rawValue), .text(body.kind.rawValue), .text(Self.recordDate(body).iso),
                      .blob(try self.sealBody(body, id: id)), .text(now), SQLValue(createdBy?.rawValue), .text(now)])
            try AuditLog.append(audit.with(changes: Self.changes(nil, body), objectID: id, clientID: clientID), on: db, at: now)
            let record = ImageRecord(id: id, clientID: clientID, body: body, createdAt: now, createdBy: createdBy, updatedAt: now)
            try self.replanRecord(record, on: db)
            return record
        }
    }

    public func record(_ id: String, kind: ImageRecordKind, scope: AccessScope) async throws -> ImageRecord? {
        let filter = RowCodec.scopeFilter(scope)
        return try await database.read { db in
            try db.queryFirst("SELECT \(Self.recordColumns) FROM image_records WHERE id = ? AND kind = ?\(filter.sql)",
                              [.text(id), .text(kind.rawValue)] + filter.parameters) { try self.record(from: $0).item }
        }
    }

    public func records(clientID: ClientID, kind: ImageRecordKind, limit: Int, after cursor: String?) async throws -> Page<ImageRecord> {
        let after = try RowCodec.rowid(fromCursor: cursor)
        return try await database.read { db in
            let rows = try db.query("""
                SELECT \(Self.recordColumns) FROM image_records WHERE client_id = ? AND kind = ? AND rowid > ? ORDER BY rowid LIMIT ?
                """, [.text(clientID.rawValue), .text(kind.rawValue), .integer(after), SQLValue(limit + 1)]) { try self.record(from: $0) }
            return RowCodec.page(rows, limit: limit)
        }
    }

    public func update(_ id: String, kind: ImageRecordKind, scope: AccessScope, audit: AuditEvent,
                       _ transform: @escaping @Sendable (ImageRecordBody) throws -> ImageRecordBody) async throws -> ImageRecord {
        let filter = RowCodec.scopeFilter(scope)
        return try await database.write { db in
            guard var record = try db.queryFirst("SELECT \(Self.recordColumns) FROM image_records WHERE id = ? AND kind = ?\(filter.sql)",
                                                 [.text(id), .text(kind.rawValue)] + filter.parameters,
                                                 row: { try self.record(from: $0).item }) else { throw RepositoryError.notFound }
            let updated = try transform(record.body)
            guard updated != record.body else { return record }
            let now = UTCTime.nowISO()
            try db.execute("UPDATE image_records SET body = ?, record_date = ?, updated_at = ? WHERE id = ?",
                           [.blob(try self.sealBody(updated, id: id)), .text(Self.recordDate(updated).iso), .text(now), .text(id)])
            try AuditLog.append(audit.with(changes: Self.changes(record.body, updated), objectID: id, clientID: record.clientID),
                                on: db, at: now)
            record.body = updated
            record.updatedAt = now
            try self.replanRecord(record, on: db)
            return record
        }
    }

    /// A letter's own item (IMG-6); an audit moves the next one (IMG-4).
    func replanRecord(_ record: ImageRecord, on db: Connection) throws {
        switch record.body {
        case .noMatchLetter:
            try WorkItemRows.replace(on: db, subject: WorkSubject(.noMatchLetter, record.id), items: ImageWorkItems.letter(record).map { [$0] } ?? [])
        case .audit:
            try replanMembership(record.clientID, on: db)
        case .selfReport, .contractorAssessment:
            break
        }
    }
}
