import AgentCore
import CoreMetrics
import HTTPCore
import Prometheus
import Storage
import Synchronization

/// The service's metrics registry: what is recorded as it happens (webhook deliveries,
/// storage commits) goes through swift-metrics into a Prometheus registry of our own (no
/// process-wide bootstrap, so several services can run in one test process); what is a
/// level (open connections, cases by status, queue depth, process figures) is read when
/// scraped. The HTTP request counters live in the server's event loops (see
/// `HTTPServer.requestMetrics()`) and are written out beside the registry.
public final class ServiceMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let factory: PrometheusMetricsFactory
    let webhookDeliveries: WebhookDeliveryMetrics
    private let seenCaseStatuses = Mutex<Set<String>>([])
    /// One scrape at a time: levels are set and written out together.
    private let scrapes = Mutex(())
    static var casesTotal: MetricNameDescriptor { MetricNameDescriptor(metricName: "cases", unitName: "total", helpText: "Cases by current status.") }
    static var governmentQueueDepth: MetricNameDescriptor { MetricNameDescriptor(metricName: "government_queue", unitName: "depth",
                                                           helpText: "Submissions queued for DHS/SSA, waiting or retrying.") }

    /// The writer's time per SQL statement, when `metrics_statement_times` asks for it.
    let statementTimes: StatementTimes?

    public init(statementTimes: Bool = false) {
        self.statementTimes = statementTimes ? StatementTimes() : nil
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets["storage_commit_seconds"] = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .microseconds(2500), .milliseconds(5),
            .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1),
        ]
        factory.valueHistogramBuckets["storage_batch_size"] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512]
        self.factory = factory
        webhookDeliveries = WebhookDeliveryMetrics(factory: factory)
    }

    /// Records each committed batch of the single writer: its COMMIT time and its size.
    func observe(_ writer: DatabaseWriter) {
        let commitTimer = CoreMetrics.Timer(label: "storage_commit_seconds", factory: factory)
        let batchSize = Recorder(label: "storage_batch_size", factory: factory)
        writer.observeCommits { duration, jobs in
            commitTimer.recordNanoseconds(duration.nanoseconds)
            batchSize.record(jobs)
        }
    }

    /// Levels read at scrape time.
    struct Levels: Sendable {
        var casesByStatus: [(status: String, count: Int)] = []
        var governmentQueueDepth: Int?
        var process = ProcessStatistics.read()
    }

    /// The Prometheus text exposition (format 0.0.4) of everything.
    func exposition(http: HTTPRequestMetrics?, levels: Levels) -> [UInt8] {
        scrapes.withLock { _ in render(http: http, levels: levels) }
    }

    private func render(http: HTTPRequestMetrics?, levels: Levels) -> [UInt8] {
        var text = ""
        if let http { HTTPMetricsText.write(http, into: &text) }
        // A status no case holds any more reads 0 rather than its last count.
        let counts = Dictionary(levels.casesByStatus, uniquingKeysWith: +)
        let statuses = seenCaseStatuses.withLock { seen in
            seen.formUnion(counts.keys)
            return seen.sorted()
        }
        for status in statuses {
            registry.makeGauge(descriptor: Self.casesTotal, labels: [("status", status)]).set(Int64(counts[status] ?? 0))
        }
        if let depth = levels.governmentQueueDepth {
            registry.makeGauge(descriptor: Self.governmentQueueDepth, labels: []).set(Int64(depth))
        }
        levels.process.write(to: registry)
        if let statementTimes { Self.write(statementTimes.snapshot(), into: &text) }
        var bytes = Array(text.utf8)
        registry.emit(into: &bytes)
        return bytes
    }
}

extension ServiceMetrics {
    /// The writer's statement totals as two counter families, labelled by the statement's
    /// text (bound parameters only, so no data is in it).
    static func write(_ totals: [(statement: String, total: StatementTimes.Total)], into text: inout String) {
        guard !totals.isEmpty else { return }
        text += "# HELP storage_statement_seconds_total Time the single writer spent running each SQL statement.\n"
        text += "# TYPE storage_statement_seconds_total counter\n"
        for (statement, total) in totals {
            text += "storage_statement_seconds_total{statement=\"\(HTTPMetricsText.escape(statement))\"} \(Double(total.nanoseconds) / 1e9)\n"
        }
        text += "# HELP storage_statement_calls_total Runs of each SQL statement by the single writer.\n"
        text += "# TYPE storage_statement_calls_total counter\n"
        for (statement, total) in totals {
            text += "storage_statement_calls_total{statement=\"\(HTTPMetricsText.escape(statement))\"} \(total.calls)\n"
        }
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

/// Counts webhook delivery attempts by what became of them.
struct WebhookDeliveryMetrics: Sendable {
    private let delivered: CoreMetrics.Counter
    private let retrying: CoreMetrics.Counter
    private let failed: CoreMetrics.Counter

    init(factory: any MetricsFactory) {
        delivered = Counter(label: "webhook_deliveries_total", dimensions: [("state", "delivered")], factory: factory)
        retrying = Counter(label: "webhook_deliveries_total", dimensions: [("state", "retrying")], factory: factory)
        failed = Counter(label: "webhook_deliveries_total", dimensions: [("state", "failed")], factory: factory)
    }

    func record(_ outcome: DeliveryOutcome) {
        switch outcome {
        case .delivered: delivered.increment()
        case .failed(_, _, let next): (next == nil ? failed : retrying).increment()
        }
    }
}
