import AgentCore
import Logging
import Storage

/// The work-queue planning that no single write covers. Each write plans its own
/// subject's items in its transaction; these re-plan after changes that move other
/// subjects' dates, and at start.
///
/// Why this is enough: every date an item holds comes from the subject's own record and
/// the calendars, except HIRE-2's clock, which also moves with outage windows and the
/// client's business days and review setting, and the user items, which follow the
/// configuration. Those four causes re-plan here; `overdue` and "shown from" are compared
/// with today at read time, so the passing of days needs no job at all. A crash between
/// an outage change and its re-plan is healed at the next start, which re-plans when the
/// outage windows differ from the last start's; one between a client change and its
/// re-plan stays until the client or an outage changes again.
///
/// A re-plan that fails (a row that cannot be read) is logged and leaves the items as they
/// were: the change that caused it has committed, and the service must start and answer.
struct WorkQueuePlanning: Sendable {
    let cases: any CaseRepository
    let queue: SQLiteWorkQueue
    let work: BackgroundWorkStore
    let logger: Logger

    /// The once-only fill of the queue for cases stored before it existed, then the
    /// re-plans a restart needs. Users are few and always re-planned (the configuration may
    /// have changed); drafts and hires only when `hireClockInputs` (the outage windows) differ
    /// from the last start's, since re-planning every draft costs a read of each.
    func atStart(hireClockInputs: String) async {
        await attempt("users") { try await queue.replanUsers() }
        await attempt("fill") {
            guard try await !work.hasRun(job: "work-queue-fill", item: "0008") else { return }
            for status in CaseStatus.allCases where status != .closed && status != .draft {
                try await eachPage(status: status, clientID: nil) { try await queue.replan(cases: $0) }
            }
            try await replanHireClocks(clientID: nil)
            try await work.recordRun(job: "work-queue-fill", item: "0008", on: CivilDate.referenceDate)
            try await work.recordRun(job: "work-queue-hire-clocks", item: hireClockInputs, on: CivilDate.referenceDate)
        }
        await attempt("hire clocks") {
            guard try await !work.hasRun(job: "work-queue-hire-clocks", item: hireClockInputs) else { return }
            try await replanHireClocks(clientID: nil)
            try await work.recordRun(job: "work-queue-hire-clocks", item: hireClockInputs, on: CivilDate.referenceDate)
        }
    }

    /// After an outage window or a client's profile changed (nil: every client).
    func replanAfterChange(clientID: ClientID?) async {
        await attempt("hire clocks") { try await replanHireClocks(clientID: clientID) }
    }

    private func attempt(_ stage: String, _ body: () async throws -> Void) async {
        do {
            try await body()
        } catch {
            logger.error("work queue re-plan failed", metadata: ["stage": .string(stage),
                                                                 "error_type": .string(String(describing: type(of: error)))])
        }
    }

    /// Drafts and roster hires of one client (or all): their HIRE-2 and IMG-3 items.
    /// Drafts are few beside the open cases: they live at most 180 work days (CASE-7).
    func replanHireClocks(clientID: ClientID?) async throws {
        try await eachPage(status: .draft, clientID: clientID) { try await queue.replan(cases: $0) }
        try await queue.replanHires(clientID: clientID)
    }

    /// One write per page of 200, so a large fill never holds every case in memory nor
    /// the writer for long.
    private func eachPage(status: CaseStatus, clientID: ClientID?, _ body: ([StoredCase]) async throws -> Void) async throws {
        var cursor: String?
        repeat {
            let page = try await cases.list(scope: .allClients, clientID: clientID, status: status, limit: 200, after: cursor)
            try await body(page.items)
            cursor = page.nextCursor
        } while cursor != nil
    }
}
