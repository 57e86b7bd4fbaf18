import AgentCore
import Foundation

/// Tips (IMG-7) and the annual report's statements and counts (IMG-10).
extension SQLiteImageRecords {
    struct SealedTip: Codable {
        var message: String
        var contact: String?
    }

    static let tipColumns = "rowid, id, client_id, body, reply, received_at, received_on, replied_at, replied_by"

    func tip(from row: Statement) throws -> (rowid: Int64, item: Tip) {
        let id = row.string(at: 1) ?? ""
        let body = try open(SealedTip.self, row.blob(at: 3), "tips", id)
        let reply = try row.blob(at: 4).map { try cipher.openString($0, context: Array("tips.reply:\(id)".utf8)) }
        guard let receivedOn = RowCodec.date(row.string(at: 6)) else { throw RowDecodingError.invalid(column: "tips.received_on") }
        return (row.int64(at: 0), Tip(id: id, clientID: ClientID(row.string(at: 2) ?? ""), message: body.message, contact: body.contact,
                                      receivedAt: row.string(at: 5) ?? "", receivedOn: receivedOn, reply: reply,
                                      repliedAt: row.string(at: 7), repliedBy: row.string(at: 8).map(UserID.init)))
    }

    public func tipLine(token: String) async throws -> ClientID? {
        try await database.read { db in
            try db.queryFirst("SELECT client_id, settings FROM client_image_settings WHERE tip_token = ?", [.text(token)]) { row in
                let settings = try Self.decoder.decode(ImageSettings.self, from: Data((row.string(at: 1) ?? "{}").utf8))
                return settings.tipLineEnabled ? ClientID(row.string(at: 0) ?? "") : nil
            } ?? nil
        }
    }

    public func addTip(clientID: ClientID, message: String, contact: String?, followUpIndex: [UInt8], receivedOn: CivilDate,
                       audit: AuditEvent) async throws -> Tip {
        try await database.write { db in
            let id = RowCodec.newID()
            let now = UTCTime.nowISO()
            try db.execute("""
                INSERT INTO tips (id, client_id, follow_up_index, body, received_at, received_on) VALUES (?, ?, ?, ?, ?, ?)
                """, [.text(id), .text(clientID.rawValue), .blob(followUpIndex),
                      .blob(try self.seal(SealedTip(message: message, contact: contact), "tips", id)), .text(now), .text(receivedOn.iso)])
            try AuditLog.append(audit.with(changes: [FieldChange(field: "message", before: nil, after: "***")], objectID: id,
                                           clientID: clientID), on: db, at: now)
            let tip = Tip(id: id, clientID: clientID, message: message, contact: contact, receivedAt: now, receivedOn: receivedOn)
            try WorkItemRows.replace(on: db, subject: WorkSubject(.tip, id), items: ImageWorkItems.tip(tip, federal: self.federal).map { [$0] } ?? [])
            return tip
        }
    }

    public func tip(clientID: ClientID, followUpIndex: [UInt8]) async throws -> Tip? {
        try await database.read { db in
            try db.queryFirst("SELECT \(Self.tipColumns) FROM tips WHERE follow_up_index = ? AND client_id = ?",
                              [.blob(followUpIndex), .text(clientID.rawValue)]) { try self.tip(from: $0).item }
        }
    }

    public func tip(_ id: String, scope: AccessScope) async throws -> Tip? {
        let filter = RowCodec.scopeFilter(scope)
        return try await database.read { db in
            try db.queryFirst("SELECT \(Self.tipColumns) FROM tips WHERE id = ?\(filter.sql)", [.text(id)] + filter.parameters) {
                try self.tip(from: $0).item
            }
        }
    }

    public func tips(clientID: ClientID, limit: Int, after cursor: String?) async throws -> Page<Tip> {
        let after = try RowCodec.rowid(fromCursor: cursor)
        return try await database.read { db in
            let rows = try db.query("SELECT \(Self.tipColumns) FROM tips WHERE client_id = ? AND rowid > ? ORDER BY rowid LIMIT ?",
                                    [.text(clientID.rawValue), .integer(after), SQLValue(limit + 1)]) { try self.tip(from: $0) }
            return RowCodec.page(rows, limit: limit)
        }
    }

