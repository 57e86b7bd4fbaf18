import Foundation
import Testing
import TestSupport

/// API.md "Work queue" over HTTP: each kind appears on its day of the simulated clock and
/// disappears when it is settled.
@Suite struct WorkQueueEndToEndTests {
    typealias Desk = CaseEndToEndTests.Desk

    /// The items as `KIND subject_id due_date [overdue]`, in the order served.
    static func queue(_ api: APIClient, _ query: String) throws -> [String] {
        let reply = try api.call("GET", "/api/v1/work_queue?" + query)
        guard reply.status == 200 else { throw TestClientError.malformed("work_queue: \(reply.status) \(reply.response.bodyText)") }
        return (reply["items"] as? [[String: Any]] ?? []).map { item in
            let subject = item["subject"] as? [String: Any] ?? [:]
            let overdue = item["overdue"] as? Bool == true ? " overdue" : ""
            return "\(item["kind"] as? String ?? "?") \(subject["id"] as? String ?? "?") \(item["due_date"] as? String ?? "?")\(overdue)"
        }
    }

    static func setDate(_ desk: Desk, _ date: String) throws {
        let reply = try desk.admin.call("POST", "/api/v1/simulator/clock", ["set_date": date])
        guard reply.status == 200 else { throw TestClientError.malformed("clock: \(reply.response.bodyText)") }
    }

    static func decide(_ desk: Desk, _ number: String, refer: Bool) throws {
        #expect(try desk.admin.call("GET", "/api/v1/cases/\(number)/further_action_notice?format=html").status == 200)
        let reply = try desk.admin.call("POST", "/api/v1/cases/\(number)/\(refer ? "refer" : "no_action")", ["employee_notified": true])
        #expect(reply.status == 200, "\(reply.response.bodyText)")
    }

    static func close(_ desk: Desk, _ number: String, _ reason: String, employed: Bool) throws {
        let reply = try desk.admin.call("POST", "/api/v1/cases/\(number)/close",
                                        ["case_closure_reason_code": reason, "currently_employed": employed])
        #expect(reply.status == 200, "\(reply.response.bodyText)")
    }

