import AgentCore
import Foundation
import Logging
import Storage

/// Settings of the background work, from the configuration.
struct WorkerSettings: Sendable {
    var retryBaseSeconds: Double
    var retryMaxSeconds: Double
    var pollSeconds: Double
}

/// Keeps the case pipeline moving without any caller: retries queued submissions with
/// exponential backoff and jitter, polls the government side for results (TNC-8), closes
/// drafts untouched for 180 federal work days (CASE-7) and flags long continuances
/// (CASE-9). An actor, so the periodic loop and a clock jump never run it twice at once.
actor GovernmentWorker {
    private let cases: any CaseRepository
    private let work: BackgroundWorkStore
    private let gateway: any GovernmentGateway
    private let clock: any ServiceClock
    private let federal: FederalCalendar
    private let updates: GovernmentUpdates
    private let settings: WorkerSettings
    private let logger: Logger
    /// Answers kept for Idempotency-Keys, forgotten after `IdempotencyPolicy.retentionSeconds`.
    private let idempotency: (any IdempotencyRepository)?
    private var lastPollMs: Int64 = 0
    private var lastExpiryMs: Int64 = 0
    /// CASE-7 and CASE-9 depend only on the date: they run once per service-clock day (and
    /// whenever the simulated clock is moved).
    private var lastScheduledDay: CivilDate?
    /// Other once-a-day jobs on the service clock (the RET-2 purge), each run on its own
    /// stage so a failing one holds back neither CASE-7/9 nor the others.
    private let dailyJobs: [DailyJob]
    private var lastDailyJobsDay: CivilDate?
    private var loop: Task<Void, Never>?
    private var generator = SystemRandomNumberGenerator()

    init(cases: any CaseRepository, work: BackgroundWorkStore, gateway: any GovernmentGateway, clock: any ServiceClock,
         federal: FederalCalendar, updates: GovernmentUpdates, settings: WorkerSettings, logger: Logger,
         idempotency: (any IdempotencyRepository)? = nil, dailyJobs: [DailyJob] = []) {
        self.cases = cases
        self.work = work
        self.gateway = gateway
        self.clock = clock
        self.federal = federal
        self.updates = updates
        self.settings = settings
        self.logger = logger
        self.idempotency = idempotency
        self.dailyJobs = dailyJobs
    }

    /// Runs `runOnce` about every second until `stop()`.
    func start() {
        guard loop == nil else { return }
        // The first poll comes one interval after the start, like every later one: a poll
        // at a moment that depends on how fast the process started would draw from the
        // simulator's seeded failures at an unforeseeable place in their sequence.
        lastPollMs = UTCTime.nowMilliseconds()
        loop = Task { [weak self] in
            while !Task.isCancelled {
                await self?.runOnce(force: false)
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    func stop() {
        loop?.cancel()
        loop = nil
    }

    /// One pass over everything due. `force` also retries every queued submission now and
    /// polls at once (the simulated clock moved, or an outage ended).
    func runOnce(force: Bool) async {
        let now = UTCTime.nowMilliseconds()
        // Each stage on its own: one that fails (a row that cannot be read, say) must not
        // hold back the others, e.g. retries and polling for every other client.
        // Date-driven jobs first: they need no government side, so an outage never delays them.
        await stage("scheduled jobs", now: now) {
            let today = try await clock.today()
            if force || lastScheduledDay != today {
                try await runScheduledJobs(today: today)
                lastScheduledDay = today
            }
        }
        await stage("daily jobs", now: now) {
            let today = try await clock.today()
            if force || lastDailyJobsDay != today {
                for job in dailyJobs { try await job.run(today) }
                lastDailyJobsDay = today
            }
        }
        if force { await stage("expedite", now: now) { try await work.expediteAll(nowMs: now) } }
        await stage("retries", now: now) { try await retryQueued(now: now, force: force) }
        // Kept answers expire on the real clock (a retry window, not a rule of the program).
        if let idempotency, now - lastExpiryMs >= 60_000 {
            lastExpiryMs = now
            await stage("idempotency expiry", now: now) {
                _ = try await idempotency.deleteExpired(beforeMs: now - IdempotencyPolicy.retentionSeconds * 1000, limit: 10_000)
            }
        }
        if force || Double(now - lastPollMs) >= settings.pollSeconds * 1000 {
            lastPollMs = now
            await stage("polling", now: now) { try await updates.apply() }
        }
    }

    /// When each stage last logged a failure: a stage failing on every pass logs once a minute.
    private var lastFailureLogMs: [String: Int64] = [:]

    private func stage(_ name: String, now: Int64, _ body: () async throws -> Void) async {
        do {
            try await body()
        } catch is GovernmentUnavailable {
            // The government side is down; queued work waits for the next pass.
        } catch {
            if let last = lastFailureLogMs[name], now - last < 60_000 { return }
            lastFailureLogMs[name] = now
            logger.error("background stage failed", metadata: ["stage": .string(name),
                                                              "error_type": .string(String(describing: type(of: error)))])
        }
    }

    private func retryQueued(now: Int64, force: Bool) async throws {
        for queued in try await work.dueSubmissions(nowMs: now) {
            // The first retry, like every later one, waits the backoff's base: a submission
            // refused a moment ago is not sent again on the very next pass (unless forced:
            // the clock moved or the outage was ended).
            if !force && queued.attempts == 0 && Double(now - queued.enqueuedAtMs) < settings.retryBaseSeconds * 1000 { continue }
            guard let stored = try await cases.find(queued.caseNumber, scope: .allClients), stored.progress.status == .queued,
                  let data = CaseData(restoring: stored.input) else { continue }
            do {
                let result = try await gateway.submit(CaseAPI.governmentRequest(stored.caseNumber, data))
                let today = try await clock.today()
                let audit = AuditEvent(actor: .system, clientID: stored.clientID, action: "case.submit_retry", objectType: "case",
                                       objectID: stored.caseNumber, sourceIP: nil, requestID: nil)
                _ = try await cases.update(stored.caseNumber, scope: .allClients, audit: audit) { c in
                    guard c.progress.status == .queued else { return }
                    CaseWorkflow.apply(result, on: today, to: &c.progress)
                }
            } catch let unavailable as GovernmentUnavailable {
                let attempts = queued.attempts + 1
                try await work.reschedule(queued.caseNumber, attempts: attempts,
                                          nextAttemptAtMs: now + Int64(backoffSeconds(attempts: attempts) * 1000), error: unavailable.reason)
            } catch let error as GovernmentRefusal {
                // Refused or not understood: the case stays queued, at the longest wait, with the
                // reason shown in `operations/government` for a person to review; never guessed.
                try await work.reschedule(queued.caseNumber, attempts: queued.attempts + 1,
                                          nextAttemptAtMs: now + Int64(settings.retryMaxSeconds * 1000), error: "refused: " + error.message)
            } catch let error as GovernmentAnswerUnrecognized {
                try await work.reschedule(queued.caseNumber, attempts: queued.attempts + 1,
                                          nextAttemptAtMs: now + Int64(settings.retryMaxSeconds * 1000), error: "for review: " + error.what)
            }
        }
    }

    /// `base · 2^(attempts−1)`, capped, with ±20% jitter so retries after an outage do not
    /// arrive all at once.
    func backoffSeconds(attempts: Int) -> Double {
        let exponential = settings.retryBaseSeconds * pow(2, Double(max(0, attempts - 1)))
        let capped = min(settings.retryMaxSeconds, exponential)
        return capped * Double.random(in: 0.8...1.2, using: &generator)
    }

    /// CASE-7 and CASE-9 on the service clock. Each effect is a conditional change in one
    /// transaction (a second run finds nothing to do), and the run is recorded per item.
    private func runScheduledJobs(today: CivilDate) async throws {
        for draft in try await allCases(status: .draft) {
            let due = Deadlines.draftAutoCloseDate(lastTouched: draft.progress.lastTouchedOn, federal: federal).date
            let item = draft.caseNumber + "@" + draft.progress.lastTouchedOn.iso
            guard today >= due, try await !work.hasRun(job: "CASE-7", item: item) else { continue }
            let audit = AuditEvent(actor: .system, clientID: draft.clientID, action: "case.auto_close", objectType: "case",
                                   objectID: draft.caseNumber, sourceIP: nil, requestID: nil)
            _ = try await cases.update(draft.caseNumber, scope: .allClients, audit: audit) { c in
                guard c.progress.status == .draft, Deadlines.draftAutoCloseDate(lastTouched: c.progress.lastTouchedOn,
                                                                                federal: self.federal).date <= today else { return }
                try CaseWorkflow.close(CaseClosure(reason: .other, currentlyEmployed: nil,
                                                   otherReasonDescription: "Closed automatically: draft untouched for 180 federal work days (CASE-7)",
                                                   currentlyEmployedReasonDescription: nil, closedOn: today), &c.progress)
            }
            try await work.recordRun(job: "CASE-7", item: item, on: today)
        }
        for waiting in try await allCases(status: .caseInContinuance) {
            guard let since = waiting.progress.continuanceSince, waiting.progress.continuanceFlaggedOn == nil else { continue }
            let due = Deadlines.continuanceFlagDate(continuanceStart: since, federal: federal).date
            let item = waiting.caseNumber + "@" + since.iso
            guard today >= due, try await !work.hasRun(job: "CASE-9", item: item) else { continue }
            let audit = AuditEvent(actor: .system, clientID: waiting.clientID, action: "case.continuance_flag", objectType: "case",
                                   objectID: waiting.caseNumber, sourceIP: nil, requestID: nil)
            _ = try await cases.update(waiting.caseNumber, scope: .allClients, audit: audit) { c in
                if c.progress.continuanceFlaggedOn == nil { c.progress.continuanceFlaggedOn = today }
            }
            try await work.recordRun(job: "CASE-9", item: item, on: today)
        }
    }

    private func allCases(status: CaseStatus) async throws -> [StoredCase] {
        var all: [StoredCase] = []
        var cursor: String?
        repeat {
            let page = try await cases.list(scope: .allClients, clientID: nil, status: status, limit: 200, after: cursor)
            all += page.items
            cursor = page.nextCursor
        } while cursor != nil
        return all
    }
}

/// A job the worker runs once per service-clock day (and whenever the simulated clock moves).
struct DailyJob: Sendable {
    let name: String
    let run: @Sendable (CivilDate) async throws -> Void
}
