import Foundation
import Testing
import TestSupport

/// `/metrics` as a Prometheus server scrapes it: counters move with the work done.
@Suite struct MetricsEndToEndTests {
    /// The samples of a text exposition, keyed by series (`name{labels}` as written).
    static func samples(_ text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            samples[String(line[..<space])] = value
        }
        return samples
    }

    static func scrape(_ port: Int) throws -> (status: Int, contentType: String?, samples: [String: Double]) {
        let response = try TestHTTPClient(port: port).request("GET", "/metrics")
        return (response.status, response.header("Content-Type"), samples(response.bodyText))
    }

    @Test("a case walk moves the request, case, storage and process metrics")
    func scrapeAfterCaseWalk() throws {
        let desk = try CaseEndToEndTests.openDesk()
        defer { desk.world.agent.stop() }
        let port = desk.port
        #expect(desk.world.agent.metricsPort == port)
        let before = try Self.scrape(port)
        #expect(before.status == 200)
        #expect(before.contentType?.hasPrefix("text/plain; version=0.0.4") == true)

        let admin = desk.admin
        let draft = try admin.call("POST", "/api/v1/cases", CaseEndToEndTests.body(client: desk.client, ssn: "151-20-1001",
                                                                                 first: "Avery", last: "Quickpass", dob: "1990-02-14"))
        let number = try CaseEndToEndTests.created(draft)
        #expect(try admin.call("POST", "/api/v1/cases/\(number)/submit")["case_status"] as? String == "CLOSED")
        #expect(try admin.call("GET", "/api/v1/nothing-here").status == 404)

        let after = try Self.scrape(port).samples
        func moved(_ series: String) -> Double { (after[series] ?? 0) - (before.samples[series] ?? 0) }
        #expect(moved(#"http_requests_total{route="/api/v1/cases",method="POST",status="201"}"#) == 1)
        #expect(moved(#"http_requests_total{route="/api/v1/cases/:n/submit",method="POST",status="200"}"#) == 1)
        #expect(moved(#"http_requests_total{route="unmatched",method="GET",status="404"}"#) == 1)
        // The first scrape itself was answered before the second read the counters.
        #expect(moved(#"http_requests_total{route="/metrics",method="GET",status="200"}"#) == 1)
        #expect(moved(#"http_request_duration_seconds_count{route="/api/v1/cases"}"#) == 1)
        #expect(moved(#"http_request_duration_seconds_bucket{route="/api/v1/cases",le="+Inf"}"#) == 1)
        #expect((after[#"http_request_duration_seconds_sum{route="/api/v1/cases"}"#] ?? 0) > 0)
        #expect(after[#"cases_total{status="CLOSED"}"#] == 1)
        #expect(after["government_queue_depth"] == 0)
        #expect((after["http_connections_open"] ?? 0) >= 1)
        #expect(moved("storage_commit_seconds_count") >= 2)
        #expect(moved("storage_batch_size_count") >= 2)
        #expect((after["process_resident_memory_bytes"] ?? 0) > 1_000_000)
        #expect((after["process_open_fds"] ?? 0) > 3)
        #expect((after["process_cpu_seconds_total"] ?? 0) > 0)
        #expect(after[#"tls_handshakes_total{result="ok"}"#] == 0)
        // Statement timing is off unless asked for.
        #expect(!after.keys.contains { $0.hasPrefix("storage_statement_") })
    }

    @Test("metrics_statement_times: the writer's statements are counted and timed by their text, on one line")
    func statementTimes() throws {
        let world = try IdentityEndToEndTests.startWorld(environment: ["AGENT_METRICS_STATEMENT_TIMES": "true"])
        defer { world.agent.stop() }
        let before = try Self.scrape(world.port).samples
        _ = try IdentityEndToEndTests.client(world.admin, name: "Timed Co", ein: "12-3456789")
        let response = try TestHTTPClient(port: world.port).request("GET", "/metrics")
        let after = Self.samples(response.bodyText)
        let audit = after.keys.filter { $0.hasPrefix(#"storage_statement_calls_total{statement="INSERT INTO audit_log ("#) }
        #expect(audit.count == 1)
        if let series = audit.first {
            // The client's creation wrote at least one audit entry since the first scrape.
            #expect((after[series] ?? 0) > (before[series] ?? 0))
            #expect(!series.contains("\n") && !series.contains("  "))
            let seconds = series.replacingOccurrences(of: "storage_statement_calls_total", with: "storage_statement_seconds_total")
            #expect((after[seconds] ?? 0) > 0)
        }
        #expect(response.bodyText.contains("# TYPE storage_statement_seconds_total counter"))
    }

    @Test("metrics_port: /metrics on its own listener and not on the HTTP port")
    func separateListener() throws {
        let agent = try AgentProcess(environment: ["AGENT_METRICS_PORT": "0"])
        defer { agent.stop() }
        let http = try #require(agent.httpPort)
        let metrics = try #require(agent.metricsPort)
        #expect(metrics != http)
        #expect(try TestHTTPClient(port: http).request("GET", "/health").status == 200)
        #expect(try TestHTTPClient(port: http).request("GET", "/metrics").status == 404)
        let scraped = try Self.scrape(metrics)
        #expect(scraped.status == 200)
        // The main listener's requests are counted; the metrics listener's own are not.
        #expect(scraped.samples[#"http_requests_total{route="/health",method="GET",status="200"}"#] == 1)
        #expect(scraped.samples[#"http_requests_total{route="unmatched",method="GET",status="404"}"#] == 1)
    }

    @Test("metrics_enabled false: no route, no counting")
    func disabled() throws {
        let agent = try AgentProcess(environment: ["AGENT_METRICS_ENABLED": "false"])
        defer { agent.stop() }
        #expect(agent.metricsPort == nil)
        #expect(agent.logText.contains("metrics=off"))
        #expect(try TestHTTPClient(port: try #require(agent.httpPort)).request("GET", "/metrics").status == 404)
    }
}
