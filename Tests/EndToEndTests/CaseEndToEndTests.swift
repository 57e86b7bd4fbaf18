import Foundation
import Testing
import TestSupport

/// The case lifecycle over HTTP against the real binary and its simulator: catalog people
/// walked to CLOSED, moving the simulated clock for deadlines.
@Suite struct CaseEndToEndTests {
    struct Desk {
        let world: IdentityEndToEndTests.World
        let client: String
        var admin: APIClient { world.admin }
        var port: Int { world.port }
    }

    /// A running agent with one client, the admin trained, and the simulated date on a Monday.
    static func openDesk(environment: [String: String] = [:]) throws -> Desk {
        let world = try IdentityEndToEndTests.startWorld(environment: environment)
        let client = try IdentityEndToEndTests.client(world.admin, name: "Acme Staffing", ein: "12-3456789")
        let clock = try world.admin.call("POST", "/api/v1/simulator/clock", ["set_date": "2026-11-16"])
        guard clock.status == 200 else { throw TestClientError.malformed("clock: \(clock.response.bodyText)") }
        return Desk(world: world, client: client)
    }

    /// A List B + C case body for a catalog person, hired on the simulated Monday.
    static func body(client: String, ssn: String, first: String, last: String, dob: String,
                     citizenship: String = "US_CITIZEN", alien: String? = nil, extra: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = [
            "client_company_id": client, "first_name": first, "last_name": last, "date_of_birth": dob, "ssn": ssn,
            "citizenship_status_code": citizenship, "document_b_type_code": "DRIVERS_LICENSE", "document_c_type_code": "SOCIAL_SECURITY_CARD",
            "document_bc_number": "D1234567", "us_state_code": "CA", "expiration_date": "2030-01-01",
            "date_of_hire": "2026-11-16", "offer_accepted_date": "2026-11-02", "i9_section1_date": "2026-11-16",
            "i9_section2_date": "2026-11-16", "employer_case_id": "HR-\(last)",
        ]
        if let alien { body["alien_number"] = alien }
        for (key, value) in extra { body[key] = value }
        return body
    }

    static func created(_ reply: APIClient.Reply) throws -> String {
        guard reply.status == 201, let number = reply["case_number"] as? String else {
            throw TestClientError.malformed("create: \(reply.status) \(reply.response.bodyText)")
        }
        return number
    }

    @Test("EA: create a draft, submit, Employment Authorized closes the case; PII is masked")
    func employmentAuthorized() throws {
        let desk = try Self.openDesk()
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        let draft = try admin.call("POST", "/api/v1/cases", Self.body(client: desk.client, ssn: "151-20-1001", first: "Avery",
                                                                    last: "Quickpass", dob: "1990-02-14"))
        let number = try Self.created(draft)
        #expect(number.count == 15)
        #expect(number.hasPrefix("2026320"))
        #expect(draft["case_status"] as? String == "DRAFT")
        #expect(draft["ssn"] as? String == "***-**-1001")
        #expect(draft["hire_due_date"] as? String == "2026-11-19")
        #expect((draft["next_actions"] as? [String]) == ["submit", "close"])
        #expect(!draft.response.bodyText.contains("151-20-1001"))
        let submitted = try admin.call("POST", "/api/v1/cases/\(number)/submit")
        #expect(submitted.status == 200)
        #expect(submitted["case_status"] as? String == "CLOSED")
        #expect(submitted["case_eligibility_statement"] as? String == "EMPLOYMENT_AUTHORIZED")
        #expect(try admin.call("POST", "/api/v1/cases/\(number)/submit").status == 409)
        let history = try admin.call("GET", "/api/v1/cases/\(number)/history")
        let actions = (history["events"] as? [[String: Any]])?.compactMap { $0["action"] as? String }
        #expect(actions == ["case.create", "case.submit"])
        #expect(!history.response.bodyText.contains("151-20-1001"))
        let summary = try admin.call("GET", "/api/v1/cases/\(number)/summary?format=html")
        #expect(summary.response.bodyText.contains(number))
        #expect(summary.response.bodyText.contains("***-**-1001"))
        #expect(!summary.response.bodyText.contains("151-20-1001"))
        let listed = try admin.call("GET", "/api/v1/cases?status=CLOSED")
        #expect((listed["cases"] as? [[String: Any]])?.count == 1)
    }

