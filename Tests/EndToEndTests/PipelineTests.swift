import Foundation
import Glibc
import Testing
import TestSupport

/// Issue "outages, background work and durability", shown against the real binary.
@Suite struct PipelineTests {
    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// A unique, well-formed SSN the simulated SSA does not know (so the case stops at
    /// UNCONFIRMED_DATA, which is all these tests need).
    static func ssn(_ n: Int) -> String {
        String(format: "2%02d-%02d-%04d", n / 10000 % 100, 10 + n / 100 % 90, 1000 + n % 8000)
    }

    static func unknownPersonBody(_ client: String, _ n: Int) -> [String: Any] {
        CaseEndToEndTests.body(client: client, ssn: ssn(n), first: "Pat", last: "Burst", dob: "1990-01-01")
    }

    @Test("HIRE-2: an outage over a weekend moves the due date only for a client that works weekends")
    func test_HIRE2_weekendOutage() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        _ = try admin.call("POST", "/api/v1/simulator/clock", ["set_date": "2026-11-19"])
        let saturdays = try admin.call("POST", "/api/v1/clients", ["name": "Open Saturdays", "ein": "22-3456789", "mou_effective_date": "2024-01-02",
                                                                  "employer_business_days": ["MON", "TUE", "WED", "THU", "FRI", "SAT"]])
        let saturdayClient = saturdays["client_company_id"] as? String ?? ""
        func dueDate(_ client: String, _ ssn: String) throws -> String? {
            var body = CaseEndToEndTests.body(client: client, ssn: ssn, first: "Avery", last: "Quickpass", dob: "1990-02-14")
            for key in ["date_of_hire", "i9_section1_date", "i9_section2_date"] { body[key] = "2026-11-19" }
            return try admin.call("POST", "/api/v1/cases", body)["hire_due_date"] as? String
        }
        #expect(try dueDate(desk.client, "151-20-1001") == "2026-11-24")
        #expect(try dueDate(saturdayClient, "152-20-1002") == "2026-11-23")
        // DHS/SSA down from Saturday 00:00 to Sunday night (simulated dates).
        let outage = try admin.call("POST", "/api/v1/simulator/outages", ["from": "2026-11-21T00:00:00Z", "to": "2026-11-22T23:59:59Z"])
        #expect(outage.status == 200)
        let cases = try admin.call("GET", "/api/v1/cases")["cases"] as? [[String: Any]] ?? []
        let dues = Dictionary(uniqueKeysWithValues: cases.compactMap { c -> (String, String)? in
            guard let client = c["client_company_id"] as? String, let due = c["hire_due_date"] as? String else { return nil }
            return (client, due)
        })
        #expect(dues[desk.client] == "2026-11-24", "a Monday–Friday employer loses no business day to a weekend outage")
        #expect(dues[saturdayClient] == "2026-11-24", "the Saturday the outage touched does not count")
    }

    @Test("a submission made during an outage completes after it ends, with no caller action")
    func queuedSubmissionCompletesInTheBackground() throws {
        let world = try IdentityEndToEndTests.startWorld(extraEnvironment: ["AGENT_GOVERNMENT_RETRY_BASE_SECONDS": "1"])
        defer { world.agent.stop() }
        let admin = world.admin
        let client = try IdentityEndToEndTests.client(admin, name: "Acme", ein: "12-3456789")
        // The outage runs from a minute ago until three seconds from now (the simulated
        // date is today's, so simulated and real time agree here).
        let now = Date()
        #expect(try admin.call("POST", "/api/v1/simulator/outages", ["from": Self.iso(now.addingTimeInterval(-60)),
                                                                    "to": Self.iso(now.addingTimeInterval(3))]).status == 200)
        let today = String(Self.iso(now).prefix(10))
        var body = CaseEndToEndTests.body(client: client, ssn: "151-20-1001", first: "Avery", last: "Quickpass", dob: "1990-02-14")
        for key in ["date_of_hire", "i9_section1_date", "i9_section2_date"] { body[key] = today }
        body["offer_accepted_date"] = today
        let number = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", body))
        let queued = try admin.call("POST", "/api/v1/cases/\(number)/submit")
        #expect(queued.status == 202)
        #expect(queued["case_status"] as? String == "QUEUED")
        let operations = try admin.call("GET", "/api/v1/operations/government")
        #expect(operations["queue_depth"] as? Int == 1)
        #expect(try admin.call("GET", "/ready").response.bodyText.contains("queued submissions: 1"))
        var status = "QUEUED"
        let deadline = Date().addingTimeInterval(30)
        while status == "QUEUED" && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.5)
            status = try admin.call("GET", "/api/v1/cases/\(number)")["case_status"] as? String ?? "?"
        }
        #expect(status == "CLOSED")
        #expect(try admin.call("GET", "/api/v1/operations/government")["queue_depth"] as? Int == 0)
        let history = try admin.call("GET", "/api/v1/cases/\(number)/history")
        #expect((history["events"] as? [[String: Any]])?.compactMap { $0["action"] as? String }.contains("case.submit_retry") == true)
    }

    @Test("removing the outages brings the government side back and sends the queue at once")
    func clearingOutagesSendsTheQueue() throws {
        // Retries are pushed far out: only the DELETE can send the queued submission.
        let world = try IdentityEndToEndTests.startWorld(extraEnvironment: ["AGENT_GOVERNMENT_RETRY_BASE_SECONDS": "3600",
                                                                            "AGENT_GOVERNMENT_RETRY_MAX_SECONDS": "3600"])
        defer { world.agent.stop() }
        let admin = world.admin
        let client = try IdentityEndToEndTests.client(admin, name: "Acme", ein: "12-3456789")
        let now = Date()
        #expect(try admin.call("POST", "/api/v1/simulator/outages", ["from": Self.iso(now.addingTimeInterval(-60)),
                                                                    "to": Self.iso(now.addingTimeInterval(86_400))]).status == 200)
        let today = String(Self.iso(now).prefix(10))
        var body = CaseEndToEndTests.body(client: client, ssn: "151-20-1001", first: "Avery", last: "Quickpass", dob: "1990-02-14")
        for key in ["date_of_hire", "i9_section1_date", "i9_section2_date", "offer_accepted_date"] { body[key] = today }
        let number = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", body))
        #expect(try admin.call("POST", "/api/v1/cases/\(number)/submit")["case_status"] as? String == "QUEUED")
        let cleared = try admin.call("DELETE", "/api/v1/simulator/outages")
        #expect(cleared.status == 200)
        #expect(cleared["up"] as? Bool == true)
        #expect(try admin.call("GET", "/api/v1/cases/\(number)")["case_status"] as? String != "QUEUED")
        #expect(try admin.call("GET", "/api/v1/operations/government")["queue_depth"] as? Int == 0)
    }

    @Test("a case row the scheduled jobs cannot read does not stop retries for the others")
    func unreadableRowDoesNotStopTheRetries() throws {
        let environment = ["AGENT_GOVERNMENT_RETRY_BASE_SECONDS": "3600", "AGENT_GOVERNMENT_RETRY_MAX_SECONDS": "3600"]
        let world = try IdentityEndToEndTests.startWorld(extraEnvironment: environment)
        let admin = world.admin
        let client = try IdentityEndToEndTests.client(admin, name: "Acme", ein: "12-3456789")
        let now = Date()
        #expect(try admin.call("POST", "/api/v1/simulator/outages", ["from": Self.iso(now.addingTimeInterval(-60)),
                                                                    "to": Self.iso(now.addingTimeInterval(86_400))]).status == 200)
        let today = String(Self.iso(now).prefix(10))
        func body(_ ssn: String, _ last: String) -> [String: Any] {
            var body = CaseEndToEndTests.body(client: client, ssn: ssn, first: "Avery", last: last, dob: "1990-02-14")
            for key in ["date_of_hire", "i9_section1_date", "i9_section2_date", "offer_accepted_date"] { body[key] = today }
            return body
        }
        let draft = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", body("152-20-1002", "Draft")))
        let queued = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", body("151-20-1001", "Quickpass")))
        #expect(try admin.call("POST", "/api/v1/cases/\(queued)/submit")["case_status"] as? String == "QUEUED")
        world.agent.stop()
        // The draft's stored progress gets a date nobody can read (as a bad migration or a
        // disk error might leave it): the daily CASE-7 scan over drafts fails on it.
        try AuditEndToEndTests.tamper(world.agent.dataDir.appendingPathComponent("agent.sqlite").path, """
            c.execute('''UPDATE cases SET progress = replace(progress, '"lastTouchedOn":"', '"lastTouchedOn":"x') WHERE case_number = ?''', ("\(draft)",))
            assert c.total_changes == 1
            """)
        let restarted = try AgentProcess(environment: IdentityEndToEndTests.environment.merging(environment) { $1 }, dataDir: world.agent.dataDir)
        defer { restarted.stop() }
        let again = try APIClient(port: restarted.httpPort ?? 0)
        _ = try again.login("root", IdentityEndToEndTests.adminPassword)
        // Ending the outage runs a forced pass: the scan fails, the retry still goes out.
        #expect(try again.call("DELETE", "/api/v1/simulator/outages").status == 200)
        #expect(try again.call("GET", "/api/v1/cases/\(queued)")["case_status"] as? String != "QUEUED")
        #expect(try again.call("GET", "/api/v1/cases/\(draft)").status == 500)
    }

    @Test("an error rate with a seed fails the same submissions twice")
    func seededErrorRateRepeats() throws {
        // Retries and polls are pushed far out so that only the test's calls draw failures.
        let world = try IdentityEndToEndTests.startWorld(extraEnvironment: ["AGENT_GOVERNMENT_RETRY_BASE_SECONDS": "3600",
                                                                            "AGENT_GOVERNMENT_RETRY_MAX_SECONDS": "3600",
                                                                            "AGENT_GOVERNMENT_POLL_SECONDS": "3600"])
        defer { world.agent.stop() }
        let admin = world.admin
        let client = try IdentityEndToEndTests.client(admin, name: "Acme", ein: "12-3456789")
        _ = try admin.call("POST", "/api/v1/simulator/clock", ["set_date": "2026-11-16"])
        func run(_ offset: Int) throws -> [Int] {
            #expect(try admin.call("POST", "/api/v1/simulator/outages", ["error_rate": 0.5, "seed": 7, "latency_ms": 0]).status == 200)
            return try (0..<10).map { i in
                let number = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", Self.unknownPersonBody(client, offset + i)))
                return try admin.call("POST", "/api/v1/cases/\(number)/submit").status
            }
        }
        let first = try run(0)
        let second = try run(100)
        #expect(first == second)
        #expect(first.contains(202) && first.contains(200), "a 50% rate over 10 calls should show both outcomes: \(first)")
    }

    @Test("CASE-7 and CASE-9 run on the service clock, once per item, across a restart")
    func scheduledJobsRunOnce() throws {
        let desk = try CaseEndToEndTests.openDesk()
        let admin = desk.admin
        let draft = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
            client: desk.client, ssn: "151-20-1001", first: "Avery", last: "Quickpass", dob: "1990-02-14")))
        let waiting = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
            client: desk.client, ssn: "160-20-1010", first: "Celia", last: "Pending", dob: "1977-08-18",
            extra: ["document_c_type_code": "BIRTH_CERTIFICATE"])))
        _ = try admin.call("POST", "/api/v1/cases/\(waiting)/submit")
        _ = try admin.call("GET", "/api/v1/cases/\(waiting)/further_action_notice")
        _ = try admin.call("POST", "/api/v1/cases/\(waiting)/refer", ["employee_notified": true])
        _ = try admin.call("POST", "/api/v1/simulator/clock", ["advance_work_days": 5])
        #expect(try admin.call("GET", "/api/v1/cases/\(waiting)")["case_status"] as? String == "CASE_IN_CONTINUANCE")
        // 60 work days in continuance are allowed; the 61st flags it.
        _ = try admin.call("POST", "/api/v1/simulator/clock", ["advance_work_days": 60])
        #expect(try admin.call("GET", "/api/v1/cases/\(waiting)")["continuance_flagged_on"] is NSNull)
        _ = try admin.call("POST", "/api/v1/simulator/clock", ["advance_work_days": 1])
        let flagged = try admin.call("GET", "/api/v1/cases/\(waiting)")["continuance_flagged_on"] as? String
        #expect(flagged != nil)
        // The draft was last touched 66 work days ago; 180 close it, in one jump.
        #expect(try admin.call("GET", "/api/v1/cases/\(draft)")["case_status"] as? String == "DRAFT")
        _ = try admin.call("POST", "/api/v1/simulator/clock", ["advance_work_days": 114])
        let closed = try admin.call("GET", "/api/v1/cases/\(draft)")
        #expect(closed["case_status"] as? String == "CLOSED")
        #expect(closed["case_closure_reason_code"] as? String == "OTHER")
        // A restart and another clock move run neither job again.
        desk.world.agent.stop()
        let restarted = try AgentProcess(environment: IdentityEndToEndTests.environment, dataDir: desk.world.agent.dataDir)
        defer { restarted.stop() }
        let again = try APIClient(port: restarted.httpPort ?? 0)
        _ = try again.login("root", IdentityEndToEndTests.adminPassword)
        _ = try again.call("POST", "/api/v1/simulator/clock", ["advance_work_days": 1])
        func count(_ number: String, _ action: String) throws -> Int {
            (try again.call("GET", "/api/v1/cases/\(number)/history")["events"] as? [[String: Any]] ?? [])
                .filter { $0["action"] as? String == action }.count
        }
        #expect(try count(draft, "case.auto_close") == 1)
        #expect(try count(waiting, "case.continuance_flag") == 1)
        #expect(try again.call("GET", "/api/v1/cases/\(waiting)")["continuance_flagged_on"] as? String == flagged)
        // The catalog's unresolved continuance ends the only way it can: the employer closes it.
        let closed2 = try again.call("POST", "/api/v1/cases/\(waiting)/close", ["case_closure_reason_code": "EMPLOYEE_QUIT", "currently_employed": false])
        #expect(closed2["case_status"] as? String == "CLOSED")
    }

    @Test("SIGKILL during a burst loses no acknowledged case, history or queued submission", .timeLimit(.minutes(3)))
    func sigkillDuringABurst() throws {
        // Queued submissions must stay queued through the kills: retries are pushed far out.
        let slowRetries = ["AGENT_GOVERNMENT_RETRY_BASE_SECONDS": "3600", "AGENT_GOVERNMENT_RETRY_MAX_SECONDS": "3600"]
        let world = try IdentityEndToEndTests.startWorld(extraEnvironment: slowRetries)
        var agent = world.agent
        let dataDir = agent.dataDir
        let admin = world.admin
        let client = try IdentityEndToEndTests.client(admin, name: "Acme", ein: "12-3456789")
        _ = try admin.call("POST", "/api/v1/simulator/clock", ["set_date": "2026-11-16"])
        _ = try admin.call("POST", "/api/v1/simulator/outages", ["error_rate": 0.3, "seed": 11, "latency_ms": 0])
        let token = admin.token ?? ""
        var counter = 0
        for round in 0..<3 {
            let port = agent.httpPort ?? 0
            let acknowledged = Acknowledgements()
            let start = counter
            counter += 10_000
            // Four writers create and submit as fast as they can; the kill lands mid-burst.
            let writers = (0..<4).map { w in
                Thread {
                    guard let api = try? APIClient(port: port, token: token) else { return }
                    var i = 0
                    while true {
                        let n = start + w * 2000 + i
                        i += 1
                        guard let reply = try? api.call("POST", "/api/v1/cases", Self.unknownPersonBody(client, n)),
                              reply.status == 201, let number = reply["case_number"] as? String else { return }
                        acknowledged.add(number, submitted: nil)
                        guard let submit = try? api.call("POST", "/api/v1/cases/\(number)/submit") else { return }
                        if submit.status == 200 || submit.status == 202 { acknowledged.add(number, submitted: submit.status) }
                    }
                }
            }
            for writer in writers { writer.start() }
            while acknowledged.count < 40 + round * 10 { Thread.sleep(forTimeInterval: 0.01) }
            agent.signal(SIGKILL)
            _ = agent.waitForExit(seconds: 10)
            Thread.sleep(forTimeInterval: 0.3) // let the writers see the dead socket and stop
            agent = try AgentProcess(environment: IdentityEndToEndTests.environment.merging(slowRetries) { a, _ in a }, dataDir: dataDir)
            let checker = try APIClient(port: agent.httpPort ?? 0, token: "")
            #expect(try checker.login("root", IdentityEndToEndTests.adminPassword).status == 200)
            for (number, submitted) in acknowledged.all {
                let found = try checker.call("GET", "/api/v1/cases/\(number)")
                #expect(found.status == 200, "round \(round): acknowledged case \(number) is gone")
                let status = found["case_status"] as? String ?? "?"
                let events = (try checker.call("GET", "/api/v1/cases/\(number)/history")["events"] as? [[String: Any]])?.count ?? 0
                switch submitted {
                case 200?: #expect(status != "DRAFT" && status != "QUEUED", "\(number) was answered 200 but is \(status)"); #expect(events >= 2)
                case 202?: #expect(status != "DRAFT", "\(number) was queued (202) but is \(status)"); #expect(events >= 2)
                default: #expect(events >= 1)
                }
            }
        }
        agent.stop()
    }
}

