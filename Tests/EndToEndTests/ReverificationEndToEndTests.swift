import Foundation
import Testing
import TestSupport

/// REV-1/REV-2 through the real binary and the simulated clock.
@Suite struct ReverificationEndToEndTests {
    static func reverificationItems(_ admin: APIClient) throws -> [[String: Any]] {
        try admin.call("GET", "/api/v1/work_queue?kind=REVERIFICATION")["items"] as? [[String: Any]] ?? []
    }

    @Test("REV-1/REV-2: reverify_by from the EAD, shown 90 days ahead; Status Change Report; Supplement B with List A or C only")
    func test_REV_reverificationEndToEnd() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        let (admin, client) = (desk.admin, desk.client)
        let number = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CatalogPathTests.listA(
            client, ssn: "157-20-1007", first: "Milo", last: "Mismatch", dob: "1989-12-01", citizenship: "NONCITIZEN_AUTHORIZED_TO_WORK",
            document: "FORM_I766", extra: ["alien_number": "A100001007", "i766_number": "IOE1234567890", "expiration_date": "2027-03-01"])))
        #expect(try admin.call("POST", "/api/v1/cases/\(number)/submit")["case_status"] as? String == "PHOTO_MATCH")
        let answered = try admin.call("POST", "/api/v1/cases/\(number)/photo_match", ["photo_match": "MATCHING"])
        #expect(answered["case_eligibility_statement"] as? String == "EMPLOYMENT_AUTHORIZED", "\(answered.response.bodyText)")
        let other = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
            client: client, ssn: "151-20-1001", first: "Avery", last: "Quickpass", dob: "1990-02-14")))
        #expect(try admin.call("GET", "/api/v1/cases/\(number)")["reverify_by"] as? String == "2027-03-01")
        #expect(try admin.call("GET", "/api/v1/cases/\(other)")["reverify_by"] is NSNull)
        // REV-1: not shown until 90 days before the expiry.
        #expect(try Self.reverificationItems(admin).isEmpty)
        _ = try admin.call("POST", "/api/v1/simulator/clock", ["set_date": "2026-12-01"])
        let shown = try Self.reverificationItems(admin)
        #expect(shown.count == 1 && shown.first?["due_date"] as? String == "2027-03-01" && shown.first?["rule"] as? String == "REV-1")

        // REV-2: a malformed report imports nothing; a good one matches by A-number, reports the rest.
        let path = "/api/v1/clients/\(client)/status_change_report"
        let header = "case_number,a_number,revoked_document_number,revocation_date\n"
        let malformed = try admin.send("POST", path, text: header + "\(number),A100001007,,2026-11-30\n\(other),,X,30-11-2026\n",
                                       contentType: "text/csv")
        #expect(malformed.status == 422 && malformed.errorFields == ["line 3"])
        #expect(try admin.call("GET", "/api/v1/cases/\(number)")["document_revoked_on"] is NSNull)
        #expect(try admin.send("POST", path, text: "case_number,ssn\n", contentType: "text/csv").status == 400)
        let report = try admin.send("POST", path, text: header + "\(number),A100001007,,2026-11-30\n\(other),A999999999,X1,2026-11-30\n"
                                    + "2026001000001AA,,IOE1,2026-11-30\n", contentType: "text/csv")
        #expect(report.status == 200 && report["matched"] as? Int == 1, "\(report.response.bodyText)")
        #expect((report["unmatched"] as? [[String: Any]])?.compactMap { $0["line"] as? Int } == [3, 4])
        let revoked = try admin.call("GET", "/api/v1/cases/\(number)")
        #expect(revoked["document_revoked_on"] as? String == "2026-11-30" && revoked["reverify_by"] as? String == "2026-12-01")
        let atOnce = try Self.reverificationItems(admin)
        #expect(atOnce.first?["rule"] as? String == "REV-2" && atOnce.first?["due_date"] as? String == "2026-12-01")

        // Supplement B: List B refused (REV-2), an EAD renewed on or after 2025-10-30 is not extended (REV-1).
        let reverify = "/api/v1/cases/\(number)/reverification"
        let listB = try admin.call("POST", reverify, ["completed_on": "2026-12-01", "document_list": "B",
                                                      "document_type_code": "DRIVERS_LICENSE", "expiration_date": "2030-01-01"])
        #expect(listB.status == 422 && listB.errorCodes.contains("REV-2"))
        let noExtension = try admin.call("POST", reverify, ["completed_on": "2026-12-01", "document_list": "A", "document_type_code": "FORM_I766",
                                                            "expiration_date": "2026-11-20", "ead_renewal_filed_on": "2026-10-01"])
        #expect(noExtension.status == 422 && noExtension.errorCodes == ["REV-1"])
        #expect(try admin.call("POST", reverify, ["completed_on": "2026-12-01", "document_list": "A", "bogus": 1]).status == 400)
        let done = try admin.call("POST", reverify, ["completed_on": "2026-12-01", "document_list": "A", "document_type_code": "FORM_I766",
                                                     "expiration_date": "2028-12-01"])
        #expect(done.status == 200 && done["reverify_by"] as? String == "2028-12-01" && done["document_revoked_on"] is NSNull)
        #expect((done["reverification"] as? [String: Any])?["automatic_extension"] as? Bool == false)
        #expect(try Self.reverificationItems(admin).isEmpty)
        #expect(try admin.call("POST", "/api/v1/cases/\(other)/reverification", ["completed_on": "2026-12-01", "document_list": "C",
                                                                                  "document_type_code": "SOCIAL_SECURITY_CARD"]).status == 409)
        let history = try admin.call("GET", "/api/v1/cases/\(number)/history")["events"] as? [[String: Any]] ?? []
        #expect(history.contains { $0["action"] as? String == "case.revocation" } && history.contains { $0["action"] as? String == "case.reverification" })
    }
}