    @Test("CASE-4: are-you-sure, corrected, then Employment Authorized")
    func areYouSureThenEA() throws {
        let desk = try Self.openDesk()
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        let number = try Self.created(try admin.call("POST", "/api/v1/cases", Self.body(
            client: desk.client, ssn: "152-20-1002", first: "Katharine", last: "Spelling", dob: "1987-06-30")))
        let submitted = try admin.call("POST", "/api/v1/cases/\(number)/submit")
        #expect(submitted["case_status"] as? String == "UNCONFIRMED_DATA")
        let fields = try admin.call("GET", "/api/v1/cases/\(number)/confirm_details_fields")
        #expect((fields["case_fields"] as? [[String: Any]])?.first?["field_name"] as? String == "first_name")
        // Every field asked about must be listed.
        #expect(try admin.call("POST", "/api/v1/cases/\(number)/confirm_details", ["case_fields": []]).status == 422)
        let confirmed = try admin.call("POST", "/api/v1/cases/\(number)/confirm_details",
                                       ["case_fields": [["field_name": "first_name", "value": "Katherine"]]])
        #expect(confirmed["case_status"] as? String == "CLOSED")
        #expect(confirmed["case_eligibility_statement"] as? String == "EMPLOYMENT_AUTHORIZED")
    }

    @Test("TNC-3, CASE-10, TNC-4: contest an SSA mismatch after the FAN, then EA as the clock moves")
    func contestThenEA() throws {
        let desk = try Self.openDesk()
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        let number = try Self.created(try admin.call("POST", "/api/v1/cases", Self.body(
            client: desk.client, ssn: "163-20-1013", first: "Erin", last: "Cleared", dob: "1986-04-04")))
        let tnc = try admin.call("POST", "/api/v1/cases/\(number)/submit")
        #expect(tnc["case_status"] as? String == "PENDING_REFERRAL")
        #expect(tnc["ssa_referral_status"] as? String == "PENDING_REFERRAL")
        #expect(tnc["tnc_decision_due_date"] as? String == "2026-12-01")
        let early = try admin.call("POST", "/api/v1/cases/\(number)/refer", ["employee_notified": true])
        #expect(early.status == 409)
        #expect(early.errorCodes == ["CASE-10"])
        let notice = try admin.call("GET", "/api/v1/cases/\(number)/further_action_notice?language=es&format=html")
        #expect(notice.status == 200)
        #expect(notice.response.bodyText.contains(number))
        #expect(notice.response.bodyText.contains("lang=\"es\""))
        let pdf = try admin.call("GET", "/api/v1/cases/\(number)/further_action_notice")
        #expect(pdf.response.header("Content-Type") == "application/pdf")
        #expect(pdf.response.body.starts(with: Array("%PDF-".utf8)))
        #expect(try admin.call("GET", "/api/v1/cases/\(number)/further_action_notice?language=klingon").status == 422)
        // Without language=, the client's offered language follows the English text.
        #expect(try admin.call("PATCH", "/api/v1/clients/\(desk.client)", ["notice_languages": ["es"]]).status == 200)
        let offered = try admin.call("GET", "/api/v1/cases/\(number)/further_action_notice?format=html")
        #expect(offered.response.bodyText.contains("lang=\"es\""))
        let referred = try admin.call("POST", "/api/v1/cases/\(number)/refer", ["employee_notified": true])
        #expect(referred["case_status"] as? String == "REFERRED")
        #expect(referred["referral_contact_by_date"] as? String == "2026-11-27")
        #expect(try admin.call("GET", "/api/v1/cases/\(number)/referral_date_confirmation").status == 200)
        let clock = try admin.call("POST", "/api/v1/simulator/clock", ["advance_work_days": 5])
        #expect(clock["today"] as? String == "2026-11-23")
        let after = try admin.call("GET", "/api/v1/cases/\(number)")
        #expect(after["case_status"] as? String == "CLOSED")
        #expect(after["case_eligibility_statement"] as? String == "EMPLOYMENT_AUTHORIZED")
        #expect(after["ssa_referral_status"] as? String == "RESOLVED")
        let feed = try admin.call("GET", "/api/v1/cases/updated")
        #expect((feed["updated_cases"] as? [[String: Any]])?.contains { $0["case_number"] as? String == number } == true)
        #expect(try admin.call("POST", "/api/v1/cases/confirm_updated", ["case_numbers": [number]])["acknowledged"] as? Int == 1)
        #expect((try admin.call("GET", "/api/v1/cases/updated")["updated_cases"] as? [[String: Any]])?.isEmpty == true)
    }

