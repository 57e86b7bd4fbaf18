import AgentCore

extension SQLiteIdentityRepository {
    static let trainingColumns = """
        t.rowid, t.id, t.user_id, u.full_name, u.client_id, t.taken_on, t.score_percent, t.passed, t.curriculum_version,
        t.source, t.note, t.recorded_by, t.created_at
        """

    static func training(from row: Statement) throws -> (rowid: Int64, item: TrainingRecord) {
        guard let takenOn = RowCodec.date(row.string(at: 5)) else { throw RowDecodingError.invalid(column: "training_records.taken_on") }
        let record = TrainingRecord(
            id: row.string(at: 1) ?? "", userID: UserID(row.string(at: 2) ?? ""), userFullName: row.string(at: 3) ?? "",
            clientID: row.string(at: 4).map(ClientID.init), takenOn: takenOn, scorePercent: Int(row.int64(at: 6)),
            passed: row.int64(at: 7) != 0, curriculumVersion: row.string(at: 8) ?? "",
            source: TrainingRecord.Source(rawValue: row.string(at: 9) ?? "") ?? .external, note: row.string(at: 10),
            recordedBy: row.string(at: 11).map(UserID.init), createdAt: row.string(at: 12) ?? "")
        return (row.int64(at: 0), record)
    }

    public func addTrainingRecord(_ record: NewTrainingRecord, scope: AccessScope, audit: AuditEvent) async throws -> TrainingRecord {
        let filter = RowCodec.scopeFilter(scope)
        return try await identityWrite { db in
            guard let (fullName, clientID) = try db.queryFirst("SELECT full_name, client_id FROM users WHERE id = ?\(filter.sql)",
                                                                [.text(record.userID.rawValue)] + filter.parameters,
                                                                row: { ($0.string(at: 0) ?? "", $0.string(at: 1).map(ClientID.init)) }) else {
                throw RepositoryError.notFound
            }
            let id = RowCodec.newID()
            let now = UTCTime.nowISO()
            try db.execute("""
                INSERT INTO training_records (id, user_id, taken_on, score_percent, passed, curriculum_version, source, note,
                    recorded_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(id), .text(record.userID.rawValue), .text(record.takenOn.iso), SQLValue(record.scorePercent),
                      SQLValue(record.passed), .text(record.curriculumVersion), .text(record.source.rawValue), SQLValue(record.note),
                      SQLValue(record.recordedBy?.rawValue), .text(now)])
            let changes = [FieldChange(field: "user_id", before: nil, after: record.userID.rawValue),
                           FieldChange(field: "date", before: nil, after: record.takenOn.iso),
                           FieldChange(field: "score_percent", before: nil, after: String(record.scorePercent)),
                           FieldChange(field: "passed", before: nil, after: String(record.passed)),
                           FieldChange(field: "curriculum_version", before: nil, after: record.curriculumVersion)]
            try AuditLog.append(audit.with(changes: changes, objectID: id, clientID: clientID), on: db, at: now)
            try self.workItems?.userChanged(record.userID, on: db)
            return TrainingRecord(id: id, userID: record.userID, userFullName: fullName, clientID: clientID, takenOn: record.takenOn,
                                  scorePercent: record.scorePercent, passed: record.passed, curriculumVersion: record.curriculumVersion,
                                  source: record.source, note: record.note, recordedBy: record.recordedBy, createdAt: now)
        }
    }

    public func trainingRecords(scope: AccessScope, userID: UserID?, limit: Int, after cursor: String?) async throws -> Page<TrainingRecord> {
        let after = try RowCodec.rowid(fromCursor: cursor)
        let filter = RowCodec.scopeFilter(scope, column: "u.client_id")
        var sql = "SELECT \(Self.trainingColumns) FROM training_records t JOIN users u ON u.id = t.user_id WHERE t.rowid > ?\(filter.sql)"
        var parameters: [SQLValue] = [.integer(after)] + filter.parameters
        if let userID {
            sql += " AND t.user_id = ?"
            parameters.append(.text(userID.rawValue))
        }
        sql += " ORDER BY t.rowid LIMIT ?"
        parameters.append(SQLValue(limit + 1))
        let query = sql
        let values = parameters
        return try await database.read { db in
            RowCodec.page(try db.query(query, values) { try Self.training(from: $0) }, limit: limit)
        }
    }
}
