import Testing

/// The checker every end-to-end reply goes through must itself refuse what a schema forbids.
@Suite struct JSONSchemaCheckTests {
    private func failures(_ value: String, _ schema: String, root: String = "{}") throws -> [JSONSchemaCheck.Failure] {
        JSONSchemaCheck(root: try JSONTree.parse(root)).failures(try JSONTree.parse(value), against: try JSONTree.parse(schema))
    }

    static let caseSchema = """
    {"type":"object","additionalProperties":false,"required":["case_number","case_status","retention_until"],
     "properties":{"case_number":{"type":"string","minLength":15,"maxLength":15},
      "case_status":{"type":"string","enum":["DRAFT","CLOSED"]},
      "retention_until":{"type":["string","null"],"format":"date"},
      "attempts":{"type":"integer","minimum":0,"maximum":10},
      "tags":{"type":"array","items":{"type":"string"}}}}
    """

    @Test func acceptsAValueThatFits() throws {
        #expect(try failures(#"{"case_number":"2026325000123AB","case_status":"DRAFT","retention_until":null,"attempts":3,"tags":["a"]}"#,
                             Self.caseSchema) == [])
        #expect(try failures(#"{"case_number":"2026325000123AB","case_status":"CLOSED","retention_until":"2029-02-28"}"#, Self.caseSchema) == [])
    }

    @Test func rejectsWrongTypesWithTheirPointer() throws {
        let found = try failures(#"{"case_number":15,"case_status":"DRAFT","retention_until":true,"tags":["a",2]}"#, Self.caseSchema)
        #expect(found.map(\.pointer) == ["/case_number", "/retention_until", "/tags/1"])
        // A boolean is not an integer, a fraction is not an integer, an integral number is.
        #expect(try failures("true", #"{"type":"integer"}"#).count == 1)
        #expect(try failures("1.5", #"{"type":"integer"}"#).count == 1)
        #expect(try failures("2", #"{"type":"integer"}"#) == [])
        #expect(try failures("null", #"{"type":"string"}"#).count == 1)
        #expect(try failures(#""x""#, #"{"type":["integer","null"]}"#).count == 1)
    }

    @Test func rejectsAMissingRequiredProperty() throws {
        let found = try failures(#"{"case_number":"2026325000123AB","retention_until":null}"#, Self.caseSchema)
        #expect(found == [JSONSchemaCheck.Failure(pointer: "/case_status", message: "required property is missing")])
    }

    @Test func rejectsAnExtraPropertyOnlyWhenAdditionalPropertiesIsFalse() throws {
        let extra = #"{"case_number":"2026325000123AB","case_status":"DRAFT","retention_until":null,"ssn":"123-45-6789"}"#
        #expect(try failures(extra, Self.caseSchema).map(\.pointer) == ["/ssn"])
        #expect(try failures(extra, #"{"type":"object","properties":{}}"#) == [])
        #expect(try failures(#"{"a":1,"b":"x"}"#, #"{"type":"object","additionalProperties":{"type":"integer"}}"#).map(\.pointer) == ["/b"])
    }

    @Test func rejectsEnumConstAndBoundViolations() throws {
        #expect(try failures(#"{"case_number":"2026325000123AB","case_status":"OPEN","retention_until":null}"#, Self.caseSchema)
            .map(\.pointer) == ["/case_status"])
        #expect(try failures(#""b""#, #"{"const":"a"}"#).count == 1)
        #expect(try failures(#""short""#, #"{"type":"string","minLength":15}"#).count == 1)
        #expect(try failures(#""ñandú""#, #"{"type":"string","maxLength":5}"#) == [])
        #expect(try failures("11", #"{"type":"integer","maximum":10}"#).count == 1)
        #expect(try failures("-1", #"{"type":"integer","minimum":0}"#).count == 1)
        #expect(try failures(#""A12""#, #"{"type":"string","pattern":"^A[0-9]{9}$"}"#).count == 1)
        #expect(try failures("[1,2,3]", #"{"type":"array","maxItems":2}"#).count == 1)
    }

    @Test func checksTheCheapFormats() throws {
        #expect(try failures(#""2026-02-29""#, #"{"type":"string","format":"date"}"#).count == 1)
        #expect(try failures(#""2028-02-29""#, #"{"type":"string","format":"date"}"#) == [])
        #expect(try failures(#""2026-12-04T10:11:12Z""#, #"{"type":"string","format":"date-time"}"#) == [])
        #expect(try failures(#""2026-12-04T10:11:12.345+01:00""#, #"{"type":"string","format":"date-time"}"#) == [])
        #expect(try failures(#""2026-12-04 10:11""#, #"{"type":"string","format":"date-time"}"#).count == 1)
        #expect(try failures(#""9b2f6f0e-5a8e-4c47-9a55-0f4f0c3e2b1a""#, #"{"type":"string","format":"uuid"}"#) == [])
        #expect(try failures(#""not-a-uuid""#, #"{"type":"string","format":"uuid"}"#).count == 1)
    }

    @Test func followsRefsAndBranches() throws {
        let root = #"{"components":{"schemas":{"Problem":{"type":"object","required":["status"],"properties":{"status":{"type":"integer"}}}}}}"#
        #expect(try failures(#"{"status":"x"}"#, ##"{"$ref":"#/components/schemas/Problem"}"##, root: root).map(\.pointer) == ["/status"])
        #expect(try failures(#"{}"#, ##"{"$ref":"#/components/schemas/Nothing"}"##, root: root).count == 1)
        let either = #"{"oneOf":[{"type":"string"},{"type":"integer"}]}"#
        #expect(try failures("1", either) == [])
        #expect(try failures("true", either).count == 1)
        #expect(try failures("1", #"{"oneOf":[{"type":"number"},{"type":"integer"}]}"#).count == 1)
        #expect(try failures("null", #"{"anyOf":[{"type":"string"},{"type":"null"}]}"#) == [])
        #expect(try failures("false", #"{"anyOf":[{"type":"string"},{"type":"null"}]}"#).count == 1)
    }

    static let document = """
    {"openapi":"3.1.0","components":{"schemas":{"Problem":{"type":"object","required":["status"]}},
     "responses":{"Problem":{"description":"p","content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}}}},
     "paths":{
      "/api/v1/cases/{n}":{"get":{"responses":{"200":{"description":"s","content":{"application/json":{"schema":
        {"type":"object","required":["case_number"],"properties":{"case_number":{"type":"string"}},"additionalProperties":false}}}},
        "404":{"$ref":"#/components/responses/Problem"},"default":{"$ref":"#/components/responses/Problem"}}}},
      "/api/v1/cases/updated":{"get":{"responses":{"200":{"description":"s","content":{"application/json":{"schema":
        {"type":"object","required":["updated_cases"]}}}},"default":{"$ref":"#/components/responses/Problem"}}}},
      "/api/v1/legacy":{"get":{"responses":{"200":{"description":"no schema yet"},"default":{"$ref":"#/components/responses/Problem"}}}}}}
    """

    @Test func findsTheOperationByTemplateAndPrefersLiteralSegments() throws {
        let document = OpenAPIResponses(document: try JSONTree.parse(Self.document))
        #expect(document.template(for: "/api/v1/cases/2026325000123AB?x=1") == "/api/v1/cases/{n}")
        #expect(document.template(for: "/api/v1/cases/updated") == "/api/v1/cases/updated")
        #expect(document.template(for: "/api/v1/cases/") == nil)
        #expect(document.template(for: "/api/v1/nothing") == nil)
    }

    @Test func judgesARepliesStatusContentTypeAndBody() throws {
        let document = OpenAPIResponses(document: try JSONTree.parse(Self.document))
        func check(_ path: String, _ status: Int, _ type: String?, _ body: String) -> [String] {
            document.mismatches(method: "GET", path: path, status: status, contentType: type, body: Array(body.utf8))
        }
        #expect(check("/api/v1/cases/X", 200, "application/json; charset=utf-8", #"{"case_number":"X"}"#) == [])
        #expect(check("/api/v1/cases/X", 200, "application/json", #"{"case_number":"X","ssn":"1"}"#).count == 1)
        #expect(check("/api/v1/cases/X", 200, "text/html", "<p>") .count == 1)
        #expect(check("/api/v1/cases/X", 202, "application/json", #"{"case_number":"X"}"#).count == 1)
        #expect(check("/api/v1/cases/X", 200, "application/json", "not json").count == 1)
        // Errors: the status's own entry, or the default, as problem+json.
        #expect(check("/api/v1/cases/X", 404, "application/problem+json", #"{"status":404}"#) == [])
        #expect(check("/api/v1/cases/X", 409, "application/problem+json", #"{}"#).count == 1)
        #expect(check("/api/v1/cases/X", 409, "application/json", #"{"status":409}"#).count == 1)
        // An operation without a documented success body is not judged on success yet.
        #expect(check("/api/v1/legacy", 200, "text/plain", "anything") == [])
        #expect(check("/api/v1/legacy", 201, "text/plain", "anything") == [])
        #expect(check("/api/v1/legacy", 500, "text/plain", "oops").count == 1)
        #expect(check("/nowhere", 200, "text/plain", "x") == [])
    }
}
