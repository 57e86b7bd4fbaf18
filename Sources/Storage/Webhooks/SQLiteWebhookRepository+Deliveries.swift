import AgentCore
import Foundation

// Deliveries: fan-out from the case event outbox, the queue the deliverer takes from,
// the record of each attempt, and the list and manual retry of the API.
extension SQLiteWebhookRepository {
    static let deliveryColumns = """
        rowid, id, webhook_id, event_id, type, state, attempts, last_status_code, last_error, next_attempt_ms, delivered_at
        """

    static func delivery(from row: Statement) throws -> (rowid: Int64, item: WebhookDelivery) {
        guard let state = WebhookDeliveryState(rawValue: row.string(at: 5) ?? "") else {
            throw RowDecodingError.invalid(column: "webhook_deliveries.state")
        }
        let item = WebhookDelivery(id: row.string(at: 1) ?? "", webhookID: row.string(at: 2) ?? "", eventID: row.string(at: 3) ?? "",
                                   type: row.string(at: 4) ?? "", state: state, attempts: row.int(at: 6),
                                   lastStatusCode: row.optionalInt64(at: 7).map(Int.init), lastError: row.string(at: 8),
                                   nextAttemptAtMs: row.optionalInt64(at: 9), deliveredAt: row.string(at: 10))
        return (row.int64(at: 0), item)
    }

    public func clientsWithEnabledWebhooks() async throws -> Set<ClientID> {
        try await database.read { db in
            Set(try db.query("SELECT DISTINCT client_id FROM webhooks WHERE enabled = 1") { ClientID($0.string(at: 0) ?? "") })
        }
    }

    public func fanOut(_ events: [PreparedWebhookEvent]) async throws -> Int {
        guard !events.isEmpty else { return 0 }
        return try await database.write { db in
            let now = UTCTime.nowMilliseconds()
            var hooksByClient: [ClientID: [(id: String, events: [String])]] = [:]
            var created = 0
            for event in events {
                let hooks: [(id: String, events: [String])]
                if let known = hooksByClient[event.clientID] {
                    hooks = known
                } else {
                    hooks = try db.query("SELECT id, events FROM webhooks WHERE client_id = ? AND enabled = 1 ORDER BY rowid",
                                         [.text(event.clientID.rawValue)]) { (id: $0.string(at: 0) ?? "", events: RowCodec.strings($0.string(at: 1))) }
                    hooksByClient[event.clientID] = hooks
                }
                // No body: no webhook of the client wanted it when it was rendered.
                for hook in hooks where !event.body.isEmpty && WebhookEvents.matches(hook.events, type: event.type) {
                    let id = RowCodec.newID()
                    try db.execute("""
                        INSERT OR IGNORE INTO webhook_deliveries (id, webhook_id, event_id, case_number, type, body, state, attempts, next_attempt_ms)
                        VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?)
                        """, [.text(id), .text(hook.id), .text(event.id), .text(event.caseNumber), .text(event.type), .text(event.body),
                              .integer(now)])
                    created += db.changes
                }
            }
            // The cursor moves once, past the last event: it only ever moves forward.
            if let last = events.compactMap({ SQLiteCaseEventOutbox.rowID($0.id) }).max() {
                try SQLiteCaseEventOutbox.markDispatched(through: SQLiteCaseEventOutbox.eventID(last), on: db)
            }
            return created
        }
    }

