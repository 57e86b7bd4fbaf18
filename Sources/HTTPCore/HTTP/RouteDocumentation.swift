/// What a route tells the OpenAPI document about itself.
public struct RouteDocumentation: Sendable {
    public var summary: String
    public var tags: [String]
    /// JSON Schema (as JSON text) of the request body, if it takes one.
    public var requestSchema: String?
    /// Status codes this route answers with besides errors, e.g. `["200"]`, `["201"]`.
    public var successStatuses: [String]
    /// Query parameters it reads.
    public var queryParameters: [String]
    /// Success answers with their media type and schema; when empty, each of
    /// `successStatuses` is documented without a body schema. Entries of one status with
    /// different media types are one answer with several contents.
    public var responses: [ResponseDocumentation]
    /// JSON Schemas (as JSON text) of path and query parameters by name; a path parameter
    /// without one is a non-empty string, a query parameter any string.
    public var parameterSchemas: [String: String]
    /// Query parameters that must be present.
    public var requiredQuery: Set<String>
    /// The media type of the request body.
    public var requestContentType: String
    /// Error statuses beyond the ones every route of its kind has (400, 401/403 with a
    /// token, 404 with path parameters, 413/415/422 with a body, 500, 503), e.g. `409`.
    public var errorStatuses: [String]

    public init(_ summary: String, tags: [String] = [], requestSchema: String? = nil, success: [String] = ["200"],
                query: [String] = [], responses: [ResponseDocumentation] = [], parameters: [String: String] = [:],
                requiredQuery: Set<String> = [], requestContentType: String = "application/json", errors: [String] = []) {
        self.summary = summary
        self.tags = tags
        self.requestSchema = requestSchema
        var statuses: [String] = []
        for response in responses where !statuses.contains(response.status) { statuses.append(response.status) }
        self.successStatuses = responses.isEmpty ? success : statuses
        self.queryParameters = query
        self.responses = responses
        self.parameterSchemas = parameters
        self.requiredQuery = requiredQuery
        self.requestContentType = requestContentType
        self.errorStatuses = errors
    }
}

/// One documented success answer of a route.
public struct ResponseDocumentation: Sendable {
    public var status: String
    /// nil: no body.
    public var contentType: String?
    /// JSON Schema (as JSON text) of the body, if known.
    public var schema: String?
    /// JSON Schema of each line of a JSON-lines body (OpenAPI 3.2's `itemSchema`, written
    /// as the extension `x-itemSchema` in this 3.1 document).
    public var itemSchema: String?
    public var description: String

    public init(status: String, contentType: String?, schema: String?, description: String = "Success") {
        self.status = status
        self.contentType = contentType
        self.schema = schema
        self.description = description
    }

    public static func json(_ status: String, _ schema: String, _ description: String = "Success") -> Self {
        Self(status: status, contentType: "application/json", schema: schema, description: description)
    }
    public static func text(_ status: String, _ contentType: String, _ description: String = "Success") -> Self {
        Self(status: status, contentType: contentType, schema: #"{"type":"string"}"#, description: description)
    }
    public static func empty(_ status: String) -> Self { Self(status: status, contentType: nil, schema: nil) }
    /// A JSON-lines body (`application/x-ndjson`): one `itemSchema` value per line.
    public static func jsonLines(_ status: String, _ itemSchema: String, _ description: String = "Success") -> Self {
        var response = Self(status: status, contentType: "application/x-ndjson", schema: #"{"type":"string"}"#, description: description)
        response.itemSchema = itemSchema
        return response
    }
}
