import Foundation
import Testing
import TestSupport

/// API.md "Batches": every item judged as if it came alone, one answer with every outcome.
@Suite struct BatchEndToEndTests {
    static func results(_ reply: APIClient.Reply) -> [[String: Any]] { reply["results"] as? [[String: Any]] ?? [] }

    @Test("cases/batch: good items are created, each refusal is the problem it would get alone, and changes nothing else")
    func batchCreate() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        let open = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
            client: desk.client, ssn: "151-20-1001", first: "Avery", last: "Quickpass", dob: "1990-02-14")))
        var unknownField = CaseEndToEndTests.body(client: desk.client, ssn: "152-41-0003", first: "Cy", last: "Third", dob: "1981-03-03")
        unknownField["favourite_colour"] = "blue"
        let items: [Any] = [
            CaseEndToEndTests.body(client: desk.client, ssn: "152-41-0001", first: "Ann", last: "First", dob: "1980-01-01"),
            CaseEndToEndTests.body(client: desk.client, ssn: "666-12-3456", first: "R2-D2!", last: "Bad", dob: "2030-01-01"),
            CaseEndToEndTests.body(client: desk.client, ssn: "151-20-1001", first: "Avery", last: "Quickpass", dob: "1990-02-14"),
            unknownField,
            "not an object",
            CaseEndToEndTests.body(client: desk.client, ssn: "152-41-0002", first: "Bo", last: "Second", dob: "1979-02-02"),
        ]
        let reply = try admin.call("POST", "/api/v1/cases/batch", ["cases": items])
        #expect(reply.status == 200)
        let results = Self.results(reply)
        #expect(results.map { $0["index"] as? Int } == [0, 1, 2, 3, 4, 5])
        #expect(results.map { $0["status"] as? Int } == [201, 422, 409, 400, 400, 201])
        let problems = results.map { $0["problem"] as? [String: Any] }
        let badFields = (problems[1]?["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String } ?? []
        #expect(Set(badFields).isSuperset(of: ["first_name", "ssn", "date_of_birth"]))
        #expect((problems[2]?["errors"] as? [[String: Any]])?.first?["code"] as? String == "CASE-8")
        #expect(problems[2]?["duplicate_case_number"] as? String == open)
        #expect((problems[3]?["errors"] as? [[String: Any]])?.first?["code"] as? String == "UNKNOWN_FIELD")
        let created = [results[0], results[5]].compactMap { $0["case_number"] as? String }
        #expect(created.count == 2)
        for number in created { #expect(try admin.call("GET", "/api/v1/cases/\(number)")["case_status"] as? String == "DRAFT") }
        // Only the open case and the two good items exist.
        #expect((try admin.call("GET", "/api/v1/cases?limit=200")["cases"] as? [[String: Any]])?.count == 3)

        // The batch as a whole takes an Idempotency-Key: a retry answers the same, creating nothing.
        let one = ["cases": [CaseEndToEndTests.body(client: desk.client, ssn: "152-41-0004", first: "Di", last: "Fourth", dob: "1978-04-04")]]
        let key = [("Idempotency-Key", "batch-0001")]
        let first = try admin.call("POST", "/api/v1/cases/batch", one, headers: key)
        let again = try admin.call("POST", "/api/v1/cases/batch", one, headers: key)
        #expect(again.response.header("Idempotent-Replayed") == "true")
        #expect(again.response.bodyText == first.response.bodyText)
        #expect((try admin.call("GET", "/api/v1/cases?limit=200")["cases"] as? [[String: Any]])?.count == 4)

        // Empty, too large, or not an array: the whole request is refused.
        #expect(try admin.call("POST", "/api/v1/cases/batch", ["cases": []]).status == 422)
        #expect(try admin.call("POST", "/api/v1/cases/batch", ["cases": Array(repeating: [String: Any](), count: 501)]).status == 422)
        #expect(try admin.call("POST", "/api/v1/cases/batch", ["cases": "x"]).status == 422)
        #expect(try admin.call("POST", "/api/v1/cases/batch", ["cases": [[String: Any]()], "extra": 1]).status == 400)
    }

    @Test("cases/batch_close: each case closed or refused on its own")
    func batchClose() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        let draft = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
            client: desk.client, ssn: "152-41-0011", first: "Eve", last: "Eleven", dob: "1980-01-11")))
        let closedAlready = try CaseEndToEndTests.created(try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(
            client: desk.client, ssn: "152-41-0012", first: "Fay", last: "Twelve", dob: "1980-01-12")))
        #expect(try admin.call("POST", "/api/v1/cases/\(closedAlready)/close", ["case_closure_reason_code": "INCORRECT_DATA",
                                                                                 "currently_employed": false]).status == 200)
        let reply = try admin.call("POST", "/api/v1/cases/batch_close", ["cases": [
            ["case_number": draft, "case_closure_reason_code": "INCORRECT_DATA", "currently_employed": false],
            ["case_number": closedAlready, "case_closure_reason_code": "INCORRECT_DATA", "currently_employed": false],
            ["case_number": "2026001000001ZZ", "case_closure_reason_code": "INCORRECT_DATA"],
            ["case_closure_reason_code": "INCORRECT_DATA"],
        ]])
        #expect(reply.status == 200)
        #expect(Self.results(reply).map { $0["status"] as? Int } == [200, 409, 404, 422])
        #expect(try admin.call("GET", "/api/v1/cases/\(draft)")["case_status"] as? String == "CLOSED")
    }
}
