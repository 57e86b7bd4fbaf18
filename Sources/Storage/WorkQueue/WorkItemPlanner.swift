import AgentCore
import Foundation
import Synchronization

/// Turns a stored change into its work items inside the change's own write job: reads
/// what the pure rules need (the client's calendar and settings) on the same connection,
/// asks the rules of `AgentCore/WorkQueue`, and writes the rows. The repositories call
/// one method of it; they never know a rule.
public struct WorkItemPlanner: Sendable {
    let federal: FederalCalendar
    /// The government-side outage windows as whole dates (HIRE-2 stops for them).
    let outages: @Sendable () -> [ClosedRange<CivilDate>]
    let users: UserWorkPolicy
    private let calendars = CalendarMemo()

    public init(federal: FederalCalendar, users: UserWorkPolicy, outages: @escaping @Sendable () -> [ClosedRange<CivilDate>]) {
        self.federal = federal
        self.users = users
        self.outages = outages
    }

    /// How a case write came about, so the planner does only what it can change.
    public enum CaseWrite: Sendable {
        /// A new case: it has no items yet, and the roster hires it matches (read by the
        /// creation already) no longer wait for a case.
        case created(matchingHires: [String])
        /// A changed case; `keysChanged` when its employee id or SSN changed (only then can
        /// it match a roster hire it did not match before).
        case updated(keysChanged: Bool)
        /// Items computed again from the case as it is (no knowledge of what changed).
        case recomputed
    }

    /// A case was created or changed: its items now, and the roster hire it matches (if
    /// any) no longer waits for a case (HIRE-5).
    public func caseChanged(_ c: StoredCase, _ write: CaseWrite = .recomputed, on db: Connection) throws {
        let client = try clientSettings(c.clientID, on: db)
        let context = CaseWorkContext(employer: client.employer, federal: federal, outages: outages(), reviewRequired: client.review)
        let items = CaseWorkItems.items(for: c, context: context)
        switch write {
        case .created(let hires):
            // A new draft's items wait in the staging table: most drafts made through the
            // API are submitted at once, and their items would only be written to be deleted.
            if c.progress.status == .draft {
                try WorkItemRows.stage(items, at: UTCTime.nowISO(), on: db)
            } else {
                for item in items { try WorkItemRows.insert(item, on: db) }
            }
            try settle(hires: Set(hires), on: db)
        case .updated(let keysChanged):
            try WorkItemRows.replace(on: db, subject: CaseWorkItems.subject(c), items: items)
            if keysChanged { try settleMatchingHire(c, on: db) }
        case .recomputed:
            try WorkItemRows.replace(on: db, subject: CaseWorkItems.subject(c), items: items)
            try settleMatchingHire(c, on: db)
        }
        // FED-2 and FED-4: an existing employee's case settles their assignment and starts the workforce.
        if c.input.existingEmployee == true { try FederalWorkPlanner.existingEmployeeCase(c, on: db) }
    }

    /// HIRE-5: the roster hire the case matches by employee id or SSN has its case now.
    private func settleMatchingHire(_ c: StoredCase, on db: Connection) throws {
        // Two indexed lookups rather than one OR, which would scan the client's whole roster;
        // read as plain joins, then deleted by key. (One DELETE … IN (… UNION …) built two
        // temporary tables on every case write, and most cases match no hire.)
        var matched: Set<String> = []
        for lookup in Self.matchingHires {
            for id in try db.query(lookup, [.text(c.caseNumber)], row: { $0.string(at: 0) }) { if let id { matched.insert(id) } }
        }
        try settle(hires: matched, on: db)
    }

    /// HIRE-5: these roster hires have their case now, so none waits for one any more.
    private func settle(hires ids: Set<String>, on db: Connection) throws {
        for id in ids { try WorkItemRows.delete(kind: WorkItemKind.caseNotCreated.rawValue, of: WorkSubject(.hire, id), on: db) }
    }

    private static let matchingHires = [
        "SELECT h.id FROM cases c JOIN hires h ON h.client_id = c.client_id AND h.employee_id = c.employer_case_id WHERE c.case_number = ?",
        "SELECT h.id FROM cases c JOIN hires h ON h.client_id = c.client_id AND h.ssn_index = c.ssn_index WHERE c.case_number = ?",
    ]

    /// A hire joined the roster: it waits for a case unless one matches already.
    public func hireAdded(_ hire: RosterHire, on db: Connection) throws {
        let matched = try db.scalar("""
            SELECT EXISTS (SELECT 1 FROM hires h JOIN cases c ON c.client_id = h.client_id AND c.employer_case_id = h.employee_id
                           WHERE h.id = ?)
                OR EXISTS (SELECT 1 FROM hires h JOIN cases c ON c.client_id = h.client_id AND c.ssn_index = h.ssn_index
                           WHERE h.id = ?)
            """, [.text(hire.id), .text(hire.id)])?.int64Value == 1
        let client = try clientSettings(hire.clientID, on: db)
        let items = matched ? [] : [CaseNotCreated.item(for: hire, employer: client.employer, outages: outages())]
        try WorkItemRows.replace(on: db, subject: WorkSubject(.hire, hire.id), items: items)
    }

    /// A user was created or changed, or recorded a test: their account's items now.
    public func userChanged(_ id: UserID, on db: Connection) throws {
        guard let user = try db.queryFirst("SELECT \(SQLiteIdentityRepository.userColumns) FROM users WHERE id = ?",
                                           [.text(id.rawValue)], row: { SQLiteIdentityRepository.user(from: $0).item }) else { return }
        let versions = try db.query("SELECT DISTINCT curriculum_version FROM training_records WHERE user_id = ? AND passed = 1",
                                    [.text(id.rawValue)]) { $0.string(at: 0) ?? "" }
        let standing: TrainingStanding = versions.contains(users.curriculumVersion) ? .current
            : versions.isEmpty ? .never : .earlierVersionOnly
        try WorkItemRows.replace(on: db, subject: WorkSubject(.user, id.rawValue),
                                 items: UserWorkItems.items(for: user, training: standing, policy: users))
    }

    struct ClientSettings {
        var employer: EmployerCalendar
        var review: Bool
    }

    func clientSettings(_ id: ClientID, on db: Connection) throws -> ClientSettings {
        try db.queryFirst("SELECT employer_business_days, employer_closed_dates, require_secondary_review FROM clients WHERE id = ?",
                          [.text(id.rawValue)]) { row in
            ClientSettings(employer: calendars.calendar(days: row.string(at: 0), closed: row.string(at: 1)), review: row.int64(at: 2) != 0)
        } ?? ClientSettings(employer: EmployerCalendar(), review: false)
    }

    /// The calendar last decoded from a client's two columns, kept with their text: every
    /// case change reads its client's row, and decoding it (weekdays, dates, two sets) cost
    /// more than the read. Keyed by the text just read, so it is never stale.
    final class CalendarMemo: Sendable {
        private let last = Mutex<(days: String?, closed: String?, calendar: EmployerCalendar)?>(nil)

        func calendar(days: String?, closed: String?) -> EmployerCalendar {
            if let known = last.withLock({ $0 }), known.days == days, known.closed == closed { return known.calendar }
            let closedDates = Set(RowCodec.strings(closed).compactMap(RowCodec.date))
            let weekdays = Set(RowCodec.strings(days).compactMap(Weekday.init(rawValue:)))
            let calendar = EmployerCalendar(weekdays: weekdays, closedDates: closedDates) ?? EmployerCalendar(closedDates: closedDates)
            last.withLock { $0 = (days, closed, calendar) }
            return calendar
        }
    }
}
