import AgentCore
import Foundation
import Testing
import TestSupport

/// Documented answers the scenario suites do not reach, called once each so the schema
/// check of every `APIClient` reply (`ResponseSchemaCheck`) judges them against the code.
@Suite struct ResponseSchemaWalkTests {
    @Test("every reference list, the case-field check and the storage counters answer as documented")
    func referenceListsAndCounters() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        let admin = desk.admin
        for name in ReferenceLists.names {
            let reply = try admin.call("GET", "/api/v1/reference/\(name)")
            #expect(reply.status == 200, "\(name)")
            #expect(reply.object.keys.sorted() == [name])
            #expect((reply[name] as? [[String: Any]])?.isEmpty == false, "\(name)")
        }
        #expect(try admin.call("GET", "/api/v1/reference/no_such_list").status == 404)
        let fields = try admin.call("POST", "/api/v1/checks/case_fields",
                                    ["citizenship_status_code": "NONCITIZEN_AUTHORIZED_TO_WORK", "document_a_type_code": "FORM_I766"])
        #expect(fields.status == 200)
        let rows = fields["case_fields"] as? [[String: Any]] ?? []
        #expect(rows.contains { $0["field_name"] as? String == "i766_number" && $0["required"] as? Bool == true })
        let storage = try admin.call("GET", "/api/v1/operations/storage")
        #expect(storage.status == 200)
        #expect((storage["jobs"] as? Int ?? 0) > 0)
    }
}
