import Foundation
import Glibc
import Testing
import TestSupport

@Suite struct ServerProcessTests {
    @Test func servesHealthOpenAPIAndReadyOverHTTPAndHTTPS() async throws {
        let certificate = try TestCertificates.makeTemporary()
        let agent = try AgentProcess(arguments: ["--http-port", "0", "--https-port", "0",
                                                 "--tls-cert", certificate.cert, "--tls-key", certificate.key])
        defer { agent.stop() }
        let (httpPort, httpsPort) = (try #require(agent.httpPort), try #require(agent.httpsPort))
        let (health, openapi, ready, secure) = try await offPool {
            let client = try TestHTTPClient(port: httpPort)
            let secure = try TestHTTPClient(stream: try TLSTestClient(port: httpsPort, caFile: certificate.cert)).request("GET", "/health")
            return (try client.request("GET", "/health"), try client.request("GET", "/openapi.json"),
                    try client.request("GET", "/ready"), secure)
        }
        #expect(health.status == 200)
        #expect(health.bodyText == #"{"status":"ok"}"#)
        #expect(secure.bodyText == #"{"status":"ok"}"#)
        #expect(ready.status == 200)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(openapi.body)) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: Any])
        for path in ["/health", "/ready", "/openapi.json"] { #expect(paths[path] != nil, "\(path) missing from the OpenAPI document") }
    }

    /// SIGTERM while a request is still arriving: the request completes, then exit 0.
    @Test func sigtermDuringASlowRequestLetsItFinishAndExitsZero() async throws {
        let agent = try AgentProcess()
        let port = try #require(agent.httpPort)
        let (response, status) = try await offPool { () -> (TestResponse, Int32?) in
            let client = try TestHTTPClient(port: port)
            try client.send("GET /health HTTP/1.1\r\nHost: a\r\n")
            Thread.sleep(forTimeInterval: 0.2)
            agent.signal(SIGTERM)
            Thread.sleep(forTimeInterval: 0.5)
            try client.send("X-Late: yes\r\n\r\n")
            let response = try client.readResponse()
            return (response, agent.waitForExit(seconds: 10))
        }
        #expect(response.status == 200)
        #expect(response.header("Connection") == "close")
        #expect(status == 0)
        #expect(agent.logText.contains("received SIGTERM"))
    }

    @Test("SIGHUP loads a renewed certificate for new connections, with no restart")
    func sighupReloadsTheCertificate() throws {
        let live = try TestCertificates.makeTemporary()
        let first = try TestCertificates.make(in: live.directory + "-first")
        // Keep a copy of the first certificate to trust, then serve from the live files.
        let agent = try AgentProcess(arguments: ["--http-port", "0", "--https-port", "0", "--tls-cert", live.cert, "--tls-key", live.key])
        defer { agent.stop() }
        let port = try #require(agent.httpsPort)
        try FileManager.default.removeItem(atPath: first.cert)
        try FileManager.default.copyItem(atPath: live.cert, toPath: first.cert)
        #expect(throws: Never.self) { _ = try TLSTestClient(port: port, caFile: first.cert) }
        let secondDir = live.directory + "-second"
        let second = try TestCertificates.make(in: secondDir)
        // A bad file first: the reload is refused and the old certificate stays in use.
        try Data("not a certificate".utf8).write(to: URL(fileURLWithPath: live.cert))
        agent.signal(SIGHUP)
        #expect(agent.waitForLog("not reloaded"))
        #expect(throws: Never.self) { _ = try TLSTestClient(port: port, caFile: first.cert) }
        // Then the renewed pair.
        try FileManager.default.removeItem(atPath: live.cert)
        try FileManager.default.removeItem(atPath: live.key)
        try FileManager.default.copyItem(atPath: second.cert, toPath: live.cert)
        try FileManager.default.copyItem(atPath: second.key, toPath: live.key)
        agent.signal(SIGHUP)
        #expect(agent.waitForLog("TLS certificate reloaded"))
        let renewed = try TLSTestClient(port: port, caFile: second.cert)
        #expect(try TestHTTPClient(stream: renewed).request("GET", "/health").status == 200)
        #expect(throws: (any Error).self) { _ = try TLSTestClient(port: port, caFile: first.cert) }
    }

    @Test func accessLogCarriesNoQueryString() async throws {
        let agent = try AgentProcess(environment: ["AGENT_LOG_FORMAT": "text"])
        defer { agent.stop() }
        let port = try #require(agent.httpPort)
        _ = try await offPool { try TestHTTPClient(port: port).request("GET", "/health?ssn=123-45-6789") }
        #expect(agent.waitForLog("path=/health"))
        #expect(!agent.logText.contains("123-45-6789"))
    }

    @Test func badConfigurationExitsNonZeroWithAClearMessage() throws {
        #expect(throws: (any Error).self) {
            _ = try AgentProcess(environment: ["AGENT_MAX_CONNECTIONS": "lots"])
        }
    }
}
