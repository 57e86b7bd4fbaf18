import AgentCore
import Foundation

/// `WorkQueueRepository` on SQLite, over the `work_items` rows the repositories keep in
/// step with their changes, plus the re-planning that changes outside a subject need (an
/// outage or a client's calendar moves HIRE-2 dates; the configuration moves user items).
public final class SQLiteWorkQueue: WorkQueueRepository {
    let database: Database
    let planner: WorkItemPlanner
    /// How long a new draft's items stay staged before the announcement pass promotes
    /// them into the queue's table (reads of the queue promote them at once).
    let stagingSeconds: Int

    public init(database: Database, planner: WorkItemPlanner, stagingSeconds: Int = 5) {
        self.database = database
        self.planner = planner
        self.stagingSeconds = stagingSeconds
    }

    /// The staging time stamp before which items are due for promotion now.
    func stagingCutoff() -> String {
        UTCTime.iso(milliseconds: UTCTime.nowMilliseconds() - Int64(stagingSeconds) * 1000)
    }

    public func items(_ query: WorkQueueQuery) async throws -> Page<WorkItem> {
        var sql = "SELECT \(WorkItemRows.columns) FROM work_items "
            + "WHERE (visible_from IS NULL OR visible_from <= CASE clock WHEN 'real' THEN ? ELSE ? END)"
        var parameters: [SQLValue] = [.text(query.realToday.iso), .text(query.serviceToday.iso)]
        let scope = RowCodec.scopeFilter(query.scope)
        sql += scope.sql
        parameters += scope.parameters
        if let client = query.clientID {
            sql += " AND client_id = ?"
            parameters.append(.text(client.rawValue))
        }
        if !query.kinds.isEmpty {
            sql += " AND kind IN (\(query.kinds.map { _ in "?" }.joined(separator: ", ")))"
            parameters += query.kinds.map { .text($0.rawValue) }
        }
        if let before = query.dueBefore {
            sql += " AND due_date < ?"
            parameters.append(.text(before.iso))
        }
        if let cursor = query.cursor {
            let key = try Self.key(fromCursor: cursor)
            sql += " AND (due_date, kind, subject_id, subject_type) > (?, ?, ?, ?)"
            parameters += key.map { .text($0) }
        }
        sql += " ORDER BY due_date, kind, subject_id, subject_type LIMIT ?"
        parameters.append(SQLValue(query.limit + 1))
        let (text, values, limit) = (sql, parameters, query.limit)
        let read = { @Sendable (db: Connection) throws -> [WorkItem] in try db.query(text, values) { try WorkItemRows.item(from: $0) } }
        // The page, and whether new drafts' items wait in staging: then they are promoted
        // (a chunk per write, so other writes go on between) and the page read again, so
        // the queue shows them as if written at once.
        let first = try await database.read { db in (rows: try read(db), staged: try WorkItemRows.anyStaged(stagedBy: nil, on: db)) }
        var rows = first.rows
        if first.staged {
            while try await database.write({ db in try WorkItemRows.promoteStaged(stagedBy: nil, on: db) }) {}
            rows = try await database.read(read)
        }
        let page = Array(rows.prefix(limit))
        let next = rows.count > limit ? page.last.map(Self.cursor) : nil
        return Page(items: page, nextCursor: next)
    }

    /// The keyset cursor: the sort key of the last item, base64url behind a tag so callers
    /// treat it as opaque.
    static func cursor(_ item: WorkItem) -> String {
        let key = [item.dueDate.iso, item.kind.rawValue, item.subject.id, item.subject.type.rawValue].joined(separator: "\n")
        return "w" + Data(key.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func key(fromCursor cursor: String) throws -> [String] {
        guard cursor.first == "w" else { throw RepositoryError.invalidCursor }
        var text = cursor.dropFirst().replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        text += String(repeating: "=", count: (4 - text.count % 4) % 4)
        guard let data = Data(base64Encoded: text), let plain = String(data: data, encoding: .utf8) else { throw RepositoryError.invalidCursor }
        let parts = plain.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, CivilDate(iso: parts[0]) != nil else { throw RepositoryError.invalidCursor }
        return parts
    }

    /// Re-plans the items of `cases` as read just before, after a change that is not
    /// theirs (an outage window, a client's calendar or review setting), or to fill the
    /// queue for cases stored before it existed. A case changed meanwhile is skipped: its
    /// own write already planned it.
    public func replan(cases: [StoredCase]) async throws {
        try await database.write { db in
            for c in cases {
                let current = try db.scalar("SELECT updated_at FROM cases WHERE case_number = ?", [.text(c.caseNumber)])?.stringValue
                guard current == c.updatedAt else { continue }
                try self.planner.caseChanged(c, on: db)
            }
        }
    }

    /// Re-plans every roster hire still without a case (of one client, or all), from the
    /// hires' plain columns: HIRE-2 dates move with outages and the client's calendar.
    public func replanHires(clientID: ClientID?) async throws {
        try await database.write { db in
            let waiting = try db.query("""
                SELECT h.id, h.client_id, h.employee_id, h.date_of_hire FROM hires h
                WHERE (? IS NULL OR h.client_id = ?)
                  AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.client_id = h.client_id AND c.employer_case_id = h.employee_id)
                  AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.client_id = h.client_id AND c.ssn_index = h.ssn_index)
                """, [SQLValue(clientID?.rawValue), SQLValue(clientID?.rawValue)]) { row in
                RosterHire(id: row.string(at: 0) ?? "", clientID: ClientID(row.string(at: 1) ?? ""), employeeID: row.string(at: 2) ?? "",
                           firstName: "", lastName: "", ssn: nil, dateOfHire: RowCodec.date(row.string(at: 3)) ?? .referenceDate,
                           createdAt: "")
            }
            for hire in waiting { try self.planner.hireAdded(hire, on: db) }
        }
    }

    /// Re-plans every user's items: the curriculum version and the password age come from
    /// the configuration, which may have changed since the last start (TRN-3). Users are few.
    public func replanUsers() async throws {
        try await database.write { db in
            let ids = try db.query("SELECT id FROM users") { UserID($0.string(at: 0) ?? "") }
            for id in ids { try self.planner.userChanged(id, on: db) }
        }
    }
}
