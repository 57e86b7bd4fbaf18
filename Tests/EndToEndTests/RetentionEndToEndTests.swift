import Foundation
import Testing
import TestSupport

/// RET-1..4 through the real binary and the simulated clock.
@Suite struct RetentionEndToEndTests {
    @Test("RET-1..3: terminated on the roster, held and released, purged the day after its date, in the report; the held case untouched")
    func test_RET2_lifecycleOnTheSimulatedClock() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        let (admin, client) = (desk.admin, desk.client)
        let gone = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
            client: client, ssn: "151-20-1001", first: "Avery", last: "Quickpass", dob: "1990-02-14")))
        let kept = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
            client: client, ssn: "152-20-1002", first: "Katherine", last: "Spelling", dob: "1987-06-30")))
        #expect(try admin.call("GET", "/api/v1/cases/\(gone)")["retention_until"] is NSNull)
        // The roster: both hired on the case's day; a termination date dates the matching case (RET-1).
        var hires: [String: String] = [:]
        for last in ["Quickpass", "Spelling"] {
            let added = try admin.call("POST", "/api/v1/clients/\(client)/hires", ["employee_id": "HR-\(last)", "first_name": "X",
                                                                                  "last_name": last, "date_of_hire": "2026-11-16"])
            #expect(added.status == 201, "\(added.response.bodyText)")
            hires[last] = added["id"] as? String
        }
        let badDate = try admin.call("PATCH", "/api/v1/hires/\(hires["Quickpass"] ?? "")", ["termination_date": "2026-11-01"])
        #expect(badDate.status == 422 && badDate.errorFields == ["termination_date"])
        #expect(try admin.call("PATCH", "/api/v1/hires/\(hires["Quickpass"] ?? "")", ["termination_date": "2026-12-01", "x": 1]).status == 400)
        let terminated = try admin.call("PATCH", "/api/v1/hires/\(hires["Quickpass"] ?? "")", ["termination_date": "2026-12-01"])
        #expect(terminated.status == 200 && terminated["termination_date"] as? String == "2026-12-01")
        #expect(try admin.call("GET", "/api/v1/cases/\(gone)")["retention_until"] as? String == "2029-11-16")
        // Cleared on the roster (entered by mistake): no date, nothing to purge; then given again.
        let cleared = try admin.call("PATCH", "/api/v1/hires/\(hires["Quickpass"] ?? "")", ["termination_date": NSNull()])
        #expect(cleared.status == 200 && cleared["termination_date"] is NSNull)
        #expect(try admin.call("GET", "/api/v1/cases/\(gone)")["retention_until"] is NSNull)
        #expect(try admin.call("PATCH", "/api/v1/hires/\(hires["Quickpass"] ?? "")", ["termination_date": "2026-12-01"]).status == 200)
        #expect(try admin.call("PATCH", "/api/v1/hires/no-such-hire", ["termination_date": "2026-12-01"]).status == 404)
        // The CSV upload gives the other one's date (a row for a hire already on the roster).
        let csv = "employee_id,first_name,last_name,first_day_of_work,termination_date\nHR-Spelling,X,Spelling,2026-11-16,2026-12-01\n"
        let upload = try admin.send("POST", "/api/v1/clients/\(client)/hires", text: csv, contentType: "text/csv")
        #expect(((upload["results"] as? [[String: Any]])?.first?["status"] as? Int) == 200, "\(upload.response.bodyText)")
        for number in [gone, kept] {
            let c = try admin.call("GET", "/api/v1/cases/\(number)")
            // Hired 2026-11-16, left 2026-12-01: three years after the hire is the later date.
            #expect(c["retention_until"] as? String == "2029-11-16" && c["termination_date"] as? String == "2026-12-01")
        }
        // A case created for someone the roster already shows as gone is dated at once.
        #expect(try admin.call("POST", "/api/v1/clients/\(client)/hires", ["employee_id": "HR-Late", "first_name": "X", "last_name": "Late",
                                                                          "date_of_hire": "2026-11-16", "termination_date": "2029-06-01"]).status == 201)
        let late = try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
            client: client, ssn: "153-20-1003", first: "Lena", last: "Late", dob: "1991-03-03"))
        #expect(late.status == 201 && late["retention_until"] as? String == "2030-06-01", "\(late.response.bodyText)")
        // RET-3: a hold needs a reason and an admin; one is held and released, the other stays held.
        #expect(try admin.call("PATCH", "/api/v1/cases/\(gone)", ["legal_hold": true]).errorFields == ["legal_hold_reason"])
        _ = try IdentityEndToEndTests.user(admin, "acme.clerk", role: "CLIENT_USER", client: client)
        let clerk = try IdentityEndToEndTests.activate(desk.port, "acme.clerk", new: "acme-clerk-password-1")
        #expect(try clerk.call("PATCH", "/api/v1/cases/\(kept)", ["legal_hold": true, "legal_hold_reason": "x"]).status == 403)
        let held = try admin.call("PATCH", "/api/v1/cases/\(gone)", ["legal_hold": true, "legal_hold_reason": "Subpoena 26-114"])
        #expect(held.status == 200 && held["legal_hold"] as? Bool == true && held["legal_hold_reason"] as? String == "Subpoena 26-114")
        #expect(try admin.call("PATCH", "/api/v1/cases/\(gone)", ["legal_hold": false]).status == 200)
        #expect(try admin.call("PATCH", "/api/v1/cases/\(kept)", ["legal_hold": true, "legal_hold_reason": "Litigation"]).status == 200)
        let before = try #require(try DataDirectoryScan.sealed(caseNumber: gone, in: desk.world.agent.dataDir))
        // A window of the sealed bytes is found in the files before the purge: the scan works.
        let window = Array(before.data[12..<44])
        #expect(!DataDirectoryScan.files(in: desk.world.agent.dataDir, containing: window).isEmpty)

        // On its retention date the case is kept; the day after it is purged.
        #expect(try admin.call("POST", "/api/v1/simulator/clock", ["set_date": "2029-11-16"]).status == 200)
        #expect(try admin.call("GET", "/api/v1/cases/\(gone)")["purged"] as? Bool == false)
        #expect(try admin.call("POST", "/api/v1/simulator/clock", ["set_date": "2029-11-17"]).status == 200)
        let purged = try admin.call("GET", "/api/v1/cases/\(gone)")
        #expect(purged.status == 200 && purged["purged"] as? Bool == true && purged["purged_on"] as? String == "2029-11-17")
        for field in ["ssn", "first_name", "last_name", "date_of_birth", "document_bc_number", "employer_case_id"] {
            #expect(purged[field] is NSNull, "\(field)")
        }
        #expect(purged["date_of_hire"] as? String == "2026-11-16" && purged["case_number"] as? String == gone)
        #expect(purged["case_status"] as? String != nil && (purged["next_actions"] as? [String]) == [])
        // Every action is refused, the hold included; nothing un-purges it.
        for (method, path, body) in [("POST", "submit", [:]), ("POST", "close", ["case_closure_reason_code": "OTHER"]),
                                     ("PATCH", "", ["legal_hold": true, "legal_hold_reason": "late"]),
                                     ("PATCH", "", ["first_name": "Avery"]), ("GET", "summary", nil)] as [(String, String, [String: Any]?)] {
            let reply = try admin.call(method, "/api/v1/cases/\(gone)" + (path.isEmpty ? "" : "/\(path)"), body)
            #expect(reply.status == 409 && reply.errorCodes.contains("RET-2"), "\(method) \(path): \(reply.status)")
        }
        // The held case is untouched.
        let stillHeld = try admin.call("GET", "/api/v1/cases/\(kept)")
        #expect(stillHeld["purged"] as? Bool == false && stillHeld["ssn"] as? String == "***-**-1002")
        // RET-3: a hold older than a year is in the work queue for review.
        let reviews = try admin.call("GET", "/api/v1/work_queue?kind=LEGAL_HOLD_REVIEW")["items"] as? [[String: Any]] ?? []
        #expect(reviews.count == 1 && reviews.first?["due_date"] as? String == "2027-11-16" && reviews.first?["rule"] as? String == "RET-3")
        // The report and the audit trail.
        let report = try admin.call("GET", "/api/v1/purge_reports?client_company_id=\(client)&from=2029-11-17&to=2029-11-17")
        let lines = report["purges"] as? [[String: Any]] ?? []
        #expect(lines.compactMap { $0["case_number"] as? String } == [gone])
        #expect(lines.first?["retention_until"] as? String == "2029-11-16")
        #expect((lines.first?["fields"] as? [String] ?? []).contains("ssn"))
        #expect((try admin.call("GET", "/api/v1/purge_reports?to=2029-11-16")["purges"] as? [[String: Any]])?.isEmpty == true)
        #expect(try admin.call("GET", "/api/v1/purge_reports?from=17-11-2029").status == 422)
        let history = try admin.call("GET", "/api/v1/cases/\(gone)/history")["events"] as? [[String: Any]] ?? []
        #expect(history.contains { $0["action"] as? String == "case.purge" })
        #expect(history.contains { $0["action"] as? String == "case.legal_hold_release" })
        // Gone from every file of the data directory: the sealed data and its blind index entry.
        let after = try #require(try DataDirectoryScan.sealed(caseNumber: gone, in: desk.world.agent.dataDir))
        #expect(after.index.isEmpty && after.data != before.data)
        #expect(DataDirectoryScan.files(in: desk.world.agent.dataDir, containing: window) == [])
        #expect(DataDirectoryScan.files(in: desk.world.agent.dataDir, containing: before.index) == [])
    }

    @Test("RET-4: the photo the government side returns is passed on and never stored by the agent")
    func test_RET4_photoNeverStored() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        let number = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CatalogPathTests.listA(
            desk.client, ssn: "156-20-1006", first: "Phoebe", last: "Photomatch", dob: "1995-01-20",
            citizenship: "LAWFUL_PERMANENT_RESIDENT", document: "FORM_I551",
            extra: ["alien_number": "A100001006", "i551_number": "SRC1234567891"])))
        #expect(try admin.call("POST", "/api/v1/cases/\(number)/submit")["case_status"] as? String == "PHOTO_MATCH")
        let reply = try admin.call("GET", "/api/v1/cases/\(number)/retrieve_photo")
        let photo = Array(Data(base64Encoded: reply["document_photo"] as? String ?? "") ?? Data())
        #expect(photo.starts(with: [0x89, 0x50, 0x4E, 0x47]) && photo.count > 64)
        #expect(try admin.call("POST", "/api/v1/cases/\(number)/photo_match", ["photo_match": "MATCHING"]).status == 200)
        let dir = desk.world.agent.dataDir
        // The simulated government side keeps its record's photo in its own tables; no table
        // of the agent holds it, and no other file of the data directory does.
        #expect(try DataDirectoryScan.agentTables(in: dir, holding: photo) == [])
        let files = DataDirectoryScan.files(in: dir, containing: photo)
        #expect(files.allSatisfy { $0.hasPrefix("agent.sqlite") }, "\(files)")
    }
}
