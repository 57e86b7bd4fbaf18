import AgentCore
import Foundation

/// `work_queue.item_added`: the items that show in the queue and were not yet announced
/// become outbox events, in one write with their marks, so each is announced exactly once
/// and a crash on either side of the write loses none.
extension SQLiteWorkQueue {
    /// Unannounced items that show today: two searches of the partial index, each bounded.
    /// Written as one `IS NULL OR <=` condition, SQLite scanned the whole index, so a pass
    /// that found fewer than its limit read every future item (each draft has one, its
    /// CASE-7 warning): with 100,000 drafts, some 100 ms of CPU every 100 ms.
    static let shownUnannounced = """
        SELECT \(WorkItemRows.columns) FROM work_items INDEXED BY work_items_unannounced
        WHERE announced = 0 AND visible_from IS NULL
        UNION ALL
        SELECT \(WorkItemRows.columns) FROM work_items INDEXED BY work_items_unannounced
        WHERE announced = 0 AND visible_from <= ? AND visible_from <= CASE clock WHEN 'real' THEN ? ELSE ? END
        LIMIT ?
        """

    public func announceShown(serviceToday: CivilDate, realToday: CivilDate, notifying: @Sendable () async throws -> Set<ClientID>,
                              limit: Int) async throws -> Int {
        // The partial index holds only unannounced rows; both clocks' todays bound the range,
        // and each row is then compared with its own clock's today.
        let days: [SQLValue] = [.text(max(serviceToday, realToday).iso), .text(realToday.iso), .text(serviceToday.iso)]
        let select = Self.shownUnannounced
        // New drafts' items staged long enough enter the queue first, and are announced
        // with the rest (a draft submitted sooner never had them).
        let cutoff = stagingCutoff()
        // Looked for on a reader first: most passes find nothing and need no write at all.
        let waiting = try await database.read { db in
            try db.scalar(select, days + [.integer(1)]) != nil || WorkItemRows.anyStaged(stagedBy: cutoff, on: db)
        }
        guard waiting else { return 0 }
        let listening = try await notifying()
        return try await database.write { db in
            try WorkItemRows.promoteStaged(stagedBy: cutoff, on: db)
            let rows = try db.query(select, days + [SQLValue(limit)]) { try WorkItemRows.item(from: $0) }
            let now = UTCTime.nowISO()
            for item in rows {
                if let client = item.clientID, listening.contains(client) {
                    let snapshot = WorkItemSnapshot(item, overdue: item.isOverdue(serviceToday: serviceToday, realToday: realToday))
                    try SQLiteCaseEventOutbox.append([.workItemAdded], on: db, clientID: client.rawValue,
                                                     caseNumber: WorkItemSnapshot.orderingKey(item.subject), at: now,
                                                     progressJSON: try snapshot.json())
                }
                try db.execute("UPDATE work_items SET announced = 1 WHERE subject_type = ? AND subject_id = ? AND kind = ?",
                               [.text(item.subject.type.rawValue), .text(item.subject.id), .text(item.kind.rawValue)])
            }
            return rows.count
        }
    }
}

/// A work item as an outbox event holds it (the `progress` column of `case_events`): what
/// the queue showed when it was announced, so a later change does not rewrite the event.
struct WorkItemSnapshot: Codable {
    var kind: String
    var rule: String
    var clientID: String?
    var subjectType: String
    var subjectID: String
    var dueDate: String
    var visibleFrom: String?
    var clock: String
    var title: String
    var action: String
    var overdue: Bool

    init(_ item: WorkItem, overdue: Bool) {
        kind = item.kind.rawValue
        rule = item.rule
        clientID = item.clientID?.rawValue
        subjectType = item.subject.type.rawValue
        subjectID = item.subject.id
        dueDate = item.dueDate.iso
        visibleFrom = item.visibleFrom?.iso
        clock = item.clock.rawValue
        title = item.title
        action = item.action
        self.overdue = overdue
    }

    /// Events of a case's items keep their place among the case's own events; other
    /// subjects are ordered on their own.
    static func orderingKey(_ subject: WorkSubject) -> String {
        subject.type == .case ? subject.id : subject.type.rawValue + ":" + subject.id
    }

    func json() throws -> String {
        String(decoding: try JSONEncoder().encode(self), as: UTF8.self)
    }

    static func payload(fromJSON text: String) throws -> CaseEventPayload {
        let s = try JSONDecoder().decode(WorkItemSnapshot.self, from: Data(text.utf8))
        guard let kind = WorkItemKind(rawValue: s.kind), let type = WorkSubject.SubjectType(rawValue: s.subjectType),
              let due = CivilDate(storedISO: s.dueDate) else { throw RowDecodingError.invalid(column: "case_events.progress") }
        let item = WorkItem(kind: kind, rule: s.rule, clientID: s.clientID.map(ClientID.init), subject: WorkSubject(type, s.subjectID),
                            dueDate: due, visibleFrom: s.visibleFrom.flatMap(CivilDate.init(storedISO:)),
                            clock: WorkClock(rawValue: s.clock) ?? .service, title: s.title, action: s.action)
        return .workItem(item, overdue: s.overdue)
    }
}
