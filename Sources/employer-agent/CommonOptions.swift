import AgentAPI
import ArgumentParser
import Foundation
import Logging

/// Options every command that touches the configuration shares.
struct ConfigOptions: ParsableArguments {
    @Option(help: "A JSON file overriding Config/default.json (any subset of its keys).")
    var config: String?

    @Option(name: .customLong("data-dir"), help: "Directory of the database and key file (config key data_dir).")
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
    /// Bootstraps swift-log once: one line per event on standard error.
    static func make(level: String) -> Logger {
        let parsed = Logger.Level(rawValue: level) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = parsed
            return handler
        }
        var logger = Logger(label: "employer-agent")
        logger.logLevel = parsed
        return logger
    }
}
