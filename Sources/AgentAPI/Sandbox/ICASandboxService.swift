import AgentCore
import Foundation
import GovernmentSimulator
import HTTPCore
import Logging
import Storage

/// `employer-agent ica-sandbox`: the simulator behind the ICA v31 paths, with its own
/// data directory and clock, and the `/sandbox/…` controls. What an integrator runs to
/// try the agent without credentials, and what the end-to-end tests run.
public final class ICASandboxService: Sendable {
    public struct Options: Sendable {
        public var host = "127.0.0.1"
        public var port = 0
        public var tlsCert: String?
        public var tlsKey: String?
        public var dataDir: String
        public var credentialsFile: String?
        /// The life of a token (the real interface: 2 hours); shorter in tests.
        public var tokenLifetimeSeconds = 7200
        public init(dataDir: String) { self.dataDir = dataDir }
    }

    private let server: HTTPServer
    private let database: Database
    public let port: Int
    public let isTLS: Bool

    public init(options: Options, logger: Logger) async throws {
        let credentials = try ICASandboxAuth.credentials(file: options.credentialsFile)
        let directory = try DataDirectory(path: options.dataDir)
        _ = try directory.secure()
        let database = try await Database.open(path: directory.databasePath)
        self.database = database
        do {
            let simulator = try await Simulator.open(store: SQLiteSimulatorStore(database: database), calendar: FederalCalendar())
            let auth = ICASandboxAuth(credentials: credentials, lifetimeSeconds: options.tokenLifetimeSeconds)
            let router = RouterBuilder<AgentContext>(defaultBodyLimit: 1 << 20)
            router.add(middleware: RequestIDMiddleware())
            router.add(middleware: ICASandboxErrors(logger: logger))
            let cases = ICASandboxCases()
            ICASandboxRoutes(simulator: simulator, auth: auth, cases: cases).register(on: router)
            ICASandboxControls(simulator: simulator, auth: auth, cases: cases).register(on: router)
            ICASandboxDocument.register(on: router)
            let defaults = try AgentConfiguration.defaults()
            var configuration = defaults.serverConfiguration
            configuration.host = options.host
            configuration.parserLimits.maxBodyBytes = 12 << 20
            var tls: TLSContext?
            if let cert = options.tlsCert, let key = options.tlsKey {
                tls = try TLSContext(certificateChain: cert, privateKey: key, tls13Ciphersuites: defaults.tls13Ciphersuites,
                                     tls12CipherList: defaults.tls12CipherList)
            }
            configuration.listeners = [.init(port: options.port, tls: tls)]
            server = try HTTPServer(configuration: configuration, responder: router.freeze())
            port = server.ports.first ?? options.port
            isTLS = tls != nil
        } catch {
            await database.close()
            throw error
        }
    }

    public func shutdown() async {
        await server.shutdown()
        await database.close()
    }
}
