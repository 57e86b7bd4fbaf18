import AgentCore

/// The `work_items` rows of one subject. Called from inside the write job of the change
/// that raises or settles the items, so the queue commits with the change or not at all.
public enum WorkItemRows {
    /// Replaces every item of `subject` with `items` (an empty list settles them all).
    /// An item of a kind the subject already had keeps its announcement state (a moved due
    /// date is not a new item); a new kind waits to be announced (`work_queue.item_added`).
    /// Writes only what differs, without reading the rows first: one DELETE over the
    /// subject's key range drops the kinds no longer raised (a kind this version does not
    /// know goes too), and an upsert per item rewrites a row only when a column changed
    /// (each row costs five B-tree entries; the read and decode of the old rows cost the
    /// writer as much as one of them).
    public static func replace(on db: Connection, subject: WorkSubject, items: [WorkItem]) throws {
        // A draft's staged items are the case's items too: any change of the case replaces
        // them. A subject's items are in one table or the other, never both (staging is only
        // for a new case; promotion and every replace empty it), so a subject that had staged
        // items has no queue rows to settle.
        if subject.type == .case, try dropStaged(of: subject, on: db) > 0 {
            for item in items { try insert(item, on: db) }
            return
        }
        var parameters: [SQLValue] = [.text(subject.type.rawValue), .text(subject.id)]
        parameters += items.map { .text($0.kind.rawValue) }
        try db.execute(settleOthers(keeping: items.count), parameters)
        for item in items { try upsert(item, on: db) }
    }

    /// The `DELETE` of a subject's rows whose kind is none of `count` bound kinds, its text
    /// built once per count (a subject raises at most a few kinds).
    static func settleOthers(keeping count: Int) -> String {
        count < settleTexts.count ? settleTexts[count] : settleText(keeping: count)
    }

    private static let settleTexts = (0..<12).map(settleText(keeping:))

    private static func settleText(keeping count: Int) -> String {
        let base = "DELETE FROM work_items WHERE subject_type = ? AND subject_id = ?"
        guard count > 0 else { return base }
        return base + " AND kind NOT IN (" + Array(repeating: "?", count: count).joined(separator: ", ") + ")"
    }

    /// Inserts `item` as not yet announced, or, when the subject has an item of its kind,
    /// updates that row's columns except `announced`, and only if one of them differs.
    static func upsert(_ item: WorkItem, on db: Connection) throws {
        try db.execute("""
            INSERT INTO work_items
                (subject_type, subject_id, kind, rule, client_id, due_date, visible_from, clock, title, action, announced)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
            ON CONFLICT (subject_type, subject_id, kind) DO UPDATE SET
                rule = excluded.rule, client_id = excluded.client_id, due_date = excluded.due_date,
                visible_from = excluded.visible_from, clock = excluded.clock, title = excluded.title, action = excluded.action
            WHERE (rule, client_id, due_date, visible_from, clock, title, action)
                IS NOT (excluded.rule, excluded.client_id, excluded.due_date, excluded.visible_from, excluded.clock,
                        excluded.title, excluded.action)
            """, values(item))
    }

    /// Settles one item of `subject` (the kind as stored, so one this version no longer
    /// knows can go too).
    static func delete(kind: String, of subject: WorkSubject, on db: Connection) throws {
        try db.execute("DELETE FROM work_items WHERE subject_type = ? AND subject_id = ? AND kind = ?",
                       [.text(subject.type.rawValue), .text(subject.id), .text(kind)])
    }

    static func insert(_ item: WorkItem, on db: Connection) throws {
        try db.execute("""
            INSERT OR REPLACE INTO work_items
                (subject_type, subject_id, kind, rule, client_id, due_date, visible_from, clock, title, action, announced)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, values(item) + [.integer(0)])
    }

    /// Stages a new draft's items (`staged_work_items`): one B-tree entry each, where a
    /// `work_items` row costs five. A draft submitted before they are promoted never
    /// writes them to the queue, nor deletes them from it.
    static func stage(_ items: [WorkItem], at now: String, on db: Connection) throws {
        for item in items {
            try db.execute("""
                INSERT OR REPLACE INTO staged_work_items (\(columns), staged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, values(item) + [.text(now)])
        }
    }

    /// Items promoted per write at most: a bulk of new drafts (a batch import) stages
    /// hundreds of thousands, and moving them in one transaction would hold every other
    /// write back for seconds. A row costs the writer about 13 µs to move, so a chunk
    /// holds a batch up about as long as 30 case writes (1,000 a chunk showed in p99).
    static let promotionChunk = 200

    /// Moves up to `limit` of the items staged at or before `cutoff` (any time when nil)
    /// into `work_items`, not yet announced, as `insert` would have written them then.
    /// Both statements take the same first rows in key order. Returns whether more may
    /// wait (a whole chunk moved).
    @discardableResult
    static func promoteStaged(stagedBy cutoff: String?, limit: Int = promotionChunk, on db: Connection) throws -> Bool {
        let bound: [SQLValue] = [.text(cutoff ?? Self.everything), SQLValue(limit)]
        try db.execute("""
            INSERT OR REPLACE INTO work_items (\(columns), announced)
            SELECT \(columns), 0 FROM staged_work_items WHERE staged_at <= ?1
            ORDER BY subject_type, subject_id, kind LIMIT ?2
            """, bound)
        let moved = db.changes
        try db.execute("""
            DELETE FROM staged_work_items WHERE (subject_type, subject_id, kind) IN (
                SELECT subject_type, subject_id, kind FROM staged_work_items WHERE staged_at <= ?1
                ORDER BY subject_type, subject_id, kind LIMIT ?2)
            """, bound)
        return moved >= limit
    }

    /// Sorts after every UTC time stamp.
    private static let everything = "9999"

    /// Whether any item is staged at or before `cutoff` (at all, when nil).
    static func anyStaged(stagedBy cutoff: String?, on db: Connection) throws -> Bool {
        try db.scalar("SELECT EXISTS (SELECT 1 FROM staged_work_items WHERE staged_at <= ?)",
                      [.text(cutoff ?? Self.everything)])?.int64Value == 1
    }

    /// Drops the staged items of `subject` (its change or purge replaces them); how many.
    @discardableResult
    static func dropStaged(of subject: WorkSubject, on db: Connection) throws -> Int {
        try db.execute("DELETE FROM staged_work_items WHERE subject_type = ? AND subject_id = ?",
                       [.text(subject.type.rawValue), .text(subject.id)])
        return db.changes
    }

    /// The row's values in `columns` order.
    private static func values(_ item: WorkItem) -> [SQLValue] {
        [.text(item.subject.type.rawValue), .text(item.subject.id), .text(item.kind.rawValue), .text(item.rule),
         SQLValue(item.clientID?.rawValue), .text(item.dueDate.iso), SQLValue(item.visibleFrom?.iso),
         .text(item.clock.rawValue), .text(item.title), .text(item.action)]
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