/// Cases the service acknowledged, and the status its submit answered with (thread-safe).
final class Acknowledgements: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: Int?] = [:]
    func add(_ number: String, submitted: Int?) {
        lock.lock()
        defer { lock.unlock() }
        if let submitted { entries[number] = submitted } else if entries[number] == nil { entries[number] = .some(nil) }
    }
    var count: Int { lock.lock(); defer { lock.unlock() }; return entries.count }
    var all: [(String, Int?)] { lock.lock(); defer { lock.unlock() }; return entries.map { ($0.key, $0.value) } }
}

extension IdentityEndToEndTests {
    /// `startWorld` with more environment for the server (retry and poll timings).
    static func startWorld(extraEnvironment: [String: String]) throws -> World {
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("agent-pipeline-\(UUID().uuidString)")
        let environment = Self.environment.merging(extraEnvironment) { _, new in new }
        let created = try AgentProcess.createAdmin(dataDir: dataDir, username: "root", password: adminPassword, environment: environment)
        guard created.status == 0 else { throw TestClientError.io("create-admin failed: \(created.output)") }
        let agent = try AgentProcess(environment: environment, dataDir: dataDir)
        let admin = try APIClient(port: agent.httpPort ?? 0)
        guard try admin.login("root", adminPassword).status == 200 else { throw TestClientError.io("admin login failed") }
        return World(agent: agent, admin: admin)
    }
}
