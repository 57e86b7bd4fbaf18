import HTTPCore
import Logging
import Synchronization
import Testing

/// An unexpected error answers 500 with the generic problem; its log line names the type
/// and, only for errors the service calls safe, their text.
@Suite struct ErrorMiddlewareTests {
    struct Safe: Error { let code: Int }
    struct Private: Error { let ssn: String }

    struct Capture: LogHandler {
        let seen: @Sendable (Logger.Metadata) -> Void
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) { seen(metadata.merging(event.metadata ?? [:]) { $1 }) }
    }

    @Test func theLogLineCarriesTheTextOfSafeErrorsOnly() async {
        let lines = Mutex<[Logger.Metadata]>([])
        let logger = Logger(label: "error-test") { _ in Capture(seen: { metadata in lines.withLock { $0.append(metadata) } }) }
        let router = RouterBuilder<BasicRouterContext>()
        router.add(middleware: ErrorMiddleware(logger: logger) { error in (error as? Safe).map { "safe error \($0.code)" } })
        router.get("/safe", RouteDocumentation("Fails with a loggable error.")) { _, _ in throw Safe(code: 5) }
        router.get("/private", RouteDocumentation("Fails with an error holding personal data.")) { _, _ in
            throw Private(ssn: "151-20-1001")
        }
        let frozen = router.freeze()
        let info = RequestInfo(requestID: "boot-0-1", remoteAddress: "127.0.0.1", isTLS: false)
        for path in ["/safe", "/private"] {
            let response = await frozen.respond(to: HTTPRequest(method: .GET, target: path), info: info)
            #expect(response.status == .internalServerError)
        }
        let logged = lines.withLock { $0 }
        #expect(logged.count == 2)
        #expect(logged.first?["error"]?.description == "safe error 5")
        #expect(logged.first?["error_type"]?.description == "Safe")
        #expect(logged.last?["error"] == nil)
        #expect(logged.last?["error_type"]?.description == "Private")
        #expect(!logged.map { "\($0)" }.joined().contains("151-20-1001"))
    }

    @Test func aRouteReportsItsOwnUnexpectedErrorWithTheSameLineAndItsOwnFields() {
        let lines = Mutex<[Logger.Metadata]>([])
        let logger = Logger(label: "error-test") { _ in Capture(seen: { metadata in lines.withLock { $0.append(metadata) } }) }
        let report = UnexpectedErrorReport(logger: logger) { error in (error as? Safe).map { "safe error \($0.code)" } }
        report.record(Private(ssn: "151-20-1001"), requestID: "boot-0-2", metadata: ["batch_item": .stringConvertible(7)])
        let logged = lines.withLock { $0 }
        #expect(logged.count == 1)
        #expect(logged.first?["request_id"]?.description == "boot-0-2")
        #expect(logged.first?["error_type"]?.description == "Private")
        #expect(logged.first?["batch_item"]?.description == "7")
        #expect(logged.first?["error"] == nil)
        #expect(!logged.map { "\($0)" }.joined().contains("151-20-1001"))
    }
}

