import Foundation
import HTTPCore

// A minimal server on HTTPCore alone, for scripts/bench.sh: `GET /health` and a JSON echo.
// Usage: http-echo-bench PORT [EVENT_LOOPS] [TLS_PORT CERT KEY]
let arguments = CommandLine.arguments
let port = arguments.count > 1 ? Int(arguments[1]) ?? 8090 : 8090
var configuration = HTTPServerConfiguration()
configuration.host = "127.0.0.1"
configuration.listeners = [.init(port: port)]
configuration.eventLoops = arguments.count > 2 ? Int(arguments[2]) ?? 0 : 0
if arguments.count > 5, let tlsPort = Int(arguments[3]) {
    configuration.listeners.append(.init(port: tlsPort, tls: try TLSContext(certificateChain: arguments[4], privateKey: arguments[5])))
}

let router = RouterBuilder<BasicRouterContext>()
let health = Array(#"{"status":"ok"}"#.utf8)
router.get("/health", RouteDocumentation("health")) { _, _ in
    HTTPResponse(status: .ok, contentType: "application/json", body: health)
}
router.post("/echo", RouteDocumentation("echo")) { request, _ in
    HTTPResponse(status: .ok, contentType: "application/json", body: request.body)
}
let server = try HTTPServer(configuration: configuration, responder: router.freeze())
FileHandle.standardOutput.write(Data("listening http=\(server.ports[0])\n".utf8))
while true { sleep(3600) }
