import AgentCore

/// The `work_items` rows of one subject. Called from inside the write job of the change
/// that raises or settles the items, so the queue commits with the change or not at all.
public enum WorkItemRows {
    /// Replaces every item of `subject` with `items` (an empty list settles them all).
    public static func replace(on db: Connection, subject: WorkSubject, items: [WorkItem]) throws {
        try db.execute("DELETE FROM work_items WHERE subject_type = ? AND subject_id = ?",
                       [.text(subject.type.rawValue), .text(subject.id)])
        for item in items { try insert(item, on: db) }
    }

    static func insert(_ item: WorkItem, on db: Connection) throws {
        try db.execute("""
            INSERT OR REPLACE INTO work_items (subject_type, subject_id, kind, rule, client_id, due_date, visible_from, clock, title, action)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(item.subject.type.rawValue), .text(item.subject.id), .text(item.kind.rawValue), .text(item.rule),
                  SQLValue(item.clientID?.rawValue), .text(item.dueDate.iso), SQLValue(item.visibleFrom?.iso),
                  .text(item.clock.rawValue), .text(item.title), .text(item.action)])
    }

    static let columns = "subject_type, subject_id, kind, rule, client_id, due_date, visible_from, clock, title, action"

    static func item(from row: Statement) throws -> WorkItem {
        guard let type = WorkSubject.SubjectType(rawValue: row.string(at: 0) ?? ""),
              let kind = WorkItemKind(rawValue: row.string(at: 2) ?? ""),
              let due = RowCodec.date(row.string(at: 5)) else { throw RowDecodingError.invalid(column: "work_items") }
        return WorkItem(kind: kind, rule: row.string(at: 3) ?? "", clientID: row.string(at: 4).map(ClientID.init),
                        subject: WorkSubject(type, row.string(at: 1) ?? ""), dueDate: due,
                        visibleFrom: RowCodec.date(row.string(at: 6)), clock: WorkClock(rawValue: row.string(at: 7) ?? "") ?? .service,
                        title: row.string(at: 8) ?? "", action: row.string(at: 9) ?? "")
    }
}
