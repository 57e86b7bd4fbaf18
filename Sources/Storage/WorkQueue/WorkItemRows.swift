import AgentCore

/// The `work_items` rows of one subject. Called from inside the write job of the change
/// that raises or settles the items, so the queue commits with the change or not at all.
public enum WorkItemRows {
    /// Replaces every item of `subject` with `items` (an empty list settles them all).
    /// An item of a kind the subject already had keeps its announcement state (a moved due
    /// date is not a new item); a new kind waits to be announced (`work_queue.item_added`).
    /// Writes only what differs: an item stored exactly as it is now is left alone, and
    /// only kinds no longer raised are deleted (each row costs five B-tree entries).
    public static func replace(on db: Connection, subject: WorkSubject, items: [WorkItem]) throws {
        // A plain read, not DELETE … RETURNING: SQLite answers RETURNING through a
        // temporary table opened and dropped per statement.
        let stored = try db.query("SELECT \(columns), announced FROM work_items WHERE subject_type = ? AND subject_id = ?",
                                  [.text(subject.type.rawValue), .text(subject.id)]) { row in
            // A row this version cannot read is replaced or deleted, never kept as it is.
            (kind: row.string(at: 2) ?? "", announced: row.int64(at: 10) != 0, item: try? item(from: row))
        }
        for item in items {
            if let previous = stored.first(where: { $0.kind == item.kind.rawValue }) {
                if previous.item == item { continue }
                try insert(item, announced: previous.announced, on: db)
            } else {
                try insert(item, on: db)
            }
        }
        for previous in stored where !items.contains(where: { $0.kind.rawValue == previous.kind }) {
            try delete(kind: previous.kind, of: subject, on: db)
        }
    }

    /// Settles one item of `subject` (the kind as stored, so one this version no longer
    /// knows can go too).
    static func delete(kind: String, of subject: WorkSubject, on db: Connection) throws {
        try db.execute("DELETE FROM work_items WHERE subject_type = ? AND subject_id = ? AND kind = ?",
                       [.text(subject.type.rawValue), .text(subject.id), .text(kind)])
    }

    static func insert(_ item: WorkItem, announced: Bool = false, on db: Connection) throws {
        try db.execute("""
            INSERT OR REPLACE INTO work_items
                (subject_type, subject_id, kind, rule, client_id, due_date, visible_from, clock, title, action, announced)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(item.subject.type.rawValue), .text(item.subject.id), .text(item.kind.rawValue), .text(item.rule),
                  SQLValue(item.clientID?.rawValue), .text(item.dueDate.iso), SQLValue(item.visibleFrom?.iso),
                  .text(item.clock.rawValue), .text(item.title), .text(item.action), .integer(announced ? 1 : 0)])
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
