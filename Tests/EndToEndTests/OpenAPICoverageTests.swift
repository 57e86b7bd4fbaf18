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
        await service.shutdown()

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
        let served = Set(service.routeTable.map { route in
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
}