    public func due(nowMs: Int64, limit: Int, excluding: Set<String>) async throws -> [DueDelivery] {
        typealias Row = (id: String, webhookID: String, eventID: String, url: String, body: String, attempts: Int,
                         secret: [UInt8], previous: [UInt8]?, previousExpiresMs: Int64?)
        let rows: [Row] = try await database.read { db in
            try db.query("""
                SELECT d.id, d.webhook_id, d.event_id, w.url, d.body, d.attempts, w.secret, w.previous_secret, w.previous_secret_expires_ms
                FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
                WHERE d.state = 'PENDING' AND d.next_attempt_ms <= ? AND w.enabled = 1
                  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.webhook_id = d.webhook_id
                                  AND e.case_number = d.case_number AND e.state = 'PENDING' AND e.rowid < d.rowid)
                ORDER BY d.next_attempt_ms, d.rowid LIMIT ?
                """, [.integer(nowMs), SQLValue(limit + excluding.count)]) { row in
                (id: row.string(at: 0) ?? "", webhookID: row.string(at: 1) ?? "", eventID: row.string(at: 2) ?? "",
                 url: row.string(at: 3) ?? "", body: row.string(at: 4) ?? "", attempts: row.int(at: 5), secret: row.blob(at: 6) ?? [],
                 previous: row.blob(at: 7), previousExpiresMs: row.optionalInt64(at: 8))
            }
        }
        var due: [DueDelivery] = []
        for row in rows where !excluding.contains(row.id) && due.count < limit {
            var secrets = [try open(row.secret, webhookID: row.webhookID)]
            if let previous = row.previous, let expires = row.previousExpiresMs, expires > nowMs {
                secrets.append(try open(previous, webhookID: row.webhookID, slot: "previous_secret"))
            }
            due.append(DueDelivery(id: row.id, webhookID: row.webhookID, eventID: row.eventID, url: row.url, body: row.body,
                                   attempts: row.attempts, secrets: secrets))
        }
        return due
    }

    public func record(_ deliveryID: String, outcome: DeliveryOutcome, atMs: Int64) async throws {
        try await database.write { db in
            switch outcome {
            case .delivered(let status):
                try db.execute("""
                    UPDATE webhook_deliveries SET state = 'DELIVERED', attempts = attempts + 1, last_status_code = ?, last_error = NULL,
                    next_attempt_ms = NULL, delivered_at = ? WHERE id = ? AND state = 'PENDING'
                    """, [SQLValue(status), .text(UTCTime.iso(milliseconds: atMs)), .text(deliveryID)])
            case let .failed(status, error, next):
                try db.execute("""
                    UPDATE webhook_deliveries SET state = ?, attempts = attempts + 1, last_status_code = ?, last_error = ?,
                    next_attempt_ms = ? WHERE id = ? AND state = 'PENDING'
                    """, [.text(next == nil ? WebhookDeliveryState.failed.rawValue : WebhookDeliveryState.pending.rawValue),
                          SQLValue(status), .text(error), SQLValue(next), .text(deliveryID)])
            }
        }
    }

    public func deliveries(webhookID: String, state: WebhookDeliveryState?, limit: Int, after cursor: String?) async throws -> Page<WebhookDelivery> {
        let after = try RowCodec.rowid(fromCursor: cursor)
        let stateSQL = state == nil ? "" : " AND state = ?"
        let parameters: [SQLValue] = [.text(webhookID), .integer(after)] + (state.map { [SQLValue.text($0.rawValue)] } ?? [])
            + [SQLValue(limit + 1)]
        return try await database.read { db in
            let rows = try db.query("""
                SELECT \(Self.deliveryColumns) FROM webhook_deliveries WHERE webhook_id = ? AND rowid > ?\(stateSQL) ORDER BY rowid LIMIT ?
                """, parameters) { try Self.delivery(from: $0) }
            return RowCodec.page(rows, limit: limit)
        }
    }

    public func retry(_ deliveryID: String, webhookID: String, nowMs: Int64, audit: AuditEvent) async throws -> WebhookDelivery? {
        try await database.write { db in
            let select = "SELECT \(Self.deliveryColumns) FROM webhook_deliveries WHERE id = ? AND webhook_id = ?"
            guard let found = try db.queryFirst(select, [.text(deliveryID), .text(webhookID)], row: { try Self.delivery(from: $0).item }) else {
                return nil
            }
            guard found.state == .failed else {
                throw RepositoryError.conflict(field: "state", message: "Only a FAILED delivery is sent again by hand; this one is \(found.state.rawValue).")
            }
            try db.execute("UPDATE webhook_deliveries SET state = 'PENDING', attempts = 0, next_attempt_ms = ? WHERE id = ?",
                           [.integer(nowMs), .text(deliveryID)])
            try AuditLog.append(audit.with(changes: [FieldChange(field: "state", before: "FAILED", after: "PENDING")], objectID: deliveryID),
                                on: db)
            return try db.queryFirst(select, [.text(deliveryID), .text(webhookID)], row: { try Self.delivery(from: $0).item })
        }
    }
}