    public func reply(to id: String, scope: AccessScope, reply: String, by: UserID?, audit: AuditEvent) async throws -> Tip {
        let filter = RowCodec.scopeFilter(scope)
        return try await database.write { db in
            guard var tip = try db.queryFirst("SELECT \(Self.tipColumns) FROM tips WHERE id = ?\(filter.sql)", [.text(id)] + filter.parameters,
                                              row: { try self.tip(from: $0).item }) else { throw RepositoryError.notFound }
            let now = UTCTime.nowISO()
            try db.execute("UPDATE tips SET reply = ?, replied_at = ?, replied_by = ? WHERE id = ?",
                           [.blob(try self.cipher.seal(reply, context: Array("tips.reply:\(id)".utf8))), .text(now),
                            SQLValue(by?.rawValue), .text(id)])
            try AuditLog.append(audit.with(changes: [FieldChange(field: "reply", before: tip.reply.map { _ in "***" }, after: "***")],
                                           objectID: id, clientID: tip.clientID), on: db, at: now)
            tip.reply = reply
            tip.repliedAt = now
            tip.repliedBy = by
            try WorkItemRows.replace(on: db, subject: WorkSubject(.tip, id), items: [])
            return tip
        }
    }

    // MARK: Annual report

    public func statement(clientID: ClientID, year: Int) async throws -> ImageAnnualReport.Statement? {
        try await database.read { db in
            try db.queryFirst("SELECT body FROM image_report_statements WHERE client_id = ? AND year = ?",
                              [.text(clientID.rawValue), .integer(Int64(year))]) { row in
                try self.open(ImageAnnualReport.Statement.self, row.blob(at: 0), "image_report_statements", "\(clientID.rawValue)/\(year)")
            }
        }
    }

    public func fileStatement(_ statement: ImageAnnualReport.Statement, clientID: ClientID, year: Int, audit: AuditEvent) async throws {
        try await database.write { db in
            let now = UTCTime.nowISO()
            let had = try db.scalar("SELECT 1 FROM image_report_statements WHERE client_id = ? AND year = ?",
                                    [.text(clientID.rawValue), .integer(Int64(year))]) != nil
            try db.execute("""
                INSERT INTO image_report_statements (client_id, year, body, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(client_id, year) DO UPDATE SET body = excluded.body
                """, [.text(clientID.rawValue), .integer(Int64(year)),
                      .blob(try self.seal(statement, "image_report_statements", "\(clientID.rawValue)/\(year)")), .text(now)])
            try AuditLog.append(audit.with(changes: [
                FieldChange(field: "year", before: had ? String(year) : nil, after: String(year)),
                FieldChange(field: "applicants_denied_because_of_participation", before: nil, after: String(statement.applicantsDenied)),
            ], objectID: "\(clientID.rawValue)/\(year)", clientID: clientID), on: db, at: now)
            try self.replanMembership(clientID, on: db)
        }
    }

    public func yearCounts(clientID: ClientID, year: Int) async throws -> (audits: Int, selfReports: Int, noMatchLetters: Int, tips: Int) {
        let from = String(format: "%04d-01-01", year), to = String(format: "%04d-12-31", year)
        return try await database.read { db in
            var counts: [String: Int] = [:]
            for (kind, n) in try db.query("""
                SELECT kind, count(*) FROM image_records WHERE client_id = ? AND record_date BETWEEN ? AND ? GROUP BY kind
                """, [.text(clientID.rawValue), .text(from), .text(to)], row: { ($0.string(at: 0) ?? "", Int($0.int64(at: 1))) }) {
                counts[kind] = n
            }
            let tips = Int(try db.scalar("SELECT count(*) FROM tips WHERE client_id = ? AND received_on BETWEEN ? AND ?",
                                         [.text(clientID.rawValue), .text(from), .text(to)])?.int64Value ?? 0)
            return (counts["audit"] ?? 0, counts["self_report"] ?? 0, counts["no_match_letter"] ?? 0, tips)
        }
    }
}
