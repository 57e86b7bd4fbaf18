import HTTPCore
import Storage

/// `/health`, `/ready` and `/openapi.json`: what operators and integrators poll.
struct OperationsRoutes {
    let readiness: ReadinessCheck

    func register(on router: RouterBuilder<AgentContext>) {
        router.get("/health", RouteDocumentation("Liveness: the process answers.", tags: ["operations"],
                                                 responses: [.json("200", Self.healthSchema)])) { _, _ in
            HTTPResponse(status: .ok, contentType: "application/json", body: Self.healthBody)
        }
        router.get("/ready", RouteDocumentation("Readiness: storage and the government side can serve.", tags: ["operations"],
                                                responses: [.json("200", Self.readySchema),
                                                            .json("503", Self.readySchema, "Not ready"),
                                                            // Refused before the route ran (overload, timeout): a problem.
                                                            ResponseDocumentation(status: "503", contentType: "application/problem+json",
                                                                                  schema: ResponseSchema.problem)])) { _, _ in
            let report = await readiness.report()
            return HTTPResponse(status: report.ready ? .ok : .serviceUnavailable, contentType: "application/json", body: report.json)
        }
    }

    /// Registered last: the document is built once from every route, itself included.
    static func registerOpenAPI(on router: RouterBuilder<AgentContext>, version: String) {
        let documentation = RouteDocumentation("This OpenAPI 3.1 document.", tags: ["operations"],
                                               responses: [.json("200", Self.documentSchema)])
        let routes = (router.routes + [RouteSummary(method: .GET, path: "/openapi.json", documentation: documentation)]).map { route in
            var documentation = route.documentation
            if documentation.requestContentType == "application/json" {
                documentation.requestSchema = documentation.requestSchema.map(RequestSchemaConventions.apply)
            }
            // Every list pages the same way (`IdentityAPI.paging`) unless the route says otherwise.
            if documentation.queryParameters.contains("limit") && documentation.parameterSchemas["limit"] == nil {
                documentation.parameterSchemas["limit"] = #"{"type":"integer","minimum":1,"maximum":200,"default":50}"#
            }
            return RouteSummary(method: route.method, path: route.path, documentation: documentation)
        }
        let document = Array(OpenAPIDocument.json(
            title: "employer-agent", version: version,
            description: "Web Services E-Verify employer agent: clients, users, training, cases and compliance.",
            routes: routes, requiresToken: Self.requiresToken).utf8)
        router.get("/openapi.json", documentation) { _, _ in
            HTTPResponse(status: .ok, contentType: "application/json", body: document)
        }
    }

    /// Every route under `/api/v1` but the public ones needs a bearer token (see `AuthenticationGate`).
    static func requiresToken(_ path: String) -> Bool {
        NoStoreMiddleware.applies(to: Substring(path)) && !AuthenticationGate.publicRoutes.contains(path)
    }

    /// This document's own outline (an OpenAPI 3.1 document; its full schema is the specification's).
    static let documentSchema = """
    {"type":"object","required":["openapi","info","paths","components"],"properties":{"openapi":{"const":"3.1.0"},\
    "info":{"type":"object","required":["title","version"],"properties":{"title":{"type":"string"},"version":{"type":"string"}}},\
    "paths":{"type":"object","additionalProperties":{"type":"object"}},"components":{"type":"object"}}}
    """
    private static let healthBody = Array(#"{"status":"ok"}"#.utf8)
    static let healthSchema = #"{"type":"object","required":["status"],"additionalProperties":false,"properties":{"status":{"const":"ok"}}}"#
    static let readySchema = """
    {"type":"object","required":["status","components"],"additionalProperties":false,"properties":{    "status":{"enum":["ready","not_ready"]},"components":{"type":"object","additionalProperties":{"type":"object",    "required":["ready","detail"],"additionalProperties":false,"properties":{"ready":{"type":"boolean"},"detail":{"type":"string"}}}}}}
    """
}

/// Answers `/ready`: each component says whether it can serve.
public struct ReadinessCheck: Sendable {
    public typealias Probe = @Sendable () async -> (name: String, ready: Bool, detail: String)
    private let probes: [Probe]
    public init(probes: [Probe]) { self.probes = probes }

    func report() async -> (ready: Bool, json: [UInt8]) {
        var ready = true
        var parts: [String] = []
        for probe in probes {
            let result = await probe()
            ready = ready && result.ready
            parts.append(JSONText.quote(result.name) + ":{\"ready\":\(result.ready),\"detail\":" + JSONText.quote(result.detail) + "}")
        }
        let json = "{\"status\":" + JSONText.quote(ready ? "ready" : "not_ready") + ",\"components\":{" + parts.joined(separator: ",") + "}}"
        return (ready, Array(json.utf8))
    }
}

/// `operations/storage`: the writer's group-commit counters, for agent admins and the
/// benchmark (commits per request is batches over jobs).
struct StorageOperationsRoutes: Sendable {
    let auth: Authenticator
    let statistics: @Sendable () -> (WriterStatistics, pending: Int)

    func register(on router: RouterBuilder<AgentContext>) {
        router.get("/api/v1/operations/storage", RouteDocumentation(
            "Group-commit counters of the single writer since start: batches (one fsync each), jobs, failures.",
            tags: ["operations"], responses: [.json("200", Self.schema)])) { request, _ in
            let principal = try await auth.principal(request)
            try Authenticator.require(principal.role == .agentAdmin, "Only agent admins read storage counters.")
            let (s, pending) = statistics()
            var w = JSONObjectWriter()
            w.int("batches", s.batches)
            w.int("failed_batches", s.failedBatches)
            w.int("jobs", s.jobs)
            w.int("failed_jobs", s.failedJobs)
            w.int("largest_batch", s.largestBatch)
            w.int("exclusive_jobs", s.exclusiveJobs)
            w.int("pending_jobs", pending)
            return .json(w.text)
        }
    }

    static let schema = ResponseSchema.object(["batches", "failed_batches", "jobs", "failed_jobs", "largest_batch", "exclusive_jobs",
                                               "pending_jobs"].map { ($0, ResponseSchema.integer(minimum: 0)) })
}
