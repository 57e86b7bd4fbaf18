import GovernmentICA
import HTTPCore

/// `/openapi.json` of the ICA sandbox: its v31 paths and `/sandbox/…` controls with their
/// bodies, and its errors in the interface's own shape rather than problem+json.
enum ICASandboxDocument {
    static let errors = OpenAPIDocument.ErrorShape(
        mediaType: "application/json",
        schema: #"{"type":"object","additionalProperties":false,"required":["\#(ICAFieldMap.errors)"],"properties":{"#
            + #""\#(ICAFieldMap.errors)":{"type":"array","minItems":1,"items":{"type":"object","additionalProperties":false,"#
            + #""required":["\#(ICAFieldMap.errorCode)","\#(ICAFieldMap.message)"],"properties":{"#
            + #""\#(ICAFieldMap.errorCode)":{"type":"string"},"\#(ICAFieldMap.message)":{"type":"string"}}}}}}"#,
        description: "The interface's errors: {errors: [{error_code, message}]}")

    /// Every call under `/api/v31` needs a live token, but logging in.
    static func requiresToken(_ path: String) -> Bool {
        path.hasPrefix(ICASandboxRoutes.base) && path != ICASandboxRoutes.base + ICAFieldMap.loginPath
    }

    /// Registered last: the document is built once from every route, itself included.
    static func register(on router: RouterBuilder<AgentContext>) {
        let documentation = RouteDocumentation("This OpenAPI 3.1 document.", tags: ["sandbox"],
                                               responses: [.json("200", #"{"type":"object","required":["openapi","info","paths"]}"#)])
        let routes = (router.routes + [RouteSummary(method: .GET, path: "/openapi.json", documentation: documentation)]).map { route in
            var documentation = route.documentation
            if documentation.requestContentType == "application/json" {
                documentation.requestSchema = documentation.requestSchema.map(RequestSchemaConventions.apply)
            }
            return RouteSummary(method: route.method, path: route.path, documentation: documentation)
        }
        let document = Array(OpenAPIDocument.json(
            title: "employer-agent ICA sandbox", version: AgentService.version,
            description: "The simulated SSA and DHS behind the ICA v31 paths, and the controls of the sandbox (clock, people, outages).",
            routes: routes, requiresToken: requiresToken, errors: errors).utf8)
        router.get("/openapi.json", documentation) { _, _ in
            HTTPResponse(status: .ok, contentType: "application/json", body: document)
        }
    }
}
