import Foundation
import Testing
import TestSupport

@Suite struct HireRosterTests {
    @Test("HIRE-5: the roster shows which hires have no case past their HIRE-2 date")
    func test_HIRE5_reconciliation() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        let client = desk.client
        // Two hires get cases (one matched by SSN, one by the client's employee ID).
        _ = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
            client: client, ssn: "151-20-1001", first: "Avery", last: "Quickpass", dob: "1990-02-14")))
        _ = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
            client: client, ssn: "152-20-1002", first: "Katherine", last: "Spelling", dob: "1987-06-30", extra: ["employer_case_id": "E2"])))
        let hires: [[String: Any]] = [
            ["employee_id": "E1", "first_name": "Avery", "last_name": "Quickpass", "ssn": "151201001", "date_of_hire": "2026-11-16"],
            ["employee_id": "E2", "first_name": "Katherine", "last_name": "Spelling", "date_of_hire": "2026-11-16"],
            ["employee_id": "E3", "first_name": "Noah", "last_name": "Nocase", "ssn": "170-20-1003", "date_of_hire": "2026-11-16"],
            ["employee_id": "E4", "first_name": "Fresh", "last_name": "Start", "date_of_hire": "2026-11-20"],
        ]
        for hire in hires {
            let added = try admin.call("POST", "/api/v1/clients/\(client)/hires", hire)
            #expect(added.status == 201, "\(added.response.bodyText)")
        }
        let duplicate = try admin.call("POST", "/api/v1/clients/\(client)/hires", hires[3])
        #expect(duplicate.status == 409)
        // A week later only E3 is overdue: E4's three business days have not all passed.
        _ = try admin.call("POST", "/api/v1/simulator/clock", ["set_date": "2026-11-23"])
        let unverified = try admin.call("GET", "/api/v1/clients/\(client)/hires/unverified")
        let rows = unverified["hires"] as? [[String: Any]] ?? []
        #expect(rows.compactMap { $0["employee_id"] as? String } == ["E3"])
        #expect(rows.first?["hire_due_date"] as? String == "2026-11-19")
        #expect(rows.first?["days_late"] as? Int == 4)
        #expect(rows.first?["ssn"] as? String == "***-**-1003")
        // Another client's roster does not exist for a client user; auditors only read.
        let other = try IdentityEndToEndTests.client(admin, name: "Other", ein: "98-7654321")
        _ = try IdentityEndToEndTests.user(admin, "other.clerk", role: "CLIENT_USER", client: other)
        let clerk = try IdentityEndToEndTests.activate(desk.port, "other.clerk", new: "other-clerk-password-1")
        #expect(try clerk.call("GET", "/api/v1/clients/\(client)/hires/unverified").status == 404)
        _ = try IdentityEndToEndTests.user(admin, "acme.auditor", role: "AUDITOR", client: client)
        let auditor = try IdentityEndToEndTests.activate(desk.port, "acme.auditor", new: "acme-auditor-password-1")
        #expect(try auditor.call("GET", "/api/v1/clients/\(client)/hires/unverified").status == 200)
        #expect(try auditor.call("POST", "/api/v1/clients/\(client)/hires", ["employee_id": "E9", "first_name": "A", "last_name": "B",
                                                                           "date_of_hire": "2026-11-16"]).status == 403)
    }
}
