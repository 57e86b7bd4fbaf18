import AgentAPI
import ArgumentParser
import Foundation
import Glibc
import HTTPCore
import Logging

/// Options every command that touches the configuration shares.
struct ConfigOptions: ParsableArguments {
    @Option(help: "A JSON file overriding Config/default.json (any subset of its keys). (default: none, the built-in defaults)")
    var config: String?

    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Directory of the database and key file \(ConfigHelp.defaultOf("data_dir")).",
                                                                 valueName: "dir"))
    var dataDir: String?

    /// Loads defaults ← file ← AGENT_* ← these flags ← `extra`.
    func load(extra: [String: Any] = [:]) throws -> AgentConfiguration {
        var overrides = extra
        if let dataDir { overrides["data_dir"] = dataDir }
        do {
            return try AgentConfiguration.load(file: config, environment: ProcessInfo.processInfo.environment, overrides: overrides)
        } catch let error as ConfigurationError {
            throw ValidationError(error.description)
        }
    }
}

enum Log {
    /// Bootstraps swift-log once, on a `LogSink` writing to standard error. `buffered`
    /// (for `serve`) moves the writes to the sink's own thread, so the caller must call
    /// `output.sink.shutdown()` before exiting; otherwise each line is written at once.
    static func make(level: String, format: LogFormat, buffered: Bool) -> (logger: Logger, output: LogOutput) {
        let parsed = Logger.Level(rawValue: level) ?? .info
        let label = "employer-agent"
        let sink = LogSink(buffered: buffered, dropNotice: format.dropNotice(label: label))
        let output = LogOutput(sink: sink, format: format)
        // The provider adds the request ID to every line written while serving a request.
        LoggingSystem.bootstrap({ label, provider in
            var handler = output.handler(label: label, level: parsed)
            handler.metadataProvider = provider
            return handler
        }, metadataProvider: RequestScope.metadataProvider)
        var logger = Logger(label: label)
        logger.logLevel = parsed
        return (logger, output)
    }

    static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}
