import AgentAPI
import Foundation
import HTTPCore
import Logging
import Testing
import TestSupport

/// `/openapi.json` against the router it describes: every route served is documented,
/// every documented operation is served, and each carries what an integrator needs.
@Suite struct OpenAPICoverageTests {
    @Test("the document lists exactly the routes the router serves")
    func documentMatchesRouteTable() async throws {
        let (body, routeTable) = try await Self.served()
        let document = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var documented: Set<String> = []
        for (path, operations) in paths {
            for (method, value) in operations {
                documented.insert(method.uppercased() + " " + path)
                let operation = try #require(value as? [String: Any])
                let responses = try #require(operation["responses"] as? [String: Any])
                #expect(responses["default"] != nil, "\(method) \(path) has no problem+json default")
                #expect(operation["security"] != nil, "\(method) \(path) says nothing of security")
            }
        }
        let served = Set(routeTable.map { route in
            route.method.rawValue + " " + route.path.split(separator: "/", omittingEmptySubsequences: false)
                .map { $0.hasPrefix(":") ? "{" + $0.dropFirst() + "}" : String($0) }.joined(separator: "/")
        })
        #expect(served.subtracting(documented).sorted() == [], "served but not documented")
        #expect(documented.subtracting(served).sorted() == [], "documented but not served")
        #expect(served.contains("GET /metrics"))
        let schemes = (document["components"] as? [String: Any])?["securitySchemes"] as? [String: Any]
        #expect(schemes?["bearer"] != nil)
        let login = paths["/api/v1/authentication/login"]?["post"] as? [String: Any]
        #expect((login?["security"] as? [Any])?.isEmpty == true)
        let cases = paths["/api/v1/cases"]?["post"] as? [String: Any]
        #expect((cases?["security"] as? [[String: Any]])?.first?["bearer"] != nil)
    }

    /// The route groups whose success answers are documented exactly: cases and their
    /// actions, queries, batches, roster, simulator, work queue, webhooks,
    /// reverification, retention, audit and operations.
    static let exactGroups = ["/api/v1/cases", "/api/v1/duplicate_check", "/api/v1/checks/", "/api/v1/reference/", "/api/v1/simulator/",
                              "/api/v1/operations/", "/api/v1/work_queue", "/api/v1/webhooks", "/api/v1/clients/{id}/webhooks",
                              "/api/v1/clients/{id}/hires", "/api/v1/hires/", "/api/v1/clients/{id}/status_change_report",
                              "/api/v1/purge_reports", "/api/v1/audit", "/health", "/ready", "/openapi.json"]
    /// Success answers without a body, by design.
    static let emptySuccesses: Set<String> = ["DELETE /api/v1/webhooks/{wid} 204"]

    @Test("every operation of the exact groups documents a schema for each success answer with a body")
    func exactGroupsDocumentEverySuccessBody() async throws {
        let document = try await Self.document()
        let paths = try #require(document["paths"]?.object)
        var judged = 0
        for (path, operations) in paths.sorted(by: { $0.key < $1.key }) where Self.exactGroups.contains(where: { path.hasPrefix($0) }) {
            for (method, operation) in (operations.object ?? [:]).sorted(by: { $0.key < $1.key }) {
                let name = method.uppercased() + " " + path
                let successes = (operation["responses"]?.object ?? [:]).filter { $0.key.hasPrefix("2") }
                #expect(!successes.isEmpty, "\(name) documents no success answer")
                for (status, response) in successes.sorted(by: { $0.key < $1.key }) {
                    judged += 1
                    let content = response["content"]?.object
                    if Self.emptySuccesses.contains(name + " " + status) {
                        #expect(content == nil, "\(name) \(status) is documented without a body")
                        continue
                    }
                    guard let content, !content.isEmpty else {
                        Issue.record("\(name) \(status) documents no body")
                        continue
                    }
                    for (mediaType, entry) in content {
                        let schema = entry["schema"]
                        #expect(schema != nil && schema != .object([:]), "\(name) \(status) \(mediaType) has no schema")
                        if mediaType.hasSuffix("json"), let schema {
                            #expect(schema["type"] != nil || schema["$ref"] != nil || schema["oneOf"] != nil,
                                    "\(name) \(status) \(mediaType): the schema says nothing of the body's type")
                            Self.checkObjects(schema, at: "\(name) \(status) \(mediaType)")
                        }
                    }
                }
            }
        }
        #expect(judged >= 50)
    }

    /// Each object schema that forbids other members lists every member it requires (a
    /// required member missing from `properties` could never be answered).
    static func checkObjects(_ schema: JSONTree, at place: String) {
        switch schema {
        case .object(let keywords):
            if keywords["additionalProperties"] == .bool(false) {
                let properties = Set((keywords["properties"]?.object ?? [:]).keys)
                for name in (keywords["required"]?.array ?? []).compactMap(\.string) where !properties.contains(name) {
                    Issue.record("\(place): \(name) is required but not a property")
                }
            }
            for value in keywords.values { checkObjects(value, at: place) }
        case .array(let items):
            for item in items { checkObjects(item, at: place) }
        default:
            break
        }
    }

    /// `/openapi.json` of an agent started in this process.
    static func document() async throws -> JSONTree { try JSONTree.parse(try await served().body) }

    /// `/openapi.json` as an agent started in this process serves it, and its route table.
    static func served() async throws -> (body: [UInt8], routes: [RouteSummary]) {
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("agent-openapi-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dataDir) }
        let configuration = try AgentConfiguration.load(file: nil, environment: [:], overrides: [
            "data_dir": dataDir.path, "http_port": 0, "host": "127.0.0.1", "password_hash_log_n": 10, "access_log": false,
        ])
        var logger = Logger(label: "openapi-test")
        logger.logLevel = .error
        let service = try await AgentService(configuration: configuration, logger: logger)
        let port = try #require(service.httpPort)
        let body = try await offPool { try TestHTTPClient(port: port).request("GET", "/openapi.json").body }
        let routes = service.routeTable
        await service.shutdown()
        return (body, routes)
    }
}
