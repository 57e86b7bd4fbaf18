import AgentAPI
import ArgumentParser
import Foundation
import HTTPCore
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the service: applies pending migrations, then listens until SIGTERM or SIGINT.")

    @OptionGroup var options: ConfigOptions

    @Option(name: .customLong("http-port"), help: ArgumentHelp("Plain HTTP port, 0 for any free port \(ConfigHelp.defaultOf("http_port")).", valueName: "port"))
    var httpPort: Int?

    @Option(name: .customLong("https-port"), help: ArgumentHelp("HTTPS port, 0 for any free port; needs --tls-cert and --tls-key \(ConfigHelp.defaultOf("https_port")).",
                                                                   valueName: "port"))
    var httpsPort: Int?

    @Option(name: .customLong("tls-cert"), help: ArgumentHelp("PEM certificate chain for HTTPS \(ConfigHelp.defaultOf("tls_cert")).", valueName: "file"))
    var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: ArgumentHelp("PEM private key for HTTPS \(ConfigHelp.defaultOf("tls_key")).", valueName: "file"))
    var tlsKey: String?

    @Flag(help: "Use the simulated DHS/SSA side \(ConfigHelp.defaultOf("simulate")); the flag only turns it on.")
    var simulate = false

    func run() async throws {
        var extra: [String: Any] = [:]
        if let httpPort { extra["http_port"] = httpPort }
        if let httpsPort { extra["https_port"] = httpsPort }
        if let tlsCert { extra["tls_cert"] = tlsCert }
        if let tlsKey { extra["tls_key"] = tlsKey }
        if simulate { extra["simulate"] = true }
        let configuration = try options.load(extra: extra)
        let (logger, output) = Log.make(level: configuration.logLevel,
                                        format: configuration.logFormat(serving: true, standardOutputIsTerminal: Log.standardOutputIsTerminal),
                                        buffered: true)
        // Runs after the last line ("stopped", or "cannot start"): the buffered lines reach
        // standard error before the process exits.
        defer { output.sink.shutdown() }
        // Signals are caught before the listeners open, so an early SIGTERM still drains.
        let signals = TerminationSignals()
        let service: AgentService
        do {
            service = try await AgentService(configuration: configuration, logger: logger,
                                             accessLog: output.accessLog(label: "employer-agent"))
        } catch {
            logger.critical("cannot start: \(error)")
            throw ExitCode.failure
        }
        let http = service.httpPort.map(String.init) ?? "off"
        let https = service.httpsPort.map(String.init) ?? "off"
        let metrics = service.metricsPort.map(String.init) ?? "off"
        logger.info("listening http=\(http) https=\(https) metrics=\(metrics)")
        // SIGHUP: load the certificate files again (a renewed certificate, no restart).
        let reload = ReloadSignal {
            do {
                try service.reloadTLS()
                logger.info("TLS certificate reloaded")
            } catch {
                logger.error("TLS certificate not reloaded, keeping the current one: \(error)")
            }
        }
        defer { withExtendedLifetime(reload) {} }
        let signal = await signals.next()
        logger.info("received \(signal), draining")
        await service.shutdown()
        logger.info("stopped")
    }
}
