import AgentCore
import Crypto
import GovernmentICA
import GovernmentSimulator
import Notices
import HTTPCore
import Logging
import Storage

/// The running service: storage, the government side and the HTTP(S) listeners, wired
/// from one configuration. The CLI and the end-to-end tests start it the same way.
public final class AgentService: Sendable {
    public static let version = "0.1.0"

    private let server: HTTPServer
    /// The listener of `/metrics` alone, when `metrics_port` asks for one.
    private let metricsServer: HTTPServer?
    private let storage: StorageSetup
    private let passwordPool: BlockingWorkPool
    private let worker: GovernmentWorker
    private let webhookWorker: WebhookWorker
    private let resolverPool: BlockingWorkPool
    private let configuration: AgentConfiguration
    public let httpPort: Int?
    public let httpsPort: Int?
    /// The port serving `/metrics` (the HTTP port, or the HTTPS one without HTTP, unless
    /// `metrics_port` sets another); nil when disabled.
    public let metricsPort: Int?
    /// Every route the main listeners serve, as registered (for the OpenAPI coverage test).
    public let routeTable: [RouteSummary]

    /// Starts listening; ports of 0 are replaced by the bound ones. `accessLog` takes the
    /// per-request lines; without one they go through `logger`.
    public init(configuration: AgentConfiguration, logger: Logger, accessLog: (any AccessLogSink)? = nil) async throws {
        // A broken OpenSSL must stop the start, not the first request that needs it.
        try CryptoLibrary.selfTest()
        self.configuration = configuration
        let storage = try await StorageSetup.open(configuration)
        self.storage = storage
        for narrowed in storage.narrowedModes { logger.warning("data directory permissions were too wide, narrowed \(narrowed)") }
        logger.info("storage ready", metadata: ["migrations_applied": .stringConvertible(storage.database.appliedMigrations.count)])
        let router = RouterBuilder<AgentContext>(defaultBodyLimit: configuration.maxJsonBodyBytes)
        router.headCheck = AuthenticationGate.check
        router.add(middleware: NoStoreMiddleware())
        router.add(middleware: RequestIDMiddleware())
        // Access lines are `info`: a higher log level turns them off like any other info line.
        if configuration.accessLog && logger.logLevel <= .info {
            var accessLogger = logger
            accessLogger[metadataKey: "log"] = "access"
            router.add(middleware: AccessLogMiddleware(sink: accessLog ?? LoggerAccessLog(logger: accessLogger)))
        }
        router.add(middleware: ErrorMiddleware(logger: logger, describe: Self.loggableDetail))

        let database = storage.database
        let notices = Self.startNotices(logger, dhsTelephone: configuration.noticeDhsTelephone)
        let metrics = configuration.metricsEnabled ? ServiceMetrics(statementTimes: configuration.metricsStatementTimes) : nil
        metrics?.observe(database.writer)
        if let times = metrics?.statementTimes { try await database.writer.timeStatements(into: times) }
        // Two hashes at a time (128 MiB each at the default cost); a few dozen may wait.
        let passwordPool = BlockingWorkPool(threads: 2, maxQueued: 32, name: "password-hash")
        self.passwordPool = passwordPool
        // The simulated DHS/SSA side: the only government side this release has.
        let federal = FederalCalendar()
        let simulator = try await Simulator.open(store: SQLiteSimulatorStore(database: database), calendar: federal)
        // `government_mode: ica`: the program's interface (or the sandbox) replaces the simulator.
        let government = try GovernmentSide(configuration, simulator: simulator, database: database)
        let gateway = government.gateway, clock = government.clock
        let outages = government.outages
        // Every repository that changes what is due writes the work queue in the same transaction.
        let planner = WorkItemPlanner(federal: federal,
                                      users: UserWorkPolicy(curriculumVersion: configuration.curriculumVersion,
                                                            passwordMaxAgeDays: configuration.passwordMaxAgeDays),
                                      outages: outages)
        let workQueue = SQLiteWorkQueue(database: database, planner: planner)
        let identityRepository = SQLiteIdentityRepository(database: database, cipher: storage.fieldCipher, workItems: planner)
        let cases = SQLiteCaseRepository(database: database, cipher: storage.fieldCipher, indexKey: storage.blindIndexKey,
                                         workItems: planner)
        let work = BackgroundWorkStore(database: database)
        let idempotencyRecords = SQLiteIdempotencyRepository(database: database, cipher: storage.fieldCipher)
        let planning = WorkQueuePlanning(cases: cases, queue: workQueue, work: work, logger: logger)
        await planning.atStart(hireClockInputs: government.outageWindows().map { "\($0.fromISO)/\($0.toISO)" }.joined(separator: ","))
        var identity = try IdentityAPI(repository: identityRepository,
                                       hasher: try configuration.passwordHasher(), pool: passwordPool,
                                       settings: configuration.identitySettings)
        let compliance = ComplianceRecords(database: database, cipher: storage.fieldCipher, indexKey: storage.blindIndexKey,
                                           identity: identityRepository, auth: identity.auth, clock: clock,
                                           notices: notices)
        identity.clientChanged = {
            await planning.replanAfterChange(clientID: $0)
            try await compliance.clientChanged($0)
        }
        identity.clientSettings = compliance.clientSettings
        let imageRecords = SQLiteImageRecords(database: database, cipher: storage.fieldCipher, federal: federal)
        identity.imageSettings = ImageSettingsMembers(records: imageRecords, identity: identityRepository, clock: clock)
        identity.register(on: router)
        compliance.register(on: router)
        TrainingAPI(identity: identity, keyMaterial: storage.blindIndexKey).register(on: router)

        let updates = GovernmentUpdates(gateway: gateway, cases: cases)
        let retention = RetentionWiring(database: database, storage: storage, cases: cases, planner: planner, logger: logger)
        let worker = GovernmentWorker(cases: cases, work: work, gateway: gateway, clock: clock, federal: federal, updates: updates,
                                      settings: configuration.workerSettings, logger: logger, idempotency: idempotencyRecords,
                                      dailyJobs: retention.dailyJobs)
        self.worker = worker
        let readiness = ReadinessCheck(probes: [
            {
                do {
                    _ = try await database.read { try $0.scalar("SELECT 1") }
                    return ("database", true, "ok")
                } catch {
                    return ("database", false, "cannot read")
                }
            },
            {
                // The service still takes cases while DHS/SSA fail (they queue), so it stays ready.
                let status = await government.status()
                let depth = (try? await work.queueDepth()) ?? -1
                return ("government", true, "\(status.readinessDetail); queued submissions: \(depth)")
            },
        ])
        OperationsRoutes(readiness: readiness).register(on: router)
        let writer = database.writer
        StorageOperationsRoutes(auth: identity.auth, statistics: { (writer.statistics, writer.pendingJobs) }).register(on: router)
        let caseAPI = CaseAPI(cases: cases, identity: identityRepository, auth: identity.auth, gateway: gateway,
                              clock: clock, federal: federal,
                              idempotency: IdempotencyGate(records: idempotencyRecords, keyMaterial: storage.blindIndexKey,
                                                           visible: { number, principal in try await cases.find(number, scope: principal.scope) != nil }),
                              notices: notices,
                              outages: outages,
                              unexpectedErrors: UnexpectedErrorReport(logger: logger, describe: Self.loggableDetail))
        caseAPI.register(on: router)
        ReverificationRoutes(caseAPI: caseAPI, identity: identityRepository, auth: identity.auth, clock: clock).register(on: router)
        // Webhooks: registration routes, and the worker pushing the case event outbox.
        let webhookSettings = configuration.webhookSettings
        let webhooks = SQLiteWebhookRepository(database: database, cipher: storage.fieldCipher)
        let resolverPool = BlockingWorkPool(threads: 2, maxQueued: 32, name: "webhook-resolve")
        self.resolverPool = resolverPool
        WebhookRoutes(webhooks: webhooks, identity: identityRepository, auth: identity.auth,
                      policy: WebhookURLPolicy(allowInsecureHTTP: webhookSettings.allowInsecureHTTP,
                                               allowPrivateAddresses: webhookSettings.allowPrivateAddresses),
                      resolver: resolverPool, rotationOverlapSeconds: webhookSettings.rotationOverlapSeconds).register(on: router)
        let outboundClient = try OutboundHTTPClient(trust: webhookSettings.caFile.map(OutboundTrust.caFile) ?? .system)
        webhookWorker = WebhookWorker(webhooks: webhooks, outbox: SQLiteCaseEventOutbox(database: database),
                                      workQueue: workQueue, clock: clock, renderer: WebhookEventRenderer(cases: cases, caseAPI: caseAPI), client: outboundClient,
                                      settings: webhookSettings, logger: logger, metrics: metrics?.webhookDeliveries)
        SimulatorRoutes(simulator: simulator, auth: identity.auth, worker: worker, work: work,
                        outagesChanged: { await planning.replanAfterChange(clientID: nil) }, government: government).register(on: router)
        WorkQueueRoutes(queue: workQueue, identity: identityRepository, auth: identity.auth, clock: clock).register(on: router)
        HireRosterRoutes(roster: SQLiteHireRoster(database: database, cipher: storage.fieldCipher, indexKey: storage.blindIndexKey,
                                                  workItems: planner),
                         identity: identityRepository, auth: identity.auth, clock: clock,
                         outages: outages, dates: retention.dates).register(on: router)
        retention.register(on: router, identity: identityRepository, auth: identity.auth)
        AuditRoutes(trail: AuditTrail(database: database), auth: identity.auth).register(on: router)
        ImageAPI(records: imageRecords, cases: cases, identity: identityRepository, auth: identity.auth, clock: clock,
                 tipRatePerHour: configuration.tipRatePerAddressPerHour, indexKey: storage.blindIndexKey,
                 notices: notices).register(on: router)
        let serverSlot = ServerSlot()
        let metricsRoutes = metrics.map {
            MetricsRoutes(metrics: $0, census: CaseCensus(database: database), queueDepth: { try await work.queueDepth() }, server: serverSlot)
        }
        // Port 0 asks for a free port of its own, so it never means the HTTP listener.
        // The port of a main listener (HTTP or HTTPS) means that listener.
        let separateMetrics = configuration.metricsPort.map {
            $0 == 0 || ($0 != configuration.httpPort && $0 != configuration.httpsPort)
        } ?? false
        if let metricsRoutes, !separateMetrics { metricsRoutes.register(on: router) }
        OperationsRoutes.registerOpenAPI(on: router, version: Self.version)

        var serverConfiguration = configuration.serverConfiguration
        serverConfiguration.listeners = []
        if let port = configuration.httpPort {
            serverConfiguration.listeners.append(.init(port: port))
        }
        if let port = configuration.httpsPort, let cert = configuration.tlsCert, let key = configuration.tlsKey {
            let tls = try TLSContext(certificateChain: cert, privateKey: key,
                                     tls13Ciphersuites: configuration.tls13Ciphersuites,
                                     tls12CipherList: configuration.tls12CipherList)
            serverConfiguration.listeners.append(.init(port: port, tls: tls))
        }
        let frozen = router.freeze()
        routeTable = frozen.routes
        do {
            server = try HTTPServer(configuration: serverConfiguration, responder: frozen)
        } catch {
            passwordPool.shutdown()
            resolverPool.shutdown()
            await storage.database.close()
            throw error
        }
        serverSlot.set(server)
        do {
            metricsServer = try Self.startMetricsServer(metricsRoutes, port: separateMetrics ? configuration.metricsPort : nil,
                                                        configuration: configuration)
        } catch {
            await server.shutdown()
            passwordPool.shutdown()
            resolverPool.shutdown()
            await storage.database.close()
            throw error
        }
        await worker.start()
        await webhookWorker.start()
        var ports = server.ports.makeIterator()
        httpPort = configuration.httpPort == nil ? nil : ports.next()
        httpsPort = configuration.httpsPort == nil ? nil : ports.next()
        // Without a listener of its own, `/metrics` is served by the main listeners: the HTTP
        // port, or the HTTPS one when the service runs HTTPS only.
        metricsPort = metricsRoutes == nil ? nil : (metricsServer?.ports.first ?? httpPort ?? httpsPort)
    }

