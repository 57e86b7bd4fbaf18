import Foundation
import Testing
import TestSupport

/// The work queue's account kinds, its scoping like every read, paging, CSV and refusals.
@Suite struct WorkQueueAccessTests {
    static func today() -> String { String(ISO8601DateFormatter().string(from: Date()).prefix(10)) }

    static func inDays(_ days: Int) -> String {
        String(ISO8601DateFormatter().string(from: Date().addingTimeInterval(Double(days) * 86_400)).prefix(10))
    }

    /// `KIND subject_id due_date` of every item, following `next_cursor` page by page.
    static func all(_ api: APIClient, _ query: String, limit: Int = 200) throws -> [String] {
        var rows: [String] = []
        var cursor: String?
        repeat {
            let page = try api.call("GET", "/api/v1/work_queue?limit=\(limit)&\(query)" + (cursor.map { "&cursor=\($0)" } ?? ""))
            guard page.status == 200 else { throw TestClientError.malformed("work_queue: \(page.response.bodyText)") }
            for item in page["items"] as? [[String: Any]] ?? [] {
                let subject = item["subject"] as? [String: Any] ?? [:]
                rows.append("\(item["kind"] as? String ?? "?") \(subject["id"] as? String ?? "?") \(item["due_date"] as? String ?? "?")")
            }
            cursor = page["next_cursor"] as? String
        } while cursor != nil
        return rows
    }

