import HTTPCore

/// Writes the server's request metrics in the Prometheus text format 0.0.4.
enum HTTPMetricsText {
    static func write(_ metrics: HTTPRequestMetrics, into text: inout String) {
        text += "# HELP http_requests_total Requests answered, by route as registered, method and status.\n"
        text += "# TYPE http_requests_total counter\n"
        for r in metrics.requests {
            text += "http_requests_total{route=\"\(escape(r.route))\",method=\"\(r.method)\",status=\"\(r.status)\"} \(r.count)\n"
        }
        text += "# HELP http_request_duration_seconds Time from a complete request to its response, by route.\n"
        text += "# TYPE http_request_duration_seconds histogram\n"
        for d in metrics.durations {
            let route = escape(d.route)
            for (i, bound) in DurationBuckets.boundsSeconds.enumerated() {
                text += "http_request_duration_seconds_bucket{route=\"\(route)\",le=\"\(bound)\"} \(d.cumulativeCounts[i])\n"
            }
            text += "http_request_duration_seconds_bucket{route=\"\(route)\",le=\"+Inf\"} \(d.count)\n"
            text += "http_request_duration_seconds_sum{route=\"\(route)\"} \(d.sumSeconds)\n"
            text += "http_request_duration_seconds_count{route=\"\(route)\"} \(d.count)\n"
        }
        text += "# HELP http_connections_open Connections open now.\n# TYPE http_connections_open gauge\n"
        text += "http_connections_open \(metrics.connectionsOpen)\n"
        text += "# HELP tls_handshakes_total TLS handshakes finished, by result.\n# TYPE tls_handshakes_total counter\n"
        text += "tls_handshakes_total{result=\"ok\"} \(metrics.tlsHandshakesSucceeded)\n"
        text += "tls_handshakes_total{result=\"failed\"} \(metrics.tlsHandshakesFailed)\n"
    }

    /// Label values: backslash, quote and newline escaped (routes hold none today; SQL
    /// statements, labels of `storage_statement_*`, may hold quotes).
    static func escape(_ value: String) -> String {
        guard value.contains(where: { $0 == "\\" || $0 == "\"" || $0 == "\n" }) else { return value }
        return value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
