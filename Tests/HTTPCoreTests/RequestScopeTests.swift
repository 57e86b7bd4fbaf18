import HTTPCore
import Logging
import Synchronization
import Testing

/// Every log line written while a request is served carries its request ID, whoever
/// writes it: `RequestIDMiddleware` binds it, the metadata provider adds it.
@Suite struct RequestScopeTests {
    final class Seen: Sendable { let values = Mutex<[String]>([]) }

    static func router(_ seen: Seen) -> Router<BasicRouterContext> {
        let router = RouterBuilder<BasicRouterContext>()
        router.add(middleware: RequestIDMiddleware())
        router.get("/work", RouteDocumentation("A handler that logs.")) { _, _ in
            // What a log line written here would carry, also from a child task.
            let direct = RequestScope.metadataProvider.get()["request_id"]?.description ?? "none"
            let child = await Task { RequestScope.metadataProvider.get()["request_id"]?.description ?? "none" }.value
            seen.values.withLock { $0 += [direct, child] }
            return HTTPResponse(status: .ok)
        }
        return router.freeze()
    }

    @Test func theServersIDIsOnLinesWrittenWhileServing() async {
        let seen = Seen()
        let response = await Self.router(seen).respond(to: HTTPRequest(method: .GET, target: "/work"),
                                                        info: RequestInfo(requestID: "boot-0-7", remoteAddress: "127.0.0.1", isTLS: false))
        #expect(response.headers["X-Request-ID"] == "boot-0-7")
        #expect(seen.values.withLock { $0 } == ["boot-0-7", "boot-0-7"])
        // Outside a request nothing is added.
        #expect(RequestScope.metadataProvider.get().isEmpty)
    }

    @Test func aSaneCallerIDIsTakenAndAnUnsafeOneReplaced() async {
        let seen = Seen()
        let router = Self.router(seen)
        let info = RequestInfo(requestID: "boot-0-8", remoteAddress: "127.0.0.1", isTLS: false)
        let taken = await router.respond(to: HTTPRequest(method: .GET, target: "/work", headers: HTTPHeaders([("X-Request-ID", "hr-sync.2026_11-16")])),
                                         info: info)
        #expect(taken.headers["X-Request-ID"] == "hr-sync.2026_11-16")
        let refused = await router.respond(to: HTTPRequest(method: .GET, target: "/work", headers: HTTPHeaders([("X-Request-ID", "ssn=151-20-1001 x")])),
                                           info: info)
        #expect(refused.headers["X-Request-ID"] == "boot-0-8")
        #expect(seen.values.withLock { $0 } == ["hr-sync.2026_11-16", "hr-sync.2026_11-16", "boot-0-8", "boot-0-8"])
    }

    @Test func aLoggerThroughTheProviderWritesTheID() async {
        let handlerSeen = Mutex<[Logger.Metadata]>([])
        struct Capture: LogHandler {
            let seen: @Sendable (Logger.Metadata) -> Void
            var metadata: Logger.Metadata = [:]
            var metadataProvider: Logger.MetadataProvider?
            var logLevel: Logger.Level = .info
            subscript(metadataKey key: String) -> Logger.Metadata.Value? {
                get { metadata[key] }
                set { metadata[key] = newValue }
            }
            func log(event: LogEvent) { seen(metadataProvider?.get() ?? [:]) }
        }
        let logger = Logger(label: "scope-test") { _ in
            Capture(seen: { metadata in handlerSeen.withLock { $0.append(metadata) } }, metadataProvider: RequestScope.metadataProvider)
        }
        RequestScope.$requestID.withValue("boot-1-1") { logger.info("inside") }
        logger.info("outside")
        let lines = handlerSeen.withLock { $0 }
        #expect(lines.count == 2)
        #expect(lines.first?["request_id"]?.description == "boot-1-1")
        #expect(lines.last?["request_id"] == nil)
    }
}
