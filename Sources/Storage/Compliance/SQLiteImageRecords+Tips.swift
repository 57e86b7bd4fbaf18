import AgentCore
import Crypto
import Foundation

extension SQLiteImageRecords {
    static let tipColumns = "rowid, id, client_id, received_at, received_on, data, reply, replied_at"

    func tip(from row: Statement) throws -> (rowid: Int64, item: Tip) {
        let id = row.string(at: 1) ?? ""
        let plain = try cipher.open(row.blob(at: 5) ?? [], context: FieldCipher.context(["tips", id]))
        let fields = (try JSONSerialization.jsonObject(with: Data(plain)) as? [String: String]) ?? [:]
        let reply = try row.blob(at: 6).map { try cipher.openString($0, context: FieldCipher.context(["tips", id, "reply"])) }
        guard let received = RowCodec.date(row.string(at: 4)) else { throw RowDecodingError.invalid(column: "tips.received_on") }
        return (row.int64(at: 0), Tip(id: id, clientID: ClientID(row.string(at: 2) ?? ""), message: fields["message"] ?? "",
                                      contact: fields["contact"], receivedAt: row.string(at: 3) ?? "", receivedOn: received,
                                      reply: reply, repliedAt: row.string(at: 7)))
    }

    public func client(forTipToken token: String) async throws -> ClientID? {
        try await database.read { db in
            try db.queryFirst("SELECT client_id FROM client_image_settings WHERE tip_token = ? AND tip_line_enabled = 1", [.text(token)]) {
                ClientID($0.string(at: 0) ?? "")
            }
        }
    }

    public func submitTip(clientID: ClientID, message: String, contact: String?, followUpCode: String, sourceKey: [UInt8], limitPerHour: Int,
                          receivedOn: CivilDate) async throws -> Tip {
        let id = RowCodec.newID()
        var fields = ["message": message]
        if let contact { fields["contact"] = contact }
        let plain = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
        let sealed = try cipher.seal(Array(plain), context: FieldCipher.context(["tips", id]))
        let followUp = index(followUpCode, purpose: "tip-follow-up")
        return try await database.write { db in
            let nowMs = UTCTime.nowMilliseconds()
            let hourAgo = nowMs - 3_600_000
            let recent = try db.query("SELECT received_at_ms FROM tips WHERE source_index = ? AND received_at_ms > ? ORDER BY received_at_ms",
                                      [.blob(sourceKey), .integer(hourAgo)]) { $0.int64(at: 0) }
            if recent.count >= limitPerHour {
                let oldest = recent.first ?? nowMs
                throw TipRateLimited(retryAfterSeconds: max(1, Int((oldest + 3_600_000 - nowMs + 999) / 1000)))
            }
            let tip = Tip(id: id, clientID: clientID, message: message, contact: contact, receivedAt: UTCTime.iso(milliseconds: nowMs),
                          receivedOn: receivedOn)
            try db.execute("""
                INSERT INTO tips (id, client_id, follow_up_index, source_index, received_at_ms, received_at, received_on, data)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(id), .text(clientID.rawValue), .blob(followUp), .blob(sourceKey), .integer(nowMs), .text(tip.receivedAt),
                      .text(receivedOn.iso), .blob(sealed)])
            // Anonymous: the trail records that a tip arrived, never its text or sender.
            try AuditLog.append(AuditEvent(actor: .anonymous, clientID: clientID, action: "tip.receive", objectType: "tip", objectID: id,
                                           sourceIP: nil, requestID: nil), on: db, at: tip.receivedAt)
            try WorkItemRows.replace(on: db, subject: WorkSubject(.tip, id),
                                     items: ImageWorkItems.tipUnanswered(tip, federal: self.federal).map { [$0] } ?? [])
            return tip
        }
    }

    public func tip(clientID: ClientID, followUpCode: String) async throws -> Tip? {
        let followUp = index(followUpCode, purpose: "tip-follow-up")
        return try await database.read { db in
            try db.queryFirst("SELECT \(Self.tipColumns) FROM tips WHERE follow_up_index = ? AND client_id = ?",
                              [.blob(followUp), .text(clientID.rawValue)]) { try self.tip(from: $0).item }
        }
    }

    public func tips(clientID: ClientID, limit: Int, after cursor: String?) async throws -> Page<Tip> {
        let after = try RowCodec.rowid(fromCursor: cursor)
        return try await database.read { db in
            RowCodec.page(try db.query("SELECT \(Self.tipColumns) FROM tips WHERE client_id = ? AND rowid > ? ORDER BY rowid LIMIT ?",
                                       [.text(clientID.rawValue), .integer(after), SQLValue(limit + 1)], row: { try self.tip(from: $0) }), limit: limit)
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

    public func reply(to tipID: String, reply: String, audit: AuditEvent) async throws -> Tip {
        let sealed = try cipher.seal(reply, context: FieldCipher.context(["tips", tipID, "reply"]))
        return try await database.write { db in
            guard var tip = try db.queryFirst("SELECT \(Self.tipColumns) FROM tips WHERE id = ?", [.text(tipID)], row: { try self.tip(from: $0).item }) else {
                throw RepositoryError.notFound
            }
            let now = UTCTime.nowISO()
            try db.execute("UPDATE tips SET reply = ?, replied_at = ?, replied_by = ? WHERE id = ?",
                           [.blob(sealed), .text(now), SQLValue(audit.actor.id), .text(tipID)])
            tip.reply = reply
            tip.repliedAt = now
            try AuditLog.append(audit.with(changes: [FieldChange(field: "replied_at", before: nil, after: now)], objectID: tipID,
                                           clientID: tip.clientID), on: db, at: now)
            try WorkItemRows.replace(on: db, subject: WorkSubject(.tip, tipID), items: [])
            return tip
        }
    }

    public func annualInputs(clientID: ClientID, year: Int) async throws -> String? {
        try await database.read { db in
            try db.scalar("SELECT data FROM image_annual_inputs WHERE client_id = ? AND year = ?", [.text(clientID.rawValue), SQLValue(year)])?.stringValue
        }
    }

    public func saveAnnualInputs(clientID: ClientID, year: Int, members: String, audit: AuditEvent) async throws {
        try await database.write { db in
            let now = UTCTime.nowISO()
            try db.execute("INSERT OR REPLACE INTO image_annual_inputs (client_id, year, data, updated_at) VALUES (?, ?, ?, ?)",
                           [.text(clientID.rawValue), SQLValue(year), .text(members), .text(now)])
            try AuditLog.append(audit.with(changes: [FieldChange(field: "year", before: nil, after: String(year))],
                                           objectID: "\(clientID.rawValue):\(year)", clientID: clientID), on: db, at: now)
        }
    }

    public func yearCounts(clientID: ClientID, year: Int) async throws -> [String: Int] {
        let prefix = String(format: "%04d-%%", year)
        return try await database.read { db in
            var counts: [String: Int] = [:]
            for kind in ImageRecordKind.allCases { counts[kind.rawValue] = 0 }
            try db.query("SELECT kind, COUNT(*) FROM image_records WHERE client_id = ? AND record_date LIKE ? GROUP BY kind",
                         [.text(clientID.rawValue), .text(prefix)]) { counts[$0.string(at: 0) ?? ""] = Int($0.int64(at: 1)) }
            counts["tips"] = Int(try db.scalar("SELECT COUNT(*) FROM tips WHERE client_id = ? AND received_on LIKE ?",
                                               [.text(clientID.rawValue), .text(prefix)])?.int64Value ?? 0)
            return counts
        }
    }
}