    /// Reads the certificate and key files again and uses them for new HTTPS connections
    /// (SIGHUP). Throws, keeping the current certificate, when the files do not load.
    public func reloadTLS() throws {
        guard configuration.httpsPort != nil, let cert = configuration.tlsCert, let key = configuration.tlsKey else { return }
        let context = try TLSContext(certificateChain: cert, privateKey: key, tls13Ciphersuites: configuration.tls13Ciphersuites,
                                     tls12CipherList: configuration.tls12CipherList)
        // The HTTPS listener follows the HTTP one when both are configured.
        server.replaceTLSContext(context, forListener: configuration.httpPort == nil ? 0 : 1)
    }

    /// The one PDF render thread; without its fonts the service still runs and notices answer 503.
    /// The text of an unexpected error that is safe to log: storage errors carry SQLite's
    /// result code, its message and the failing SQL, never bound values.
    static func loggableDetail(_ error: any Error) -> String? {
        switch error {
        case let error as SQLiteError: return error.description
        case let error as StorageError: return error.description
        default: return nil
        }
    }

    static func startNotices(_ logger: Logger, dhsTelephone: String?) -> NoticeRenderer? {
        do {
            return try NoticeRenderer(contacts: NoticeContacts(dhsTelephone: dhsTelephone))
        } catch {
            logger.error("notice renderer unavailable: \(error)")
            return nil
        }
    }

    /// Stops accepting, lets in-flight requests finish, then closes everything.
    public func shutdown() async {
        await metricsServer?.shutdown()
        await server.shutdown()
        await worker.stop()
        await webhookWorker.stop()
        passwordPool.shutdown()
        resolverPool.shutdown()
        await storage.database.close()
    }
}
