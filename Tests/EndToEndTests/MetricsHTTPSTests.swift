import Foundation
import Testing
import TestSupport

/// `/metrics` when the service runs HTTPS only: served by the HTTPS listener, or by a
/// plain listener of its own when `metrics_port` asks for one.
@Suite struct MetricsHTTPSTests {
    @Test("HTTPS only: /metrics on the HTTPS port, and the startup line names it")
    func servedOverHTTPS() throws {
        let certificate = try TestCertificates.makeTemporary()
        let agent = try AgentProcess(arguments: ["--https-port", "0", "--tls-cert", certificate.cert, "--tls-key", certificate.key],
                                     environment: ["AGENT_HTTP_PORT": "null"])
        defer { agent.stop() }
        #expect(agent.httpPort == nil)
        let https = try #require(agent.httpsPort)
        #expect(agent.metricsPort == https)
        func get(_ path: String) throws -> TestResponse {
            try TestHTTPClient(stream: try TLSTestClient(port: https, caFile: certificate.cert)).request("GET", path)
        }
        #expect(try get("/health").status == 200)
        let scraped = try get("/metrics")
        #expect(scraped.status == 200)
        #expect(scraped.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
        let samples = MetricsEndToEndTests.samples(scraped.bodyText)
        #expect(samples[#"http_requests_total{route="/health",method="GET",status="200"}"#] == 1)
        #expect((samples[#"tls_handshakes_total{result="ok"}"#] ?? 0) >= 2)
    }

    @Test("HTTPS only with metrics_port: a plain listener of its own, not the HTTPS port")
    func separateListenerBesideHTTPS() throws {
        let certificate = try TestCertificates.makeTemporary()
        let agent = try AgentProcess(arguments: ["--https-port", "0", "--tls-cert", certificate.cert, "--tls-key", certificate.key],
                                     environment: ["AGENT_HTTP_PORT": "null", "AGENT_METRICS_PORT": "0"])
        defer { agent.stop() }
        let https = try #require(agent.httpsPort)
        let metrics = try #require(agent.metricsPort)
        #expect(metrics != https)
        let secure = try TestHTTPClient(stream: try TLSTestClient(port: https, caFile: certificate.cert)).request("GET", "/metrics")
        #expect(secure.status == 404)
        let scraped = try MetricsEndToEndTests.scrape(metrics)
        #expect(scraped.status == 200)
        #expect(scraped.samples[#"http_requests_total{route="unmatched",method="GET",status="404"}"#] == 1)
    }
}
