import Foundation
import Testing
import TestSupport

/// API.md "IMAGE records" against the real binary: the membership settings on the client,
/// the records with their work items, the anonymous tip line and the annual report.
@Suite struct ImageEndToEndTests {
    static func items(_ admin: APIClient, _ kind: String) throws -> [[String: Any]] {
        try admin.call("GET", "/api/v1/work_queue?kind=\(kind)")["items"] as? [[String: Any]] ?? []
    }

    static func codes(_ reply: APIClient.Reply) -> [String] {
        (reply["errors"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    static func fields(_ reply: APIClient.Reply) -> [String] {
        (reply["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
    }

    @Test("IMG-COMPLIANCE-OFFICER refuses the whole change; members are shown; IMG-4's audit comes due on its day")
    func membershipSettings() throws {
        let desk = try CaseEndToEndTests.openDesk()   // Monday 2026-11-16
        defer { desk.world.agent.stop() }
        let admin = desk.admin, client = desk.client
        let officer = try IdentityEndToEndTests.user(admin, "officer1", role: "CLIENT_USER", client: client)

        let refused = try admin.call("PATCH", "/api/v1/clients/\(client)", ["name": "Renamed", "image_member": true, "employee_count": 60])
        #expect(refused.status == 422)
        #expect(Self.codes(refused) == ["IMG-COMPLIANCE-OFFICER"])
        let unchanged = try admin.call("GET", "/api/v1/clients/\(client)")
        #expect(unchanged["name"] as? String == "Acme Staffing")
        #expect(unchanged["image_member"] as? Bool == false)
        let stranger = try admin.call("PATCH", "/api/v1/clients/\(client)", ["image_member": true, "employee_count": 60,
                                                                             "compliance_officer_user_id": "no-such-user"])
        #expect(stranger.status == 422 && Self.fields(stranger).contains("compliance_officer_user_id"))
        #expect(try admin.call("PATCH", "/api/v1/clients/\(client)", ["i9_audit_interval_months": 0]).status == 422)
        // Members kept beside the client row on a client that does not exist: 404, never a failed write.
        #expect(try admin.call("PATCH", "/api/v1/clients/0", ["image_member": true]).status == 404)
        #expect(try admin.call("PATCH", "/api/v1/clients/0", ["verify_existing_workforce_elected_on": "2000-01-01"]).status == 404)

        let joined = try admin.call("PATCH", "/api/v1/clients/\(client)", ["image_member": true, "employee_count": 60,
                                                                           "compliance_officer_user_id": officer, "i9_audit_interval_months": 6])
        #expect(joined.status == 200, "\(joined.response.bodyText)")
        #expect(joined["image_member"] as? Bool == true)
        #expect(joined["image_member_since"] as? String == "2026-11-16")
        #expect(joined["compliance_officer_user_id"] as? String == officer)
        #expect(joined["tip_token"] is NSNull || joined["tip_token"] == nil)
        // Six months on, less 30 days: not yet shown; then shown, due 2027-05-16.
        #expect(try Self.items(admin, "I9_AUDIT_DUE").isEmpty)
        _ = try admin.call("POST", "/api/v1/simulator/clock", ["set_date": "2027-04-20"])
        let due = try Self.items(admin, "I9_AUDIT_DUE")
        #expect(due.first?["due_date"] as? String == "2027-05-16")
        #expect(due.first?["rule"] as? String == "IMG-4")
        // An audit moves the next one six months past it.
        let audit = try admin.call("POST", "/api/v1/clients/\(client)/audits", [
            "performed_on": "2027-04-19", "auditor_name": "Neutral Party LLP", "auditor_independent": true, "forms_sampled": 40])
        #expect(audit.status == 201, "\(audit.response.bodyText)")
        #expect(try Self.items(admin, "I9_AUDIT_DUE").isEmpty)
        _ = try admin.call("POST", "/api/v1/simulator/clock", ["set_date": "2027-09-20"])
        #expect(try Self.items(admin, "I9_AUDIT_DUE").first?["due_date"] as? String == "2027-10-19")
        // IMG-4: an audit by someone involved is refused.
        let involved = try admin.call("POST", "/api/v1/clients/\(client)/audits", [
            "performed_on": "2027-09-19", "auditor_name": "HR Lead", "auditor_independent": false, "forms_sampled": 10])
        #expect(involved.status == 422 && Self.codes(involved).contains("IMG-4"))
        // The trail has the settings change.
        let trail = try admin.call("GET", "/api/v1/audit?client_company_id=\(client)")
        #expect(trail.response.bodyText.contains("client.image_settings_update"))
    }

    @Test("IMG-6: a no-match letter is an item until resolved; dates in order; roles and scopes hold")
    func noMatchLettersAndRoles() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        let admin = desk.admin, client = desk.client, port = desk.port
        _ = try IdentityEndToEndTests.user(admin, "clerk1", role: "CLIENT_USER", client: client)
        _ = try IdentityEndToEndTests.user(admin, "hradmin1", role: "CLIENT_ADMIN", client: client)
        _ = try IdentityEndToEndTests.user(admin, "auditor1", role: "AUDITOR", client: client)
        let other = try IdentityEndToEndTests.client(admin, name: "Other Co", ein: "98-7654321")
        _ = try IdentityEndToEndTests.user(admin, "otheradmin", role: "CLIENT_ADMIN", client: other)
        let clerk = try IdentityEndToEndTests.activate(port, "clerk1", new: "clerk-password-456")
        let hrAdmin = try IdentityEndToEndTests.activate(port, "hradmin1", new: "hradmin-password-456")
        let auditor = try IdentityEndToEndTests.activate(port, "auditor1", new: "auditor-password-456")
        let stranger = try IdentityEndToEndTests.activate(port, "otheradmin", new: "other-password-456")

        let letter: [String: Any] = ["received_on": "2026-11-10", "employee_id": "E-77", "letter_type": "EDCOR",
                                     "steps": [["on": "2026-11-12", "action": "Checked our records for typing errors"]]]
        #expect(try admin.call("POST", "/api/v1/clients/\(client)/no_match_letters", letter.merging(["colour": "red"]) { $1 }).status == 400)
        let backwards = try hrAdmin.call("POST", "/api/v1/clients/\(client)/no_match_letters",
                                         letter.merging(["resolved_on": "2026-11-01", "resolution": "x"]) { $1 })
        #expect(backwards.status == 422 && Self.fields(backwards) == ["resolved_on"])
        let badStep = try hrAdmin.call("POST", "/api/v1/clients/\(client)/no_match_letters",
                                       letter.merging(["steps": [["on": "2026-11-12", "action": "ok"], ["on": "2026-11-12"]]]) { $1 })
        #expect(badStep.status == 422 && Self.fields(badStep) == ["steps[1].action"])
        let earlyStep = try hrAdmin.call("POST", "/api/v1/clients/\(client)/no_match_letters",
                                         letter.merging(["steps": [["on": "2026-11-01", "action": "before the letter came"]]]) { $1 })
        #expect(earlyStep.status == 422 && Self.fields(earlyStep) == ["steps[0].on"])
        #expect(try auditor.call("POST", "/api/v1/clients/\(client)/no_match_letters", letter).status == 403)
        #expect(try clerk.call("POST", "/api/v1/clients/\(client)/no_match_letters", letter).status == 403)
        #expect(try stranger.call("POST", "/api/v1/clients/\(client)/no_match_letters", letter).status == 404)
        let created = try hrAdmin.call("POST", "/api/v1/clients/\(client)/no_match_letters", letter)
        #expect(created.status == 201, "\(created.response.bodyText)")
        let id = try #require(created["id"] as? String)
        #expect(created["employee_id"] as? String == "E-77")
        #expect(created["created_by"] as? String != nil)
        let item = try #require(try Self.items(admin, "NO_MATCH_LETTER").first)
        #expect(item["due_date"] as? String == "2027-02-08")
        #expect((item["subject"] as? [String: Any])?["id"] as? String == id)

        let listed = try auditor.call("GET", "/api/v1/clients/\(client)/no_match_letters")["no_match_letters"] as? [[String: Any]]
        #expect(listed?.count == 1)
        #expect(try clerk.call("GET", "/api/v1/clients/\(client)/no_match_letters").status == 403)
        #expect(try stranger.call("GET", "/api/v1/clients/\(client)/no_match_letters").status == 404)
        #expect(try stranger.call("PATCH", "/api/v1/no_match_letters/\(id)", ["resolution": "x"]).status == 404)
        #expect(try auditor.call("PATCH", "/api/v1/no_match_letters/\(id)", ["resolution": "x"]).status == 403)
        let unresolved = try hrAdmin.call("PATCH", "/api/v1/no_match_letters/\(id)", ["resolved_on": "2026-11-13"])
        #expect(unresolved.status == 422 && Self.fields(unresolved) == ["resolution"])
        let resolved = try hrAdmin.call("PATCH", "/api/v1/no_match_letters/\(id)", [
            "resolved_on": "2026-11-13", "resolution": "Employee corrected the name with SSA"])
        #expect(resolved.status == 200, "\(resolved.response.bodyText)")
        #expect((resolved["steps"] as? [Any])?.count == 1)
        #expect(try Self.items(admin, "NO_MATCH_LETTER").isEmpty)

        for (path, body) in [("self_reports", ["discovered_on": "2026-11-02", "description": "Two I-9s signed late",
                                                "reported_to_ice_on": "2026-11-05"] as [String: Any]),
                             ("contractor_assessments", ["contractor_name": "Staffing Partner Inc", "assessed_on": "2026-11-03",
                                                         "adheres": true] as [String: Any])] {
            let made = try hrAdmin.call("POST", "/api/v1/clients/\(client)/\(path)", body)
            #expect(made.status == 201, "\(path): \(made.response.bodyText)")
            #expect((try auditor.call("GET", "/api/v1/clients/\(client)/\(path)")[path] as? [Any])?.count == 1)
        }
        let future = try hrAdmin.call("POST", "/api/v1/clients/\(client)/self_reports", ["discovered_on": "2027-01-01", "description": "x"])
        #expect(future.status == 422 && Self.fields(future) == ["discovered_on"])
    }

    @Test("IMG-7: the tip line takes anonymous tips, sealed at rest, limited per address, answered by the officer")
    func tipLine() throws {
        let desk = try CaseEndToEndTests.openDesk(environment: ["AGENT_TIP_RATE_PER_ADDRESS_PER_HOUR": "3"])
        defer { desk.world.agent.stop() }
        let admin = desk.admin, client = desk.client, port = desk.port
        let officerID = try IdentityEndToEndTests.user(admin, "officer2", role: "CLIENT_USER", client: client)
        _ = try IdentityEndToEndTests.user(admin, "hradmin2", role: "CLIENT_ADMIN", client: client)
        let officer = try IdentityEndToEndTests.activate(port, "officer2", new: "officer-password-456")
        let hrAdmin = try IdentityEndToEndTests.activate(port, "hradmin2", new: "hradmin-password-456")
        let enabled = try admin.call("PATCH", "/api/v1/clients/\(client)", ["tip_line_enabled": true,
                                                                            "compliance_officer_user_id": officerID])
        let token = try #require(enabled["tip_token"] as? String)
        #expect(token.count >= 43)

        let anonymous = try APIClient(port: port)
        let secret = "Supervisor-Zebulon-keeps-copies-of-green-cards"
        // 4,001 four-byte characters and a full contact (18 KB on the wire): judged by length, 422, not cut off by size.
        let tooLong = try anonymous.call("POST", "/tips/\(token)", ["message": String(repeating: "\u{1F600}", count: 4001),
                                                                    "contact": String(repeating: "\u{1F600}", count: 500)])
        #expect(tooLong.status == 422)
        #expect(try anonymous.call("POST", "/tips/not-a-token", ["message": "hello"]).status == 404)
        let left = try anonymous.call("POST", "/tips/\(token)", ["message": secret, "contact": "555-0100"])
        #expect(left.status == 201, "\(left.response.bodyText)")
        let code = try #require(left["follow_up_code"] as? String)
        // Three attempts so far from this address (each counts): the fourth is refused.
        let limited = try anonymous.call("POST", "/tips/\(token)", ["message": "again"])
        #expect(limited.status == 429)
        #expect(limited.response.header("Retry-After") != nil)

        let tips = try officer.call("GET", "/api/v1/clients/\(client)/tips")["tips"] as? [[String: Any]] ?? []
        #expect(tips.count == 1)
        #expect(tips.first?["message"] as? String == secret)
        let tipID = try #require(tips.first?["id"] as? String)
        let item = try #require(try Self.items(admin, "TIP_UNANSWERED").first)
        #expect(item["due_date"] as? String == "2026-12-01")   // 10 federal work days; Thanksgiving 2026-11-26 skipped
        #expect(try anonymous.call("GET", "/tips/\(token)/\(code)")["answered"] as? Bool == false)
        #expect(try anonymous.call("GET", "/tips/\(token)/wrong-code").status == 404)

        // The officer is named, so the client's admin may not answer; the officer may.
        #expect(try hrAdmin.call("POST", "/api/v1/tips/\(tipID)/reply", ["reply": "x"]).status == 403)
        #expect(try officer.call("POST", "/api/v1/tips/\(tipID)/reply", ["reply": ""]).status == 422)
        let answered = try officer.call("POST", "/api/v1/tips/\(tipID)/reply", ["reply": "Thank you; we are looking into it."])
        #expect(answered.status == 200, "\(answered.response.bodyText)")
        let followUp = try anonymous.call("GET", "/tips/\(token)/\(code)")
        #expect(followUp["reply"] as? String == "Thank you; we are looking into it.")
        #expect(followUp.response.header("Cache-Control") == "no-store")
        #expect(try Self.items(admin, "TIP_UNANSWERED").isEmpty)

        // A rotated token closes the old one.
        let rotated = try admin.call("POST", "/api/v1/clients/\(client)/tip_token/rotate")
        #expect((rotated["tip_token"] as? String).map { $0 != token } == true)
        #expect(try APIClient(port: port).call("GET", "/tips/\(token)/\(code)").status == 404)

        // No tip text in clear on disk, and no source address in the trail.
        let trail = try admin.call("GET", "/api/v1/audit?client_company_id=\(client)").response.bodyText
        #expect(trail.contains("tip.receive"))
        for phase in ["running", "stopped"] {
            if phase == "stopped" { desk.world.agent.stop() }
            let files = IdempotencyEndToEndTests.allBytes(under: desk.world.agent.dataDir)
            for needle in [secret, "555-0100", "looking into it"] {
                #expect(!files.contains { $0.range(of: Data(needle.utf8)) != nil }, "\(phase): '\(needle)' on disk in clear")
            }
        }
    }

    @Test("IMG-10: the annual report counts the year's cases exactly; filing the statement settles its item")
    func annualReport() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        let admin = desk.admin, client = desk.client
        _ = try admin.call("PATCH", "/api/v1/clients/\(client)", ["image_member": true, "employee_count": 12])
        let ea = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
            client: client, ssn: "151-20-1001", first: "Avery", last: "Quickpass", dob: "1990-02-14")))
        #expect(try admin.call("POST", "/api/v1/cases/\(ea)/submit")["case_status"] as? String == "CLOSED")
        let fnc = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
            client: client, ssn: "165-20-1015", first: "Grace", last: "Memoriam", dob: "1931-01-01")))
        _ = try admin.call("POST", "/api/v1/cases/\(fnc)/submit")
        _ = try admin.call("GET", "/api/v1/cases/\(fnc)/further_action_notice")
        _ = try admin.call("POST", "/api/v1/cases/\(fnc)/no_action", ["employee_notified": true])
        #expect(try admin.call("POST", "/api/v1/cases/\(fnc)/close", ["case_closure_reason_code": "EMPLOYEE_TERMINATED_FOR_FNC_RESULT",
                                                                     "currently_employed": false]).status == 200)
        _ = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
            client: client, ssn: "152-20-1002", first: "Katharine", last: "Spelling", dob: "1987-06-30")))
        _ = try admin.call("POST", "/api/v1/clients/\(client)/no_match_letters",
                           ["received_on": "2026-11-10", "employee_id": "E-1", "letter_type": "EDCOR"])

        let report = try admin.call("GET", "/api/v1/clients/\(client)/reports/image_annual?year=2026")
        #expect(report.status == 200, "\(report.response.bodyText)")
        let byResult = report["cases_by_result"] as? [String: Int] ?? [:]
        #expect(byResult == ["EMPLOYMENT_AUTHORIZED": 1, "FINAL_NONCONFIRMATION": 0, "NO_ACTION_FNC": 1, "CLOSE_CASE_AND_RESUBMIT": 0,
                             "CLOSED_WITHOUT_RESULT": 0, "OPEN": 1])
        #expect(report["cases_by_citizenship_status"] as? [String: Int] == ["US_CITIZEN": 3])
        #expect(report["discharged_because_of_participation"] as? Int == 1)
        #expect(report["no_match_letters"] as? Int == 1)
        #expect(report["filed"] as? Bool == false)
        #expect((try admin.call("GET", "/api/v1/clients/\(client)/reports/image_annual?year=2025")["cases_by_result"] as? [String: Int])?
                    .values.reduce(0, +) == 0)
        #expect(try admin.call("GET", "/api/v1/clients/\(client)/reports/image_annual?year=twenty").status == 422)

        // The report for 2026 is due 2027-01-31, shown from the new year.
        #expect(try Self.items(admin, "ANNUAL_REPORT_DUE").isEmpty)
        _ = try admin.call("POST", "/api/v1/simulator/clock", ["set_date": "2027-01-04"])
        #expect(try Self.items(admin, "ANNUAL_REPORT_DUE").first?["due_date"] as? String == "2027-01-31")
        let filed = try admin.call("POST", "/api/v1/clients/\(client)/reports/image_annual/2026", [
            "applicants_denied_because_of_participation": 2, "organizational_changes": "Opened a second site", "contact_person": "Pat Doe"])
        #expect(filed.status == 200, "\(filed.response.bodyText)")
        #expect(filed["applicants_denied_because_of_participation"] as? Int == 2)
        #expect(filed["filed"] as? Bool == true)
        #expect(try Self.items(admin, "ANNUAL_REPORT_DUE").isEmpty)
        let csv = try admin.call("GET", "/api/v1/clients/\(client)/reports/image_annual?year=2026&format=csv")
        #expect(csv.response.header("Content-Type")?.hasPrefix("text/csv") == true)
        #expect(csv.response.bodyText.contains("cases_by_result.NO_ACTION_FNC,1"))
        #expect(csv.response.bodyText.contains("applicants_denied_because_of_participation,2"))
        let pdf = try admin.call("GET", "/api/v1/clients/\(client)/reports/image_annual?year=2026&format=pdf")
        #expect(pdf.status == 200)
        #expect(pdf.response.header("Content-Type") == "application/pdf")
        let text = try PDFText.extract(pdf.response.body)
        #expect(text.contains("Acme Staffing") && text.contains("2026") && text.contains("Pat Doe"))
        try PDFText.picture(pdf.response.body, as: "image-annual-report.png")
    }
}
