import Foundation
import Testing
import TestSupport

/// API.md "IMAGE records" over HTTP: settings (IMG-COMPLIANCE-OFFICER), records and their
/// work items (IMG-4, IMG-6), the anonymous tip line (IMG-7) and the annual report (IMG-10).
@Suite struct ImageEndToEndTests {
    @Test("IMG-COMPLIANCE-OFFICER, IMG-4, IMG-5, IMG-6, IMG-9: settings, records, items raised and settled")
    func test_IMG_settingsAndRecords() throws {
        let desk = try CaseEndToEndTests.openDesk()   // 2026-11-16
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        let client = desk.client
        let refused = try admin.call("PATCH", "/api/v1/clients/\(client)", ["image_member": true, "employee_count": 50, "name": "Acme Renamed"])
        #expect(refused.status == 422 && refused.errorCodes == ["IMG-COMPLIANCE-OFFICER"])
        #expect(try admin.call("GET", "/api/v1/clients/\(client)")["name"] as? String == "Acme Staffing")
        let officer = try IdentityEndToEndTests.user(admin, "acme.officer", role: "CLIENT_ADMIN", client: client)
        let set = try admin.call("PATCH", "/api/v1/clients/\(client)", ["image_member": true, "employee_count": 50, "compliance_officer_user_id": officer,
                                                                         "i9_audit_interval_months": 6])
        #expect(set.status == 200 && set["image_member"] as? Bool == true && set["i9_audit_interval_months"] as? Int == 6, "\(set.response.bodyText)")

        // IMG-4: the next audit is due the interval after the last one; an auditor who is not independent is refused.
        #expect(try admin.call("POST", "/api/v1/clients/\(client)/audits", ["performed_on": "2026-10-31", "auditor_name": "In House",
                                                                             "auditor_independent": false, "forms_sampled": 20]).errorCodes == ["IMG-4"])
        let audit = try admin.call("POST", "/api/v1/clients/\(client)/audits", ["performed_on": "2026-08-31", "auditor_name": "Neutral LLP",
                                                                                 "auditor_independent": true, "forms_sampled": 40, "findings": "2 late cases"])
        #expect(audit.status == 201 && audit["forms_sampled"] as? Int == 40)
        #expect(try WorkQueueEndToEndTests.queue(admin, "kind=I9_AUDIT_DUE") == ["I9_AUDIT_DUE \(audit["id"] as? String ?? "?") 2027-02-28"])

        // IMG-6: an open letter waits 30 days; its resolution settles it.
        let bad = try admin.call("POST", "/api/v1/clients/\(client)/no_match_letters", ["received_on": "2026-11-02", "employee_id": "E-1", "letter_type": "EDCOR",
                                                                                         "steps": [["on": "2026-10-01", "action": "too early"]], "resolved_on": "2026-11-01"])
        #expect(bad.status == 422 && Set(bad.errorFields) == ["steps[0].on", "resolved_on", "resolution"])
        let letter = try admin.call("POST", "/api/v1/clients/\(client)/no_match_letters",
                                    ["received_on": "2026-11-02", "employee_id": "E-1", "letter_type": "EDCOR",
                                     "steps": [["on": "2026-11-03", "action": "Checked the name against Form I-9"]]])
        #expect(letter.status == 201, "\(letter.response.bodyText)")
        let lid = letter["id"] as? String ?? "?"
        #expect(try WorkQueueEndToEndTests.queue(admin, "kind=NO_MATCH_LETTER") == ["NO_MATCH_LETTER \(lid) 2026-12-02"])
        let resolved = try admin.call("PATCH", "/api/v1/no_match_letters/\(lid)", ["resolution": "Name corrected with SSA", "resolved_on": "2026-11-10"])
        #expect(resolved.status == 200 && resolved["letter_type"] as? String == "EDCOR" && (resolved["steps"] as? [Any])?.count == 1)
        #expect(try WorkQueueEndToEndTests.queue(admin, "kind=NO_MATCH_LETTER") == [])

        #expect(try admin.call("POST", "/api/v1/clients/\(client)/self_reports", ["discovered_on": "2026-11-05", "description": "Three I-9s lacked Section 2 signatures.",
                                                                                   "reported_to_ice_on": "2026-11-06"]).status == 201)
        #expect(try admin.call("POST", "/api/v1/clients/\(client)/contractor_assessments", ["contractor_name": "Bolt Cleaning", "assessed_on": "2026-11-01",
                                                                                             "adheres": true, "extra": 1]).status == 400)
        #expect(try admin.call("POST", "/api/v1/clients/\(client)/contractor_assessments", ["contractor_name": "Bolt Cleaning", "assessed_on": "2026-11-01",
                                                                                             "adheres": true]).status == 201)
        let list = try admin.call("GET", "/api/v1/clients/\(client)/self_reports")
        #expect((list["self_reports"] as? [[String: Any]])?.first?["description"] as? String == "Three I-9s lacked Section 2 signatures.")

        // Roles: the client's auditor reads, never writes; a client user reads no records.
        _ = try IdentityEndToEndTests.user(admin, "acme.auditor", role: "AUDITOR", client: client)
        _ = try IdentityEndToEndTests.user(admin, "acme.user", role: "CLIENT_USER", client: client)
        let auditor = try IdentityEndToEndTests.activate(desk.port, "acme.auditor", new: "acme-auditor-password-1")
        let user = try IdentityEndToEndTests.activate(desk.port, "acme.user", new: "acme-user-password-1")
        #expect(try auditor.call("GET", "/api/v1/clients/\(client)/audits").status == 200)
        #expect(try auditor.call("POST", "/api/v1/clients/\(client)/self_reports", ["discovered_on": "2026-11-05", "description": "x"]).status == 403)
        #expect(try user.call("GET", "/api/v1/clients/\(client)/no_match_letters").status == 403)
    }

    @Test("IMG-7: anonymous tips, rate limited per address, never stored over 4,000 characters, answered by the officer")
    func test_IMG7_tipLine() throws {
        let desk = try CaseEndToEndTests.openDesk(environment: ["AGENT_TIP_RATE_PER_ADDRESS_PER_HOUR": "3"])
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        let other = try IdentityEndToEndTests.client(admin, name: "Other Works", ein: "98-7654321")
        let officer = try IdentityEndToEndTests.user(admin, "acme.officer", role: "CLIENT_USER", client: desk.client)
        let enabled = try admin.call("PATCH", "/api/v1/clients/\(desk.client)", ["tip_line_enabled": true, "compliance_officer_user_id": officer])
        let token = enabled["tip_token"] as? String ?? ""
        #expect(token.count >= 43, "\(enabled.response.bodyText)")
        _ = try admin.call("PATCH", "/api/v1/clients/\(other)", ["tip_line_enabled": true])
        let anonymous = try APIClient(port: desk.port)
        #expect(try anonymous.call("POST", "/tips/not-a-token", ["message": "hello"]).status == 404)
        let tooLong = try anonymous.call("POST", "/tips/\(token)", ["message": String(repeating: "a", count: 4001)])
        #expect(tooLong.status == 422 && tooLong.errorFields == ["message"])
        let sent = try anonymous.call("POST", "/tips/\(token)", ["message": "A supervisor asks only some hires for extra documents.", "contact": "none"])
        #expect(sent.status == 201)
        let code = sent["follow_up_code"] as? String ?? "?"
        #expect(try anonymous.call("GET", "/tips/\(token)/\(code)")["reply"] is NSNull)
        #expect(try WorkQueueEndToEndTests.queue(admin, "kind=TIP_UNANSWERED").count == 1)
        // The client's users read its tips (not another client's); the over-long one was never stored.
        let officerAPI = try IdentityEndToEndTests.activate(desk.port, "acme.officer", new: "acme-officer-password-1")
        let tips = try officerAPI.call("GET", "/api/v1/clients/\(desk.client)/tips")
        #expect((tips["tips"] as? [[String: Any]])?.count == 1)
        #expect(try officerAPI.call("GET", "/api/v1/clients/\(other)/tips").status == 404)
        let tid = (tips["tips"] as? [[String: Any]])?.first?["id"] as? String ?? "?"
        #expect(try officerAPI.call("POST", "/api/v1/tips/\(tid)/reply", ["reply": "Thank you; we are reviewing the practice."]).status == 200)
        #expect(try anonymous.call("GET", "/tips/\(token)/\(code)")["reply"] as? String == "Thank you; we are reviewing the practice.")
        #expect(try WorkQueueEndToEndTests.queue(admin, "kind=TIP_UNANSWERED") == [])
        // Three per hour from one address: the fourth is 429 with Retry-After.
        #expect(try anonymous.call("POST", "/tips/\(token)", ["message": "two"]).status == 201)
        #expect(try anonymous.call("POST", "/tips/\(token)", ["message": "three"]).status == 201)
        let limited = try anonymous.call("POST", "/tips/\(token)", ["message": "four"])
        #expect(limited.status == 429 && limited.response.header("Retry-After") != nil)
        // Rotating the token retires the old address.
        let rotated = try admin.call("PATCH", "/api/v1/clients/\(desk.client)", ["rotate_tip_token": true])
        #expect(rotated["tip_token"] as? String != token)
        #expect(try anonymous.call("GET", "/tips/\(token)/\(code)").status == 404)
    }

    @Test("IMG-10: the annual report counts the year's cases exactly, in JSON, CSV and PDF")
    func test_IMG10_annualReport() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        let client = desk.client
        // A 2025 case, which the 2026 report leaves out.
        try WorkQueueEndToEndTests.setDate(desk, "2025-06-02")
        _ = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
            client: client, ssn: "171-20-1071", first: "Old", last: "Year", dob: "1980-01-01",
            extra: ["date_of_hire": "2025-06-02", "offer_accepted_date": "2025-05-20", "i9_section1_date": "2025-06-02", "i9_section2_date": "2025-06-02"])))
        try WorkQueueEndToEndTests.setDate(desk, "2026-11-16")
        // 2026: one authorized (citizen), one not contested and terminated (citizen), one open draft (permanent resident).
        let avery = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
            client: client, ssn: "151-20-1001", first: "Avery", last: "Quickpass", dob: "1990-02-14")))
        #expect(try admin.call("POST", "/api/v1/cases/\(avery)/submit")["case_eligibility_statement"] as? String == "EMPLOYMENT_AUTHORIZED")
        let grace = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
            client: client, ssn: "165-20-1015", first: "Grace", last: "Memoriam", dob: "1931-01-01")))
        _ = try admin.call("POST", "/api/v1/cases/\(grace)/submit")
        try WorkQueueEndToEndTests.decide(desk, grace, refer: false)
        try WorkQueueEndToEndTests.close(desk, grace, "EMPLOYEE_TERMINATED_FOR_FNC_RESULT", employed: false)
        _ = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CatalogPathTests.listA(
            client, ssn: "156-20-1006", first: "Phoebe", last: "Photomatch", dob: "1995-01-20", citizenship: "LAWFUL_PERMANENT_RESIDENT",
            document: "FORM_I551", extra: ["alien_number": "A100001006", "i551_number": "SRC1234567891"])))
        #expect(try admin.call("POST", "/api/v1/clients/\(client)/reports/image_annual/2026",
                               ["applicants_denied_because_of_participation": 0, "organizational_changes": "Opened a second site", "contact_person": "Pat Lee"]).status == 200)
        _ = try admin.call("POST", "/api/v1/clients/\(client)/audits", ["performed_on": "2026-03-02", "auditor_name": "Neutral LLP",
                                                                          "auditor_independent": true, "forms_sampled": 10])

        let report = try admin.call("GET", "/api/v1/clients/\(client)/reports/image_annual?year=2026")
        #expect(report.status == 200, "\(report.response.bodyText)")
        let results = report["cases_by_result"] as? [String: Int] ?? [:]
        #expect(results["EMPLOYMENT_AUTHORIZED"] == 1 && results["NO_ACTION_FNC"] == 1 && results["OPEN"] == 1
                && results["FINAL_NONCONFIRMATION"] == 0 && results["CLOSE_CASE_AND_RESUBMIT"] == 0, "\(results)")
        let citizenship = report["cases_by_citizenship_status"] as? [String: Int] ?? [:]
        #expect(citizenship["US_CITIZEN"] == 2 && citizenship["LAWFUL_PERMANENT_RESIDENT"] == 1)
        #expect(report["discharged_because_of_participation"] as? Int == 1)
        #expect(report["applicants_denied_because_of_participation"] as? Int == 0 && report["contact_person"] as? String == "Pat Lee")
        #expect(report["audits"] as? Int == 1 && report["tips"] as? Int == 0)
        let csv = try admin.call("GET", "/api/v1/clients/\(client)/reports/image_annual?year=2026&format=csv").response.bodyText
        #expect(csv.contains("cases_by_result.EMPLOYMENT_AUTHORIZED,1") && csv.contains("discharged_because_of_participation,1"))
        let pdf = try admin.call("GET", "/api/v1/clients/\(client)/reports/image_annual?year=2026&format=pdf")
        let text = try PDFText.extract(pdf.response.body)
        try PDFText.picture(pdf.response.body, as: "image-annual-report.png")
        #expect(text.contains("Acme Staffing") && text.contains("2026"))
        let older = try admin.call("GET", "/api/v1/clients/\(client)/reports/image_annual?year=2025")
        // The 2025 draft was closed by CASE-7 when the clock passed 180 work days: counted, without a result.
        #expect((older["cases_by_result"] as? [String: Int])?.values.reduce(0, +) == 1)
        #expect(results.values.reduce(0, +) == 3)
        #expect(try admin.call("GET", "/api/v1/clients/\(client)/reports/image_annual").errorFields == ["year"])
    }
}
