import Foundation
import Testing
@testable import AgentAPI

/// The request schemas in /openapi.json say what the body reader does: an optional field
/// may be null, unknown fields are refused, a required string must not be empty.
@Suite struct RequestSchemaConventionsTests {
    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(RequestSchemaConventions.apply(text).utf8)) as? [String: Any])
    }

    @Test func optionalFieldsTakeNullAndUnknownFieldsAreRefused() throws {
        let schema = try Self.object(#"{"type":"object","required":["name"],"properties":{"name":{"type":"string"},"note":{"type":"string"},"kind":{"enum":["A","B"]},"nested":{"type":"object","properties":{"n":{"type":"integer"}}}}}"#)
        #expect(schema["additionalProperties"] as? Bool == false)
        let properties = try #require(schema["properties"] as? [String: [String: Any]])
        #expect(properties["name"]?["type"] as? String == "string")
        #expect(properties["name"]?["minLength"] as? Int == 1)
        #expect(properties["note"]?["type"] as? [String] == ["string", "null"])
        #expect((properties["kind"]?["enum"] as? [Any])?.contains { $0 is NSNull } == true)
        #expect(properties["nested"]?["additionalProperties"] as? Bool == false)
        #expect(((properties["nested"]?["properties"] as? [String: [String: Any]])?["n"]?["type"] as? [String]) == ["integer", "null"])
    }

    @Test func anObjectWithoutPropertiesIsLeftOpen() throws {
        let schema = try Self.object(#"{"type":"object","required":["ssn"]}"#)
        #expect(schema["additionalProperties"] == nil)
    }

    @Test func theCaseBodyListsEveryFieldOfTheTable() throws {
        let schema = try Self.object(CaseBodySchema.json)
        let properties = try #require(schema["properties"] as? [String: Any])
        for name in ["client_company_id", "ssn", "first_name", "date_of_birth", "document_bc_number", "no_expiration_date",
                     "other_last_names_used", "federal_contract_id"] {
            #expect(properties[name] != nil, "\(name) missing")
        }
        #expect(((properties["date_of_birth"] as? [String: Any])?["format"] as? String) == "date")
        #expect(schema["additionalProperties"] as? Bool == false)
        #expect((schema["examples"] as? [[String: Any]])?.first?["ssn"] as? String == "151-20-1001")
    }
}
