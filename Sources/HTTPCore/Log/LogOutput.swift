import Logging

/// The process's log output: one format on one sink. It makes the swift-log handlers
/// (`LoggingSystem.bootstrap { output.handler(label: $0) }`) and the access log, which
/// writes its fields straight into the sink.
public struct LogOutput: Sendable {
    public let sink: LogSink
    public let format: LogFormat

    public init(sink: LogSink, format: LogFormat) {
        self.sink = sink
        self.format = format
    }

    public func handler(label: String, level: Logger.Level = .info) -> SinkLogHandler {
        SinkLogHandler(label: label, level: level, output: self)
    }

    public func accessLog(label: String) -> SinkAccessLog {
        SinkAccessLog(label: label, output: self)
    }
}

/// A swift-log handler that formats each event on the calling thread and queues it on a
/// `LogSink`; it never writes to the output itself.
public struct SinkLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let output: LogOutput

    init(label: String, level: Logger.Level, output: LogOutput) {
        self.label = label
        self.logLevel = level
        self.output = output
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get(), !provided.isEmpty {
            merged.merge(provided) { _, new in new }
        }
        if let explicit = event.metadata, !explicit.isEmpty {
            merged.merge(explicit) { _, new in new }
        }
        if let error = event.error {
            // Only the type: an error's text may hold personal data.
            merged["error_type"] = .string(String(reflecting: type(of: error)))
        }
        let message = event.message.description
        let source = event.source
        LogLineBuilder.withLine { line in
            output.format.formatEvent(into: &line, level: event.level, label: label, message: message,
                                      metadata: merged, source: source)
            output.sink.write(line)
        }
    }
}

/// The access log on a `LogOutput`: no metadata dictionary, no intermediate String.
public struct SinkAccessLog: AccessLogSink {
    let label: String
    let output: LogOutput

    public func record(_ entry: AccessLogEntry) {
        LogLineBuilder.withLine { line in
            output.format.formatAccess(into: &line, label: label, entry: entry)
            output.sink.write(line)
        }
    }
}
