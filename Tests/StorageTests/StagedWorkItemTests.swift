import AgentCore
import Crypto
import Foundation
import Testing
@testable import Storage

/// A new draft's items wait in `staged_work_items` until the queue is read or they have
/// waited the staging time; a draft changed before then never writes them to the queue.
@Suite struct StagedWorkItemTests {
    typealias Store = WorkQueueStoreTests

    struct Desk {
        let database: Database
        let cases: SQLiteCaseRepository
        let client: ClientID
        let audit: AuditEvent
        let user: UserID

        func draft(ssn: String = "151-20-1001") async throws -> StoredCase {
            var input = CaseRepositoryTests.input()
            input.dateOfHire = Store.date("2026-05-29")
            return try await cases.create(clientID: client, createdBy: user, input: input, ssn: ssn,
                                          today: Store.date("2026-05-29"), audit: audit) { _ in }
        }

        func count(_ table: String) async throws -> Int64 {
            try await database.read { try $0.scalar("SELECT count(*) FROM \(table)")?.int64Value ?? -1 }
        }
    }

    static func desk(_ dir: TemporaryDirectory) async throws -> Desk {
        let (database, _, client, user) = try await CaseRepositoryTests.open(dir)
        let cipher = try FieldCipher(keys: [1: FieldCipher.generateKey()], currentKeyID: 1)
        let cases = SQLiteCaseRepository(database: database, cipher: cipher, indexKey: SecureRandom.bytes(32), workItems: Store.planner)
        let audit = AuditEvent(actor: .user(user), clientID: client, action: "case.create", objectType: "case", objectID: nil,
                               sourceIP: nil, requestID: nil)
        return Desk(database: database, cases: cases, client: client, audit: audit, user: user)
    }

    static func query(_ today: String = "2026-05-29") -> WorkQueueQuery {
        Store.query(today: today, real: today)
    }

    @Test("A new draft's items are staged; a read of the queue moves them in and shows them")
    func test_readOfTheQueuePromotes() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let desk = try await Self.desk(dir)
        let queue = SQLiteWorkQueue(database: desk.database, planner: Store.planner, stagingSeconds: 3600)
        let draft = try await desk.draft()
        #expect(try await desk.count("work_items") == 0)
        #expect(try await desk.count("staged_work_items") == 2)   // DRAFT_NOT_SUBMITTED and DRAFT_AUTO_CLOSE
        let shown = try await queue.items(Self.query()).items
        #expect(shown.map(\.kind) == [.draftNotSubmitted])   // CASE-7's warning shows months later
        #expect(shown.first?.subject == WorkSubject(.case, draft.caseNumber))
        #expect(try await desk.count("work_items") == 2)
        #expect(try await desk.count("staged_work_items") == 0)
        // Moved in as not yet announced, like an item written at once.
        let unannounced = try await desk.database.read { try $0.scalar("SELECT count(*) FROM work_items WHERE announced = 0")?.int64Value }
        #expect(unannounced == 2)
        await desk.database.close()
    }

    @Test("A draft changed before its items are promoted never writes them to the queue's table")
    func test_changedDraftSkipsTheQueue() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let desk = try await Self.desk(dir)
        let queue = SQLiteWorkQueue(database: desk.database, planner: Store.planner, stagingSeconds: 3600)
        try await desk.database.write { db in
            try db.execute("CREATE TEMP TABLE touched (what TEXT)")
            try db.execute("CREATE TEMP TRIGGER staged_test_added AFTER INSERT ON work_items BEGIN INSERT INTO touched VALUES (new.kind); END")
        }
        let draft = try await desk.draft()
        _ = try await desk.cases.update(draft.caseNumber, scope: .allClients, audit: desk.audit) { c in
            try CaseWorkflow.close(CaseClosure(reason: .incorrectData, currentlyEmployed: nil, otherReasonDescription: nil,
                                               currentlyEmployedReasonDescription: nil, closedOn: Store.date("2026-05-29")), &c.progress)
        }
        #expect(try await desk.count("staged_work_items") == 0)
        #expect(try await queue.items(Self.query()).items.isEmpty)
        let touched = try await desk.database.write { try $0.query("SELECT what FROM touched") { $0.string(at: 0) } }
        #expect(touched.isEmpty)
        // A change that keeps it a draft writes its items to the queue at once.
        let second = try await desk.draft(ssn: "151-20-1002")
        _ = try await desk.cases.update(second.caseNumber, scope: .allClients, audit: desk.audit) { $0.input.lastName = "Other" }
        #expect(try await desk.count("staged_work_items") == 0)
        #expect(try await desk.count("work_items") == 2)
        await desk.database.close()
    }

    @Test("Promotion moves a bounded chunk per write, each row once; a read of the queue moves every chunk")
    func test_promotionIsChunked() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let desk = try await Self.desk(dir)
        let staged = (0..<(WorkItemRows.promotionChunk * 2 + 100)).map { Store.item(.draftNotSubmitted, String(format: "c%05d", $0), due: "2026-06-01") }
        try await desk.database.write { db in try WorkItemRows.stage(staged, at: UTCTime.nowISO(), on: db) }
        // Three rows a write: the same rows leave the staging table as enter the queue's.
        #expect(try await desk.database.write { try WorkItemRows.promoteStaged(stagedBy: nil, limit: 3, on: $0) })
        #expect(try await desk.count("work_items") == 3)
        #expect(try await desk.count("staged_work_items") == Int64(staged.count - 3))
        let moved = try await desk.database.read { try $0.query("SELECT subject_id FROM work_items ORDER BY 1") { $0.string(at: 0) } }
        #expect(moved == ["c00000", "c00001", "c00002"])
        // More than one chunk left: the read moves them all before it answers.
        let queue = SQLiteWorkQueue(database: desk.database, planner: Store.planner, stagingSeconds: 3600)
        let page = try await queue.items(Store.query(limit: 10))
        #expect(page.items.map(\.subject.id) == (0..<10).map { String(format: "c%05d", $0) })
        #expect(try await desk.count("work_items") == Int64(staged.count))
        #expect(try await desk.count("staged_work_items") == 0)
        await desk.database.close()
    }

    @Test("The announcement pass promotes what waited the staging time, and announces it; what is newer waits")
    func test_announcementPassPromotesAfterTheStagingTime() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let desk = try await Self.desk(dir)
        _ = try await desk.draft()
        let patient = SQLiteWorkQueue(database: desk.database, planner: Store.planner, stagingSeconds: 3600)
        let today = Store.date("2026-05-29")
        #expect(try await patient.announceShown(serviceToday: today, realToday: today, notifying: { [] }, limit: 50) == 0)
        #expect(try await desk.count("staged_work_items") == 2)
        let prompt = SQLiteWorkQueue(database: desk.database, planner: Store.planner, stagingSeconds: 0)
        #expect(try await prompt.announceShown(serviceToday: today, realToday: today, notifying: { [] }, limit: 50) == 1)
        #expect(try await desk.count("staged_work_items") == 0)
        let marks = try await desk.database.read {
            try $0.query("SELECT kind, announced FROM work_items ORDER BY kind") { "\($0.string(at: 0) ?? "") \($0.int(at: 1))" }
        }
        #expect(marks == ["DRAFT_AUTO_CLOSE 0", "DRAFT_NOT_SUBMITTED 1"])
        await desk.database.close()
    }
}
