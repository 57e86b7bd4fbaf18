import Foundation
import HTTPCore
import TestSupport
import Synchronization
import Testing

/// Tags of `/slow` requests whose handler has started, so a test can act mid-request
/// without guessing how long the client takes to get there on a loaded machine.
enum SlowHandlerProbe {
    static let started = Mutex<Set<String>>([])
    static func hasStarted(_ tag: String) -> Bool { started.withLock { $0.contains(tag) } }
}

/// A server on port 0 with a few routes that exercise the core.
struct LiveServer {
    let server: HTTPServer
    var port: Int { server.ports[0] }

    /// A throwaway certificate shared by the TLS tests of this process.
    static let certificate: (directory: String, cert: String, key: String)? = try? TestCertificates.makeTemporary()

    /// Plain HTTP on `ports[0]`; with `tls`, HTTPS on `ports[1]` as well.
    static func start(tls: Bool = false, _ tweak: (inout HTTPServerConfiguration) -> Void = { _ in }) throws -> LiveServer {
        var config = HTTPServerConfiguration()
        config.host = "127.0.0.1"
        config.listeners = [.init(port: 0)]
        if tls {
            let certificate = try #require(certificate)
            config.listeners.append(.init(port: 0, tls: try TLSContext(certificateChain: certificate.cert, privateKey: certificate.key)))
        }
        config.eventLoops = 2
        config.drainTimeoutSeconds = 10
        tweak(&config)
        let router = RouterBuilder<BasicRouterContext>(defaultBodyLimit: 1024)
        router.add(middleware: RequestIDMiddleware())
        router.get("/hello", RouteDocumentation("hello")) { _, _ in
            HTTPResponse(status: .ok, contentType: "text/plain", body: Array("hello".utf8))
        }
        router.post("/echo", RouteDocumentation("echo")) { request, _ in
            HTTPResponse(status: .ok, contentType: "application/octet-stream", body: request.body)
        }
        router.post("/upload", bodyLimit: 64 * 1024, RouteDocumentation("big bodies")) { request, _ in
            HTTPResponse(status: .ok, contentType: "text/plain", body: Array("\(request.body.count)".utf8))
        }
        router.get("/items/:id", RouteDocumentation("one item")) { _, context in
            HTTPResponse(status: .ok, contentType: "text/plain", body: Array((context.info.parameters["id"] ?? "?").utf8))
        }
        router.delete("/items/:id", RouteDocumentation("delete")) { _, _ in HTTPResponse(status: .noContent) }
        router.get("/slow", RouteDocumentation("slow", query: ["ms", "tag"])) { request, _ in
            let ms = Int(request.queryParameter("ms") ?? "500") ?? 500
            if let tag = request.queryParameter("tag") { SlowHandlerProbe.started.withLock { _ = $0.insert(tag) } }
            try await Task.sleep(for: .milliseconds(ms))
            return HTTPResponse(status: .ok, contentType: "text/plain", body: Array("slept \(ms)".utf8))
        }
        router.get("/fail", RouteDocumentation("throws")) { _, _ in
            throw ProblemDetails(status: .conflict, type: "demo", title: "Demo", detail: "demo conflict",
                                 errors: [FieldProblem(field: "x", code: "INVALID_VALUE", message: "bad x")])
        }
        return LiveServer(server: try HTTPServer(configuration: config, responder: router.freeze()))
    }

    var tlsPort: Int { server.ports[1] }
    var caFile: String { LiveServer.certificate?.cert ?? "" }

    func client(timeoutMs: Int32 = 10_000) throws -> TestHTTPClient {
        try TestHTTPClient(port: port, timeoutMs: timeoutMs)
    }
}
