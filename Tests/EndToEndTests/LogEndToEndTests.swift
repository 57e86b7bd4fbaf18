import Foundation
import Glibc
import Testing
import TestSupport

/// The log as an operator's collector reads it: `log_format: json`, one object per line.
@Suite struct LogEndToEndTests {
    @Test func jsonLogCarriesTheCallersRequestIDAndEveryLineParses() async throws {
        let agent = try AgentProcess(environment: ["AGENT_LOG_FORMAT": "json"])
        let port = try #require(agent.httpPort)
        let (traced, unsafe) = try await offPool { () -> (TestResponse, TestResponse) in
            let client = try TestHTTPClient(port: port)
            return (try client.request("GET", "/health", headers: [("X-Request-ID", "e2e-trace.42")]),
                    try client.request("GET", "/health", headers: [("X-Request-ID", "bad id\" with spaces")]))
        }
        #expect(traced.header("X-Request-ID") == "e2e-trace.42")
        // An ID that is not a plain token is replaced by the server's own.
        let ownID = try #require(unsafe.header("X-Request-ID"))
        #expect(ownID != "bad id\" with spaces")
        #expect(agent.waitForLog("e2e-trace.42"))

        // SIGTERM: the lines still buffered are written before the process exits.
        agent.signal(SIGTERM)
        #expect(agent.waitForExit(seconds: 10) == 0)
        #expect(agent.waitForLog("\"msg\":\"stopped\""))
        var objects: [[String: Any]] = []
        for line in agent.logText.split(separator: "\n") {
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object != nil, "not a JSON object: \(line)")
            if let object { objects.append(object) }
        }
        let access = try #require(objects.first { $0["log"] as? String == "access" && $0["request_id"] as? String == "e2e-trace.42" })
        #expect(access["method"] as? String == "GET")
        #expect(access["path"] as? String == "/health")
        #expect(access["status"] as? Int == 200)
        #expect(access["duration_us"] is Int)
        #expect(access["ts"] is String)
        #expect(objects.contains { $0["log"] as? String == "access" && $0["request_id"] as? String == ownID })
        #expect(objects.contains { ($0["msg"] as? String)?.hasPrefix("listening http=") == true })
    }
}
