import Foundation
import Prometheus

/// The process figures operators graph beside the service's own: resident memory, open
/// descriptors, CPU seconds, start time. Read from `/proc/self` at scrape time (Linux).
struct ProcessStatistics: Sendable {
    var residentBytes: Int64?
    var virtualBytes: Int64?
    var openDescriptors: Int64?
    var maxDescriptors: Int64?
    var cpuSeconds: Double?
    var startTimeSeconds: Double?

    static func read() -> ProcessStatistics {
        var stats = ProcessStatistics()
        let pageSize = Int64(sysconf(Int32(_SC_PAGESIZE)))
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        if let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
           let close = stat.lastIndex(of: ")") {
            // Fields after the command name, which may itself hold spaces: state is field 3.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            // utime 14, stime 15, starttime 22, vsize 23, rss 24 (1-based over the whole line).
            func field(_ n: Int) -> Double? { n - 3 < fields.count ? Double(fields[n - 3]) : nil }
            if let user = field(14), let system = field(15), ticks > 0 { stats.cpuSeconds = (user + system) / ticks }
            if let vsize = field(23) { stats.virtualBytes = Int64(vsize) }
            if let rss = field(24) { stats.residentBytes = Int64(rss) * pageSize }
            if let start = field(22), ticks > 0, let boot = bootTimeSeconds() { stats.startTimeSeconds = boot + start / ticks }
        }
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") {
            stats.openDescriptors = Int64(entries.count)
        }
        var limit = rlimit()
        if getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 { stats.maxDescriptors = Int64(clamping: limit.rlim_cur) }
        return stats
    }

    private static func bootTimeSeconds() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("btime ") {
            return Double(line.dropFirst(6).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// Names as the Prometheus client libraries use them, so existing dashboards work.
    func write(to registry: PrometheusCollectorRegistry) {
        func gauge(_ name: String, _ unit: String, _ help: String, _ value: Double?) {
            guard let value else { return }
            registry.makeGauge(descriptor: MetricNameDescriptor(namespace: "process", metricName: name, unitName: unit, helpText: help),
                               labels: []).set(value)
        }
        gauge("resident_memory", "bytes", "Resident memory size in bytes.", residentBytes.map(Double.init))
        gauge("virtual_memory", "bytes", "Virtual memory size in bytes.", virtualBytes.map(Double.init))
        gauge("open", "fds", "Number of open file descriptors.", openDescriptors.map(Double.init))
        gauge("max", "fds", "Maximum number of open file descriptors.", maxDescriptors.map(Double.init))
        gauge("start_time", "seconds", "Start time of the process since the Unix epoch in seconds.", startTimeSeconds)
        // CPU time only grows, so it is a counter (rate() works on it); the registry's
        // counters only add, so it is set by a reset and one increment (scrapes are serialized).
        if let cpuSeconds {
            let counter = registry.makeCounter(descriptor: MetricNameDescriptor(
                namespace: "process", metricName: "cpu_seconds", unitName: "total", helpText: "Total user and system CPU time spent in seconds."),
                labels: [])
            counter.reset()
            counter.increment(by: cpuSeconds)
        }
    }
}
