import AgentCore
import Crypto
import Foundation
import Testing
@testable import Storage

@Suite struct WorkQueueStoreTests {
    static let planner = WorkItemPlanner(federal: FederalCalendar(), users: UserWorkPolicy(curriculumVersion: "2026.1", passwordMaxAgeDays: 0),
                                         outages: { [] })

    static func date(_ iso: String) -> CivilDate { CivilDate(iso: iso) ?? .referenceDate }

    static func item(_ kind: WorkItemKind, _ id: String, due: String, client: String? = "a", from: String? = nil,
                     clock: WorkClock = .service) -> WorkItem {
        WorkItem(kind: kind, rule: "R", clientID: client.map(ClientID.init), subject: WorkSubject(.case, id), dueDate: date(due),
                 visibleFrom: from.map(date), clock: clock, title: "t", action: "a")
    }

    static func query(_ scope: AccessScope = .allClients, today: String = "2026-06-01", real: String = "2026-06-01",
                      limit: Int = 50, cursor: String? = nil) -> WorkQueueQuery {
        WorkQueueQuery(scope: scope, clientID: nil, kinds: [], dueBefore: nil, serviceToday: date(today), realToday: date(real),
                       limit: limit, cursor: cursor)
    }

    @Test("Soonest first, ties by kind then subject id, paged by an opaque keyset cursor")
    func test_orderAndKeysetPaging() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let database = try await Database.open(path: dir.file("queue.sqlite"))
        let queue = SQLiteWorkQueue(database: database, planner: Self.planner)
        let items = [Self.item(.tncDecision, "3", due: "2026-05-02"), Self.item(.caseToClose, "9", due: "2026-05-02"),
                     Self.item(.caseToClose, "1", due: "2026-05-02"), Self.item(.draftNotSubmitted, "5", due: "2026-04-30"),
                     Self.item(.referralOpen, "2", due: "2026-07-01")]
        try await database.write { db in for item in items { try WorkItemRows.insert(item, on: db) } }
        var seen: [String] = []
        var cursor: String?
        repeat {
            let page = try await queue.items(Self.query(limit: 2, cursor: cursor))
            seen += page.items.map { "\($0.kind.rawValue) \($0.subject.id)" }
            cursor = page.nextCursor
        } while cursor != nil
        #expect(seen == ["DRAFT_NOT_SUBMITTED 5", "CASE_TO_CLOSE 1", "CASE_TO_CLOSE 9", "TNC_DECISION 3", "REFERRAL_OPEN 2"])
        await #expect(throws: RepositoryError.invalidCursor) { _ = try await queue.items(Self.query(cursor: "c12")) }
        await database.close()
    }

    @Test("A client's scope sees its own items only; items show from their day on their own clock")
    func test_scopeAndVisibility() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let database = try await Database.open(path: dir.file("queue.sqlite"))
        let queue = SQLiteWorkQueue(database: database, planner: Self.planner)
        let items = [Self.item(.tncDecision, "a1", due: "2026-06-10"), Self.item(.tncDecision, "b1", due: "2026-06-10", client: "b"),
                     Self.item(.trainingRequired, "staff", due: "2026-06-10", client: nil),
                     Self.item(.continuanceOver60, "a2", due: "2026-06-02", from: "2026-06-02"),
                     Self.item(.passwordExpiring, "a3", due: "2026-06-20", from: "2026-06-06", clock: .real)]
        try await database.write { db in for item in items { try WorkItemRows.insert(item, on: db) } }
        let own = try await queue.items(Self.query(.client(ClientID("a")))).items.map(\.subject.id)
        #expect(own == ["a1"])
        #expect(try await queue.items(Self.query()).items.count == 3)
        // The simulated date shows the CASE-9 flag; only the real date shows the password notice.
        let later = try await queue.items(Self.query(.client(ClientID("a")), today: "2026-06-30", real: "2026-06-06")).items
        #expect(later.map(\.subject.id) == ["a2", "a1", "a3"])
        await database.close()
    }

    @Test("Items commit with the case write: a refused create leaves none behind")
    func test_itemsShareTheCaseTransaction() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (database, _, client, user) = try await CaseRepositoryTests.open(dir)
        let cipher = try FieldCipher(keys: [1: FieldCipher.generateKey()], currentKeyID: 1)
        let cases = SQLiteCaseRepository(database: database, cipher: cipher, indexKey: SecureRandom.bytes(32), workItems: Self.planner)
        let audit = AuditEvent(actor: .user(user), clientID: client, action: "case.create", objectType: "case", objectID: nil,
                               sourceIP: nil, requestID: nil)
        var input = CaseRepositoryTests.input()
        input.dateOfHire = Self.date("2026-05-29")
        let stored = try await cases.create(clientID: client, createdBy: user, input: input, ssn: "151-20-1001",
                                            today: Self.date("2026-05-29"), audit: audit) { _ in }
        // A new draft's items are staged first (StagedWorkItemTests); either table counts.
        let count = { try await database.read {
            try $0.scalar("SELECT (SELECT count(*) FROM work_items) + (SELECT count(*) FROM staged_work_items)")?.int64Value ?? -1
        } }
        #expect(try await count() == 2)   // DRAFT_NOT_SUBMITTED and DRAFT_AUTO_CLOSE
        await #expect(throws: RepositoryError.self) {
            _ = try await cases.create(clientID: client, createdBy: user, input: input, ssn: "151-20-1001", today: Self.date("2026-05-29"),
                                       audit: audit) { _ in throw RepositoryError.conflict(field: "ssn", message: "duplicate") }
        }
        #expect(try await count() == 2)
        _ = try await cases.update(stored.caseNumber, scope: .allClients, audit: audit) { c in
            try CaseWorkflow.close(CaseClosure(reason: .incorrectData, currentlyEmployed: nil, otherReasonDescription: nil,
                                               currentlyEmployedReasonDescription: nil, closedOn: Self.date("2026-05-29")), &c.progress)
        }
        #expect(try await count() == 0)
        await database.close()
    }

    /// A store with one roster hire (waiting for its case) and the cases beside it.
    struct RosterDesk {
        let database: Database
        let cases: SQLiteCaseRepository
        let client: ClientID
        let user: UserID
        let audit: AuditEvent

        /// The hires' items in the queue (CASE_NOT_CREATED).
        func hireItems() async throws -> Int64 {
            try await database.read { try $0.scalar("SELECT count(*) FROM work_items WHERE subject_type = 'hire'")?.int64Value ?? -1 }
        }

        /// A draft for a hire of `today`, without an employee id.
        func createCase(ssn: String, today: CivilDate) async throws -> StoredCase {
            var input = CaseRepositoryTests.input()
            input.dateOfHire = today
            input.employerCaseID = nil
            return try await cases.create(clientID: client, createdBy: user, input: input, ssn: ssn, today: today, audit: audit) { _ in }
        }
    }

    static func rosterDesk(_ dir: TemporaryDirectory, hire employeeID: String, ssn: String?) async throws -> RosterDesk {
        let (database, _, client, user) = try await CaseRepositoryTests.open(dir)
        let cipher = try FieldCipher(keys: [1: FieldCipher.generateKey()], currentKeyID: 1)
        let indexKey = SecureRandom.bytes(32)
        let cases = SQLiteCaseRepository(database: database, cipher: cipher, indexKey: indexKey, workItems: Self.planner)
        let roster = SQLiteHireRoster(database: database, cipher: cipher, indexKey: indexKey, workItems: Self.planner)
        let audit = AuditEvent(actor: .user(user), clientID: client, action: "test", objectType: "case", objectID: nil,
                               sourceIP: nil, requestID: nil)
        _ = try await roster.add(RosterHire(id: "", clientID: client, employeeID: employeeID, firstName: "Hal", lastName: "Hire", ssn: ssn,
                                            dateOfHire: Self.date("2026-05-29"), createdAt: ""), audit: audit)
        return RosterDesk(database: database, cases: cases, client: client, user: user, audit: audit)
    }

    @Test("HIRE-5: a case update that gives the case a roster hire's employee id settles the hire's item; other changes leave it")
    func test_updateMatchingAHireSettlesIt() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let desk = try await Self.rosterDesk(dir, hire: "E-9", ssn: nil)
        #expect(try await desk.hireItems() == 1)
        let draft = try await desk.createCase(ssn: "151-20-1001", today: Self.date("2026-05-29"))
        #expect(try await desk.hireItems() == 1)
        _ = try await desk.cases.update(draft.caseNumber, scope: .allClients, audit: desk.audit) { $0.input.lastName = "Other" }
        #expect(try await desk.hireItems() == 1)
        _ = try await desk.cases.update(draft.caseNumber, scope: .allClients, audit: desk.audit) { $0.input.employerCaseID = "E-9" }
        #expect(try await desk.hireItems() == 0)
        await desk.database.close()
    }

    @Test("HIRE-5: a new case with a roster hire's SSN settles the hire's item; a case with another SSN does not")
    func test_createMatchingAHireBySSNSettlesIt() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let desk = try await Self.rosterDesk(dir, hire: "E-10", ssn: "151-20-1002")
        _ = try await desk.createCase(ssn: "151-20-1001", today: Self.date("2026-05-29"))
        #expect(try await desk.hireItems() == 1)
        _ = try await desk.createCase(ssn: "151-20-1002", today: Self.date("2026-05-29"))
        #expect(try await desk.hireItems() == 0)
        await desk.database.close()
    }

    @Test("Replacing a subject's items writes only what differs: same items touch no row, a moved date updates its row only")
    func test_replaceWritesOnlyWhatDiffers() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let database = try await Database.open(path: dir.file("queue.sqlite"))
        let subject = WorkSubject(.case, "7")
        let draft = Self.item(.draftNotSubmitted, "7", due: "2026-05-02"), review = Self.item(.reviewPending, "7", due: "2026-05-04")
        // Every row written or deleted leaves a line in a temporary table.
        let touched = { try await database.write { db in
            try db.query("SELECT what FROM temp.touched ORDER BY rowid") { $0.string(at: 0) ?? "" }
        } }
        try await database.write { db in
            try db.execute("""
                CREATE TEMP TABLE touched (what TEXT);
                CREATE TEMP TRIGGER work_items_added AFTER INSERT ON work_items BEGIN INSERT INTO touched VALUES ('+' || new.kind); END;
                CREATE TEMP TRIGGER work_items_removed AFTER DELETE ON work_items BEGIN INSERT INTO touched VALUES ('-' || old.kind); END;
                CREATE TEMP TRIGGER work_items_changed AFTER UPDATE ON work_items BEGIN INSERT INTO touched VALUES ('~' || new.kind); END;
                PRAGMA recursive_triggers = ON;
                """)
            try WorkItemRows.replace(on: db, subject: subject, items: [draft, review])
            // A stored kind this version no longer knows is not kept.
            try db.execute("""
                INSERT INTO work_items (subject_type, subject_id, kind, rule, client_id, due_date, clock, title, action, announced)
                VALUES ('case', '7', 'RETIRED_KIND', 'R', 'a', '2026-05-01', 'service', 't', 'a', 1)
                """)
            try db.execute("DELETE FROM temp.touched")
            try WorkItemRows.replace(on: db, subject: subject, items: [draft, review])
        }
        #expect(try await touched() == ["-RETIRED_KIND"])
        let moved = Self.item(.reviewPending, "7", due: "2026-05-05")
        try await database.write { db in
            try db.execute("DELETE FROM temp.touched")
            try WorkItemRows.replace(on: db, subject: subject, items: [draft, moved])
        }
        #expect(try await touched() == ["~REVIEW_PENDING"])
        try await database.write { db in
            try db.execute("DELETE FROM temp.touched")
            try WorkItemRows.replace(on: db, subject: subject, items: [moved])
        }
        #expect(try await touched() == ["-DRAFT_NOT_SUBMITTED"])
        let stored = try await database.read { db in
            try db.query("SELECT \(WorkItemRows.columns) FROM work_items", row: WorkItemRows.item(from:))
        }
        #expect(stored == [moved])
        await database.close()
    }
}

/// The planner's memo of the last client calendar answers from the columns' text only.
@Suite struct ClientCalendarMemoTests {
    @Test func aChangedColumnGivesTheNewCalendar() throws {
        let memo = WorkItemPlanner.CalendarMemo()
        let mondays = memo.calendar(days: #"["MON"]"#, closed: nil)
        #expect(mondays.weekdays == [.monday])
        #expect(memo.calendar(days: #"["MON"]"#, closed: nil) == mondays)
        let closed = memo.calendar(days: #"["MON"]"#, closed: #"["2026-12-07"]"#)
        #expect(closed.weekdays == [.monday])
        #expect(closed.closedDates == [try #require(CivilDate(iso: "2026-12-07"))])
        #expect(memo.calendar(days: #"["TUE","WED"]"#, closed: #"["2026-12-07"]"#).weekdays == [.tuesday, .wednesday])
        // No weekday at all is the default week, as before the memo.
        #expect(memo.calendar(days: "[]", closed: nil) == EmployerCalendar())
        #expect(memo.calendar(days: nil, closed: nil) == EmployerCalendar())
    }
}
