import Storage
import Testing
@testable import AgentAPI

/// The writer's statement totals in the Prometheus text format.
@Suite struct StatementTimesTextTests {
    @Test("Each statement is one series per family, its text an escaped label value; none timed writes nothing")
    func writesBothFamilies() {
        var text = ""
        ServiceMetrics.write([], into: &text)
        #expect(text.isEmpty)
        ServiceMetrics.write([("SELECT 'a\\b' AS \"q\"", StatementTimes.Total(calls: 3, nanoseconds: 1_500_000))], into: &text)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains(#"storage_statement_seconds_total{statement="SELECT 'a\\b' AS \"q\""} 0.0015"#))
        #expect(lines.contains(#"storage_statement_calls_total{statement="SELECT 'a\\b' AS \"q\""} 3"#))
        #expect(lines.filter { $0.hasPrefix("# TYPE") } == ["# TYPE storage_statement_seconds_total counter",
                                                             "# TYPE storage_statement_calls_total counter"])
        #expect(HTTPMetricsText.escape("a\nb") == #"a\nb"#)
    }
}
