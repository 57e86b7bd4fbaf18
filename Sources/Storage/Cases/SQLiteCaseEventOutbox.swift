import AgentCore
import Foundation

/// `CaseEventOutbox` on SQLite, and the rows `SQLiteCaseRepository` appends inside a change.
public final class SQLiteCaseEventOutbox: CaseEventOutbox {
    let database: Database

    public init(database: Database) { self.database = database }

    /// The events of a case change, appended only for a client with an enabled webhook:
    /// nobody receives the others' events (the dispatcher read each one and dropped it),
    /// and writing, reading and passing them on was a tenth of the writer's work per case.
    /// Asked inside the change's transaction, so every change that commits after a webhook
    /// is created or enabled has its events. (Work items are announced only to listening
    /// clients already, and call `append` directly.)
    static func appendForReceivers(_ kinds: [CaseEventKind], on db: Connection, clientID: String, caseNumber: String, at: String,
                                   progressJSON: String) throws {
        guard !kinds.isEmpty,
              try db.scalar("SELECT 1 FROM webhooks WHERE client_id = ? AND enabled = 1 LIMIT 1", [.text(clientID)]) != nil
        else { return }
        try append(kinds, on: db, clientID: clientID, caseNumber: caseNumber, at: at, progressJSON: progressJSON)
    }

    /// Appends the events of one change, numbering them per client. Runs in the change's
    /// own transaction (on the writer), so an event exists exactly when its change does.
    static func append(_ kinds: [CaseEventKind], on db: Connection, clientID: String, caseNumber: String, at: String,
                       progressJSON: String) throws {
        guard !kinds.isEmpty else { return }
        // The client's counter moves once for all of the change's events. An UPDATE and a
        // read rather than one upsert with RETURNING: SQLite answers RETURNING through a
        // temporary table it opens and drops per statement, which cost more than the write.
        let count = Int64(kinds.count)
        let last: Int64
        try db.execute("UPDATE case_event_sequences SET last = last + ? WHERE client_id = ?", [.integer(count), .text(clientID)])
        if db.changes == 0 {
            try db.execute("INSERT INTO case_event_sequences (client_id, last) VALUES (?, ?)", [.text(clientID), .integer(count)])
            last = count
        } else {
            last = try db.scalar("SELECT last FROM case_event_sequences WHERE client_id = ?", [.text(clientID)])?.int64Value ?? count
        }
        for (offset, kind) in kinds.enumerated() {
            let sequence = last - count + 1 + Int64(offset)
            try db.execute("""
                INSERT INTO case_events (client_id, case_number, type, sequence, occurred_at, progress) VALUES (?, ?, ?, ?, ?, ?)
                """, [.text(clientID), .text(caseNumber), .text(kind.rawValue), .integer(sequence), .text(at), .text(progressJSON)])
        }
    }

    public func pending(limit: Int, payloadsFor clients: Set<ClientID>?) async throws -> [RecordedCaseEvent] {
        try await database.read { db in
            try db.query("""
                SELECT id, client_id, case_number, type, sequence, occurred_at, progress FROM case_events
                WHERE id > (SELECT dispatched_through FROM case_event_cursor WHERE name = 'outbox') ORDER BY id LIMIT ?
                """, [SQLValue(limit)]) { row in
                guard let kind = CaseEventKind(rawValue: row.string(at: 3) ?? ""), let payload = row.string(at: 6) else {
                    throw RowDecodingError.invalid(column: "case_events.type")
                }
                let clientID = ClientID(row.string(at: 1) ?? "")
                let decoded: CaseEventPayload = if let clients, !clients.contains(clientID) { .unread }
                    else if kind == .workItemAdded { try WorkItemSnapshot.payload(fromJSON: payload) }
                    else { .progress(try CaseProgressJSON.decode(payload)) }
                return RecordedCaseEvent(id: Self.eventID(row.int64(at: 0)), clientID: clientID,
                                         caseNumber: row.string(at: 2) ?? "", kind: kind, sequence: row.int64(at: 4),
                                         occurredAt: row.string(at: 5) ?? "", payload: decoded)
            }
        }
    }

    public func markDispatched(_ ids: [String]) async throws {
        guard let last = ids.compactMap(Self.rowID).max() else { return }
        try await database.write { db in try Self.markDispatched(through: Self.eventID(last), on: db) }
    }

    /// Moves the cursor past `eventID` inside the caller's write (the fan-out of a
    /// delivery commits with it). Never moves it back.
    static func markDispatched(through eventID: String, on db: Connection) throws {
        guard let rowID = rowID(eventID) else { return }
        try db.execute("UPDATE case_event_cursor SET dispatched_through = max(dispatched_through, ?) WHERE name = 'outbox'",
                       [.integer(rowID)])
    }

    /// Event ids as the outside sees them (`evt_` and the row's number): the same on every
    /// delivery of the event, never reused.
    static func eventID(_ rowID: Int64) -> String { "evt_" + String(rowID) }

    static func rowID(_ eventID: String) -> Int64? {
        guard eventID.hasPrefix("evt_") else { return nil }
        return Int64(eventID.dropFirst(4))
    }
}
