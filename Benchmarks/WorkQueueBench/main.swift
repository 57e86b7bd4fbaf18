// Fills a data directory with open cases spread over a year (every case kind of the work
// queue), each written through the case repository with its work items, as the service
// writes them; then times `SQLiteWorkQueue.items` in process. scripts/bench-work-queue.sh
// then serves the same directory and times GET /api/v1/work_queue over HTTP.
//
//   work-queue-bench --data-dir DIR [--cases 100000] [--reads 2000]
import AgentAPI
import AgentCore
import Foundation
import Storage

struct Options {
    var dataDir = ""
    var cases = 100_000
    var reads = 2_000

    init(_ arguments: [String]) {
        var rest = arguments.dropFirst()
        while let flag = rest.popFirst() {
            let value = rest.popFirst() ?? ""
            switch flag {
            case "--data-dir": dataDir = value
            case "--cases": cases = Int(value) ?? cases
            case "--reads": reads = Int(value) ?? reads
            default:
                FileHandle.standardError.write(Data("usage: work-queue-bench --data-dir DIR [--cases N] [--reads N]\n".utf8))
                exit(64)
            }
        }
    }
}

func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

/// Moves a fresh draft into one open state, so the queue holds every case kind.
func progress(_ i: Int, base: CivilDate, federal: FederalCalendar) -> @Sendable (inout StoredCase) -> Void {
    let day = base.adding(days: i % 365)
    return { c in
        c.progress.status = .queued
        switch i % 5 {
        case 0: CaseWorkflow.apply(.tentativeNonconfirmation(.ssa), on: day, to: &c.progress)
        case 1:
            CaseWorkflow.apply(.tentativeNonconfirmation(.dhs), on: day, to: &c.progress)
            CaseWorkflow.refer(ReferralReceipt(referredOn: day, contactBy: federal.addingFederalWorkDays(8, to: day)), &c.progress)
        case 2: CaseWorkflow.apply(.caseInContinuance, on: day, to: &c.progress)
        case 3: CaseWorkflow.apply(.finalNonconfirmation, on: day, to: &c.progress)
        default: c.progress.status = .draft   // a draft stays: HIRE-2 and CASE-7 items
        }
    }
}

/// A date literal of this file; a bad one stops the benchmark at once.
func day(_ text: String) -> CivilDate {
    let parts = text.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 3, let date = CivilDate(year: parts[0], month: parts[1], day: parts[2]) else {
        FileHandle.standardError.write(Data("bad date \(text)\n".utf8))
        exit(70)
    }
    return date
}

let options = Options(CommandLine.arguments)
guard !options.dataDir.isEmpty else {
    FileHandle.standardError.write(Data("--data-dir is required\n".utf8))
    exit(64)
}
var configuration = try AgentConfiguration.defaults()
configuration.dataDir = options.dataDir
let storage = try await StorageSetup.open(configuration)
let federal = FederalCalendar()
let planner = WorkItemPlanner(federal: federal, users: UserWorkPolicy(curriculumVersion: configuration.curriculumVersion,
                                                                      passwordMaxAgeDays: configuration.passwordMaxAgeDays),
                              outages: { [] })
let identity = SQLiteIdentityRepository(database: storage.database, cipher: storage.fieldCipher, workItems: planner)
let cases = SQLiteCaseRepository(database: storage.database, cipher: storage.fieldCipher, indexKey: storage.blindIndexKey, workItems: planner)
let queue = SQLiteWorkQueue(database: storage.database, planner: planner)
let audit = AuditEvent(actor: .system, clientID: nil, action: "bench.load", objectType: "case", objectID: nil, sourceIP: nil, requestID: nil)

var clientIDs: [ClientID] = []
for n in 0..<10 {
    clientIDs.append(try await identity.createClient(ClientProfile(name: "Bench \(n)", ein: String(format: "12-%07d", 1_000_000 + n),
                                                                   mouEffectiveDate: day("2020-1-1")),
                                                     audit: audit).id)
}
let clients = clientIDs
let creator = try await identity.createUser(NewUser(username: "bench.loader", fullName: "Bench Loader", email: nil, role: .agentAdmin,
                                                    clientID: nil, passwordHash: "x", mustChangePassword: false), audit: audit).id
let base = day("2026-1-5")
let loadStart = ContinuousClock.now
let chunk = 500
for first in stride(from: 0, to: options.cases, by: chunk) {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for i in first..<min(options.cases, first + chunk) {
            group.addTask {
                var input = CaseInput()
                input.dateOfHire = base.adding(days: i % 365)
                input.ssn = String(format: "%03d-%02d-%04d", 100 + i % 600, 10 + (i / 600) % 89, i % 10_000)
                input.employerCaseID = "E\(i)"
                let created = try await cases.create(clientID: clients[i % clients.count], createdBy: creator, input: input,
                                                     ssn: input.ssn ?? "", today: input.dateOfHire ?? base, audit: audit) { _ in }
                _ = try await cases.update(created.caseNumber, scope: .allClients, audit: audit,
                                           progress(i, base: base, federal: federal))
            }
        }
        try await group.waitForAll()
    }
}
let loadSeconds = seconds(since: loadStart)
// These cases were written with their items: the service's one-time fill for cases stored
// before the queue existed has nothing to do (the script measures a plain restart).
try await BackgroundWorkStore(database: storage.database).recordRun(job: "work-queue-fill", item: "0008", on: base)
print("loaded \(options.cases) open cases (create + update each, with work items) in \(String(format: "%.1f", loadSeconds)) s")

let itemCount = try await storage.database.read { try $0.scalar("SELECT count(*) FROM work_items")?.int64Value ?? 0 }
print("work_items rows: \(itemCount)")

func time(_ label: String, _ query: (Int) -> WorkQueueQuery) async throws {
    var samples: [Double] = []
    for n in 0..<options.reads {
        let start = ContinuousClock.now
        _ = try await queue.items(query(n))
        samples.append(seconds(since: start) * 1000)
    }
    samples.sort()
    print(String(format: "%-44@ p50 %.3f ms  p99 %.3f ms  max %.3f ms", label as NSString,
                 percentile(samples, 0.5), percentile(samples, 0.99), samples.last ?? 0))
}
let today = day("2026-7-1")
func query(scope: AccessScope = .allClients, client: ClientID? = nil, kinds: [WorkItemKind] = [], before: CivilDate? = nil,
           limit: Int = 50, cursor: String? = nil) -> WorkQueueQuery {
    WorkQueueQuery(scope: scope, clientID: client, kinds: kinds, dueBefore: before, serviceToday: today, realToday: today,
                   limit: limit, cursor: cursor)
}
let deep = try await queue.items(query(limit: 200, cursor: nil)).nextCursor
try await time("all clients, first page of 50") { _ in query() }
try await time("all clients, page of 200") { _ in query(limit: 200) }
try await time("all clients, second page of 200 (cursor)") { _ in query(limit: 200, cursor: deep) }
try await time("one client (scope), page of 50") { n in query(scope: .client(clients[n % clients.count])) }
try await time("kind=CASE_TO_CLOSE, page of 50") { _ in query(kinds: [.caseToClose]) }
try await time("due_before=2026-03-01, page of 50") { _ in query(before: day("2026-3-1")) }
try await time("kind=CONTINUANCE_OVER_60 (rare), page of 50") { _ in query(kinds: [.continuanceOver60]) }
await storage.database.close()
