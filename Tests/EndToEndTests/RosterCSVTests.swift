import Foundation
import Testing
import TestSupport

/// API.md "Batches": the hire roster uploaded as CSV, each row added or refused alone.
@Suite struct RosterCSVTests {
    @Test("HIRE-5: a CSV roster adds each good row and names each bad row's line and column")
    func csvRoster() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        let path = "/api/v1/clients/\(desk.client)/hires"
        #expect(try admin.call("POST", path, ["employee_id": "E9", "first_name": "Old", "last_name": "Hand",
                                              "date_of_hire": "2026-11-16"]).status == 201)
        let csv = """
            employee_id,first_name,last_name,first_day_of_work,work_state,termination_date\r
            E1,"Mary Ann",Quoted,2026-11-16,ca,\r
            E2,Bad,State,2026-11-16,ZZ,2026-11-01\r
            E9,Old,Hand,2026-11-16,,\r
            E3,Too,Few\r
            \r
            E4,Last,Row,2026-11-18,TX,2027-03-31\r

            """
        let reply = try admin.send("POST", path, text: csv, contentType: "text/csv; charset=utf-8")
        #expect(reply.status == 200, "\(reply.response.bodyText)")
        let results = reply["results"] as? [[String: Any]] ?? []
        #expect(results.map { $0["line"] as? Int } == [2, 3, 4, 5, 7])
        #expect(results.map { $0["status"] as? Int } == [201, 422, 409, 422, 201])
        let badColumns = ((results[1]["problem"] as? [String: Any])?["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
        #expect(Set(badColumns ?? []) == ["work_state", "termination_date"])
        // The stored hires carry the CSV's details; the roster lists them (no case yet).
        _ = try admin.call("POST", "/api/v1/simulator/clock", ["set_date": "2026-11-30"])
        let unverified = try admin.call("GET", "\(path)/unverified")
        let listed = (unverified["hires"] as? [[String: Any]] ?? []).reduce(into: [String: [String: Any]]()) { $0[$1["employee_id"] as? String ?? ""] = $1 }
        #expect(listed["E1"]?["first_name"] as? String == "Mary Ann")
        #expect(listed["E1"]?["work_state"] as? String == "CA")
        #expect(listed["E4"]?["termination_date"] as? String == "2027-03-31")
        #expect(listed["E2"] == nil)

        // A header with an unknown column, or without a required one, refuses the whole upload.
        let unknown = try admin.send("POST", path, text: "employee_id,first_name,last_name,first_day_of_work,shoe_size\nE5,A,B,2026-11-16,9\n",
                                     contentType: "text/csv")
        #expect(unknown.status == 400)
        #expect(unknown.errorCodes == ["UNKNOWN_FIELD"])
        let missing = try admin.send("POST", path, text: "employee_id,first_name\nE6,A\n", contentType: "text/csv")
        #expect(missing.status == 422)
        #expect(Set(missing.errorFields) == ["last_name", "first_day_of_work"])
        #expect(try admin.send("POST", path, text: "employee_id,\"first_name\nE7", contentType: "text/csv").status == 400)
    }
}
