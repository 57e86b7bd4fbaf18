import Foundation
import Testing
import TestSupport

/// Input dates stop at 2200-12-31, but deadlines and the simulated clock can run past it.
/// Found by fuzzing: a case whose stored dates crossed into 2201 could no longer be read
/// (500 on every read, and the background pass failed for all clients every second).
@Suite struct FarDateTests {
    @Test func aCaseWhoseDatesCrossIntoTheNextCenturyStillReadsBack() async throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        try IdentityEndToEndTests.inline {
            let admin = desk.admin
            #expect(try admin.call("POST", "/api/v1/simulator/clock", ["set_date": "2200-12-29"]).status == 200)
            let body = CaseEndToEndTests.body(client: desk.client, ssn: "301-20-1001", first: "Far", last: "Future", dob: "2170-01-01", extra: [
                "expiration_date": "2200-12-31", "date_of_hire": "2200-12-29", "offer_accepted_date": "2200-12-01",
                "i9_section1_date": "2200-12-29", "i9_section2_date": "2200-12-29",
            ])
            let number = try CaseEndToEndTests.created(admin.call("POST", "/api/v1/cases", body))
            // Five work days on, the clock reads 2201; touching the draft stores that date.
            #expect(try admin.call("POST", "/api/v1/simulator/clock", ["advance_work_days": 5]).status == 200)
            #expect(try admin.call("PATCH", "/api/v1/cases/\(number)", ["employer_case_id": "touched-in-2201"]).status == 200)
            let read = try admin.call("GET", "/api/v1/cases/\(number)")
            #expect(read.status == 200)
            #expect(read["employer_case_id"] as? String == "touched-in-2201")
            #expect(try admin.call("GET", "/api/v1/cases?limit=200").status == 200)
            // Input still stops at 2200: the clock cannot be set into 2201 by hand.
            #expect(try admin.call("POST", "/api/v1/simulator/clock", ["set_date": "2201-01-10"]).status == 422)
            let closed = try admin.call("POST", "/api/v1/cases/\(number)/close",
                                        ["case_closure_reason_code": "INCORRECT_DATA", "currently_employed": false])
            #expect(closed.status == 200)
        }
    }
}