    @Test("TNC-9: a mismatch not contested becomes final and is closed with the employee's fate")
    func noActionThenClose() throws {
        let desk = try Self.openDesk()
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        let number = try Self.created(try admin.call("POST", "/api/v1/cases", Self.body(
            client: desk.client, ssn: "165-20-1015", first: "Grace", last: "Memoriam", dob: "1931-01-01")))
        #expect(try admin.call("POST", "/api/v1/cases/\(number)/submit")["case_status"] as? String == "PENDING_REFERRAL")
        _ = try admin.call("GET", "/api/v1/cases/\(number)/further_action_notice")
        let final = try admin.call("POST", "/api/v1/cases/\(number)/no_action", ["employee_notified": true])
        #expect(final["case_status"] as? String == "FINAL_NONCONFIRMATION")
        #expect(final["case_eligibility_statement"] as? String == "NO_ACTION_FNC")
        let reasons = try admin.call("GET", "/api/v1/cases/\(number)/closure_reasons?currently_employed=false")
        #expect((reasons["case_closure_reasons"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
                == ["EMPLOYEE_TERMINATED_FOR_FNC_RESULT", "EMPLOYEE_QUIT"])
        let wrong = try admin.call("POST", "/api/v1/cases/\(number)/close",
                                   ["case_closure_reason_code": "EMPLOYEE_CONTINUES_TO_WORK_AFTER_EA", "currently_employed": false])
        #expect(wrong.status == 422)
        let closed = try admin.call("POST", "/api/v1/cases/\(number)/close",
                                    ["case_closure_reason_code": "EMPLOYEE_TERMINATED_FOR_FNC_RESULT", "currently_employed": false])
        #expect(closed["case_status"] as? String == "CLOSED")
    }

    @Test("DHS needs more time: manual review resolves as the simulated clock moves")
    func manualReviewResolves() throws {
        let desk = try Self.openDesk()
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        let number = try Self.created(try admin.call("POST", "/api/v1/cases", Self.body(
            client: desk.client, ssn: "158-20-1008", first: "Nina", last: "Moretime", dob: "1983-05-05",
            citizenship: "LAWFUL_PERMANENT_RESIDENT", alien: "A100001008")))
        #expect(try admin.call("POST", "/api/v1/cases/\(number)/submit")["case_status"] as? String == "MANUAL_REVIEW")
        #expect(try admin.call("POST", "/api/v1/cases/\(number)/close", ["case_closure_reason_code": "OTHER"]).status == 409)
        _ = try admin.call("POST", "/api/v1/simulator/clock", ["advance_work_days": 3])
        #expect(try admin.call("GET", "/api/v1/cases/\(number)")["case_eligibility_statement"] as? String == "EMPLOYMENT_AUTHORIZED")
    }

    @Test("CASE-8 and CASE-5: duplicates of an SSN for the same client")
    func duplicates() throws {
        let desk = try Self.openDesk()
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        let body = Self.body(client: desk.client, ssn: "151-20-1001", first: "Avery", last: "Quickpass", dob: "1990-02-14")
        let first = try Self.created(try admin.call("POST", "/api/v1/cases", body))
        let open = try admin.call("POST", "/api/v1/cases", body)
        #expect(open.status == 409)
        #expect(open.errorCodes == ["CASE-8"])
        _ = try admin.call("POST", "/api/v1/cases/\(first)/submit")
        let recent = try admin.call("POST", "/api/v1/cases", body)
        #expect(recent.status == 422)
        #expect(recent.errorCodes == ["CASE-5"])
        var again = body
        again["duplicate_continue_reason_code"] = "REHIRE"
        #expect(try admin.call("POST", "/api/v1/cases", again).status == 201)
        let check = try admin.call("POST", "/api/v1/duplicate_check", ["ssn": "151-20-1001", "client_company_id": desk.client])
        #expect((check["cases"] as? [[String: Any]])?.count == 2)
    }

    @Test("TRN-1, ACC-2, idempotency and every refusal at once")
    func gatesAndRefusals() throws {
        let desk = try Self.openDesk()
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        let body = Self.body(client: desk.client, ssn: "151-20-1001", first: "Avery", last: "Quickpass", dob: "1990-02-14")
        // Idempotency-Key: a retry gets the first answer; another body with the key is refused.
        let key = [("Idempotency-Key", "hire-0001")]
        let first = try admin.call("POST", "/api/v1/cases", body, headers: key)
        let retry = try admin.call("POST", "/api/v1/cases", body, headers: key)
        #expect(retry.status == 201)
        #expect(retry["case_number"] as? String == first["case_number"] as? String)
        #expect(retry.response.header("Idempotent-Replayed") == "true")
        var other = body
        other["employer_case_id"] = "HR-other"
        #expect(try admin.call("POST", "/api/v1/cases", other, headers: key).status == 409)

        // An untrained client user may not act on cases (TRN-1); another client's case is 404.
        let bolt = try IdentityEndToEndTests.client(admin, name: "Bolt", ein: "98-7654321")
        _ = try IdentityEndToEndTests.user(admin, "bolt.user", role: "CLIENT_USER", client: bolt)
        let boltUser = try IdentityEndToEndTests.activate(desk.port, "bolt.user", new: "bolt-user-password-1")
        let untrained = try boltUser.call("POST", "/api/v1/cases", body)
        #expect(untrained.status == 403)
        #expect(untrained.errorCodes == ["TRN-1"])
        #expect(try boltUser.call("GET", "/api/v1/cases/\(first["case_number"] as? String ?? "")").status == 404)
        #expect((try boltUser.call("GET", "/api/v1/cases")["cases"] as? [[String: Any]])?.isEmpty == true)

        // Many problems in one body come back together, and nothing is created.
        let bad = try admin.call("POST", "/api/v1/cases", ["client_company_id": desk.client, "first_name": "R2-D2!", "ssn": "666-12-3456",
                                                          "date_of_birth": "2030-01-01", "citizenship_status_code": "US_CITIZEN",
                                                          "date_of_hire": "2026-11-16"])
        #expect(bad.status == 422)
        #expect(Set(bad.errorFields).isSuperset(of: ["first_name", "ssn", "date_of_birth", "last_name"]))
        #expect((try admin.call("GET", "/api/v1/cases")["cases"] as? [[String: Any]])?.count == 1)
        #expect(try admin.call("POST", "/api/v1/cases", body.merging(["favourite_colour": "blue"]) { a, _ in a }).status == 400)
    }

    @Test("IMG-3: a client that requires secondary review gets it from a second user before submission")
    func test_IMG3_secondaryReview() throws {
        let desk = try Self.openDesk()
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        #expect(try admin.call("PATCH", "/api/v1/clients/\(desk.client)", ["require_secondary_review": true]).status == 200)
        let number = try Self.created(try admin.call("POST", "/api/v1/cases", Self.body(
            client: desk.client, ssn: "151-20-1001", first: "Avery", last: "Quickpass", dob: "1990-02-14")))
        let draft = try admin.call("GET", "/api/v1/cases/\(number)")
        #expect(draft["review_status"] as? String == "PENDING")
        #expect(draft["next_actions"] as? [String] == ["review", "close"])
        let early = try admin.call("POST", "/api/v1/cases/\(number)/submit")
        #expect(early.status == 409)
        #expect(early.errorCodes == ["IMG-3"])
        // The creator cannot review their own case.
        #expect(try admin.call("POST", "/api/v1/cases/\(number)/review", ["decision": "APPROVE"]).errorCodes == ["IMG-3"])
        let reviewerID = try IdentityEndToEndTests.user(admin, "second.pair", role: "AGENT_USER", client: nil)
        _ = try admin.call("POST", "/api/v1/training/records", ["user_id": reviewerID, "date": "2026-01-05", "score_percent": 88])
        let reviewer = try IdentityEndToEndTests.activate(desk.port, "second.pair", new: "second-pair-of-eyes-1")
        let approved = try reviewer.call("POST", "/api/v1/cases/\(number)/review", ["decision": "APPROVE", "note": "matches the I-9"])
        #expect(approved["review_status"] as? String == "APPROVED")
        // Changing the data after the review asks for a new one.
        _ = try admin.call("PATCH", "/api/v1/cases/\(number)", ["employer_case_id": "HR-changed"])
        #expect(try admin.call("GET", "/api/v1/cases/\(number)")["review_status"] as? String == "PENDING")
        _ = try reviewer.call("POST", "/api/v1/cases/\(number)/review", ["decision": "APPROVE"])
        let submitted = try admin.call("POST", "/api/v1/cases/\(number)/submit")
        #expect(submitted["case_eligibility_statement"] as? String == "EMPLOYMENT_AUTHORIZED")
    }
}
