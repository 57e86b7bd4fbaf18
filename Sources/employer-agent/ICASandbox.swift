import AgentAPI
import ArgumentParser
import Foundation
import HTTPCore
import Logging

struct ICASandbox: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ica-sandbox",
        abstract: "Serve the ICA v31 REST paths from the simulator (own data directory and clock), with /sandbox/clock, /sandbox/people and /sandbox/outages.")

    @Option(help: "Port to listen on (0: any free port).")
    var port: Int

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(name: .customLong("tls-cert"), help: "PEM certificate chain: serve HTTPS (the agent only talks HTTPS to an ICA host).")
    var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: "PEM private key for --tls-cert.")
    var tlsKey: String?

    @Option(name: .customLong("data-dir"), help: "The sandbox's own data directory (its people, cases and clock).")
    var dataDir: String = "./sandbox-data"

    @Option(help: "File of username:password lines (default: one user, sandbox01 / sandbox-pass).")
    var credentials: String?

    @Option(name: .customLong("token-seconds"), help: ArgumentHelp("Token life in seconds (the real interface: 7200).", visibility: .hidden))
    var tokenSeconds: Int = 7200

    func validate() throws {
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
        if !(0...65535).contains(port) { throw ValidationError("--port must be 0–65535") }
        if tokenSeconds < 1 { throw ValidationError("--token-seconds must be positive") }
    }

    func run() async throws {
        let (logger, output) = Log.make(level: "info", format: .text, buffered: false)
        defer { output.sink.shutdown() }
        let signals = TerminationSignals()
        var options = ICASandboxService.Options(dataDir: dataDir)
        options.host = host
        options.port = port
        options.tlsCert = tlsCert
        options.tlsKey = tlsKey
        options.credentialsFile = credentials
        options.tokenLifetimeSeconds = tokenSeconds
        let service: ICASandboxService
        do {
            service = try await ICASandboxService(options: options, logger: logger)
        } catch {
            logger.critical("cannot start: \(error)")
            throw ExitCode.failure
        }
        let scheme = service.isTLS ? "https" : "http"
        logger.info("ica-sandbox listening port=\(service.port) base=\(scheme)://\(host):\(service.port)/api/v31")
        let signal = await signals.next()
        logger.info("received \(signal), stopping")
        await service.shutdown()
        logger.info("stopped")
    }
}