    @Test("IMG-3, TRN-1, ACC-1: review, training and password items; each reader sees its own scope")
    func test_workQueue_accountsAndScope() throws {
        let world = try IdentityEndToEndTests.startWorld(environment: ["AGENT_PASSWORD_MAX_AGE_DAYS": "10"])
        defer { world.agent.stop() }
        let admin = world.admin
        let client = try IdentityEndToEndTests.client(admin, name: "Acme Staffing", ein: "12-3456789")
        let other = try IdentityEndToEndTests.client(admin, name: "Other Works", ein: "98-7654321")
        _ = try admin.call("POST", "/api/v1/simulator/clock", ["set_date": "2026-11-16"])
        let draft = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
            client: client, ssn: "151-20-1001", first: "Avery", last: "Quickpass", dob: "1990-02-14")))
        let scope = "client_company_id=\(client)"
        #expect(try Self.all(admin, scope) == ["DRAFT_NOT_SUBMITTED \(draft) 2026-11-19"])
        // IMG-3: adopting secondary review raises it on the open draft at once.
        #expect(try admin.call("PATCH", "/api/v1/clients/\(client)", ["require_secondary_review": true]).status == 200)
        #expect(try Self.all(admin, scope) == ["DRAFT_NOT_SUBMITTED \(draft) 2026-11-19", "REVIEW_PENDING \(draft) 2026-11-19"])

        // TRN-1: a new user waits for the test; ACC-1: a 10-day password is within the 14-day notice.
        let reviewerID = try IdentityEndToEndTests.user(admin, "second.pair", role: "AGENT_USER", client: nil)
        let account = try Self.all(admin, "kind=TRAINING_REQUIRED,PASSWORD_EXPIRING")
        #expect(account.contains("TRAINING_REQUIRED \(reviewerID) \(Self.today())"))
        #expect(account.contains("PASSWORD_EXPIRING \(reviewerID) \(Self.inDays(10))"))
        _ = try admin.call("POST", "/api/v1/training/records", ["user_id": reviewerID, "date": "2026-01-05", "score_percent": 88])
        #expect(!(try Self.all(admin, "kind=TRAINING_REQUIRED")).contains { $0.contains(reviewerID) })
        let reviewer = try IdentityEndToEndTests.activate(world.port, "second.pair", new: "second-pair-of-eyes-1")
        #expect(try reviewer.call("POST", "/api/v1/cases/\(draft)/review", ["decision": "APPROVE"]).status == 200)
        #expect(try Self.all(admin, scope) == ["DRAFT_NOT_SUBMITTED \(draft) 2026-11-19"])

        // A client user sees its client's items only, the agent's staff items never.
        let clerkID = try IdentityEndToEndTests.user(admin, "acme.clerk", role: "CLIENT_USER", client: client)
        let outsiderID = try IdentityEndToEndTests.user(admin, "other.clerk", role: "CLIENT_USER", client: other)
        let clerk = try IdentityEndToEndTests.activate(world.port, "acme.clerk", new: "acme-clerk-password-1")
        let seen = try Self.all(clerk, "")
        // Soonest first: the clerk's training is due today (real clock), the draft on its date.
        let expected: [String] = ["DRAFT_NOT_SUBMITTED \(draft) 2026-11-19", "TRAINING_REQUIRED \(clerkID) \(Self.today())",
                                  "PASSWORD_EXPIRING \(clerkID) \(Self.inDays(10))"]
        let byDue = expected.sorted { lhs, rhs in lhs.split(separator: " ")[2] < rhs.split(separator: " ")[2] }
        #expect(seen == byDue)
        #expect(!seen.contains { $0.contains(outsiderID) || $0.contains(reviewerID) })
        #expect(try clerk.call("GET", "/api/v1/work_queue?client_company_id=\(other)").status == 404)
        #expect(try Self.all(admin, "").contains { $0.contains(outsiderID) })
        _ = try IdentityEndToEndTests.user(admin, "acme.auditor", role: "AUDITOR", client: client)
        let auditor = try IdentityEndToEndTests.activate(world.port, "acme.auditor", new: "acme-auditor-password-1")
        #expect(try Self.all(auditor, "kind=DRAFT_NOT_SUBMITTED") == ["DRAFT_NOT_SUBMITTED \(draft) 2026-11-19"])

        // Paging one item at a time gives the same rows in the same order.
        #expect(try Self.all(admin, "", limit: 1) == (try Self.all(admin, "")))
        // CSV: the same rows.
        let csv = try clerk.call("GET", "/api/v1/work_queue?format=csv")
        #expect(csv.status == 200 && csv.response.header("Content-Type")?.hasPrefix("text/csv") == true)
        let lines = csv.response.bodyText.split(separator: "\r\n")
        #expect(lines.first == "kind,rule,due_date,overdue,client_company_id,subject_type,subject_id,title,action")
        #expect(lines.count == (try Self.all(clerk, "")).count + 1)   // the auditor's password item joined since
        #expect(lines.dropFirst().first?.hasPrefix("DRAFT_NOT_SUBMITTED,HIRE-2,2026-11-19,false,\(client),case,\(draft),") == true)
        // ACC-1: a deactivated user's items go with the account.
        #expect(try admin.call("POST", "/api/v1/users/\(clerkID)/deactivate").status == 200)
        #expect(!(try Self.all(admin, scope)).contains { $0.contains(clerkID) })
    }

    @Test("Bad query parameters: every problem named, 422 for values, 400 for typos and foreign cursors")
    func test_workQueue_badParameters() throws {
        let world = try IdentityEndToEndTests.startWorld()
        defer { world.agent.stop() }
        let admin = world.admin
        func problem(_ query: String) throws -> (Int, [String], [String], String?) {
            let reply = try admin.call("GET", "/api/v1/work_queue?" + query)
            return (reply.status, reply.errorFields, reply.errorCodes, reply.response.header("Content-Type"))
        }
        let both = try problem("kind=NOPE&limit=0&due_before=2026-02-30&format=xml")
        #expect(both.0 == 422 && Set(both.1) == ["kind", "limit", "due_before", "format"])
        #expect(both.3?.hasPrefix("application/problem+json") == true)
        #expect(try problem("limit=201").1 == ["limit"])
        #expect(try problem("kind=TNC_DECISION,").2 == ["INVALID_VALUE"])
        let typo = try problem("knd=TNC_DECISION")
        #expect(typo.0 == 400 && typo.1 == ["knd"] && typo.2 == ["UNKNOWN_FIELD"])
        let cursor = try problem("cursor=c12")
        #expect(cursor.0 == 400 && cursor.1 == ["cursor"])
        #expect(try problem("client_company_id=nobody").0 == 404)
        #expect(try admin.call("GET", "/api/v1/work_queue", token: "not-a-token").status == 401)
        let openapi = try admin.call("GET", "/openapi.json")
        #expect(openapi.response.bodyText.contains("/api/v1/work_queue"))
    }
}