    @Test("HIRE-5, HIRE-2, TNC-10, TNC-4, CASE-6: items appear on their day and go when settled")
    func test_workQueue_hireToClosureWalk() throws {
        let desk = try CaseEndToEndTests.openDesk()   // Monday 2026-11-16
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        let scope = "client_company_id=\(desk.client)"
        #expect(try Self.queue(admin, scope) == [])
        // A roster hire with no case, a draft, and a mismatch the employee contests.
        #expect(try admin.call("POST", "/api/v1/clients/\(desk.client)/hires",
                               ["employee_id": "HR-Cleared", "first_name": "Erin", "last_name": "Cleared", "date_of_hire": "2026-11-16"]).status == 201)
        let hire = (try admin.call("GET", "/api/v1/work_queue?kind=CASE_NOT_CREATED")["items"] as? [[String: Any]])?.first
        let hireID = (hire?["subject"] as? [String: Any])?["id"] as? String ?? "?"
        #expect(hire?["rule"] as? String == "HIRE-5" && hire?["action"] as? String == "POST /api/v1/cases")
        let draft = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
            client: desk.client, ssn: "151-20-1001", first: "Avery", last: "Quickpass", dob: "1990-02-14")))
        // A hire whose case exists already (matched by SSN) raises nothing.
        #expect(try admin.call("POST", "/api/v1/clients/\(desk.client)/hires",
                               ["employee_id": "E-77", "first_name": "Avery", "last_name": "Quickpass", "ssn": "151-20-1001",
                                "date_of_hire": "2026-11-16"]).status == 201)
        let nolan = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CatalogPathTests.listA(
            desk.client, ssn: "162-20-1012", first: "Nolan", last: "Nocall", dob: "1998-08-08", citizenship: "LAWFUL_PERMANENT_RESIDENT",
            document: "FORM_I551", extra: ["alien_number": "A100001012", "i551_number": "SRC1234567892"])))
        #expect(try admin.call("POST", "/api/v1/cases/\(nolan)/submit")["case_status"] as? String == "PENDING_REFERRAL")
        #expect(try Self.queue(admin, scope + "&kind=TNC_DECISION") == ["TNC_DECISION \(nolan) 2026-12-01"])
        try Self.decide(desk, nolan, refer: true)
        #expect(try Self.queue(admin, scope) == ["CASE_NOT_CREATED \(hireID) 2026-11-19", "DRAFT_NOT_SUBMITTED \(draft) 2026-11-19",
                                                 "REFERRAL_OPEN \(nolan) 2026-11-27"])

        // Tuesday: the hire gets its case (matched by employee id), which is a mismatch the
        // employee does not contest: to be closed the next work day.
        try Self.setDate(desk, "2026-11-17")
        let erin = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
            client: desk.client, ssn: "163-20-1013", first: "Erin", last: "Cleared", dob: "1986-04-04")))
        #expect(try Self.queue(admin, scope + "&kind=CASE_NOT_CREATED") == [])
        _ = try admin.call("POST", "/api/v1/cases/\(erin)/submit")
        #expect(try Self.queue(admin, scope + "&kind=TNC_DECISION") == ["TNC_DECISION \(erin) 2026-12-02"])
        try Self.decide(desk, erin, refer: false)
        #expect(try Self.queue(admin, scope + "&kind=CASE_TO_CLOSE,TNC_DECISION") == ["CASE_TO_CLOSE \(erin) 2026-11-18"])
        try Self.close(desk, erin, "EMPLOYEE_TERMINATED_FOR_FNC_RESULT", employed: false)

        // Friday: the draft is past its HIRE-2 date; submitting it (authorized) settles it.
        try Self.setDate(desk, "2026-11-20")
        #expect(try Self.queue(admin, scope) == ["DRAFT_NOT_SUBMITTED \(draft) 2026-11-19 overdue", "REFERRAL_OPEN \(nolan) 2026-11-27"])
        #expect(try Self.queue(admin, scope + "&due_before=2026-11-20") == ["DRAFT_NOT_SUBMITTED \(draft) 2026-11-19 overdue"])
        let late = try admin.call("PATCH", "/api/v1/cases/\(draft)", ["reason_for_delay_code": "TECHNICAL_PROBLEMS"])
        #expect(late.status == 200, "\(late.response.bodyText)")
        #expect(try admin.call("POST", "/api/v1/cases/\(draft)/submit")["case_status"] as? String == "CLOSED")
        #expect(try Self.queue(admin, scope) == ["REFERRAL_OPEN \(nolan) 2026-11-27"])

        // No contact by the Friday after Thanksgiving: final nonconfirmation on Monday, to close by Tuesday.
        try Self.setDate(desk, "2026-11-30")
        #expect(try Self.queue(admin, scope) == ["CASE_TO_CLOSE \(nolan) 2026-12-01"])
        try Self.setDate(desk, "2026-12-02")
        #expect(try Self.queue(admin, scope) == ["CASE_TO_CLOSE \(nolan) 2026-12-01 overdue"])
        try Self.close(desk, nolan, "EMPLOYEE_TERMINATED_FOR_FNC_RESULT", employed: false)
        #expect(try Self.queue(admin, scope) == [])
    }

    @Test("CASE-9 and CASE-7: the continuance flag after 60 work days, the auto-close warning, then the close")
    func test_workQueue_longClocks() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        let scope = "client_company_id=\(desk.client)"
        let celia = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
            client: desk.client, ssn: "160-20-1010", first: "Celia", last: "Pending", dob: "1977-08-18",
            extra: ["document_c_type_code": "BIRTH_CERTIFICATE"])))
        _ = try admin.call("POST", "/api/v1/cases/\(celia)/submit")
        try Self.decide(desk, celia, refer: true)
        let draft = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
            client: desk.client, ssn: "152-20-1002", first: "Katherine", last: "Spelling", dob: "1987-06-30")))
        // Contact on Tuesday settles the open referral; continuance from 2026-11-23.
        try Self.setDate(desk, "2026-11-23")
        #expect(try admin.call("GET", "/api/v1/cases/\(celia)")["case_status"] as? String == "CASE_IN_CONTINUANCE")
        #expect(try Self.queue(admin, scope) == ["DRAFT_NOT_SUBMITTED \(draft) 2026-11-19 overdue"])
        // The 60th work day raises nothing; the 61st (after Presidents' Day) raises the flag.
        try Self.setDate(desk, "2027-02-22")
        #expect(try Self.queue(admin, scope + "&kind=CONTINUANCE_OVER_60") == [])
        try Self.setDate(desk, "2027-02-23")
        #expect(try Self.queue(admin, scope + "&kind=CONTINUANCE_OVER_60") == ["CONTINUANCE_OVER_60 \(celia) 2027-02-23"])
        // The draft's auto-close warning shows from the 170th work day; on the 180th the draft closes.
        try Self.setDate(desk, "2027-07-21")
        #expect(try Self.queue(admin, scope + "&kind=DRAFT_AUTO_CLOSE") == [])
        try Self.setDate(desk, "2027-07-22")
        #expect(try Self.queue(admin, scope + "&kind=DRAFT_AUTO_CLOSE") == ["DRAFT_AUTO_CLOSE \(draft) 2027-08-05"])
        try Self.setDate(desk, "2027-08-05")
        try Self.close(desk, celia, "INCORRECT_DATA", employed: true)
        #expect(try Self.queue(admin, scope) == [])
    }
}
