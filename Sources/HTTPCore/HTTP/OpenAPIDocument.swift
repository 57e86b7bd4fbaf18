/// Builds an OpenAPI 3.1 document from the router's own route table, so every route
/// served is documented and nothing documented is missing.
public enum OpenAPIDocument {
    public static func json(title: String, version: String, description: String, routes: [RouteSummary]) -> String {
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
        out += "\"components\":{\"schemas\":{\"Problem\":" + problemSchema + "},"
        out += "\"securitySchemes\":{\"bearer\":{\"type\":\"http\",\"scheme\":\"bearer\"}}},"
        out += "\"paths\":{"
        for (i, entry) in byPath.enumerated() {
            if i > 0 { out += "," }
            out += JSONText.quote(entry.path) + ":{"
            for (j, route) in entry.operations.enumerated() {
                if j > 0 { out += "," }
                out += JSONText.quote(route.method.rawValue.lowercased()) + ":" + operation(route)
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

    private static func operation(_ route: RouteSummary) -> String {
        let doc = route.documentation
        var out = "{\"summary\":" + JSONText.quote(doc.summary)
        out += ",\"operationId\":" + JSONText.quote(route.method.rawValue.lowercased() + openAPIPath(route.path)
            .replacingSlashes())
        if !doc.tags.isEmpty { out += ",\"tags\":[" + doc.tags.map(JSONText.quote).joined(separator: ",") + "]" }
        var parameters: [String] = []
        for segment in route.path.split(separator: "/") where segment.hasPrefix(":") {
            parameters.append("{\"name\":" + JSONText.quote(String(segment.dropFirst()))
                + ",\"in\":\"path\",\"required\":true,\"schema\":{\"type\":\"string\"}}")
        }
        for name in doc.queryParameters {
            parameters.append("{\"name\":" + JSONText.quote(name) + ",\"in\":\"query\",\"required\":false,\"schema\":{\"type\":\"string\"}}")
        }
        if !parameters.isEmpty { out += ",\"parameters\":[" + parameters.joined(separator: ",") + "]" }
        if let schema = doc.requestSchema {
            out += ",\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":" + schema + "}}}"
        }
        out += ",\"responses\":{"
        out += doc.successStatuses.map { JSONText.quote($0) + ":{\"description\":\"Success\"}" }.joined(separator: ",")
        out += ",\"default\":{\"description\":\"Problem (RFC 9457)\",\"content\":{\"application/problem+json\":"
            + "{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}}}"
        out += "}}"
        return out
    }

    private static let problemSchema = """
    {"type":"object","required":["type","title","status","detail","errors"],"properties":{\
    "type":{"type":"string"},"title":{"type":"string"},"status":{"type":"integer"},"detail":{"type":"string"},\
    "errors":{"type":"array","items":{"type":"object","required":["field","code","message"],"properties":{\
    "field":{"type":"string"},"code":{"type":"string"},"message":{"type":"string"}}}}}}
    """
}

private extension String {
    func replacingSlashes() -> String {
        String(map { $0 == "/" || $0 == "{" || $0 == "}" ? "_" : $0 })
    }
}
