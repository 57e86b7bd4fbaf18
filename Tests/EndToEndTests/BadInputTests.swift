import Foundation
import Testing
import TestSupport

/// Input that used to crash or slip through, against the real binary.
@Suite struct BadInputTests {
    @Test("simulator people: a huge number, a mistyped nested key or a nested value of the wrong type is refused, never a crash")
    func nestedPersonFieldsAreStrict() throws {
        let world = try IdentityEndToEndTests.startWorld()
        defer { world.agent.stop() }
        let admin = world.admin
        let person: [String: Any] = ["ssn": "171-20-1001", "first_name": "Ivy", "last_name": "Input", "date_of_birth": "1990-01-01",
                                     "citizenship_status_code": "US_CITIZEN"]
        // Int(1e300) traps in Swift: this used to take the whole service down.
        let huge = try admin.call("POST", "/api/v1/simulator/people", person.merging(["dhs": ["needs_more_time_days": 1e300]]) { a, _ in a })
        #expect(huge.status == 422)
        #expect(huge.errorFields == ["dhs.needs_more_time_days"])
        #expect(try admin.call("GET", "/health").status == 200)
        let typo = try admin.call("POST", "/api/v1/simulator/people", person.merging(["dhs": ["need_more_time_days": 3]]) { a, _ in a })
        #expect(typo.status == 400)
        #expect(typo.errorFields == ["dhs.need_more_time_days"])
        let wrongType = try admin.call("POST", "/api/v1/simulator/people", person.merging(["ssa": ["deceased": "yes"], "on_referral": 5]) { a, _ in a })
        #expect(wrongType.status == 422)
        #expect(Set(wrongType.errorFields) == ["ssa.deceased", "on_referral"])
        #expect(try admin.call("POST", "/api/v1/simulator/outages", ["error_rate": 5, "seed": 1]).status == 422)
        let fine = try admin.call("POST", "/api/v1/simulator/people", person.merging(["dhs": ["needs_more_time_days": 2],
                                                                                      "on_referral": ["continuance_work_days": NSNull()]]) { a, _ in a })
        #expect(fine.status == 201)
    }

    @Test("bodies: only UTF-8 JSON media types; no control characters; lengths in Unicode scalars")
    func bodiesAreUTF8JSONWithoutControlCharacters() throws {
        let world = try IdentityEndToEndTests.startWorld()
        defer { world.agent.stop() }
        let admin = world.admin
        let client: [String: Any] = ["name": "Acme", "ein": "12-3456789", "mou_effective_date": "2024-01-02"]
        let bytes = Array(try JSONSerialization.data(withJSONObject: client))
        func post(_ contentType: String) throws -> Int {
            try admin.http.request("POST", "/api/v1/clients", headers: [("Authorization", "Bearer \(admin.token ?? "")"),
                                                                        ("Content-Type", contentType)], body: bytes).status
        }
        #expect(try post("application/jsonx") == 415)
        #expect(try post("application/json; charset=utf-16") == 415)
        #expect(try post("text/plain; note=+json") == 415)
        // Found by fuzzing: a NUL in a name was stored as given, and a "40-character" name
        // could carry 80,000 combining marks.
        let nul = try admin.call("POST", "/api/v1/clients", client.merging(["name": "Acme\u{0}Evil"]) { $1 })
        #expect(nul.status == 422)
        #expect(nul.errorFields == ["name"])
        let marks = "e" + String(repeating: "\u{301}", count: 80_000)
        let long = try admin.call("POST", "/api/v1/clients", client.merging(["name": marks]) { $1 })
        #expect(long.status == 422)
        #expect(long.errorFields == ["name"])
        #expect((try admin.call("GET", "/api/v1/clients")["clients"] as? [Any])?.count == 0)
        #expect(try post("application/json; charset=UTF-8") == 201)
        #expect(try post("application/problem+json") == 409) // readable JSON: now a duplicate EIN
    }

    @Test("audit: the page size is bounded (SQLite reads LIMIT -1 as no limit)")
    func auditLimitIsBounded() throws {
        let world = try IdentityEndToEndTests.startWorld()
        defer { world.agent.stop() }
        let admin = world.admin
        _ = try IdentityEndToEndTests.client(admin, name: "Acme", ein: "12-3456789")
        _ = try IdentityEndToEndTests.client(admin, name: "Bolt", ein: "98-7654321")
        #expect(try admin.call("GET", "/api/v1/audit?limit=-1").status == 422)
        #expect(try admin.call("GET", "/api/v1/audit?limit=0").status == 422)
        #expect(try admin.call("GET", "/api/v1/audit?after_id=x").status == 422)
        let two = try admin.call("GET", "/api/v1/audit?limit=2").response.bodyText.split(separator: "\n")
        #expect(two.count == 2)
    }
}
