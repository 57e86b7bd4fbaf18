import AgentCore
import Foundation
import Testing
@testable import Storage

/// `work_queue.item_added`: an item becomes one outbox event when it first shows, in the
/// write that marks it; re-planning the same item never announces it again.
@Suite struct WorkItemAnnouncementTests {
    typealias Store = WorkQueueStoreTests

    @Test("Each item is announced once, on its own clock's day, only for listening clients; re-planning keeps the mark")
    func test_itemsAnnouncedOnceWhenShown() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let database = try await Database.open(path: dir.file("queue.sqlite"))
        let queue = SQLiteWorkQueue(database: database, planner: Store.planner)
        let outbox = SQLiteCaseEventOutbox(database: database)
        let now = Store.item(.tncDecision, "a1", due: "2026-06-10")
        let later = Store.item(.continuanceOver60, "a2", due: "2026-06-12", from: "2026-06-12")
        let realLater = Store.item(.passwordExpiring, "a3", due: "2026-06-20", from: "2026-06-06", clock: .real)
        let silent = Store.item(.tncDecision, "b1", due: "2026-06-10", client: "b")
        let staff = Store.item(.trainingRequired, "staff", due: "2026-06-10", client: nil)
        try await database.write { db in
            for item in [now, later, realLater, silent, staff] {
                try WorkItemRows.replace(on: db, subject: item.subject, items: [item])
            }
        }
        let listening: Set<ClientID> = [ClientID("a")]
        func announce(service: String, real: String) async throws -> Int {
            try await queue.announceShown(serviceToday: Store.date(service), realToday: Store.date(real), notifying: { listening }, limit: 500)
        }
        // Service date far ahead, real date not: the real-clock item still waits.
        #expect(try await announce(service: "2026-06-01", real: "2026-06-01") == 3)
        var events = try await outbox.pending(limit: 10)
        #expect(events.map(\.kind) == [.workItemAdded])
        guard case .workItem(let item, let overdue) = events.first?.payload else { Issue.record("no item payload"); return }
        #expect(item == now && !overdue)
        #expect(events.first?.caseNumber == "a1")
        #expect(try await announce(service: "2026-06-01", real: "2026-06-01") == 0)

        // Re-planned (a due date moved): the same kind stays announced.
        let moved = Store.item(.tncDecision, "a1", due: "2026-06-11")
        try await database.write { db in try WorkItemRows.replace(on: db, subject: moved.subject, items: [moved]) }
        #expect(try await announce(service: "2026-07-01", real: "2026-06-01") == 1)
        events = try await outbox.pending(limit: 10)
        #expect(events.count == 2)
        guard case .workItem(let shownLater, let lateOverdue) = events.last?.payload else { Issue.record("no item payload"); return }
        #expect(shownLater.kind == .continuanceOver60 && lateOverdue)
        #expect(events.map(\.sequence) == [1, 2])

        #expect(try await announce(service: "2026-07-01", real: "2026-06-06") == 1)
        events = try await outbox.pending(limit: 10)
        #expect(events.last.map { $0.caseNumber } == "a3")
        // Settled and raised again: a new item, announced again.
        try await database.write { db in
            try WorkItemRows.replace(on: db, subject: now.subject, items: [])
            try WorkItemRows.replace(on: db, subject: now.subject, items: [now])
        }
        #expect(try await announce(service: "2026-07-01", real: "2026-06-06") == 1)
        #expect(try await outbox.pending(limit: 10).count == 4)
        await database.close()
    }

    /// Each pass asks this every 100 ms: it must search the index, never scan it (a scan
    /// read every future item, so its cost grew with the cases stored).
    @Test("The shown-unannounced query searches the partial index in bounded ranges")
    func shownUnannouncedQuerySearches() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let database = try await Database.open(path: dir.file("plan.sqlite"))
        let plan = try await database.read { db in
            try db.query("EXPLAIN QUERY PLAN " + SQLiteWorkQueue.shownUnannounced,
                         [.text("2026-12-04"), .text("2026-12-04"), .text("2026-12-04"), .integer(10)]) { $0.string(at: 3) ?? "" }
        }
        let steps = plan.filter { $0.contains("work_items") }
        #expect(steps.count == 2 && steps.allSatisfy { $0.hasPrefix("SEARCH") }, "\(plan)")
        await database.close()
    }
}

