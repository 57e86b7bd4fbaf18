/// Builds an OpenAPI 3.1 document from the router's own route table, so every route
/// served is documented and nothing documented is missing. Each route brings its own
/// schemas (`RouteDocumentation`); what is the same for every route (problem+json for
/// errors, the bearer scheme, path parameters) is added here.
public enum OpenAPIDocument {
    /// The shape of a server's error answers: problem+json (RFC 9457) unless it speaks
    /// another interface's dialect (the ICA sandbox).
    public struct ErrorShape: Sendable {
        public var mediaType: String
        public var schema: String
        public var description: String
        public init(mediaType: String, schema: String, description: String) {
            self.mediaType = mediaType
            self.schema = schema
            self.description = description
        }
        public static let problemDetails = ErrorShape(mediaType: "application/problem+json", schema: problemSchema,
                                                      description: "Problem details (RFC 9457)")
    }

    /// `requiresToken` says, for a route path as registered, whether it needs a bearer
    /// token; those routes carry the bearer security requirement and 401/403 answers.
    public static func json(title: String, version: String, description: String, routes: [RouteSummary],
                            requiresToken: (String) -> Bool = { _ in false }, errors: ErrorShape = .problemDetails) -> String {
        var byPath: [(path: String, operations: [RouteSummary])] = []
        for route in routes {
            let path = openAPIPath(route.path)
            if let i = byPath.firstIndex(where: { $0.path == path }) {
                byPath[i].operations.append(route)
            } else {
                byPath.append((path, [route]))
            }
        }
        var out = "{\"openapi\":\"3.1.0\",\"info\":{\"title\":" + JSONText.quote(title)
            + ",\"version\":" + JSONText.quote(version) + ",\"description\":" + JSONText.quote(description) + "},"
        out += "\"components\":{\"schemas\":{\"Problem\":" + errors.schema + "},"
        out += "\"responses\":{\"Problem\":{\"description\":" + JSONText.quote(errors.description) + ",\"content\":{"
            + JSONText.quote(errors.mediaType) + ":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}}}},"
        out += "\"securitySchemes\":{\"bearer\":{\"type\":\"http\",\"scheme\":\"bearer\","
            + "\"description\":\"An access token from POST /api/v1/authentication/login, or a client API key.\"}}},"
        out += "\"paths\":{"
        for (i, entry) in byPath.enumerated() {
            if i > 0 { out += "," }
            out += JSONText.quote(entry.path) + ":{"
            for (j, route) in entry.operations.enumerated() {
                if j > 0 { out += "," }
                out += JSONText.quote(route.method.rawValue.lowercased()) + ":" + operation(route, secured: requiresToken(route.path))
            }
            out += "}"
        }
        out += "}}"
        return out
    }

    static func openAPIPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix(":") ? "{" + segment.dropFirst() + "}" : String(segment)
        }.joined(separator: "/")
    }

    private static func operation(_ route: RouteSummary, secured: Bool) -> String {
        let doc = route.documentation
        var out = "{\"summary\":" + JSONText.quote(doc.summary)
        out += ",\"operationId\":" + JSONText.quote(route.method.rawValue.lowercased() + openAPIPath(route.path)
            .replacingSlashes())
        if !doc.tags.isEmpty { out += ",\"tags\":[" + doc.tags.map(JSONText.quote).joined(separator: ",") + "]" }
        var parameters: [String] = []
        let pathNames = route.path.split(separator: "/").filter { $0.hasPrefix(":") }.map { String($0.dropFirst()) }
        for name in pathNames {
            parameters.append("{\"name\":" + JSONText.quote(name) + ",\"in\":\"path\",\"required\":true,\"schema\":"
                + (doc.parameterSchemas[name] ?? #"{"type":"string","minLength":1}"#) + "}")
        }
        for name in doc.queryParameters {
            parameters.append("{\"name\":" + JSONText.quote(name) + ",\"in\":\"query\",\"required\":"
                + (doc.requiredQuery.contains(name) ? "true" : "false") + ",\"schema\":"
                + (doc.parameterSchemas[name] ?? #"{"type":"string"}"#) + "}")
        }
        if !parameters.isEmpty { out += ",\"parameters\":[" + parameters.joined(separator: ",") + "]" }
        if let schema = doc.requestSchema {
            out += ",\"requestBody\":{\"required\":true,\"content\":{" + JSONText.quote(doc.requestContentType) + ":{\"schema\":" + schema + "}}}"
        }
        out += secured ? ",\"security\":[{\"bearer\":[]}]" : ",\"security\":[]"
        out += ",\"responses\":{"
        var answers: [String] = []
        var statuses: Set<String> = []
        let documented = doc.responses.isEmpty ? doc.successStatuses.map(ResponseDocumentation.empty) : doc.responses
        for response in documented {
            guard statuses.insert(response.status).inserted else { continue }
            // One status may answer several media types (JSON, or CSV with ?format=csv).
            let content = documented.filter { $0.status == response.status }.compactMap { entry in
                entry.contentType.map { JSONText.quote($0) + ":{\"schema\":" + (entry.schema ?? "{}")
                    + (entry.itemSchema.map { ",\"x-itemSchema\":" + $0 } ?? "") + "}" }
            }
            var text = JSONText.quote(response.status) + ":{\"description\":" + JSONText.quote(response.description)
            if !content.isEmpty { text += ",\"content\":{" + content.joined(separator: ",") + "}" }
            answers.append(text + "}")
        }
        for status in errorStatuses(doc, secured: secured, hasPathParameters: !pathNames.isEmpty) where statuses.insert(status).inserted {
            answers.append(JSONText.quote(status) + ":{\"$ref\":\"#/components/responses/Problem\"}")
        }
        answers.append("\"default\":{\"$ref\":\"#/components/responses/Problem\"}")
        out += answers.joined(separator: ",") + "}}"
        return out
    }

    /// The error answers every route of its kind can give, each as problem+json.
    static func errorStatuses(_ doc: RouteDocumentation, secured: Bool, hasPathParameters: Bool) -> [String] {
        var statuses = ["400"]
        if secured { statuses += ["401", "403"] }
        if hasPathParameters { statuses.append("404") }
        if doc.requestSchema != nil { statuses += ["413", "415", "422"] }
        statuses += doc.errorStatuses + ["500", "503"]
        return statuses
    }

    private static let problemSchema = """
    {"type":"object","required":["type","title","status","detail","errors"],"properties":{\
    "type":{"type":"string"},"title":{"type":"string"},"status":{"type":"integer","minimum":400,"maximum":599},\
    "detail":{"type":"string"},"instance":{"type":"string"},\
    "errors":{"type":"array","items":{"type":"object","required":["field","code","message"],"properties":{\
    "field":{"type":"string"},"code":{"type":"string"},"message":{"type":"string"}}}}}}
    """
}

private extension String {
    func replacingSlashes() -> String {
        String(map { $0 == "/" || $0 == "{" || $0 == "}" ? "_" : $0 })
    }
}
