import AgentCore
import HTTPCore
import Logging
import Storage

/// RET-1..3 wired from the storage the service opened: the repositories, the daily purge
/// and the routes, so the service adds them with three lines.
struct RetentionWiring: Sendable {
    let retention: SQLiteRetention
    let roster: SQLiteHireRoster
    let dates: RetentionDates
    let purge: PurgeJob

    init(database: Database, storage: StorageSetup, cases: any CaseRepository, planner: WorkItemPlanner, logger: Logger) {
        retention = SQLiteRetention(database: database, cipher: storage.fieldCipher, cases: cases as? SQLiteCaseRepository)
        roster = SQLiteHireRoster(database: database, cipher: storage.fieldCipher, indexKey: storage.blindIndexKey, workItems: planner)
        dates = RetentionDates(cases: cases, roster: roster)
        purge = PurgeJob(retention: retention, logger: logger)
    }

    var dailyJobs: [DailyJob] {
        let purge = self.purge
        return [DailyJob(name: "RET-2 purge") { today in try await purge.run(today: today) }]
    }

    func register(on router: RouterBuilder<AgentContext>, identity: any IdentityRepository, auth: Authenticator) {
        RetentionRoutes(retention: retention, roster: roster, dates: dates, identity: identity, auth: auth).register(on: router)
    }
}
