import Foundation
import Testing
import TestSupport

/// IMG-10's statement route against a simulated clock the fuzzer moved far back.
@Suite struct ImageAnnualStatementTests {
    @Test("IMG-10: with the simulated clock before 2000 a statement is refused (422) and the service lives on (was a crash)")
    func clockBefore2000() throws {
        let world = try IdentityEndToEndTests.startWorld()
        defer { world.agent.stop() }
        let admin = world.admin
        let client = try IdentityEndToEndTests.client(admin, name: "Early Clock Staffing", ein: "12-3456789")
        #expect(try admin.call("POST", "/api/v1/simulator/clock", ["set_date": "1999-06-01"]).status == 200)
        let filed = try admin.call("POST", "/api/v1/clients/\(client)/reports/image_annual/2000",
                                   ["applicants_denied_because_of_participation": 0])
        #expect(filed.status == 422)
        #expect(try admin.call("GET", "/health").status == 200)
    }
}
