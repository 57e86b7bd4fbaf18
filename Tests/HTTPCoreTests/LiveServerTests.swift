import Foundation
import HTTPCore
import Synchronization
import Testing
import TestSupport

@Suite struct LiveServerTests {
    @Test func answersAndKeepsTheConnection() async throws {
        let live = try LiveServer.start()
        let port = live.port
        let (first, second) = try await offPool {
            let client = try TestHTTPClient(port: port)
            return (try client.request("GET", "/hello"), try client.request("GET", "/items/42%20x"))
        }
        #expect(first.status == 200)
        #expect(first.bodyText == "hello")
        #expect(first.header("Date") != nil)
        #expect(first.header("X-Request-ID") != nil)
        #expect(second.bodyText == "42 x")
        await live.server.shutdown()
    }

    /// The loop threads carry their names (top, perf and gdb show them).
    @Test func loopThreadsAreNamed() async throws {
        let live = try LiveServer.start()
        let port = live.port
        _ = try await offPool { try TestHTTPClient(port: port).request("GET", "/hello") }
        let tasks = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")
        let names = Set(tasks.compactMap { try? String(contentsOfFile: "/proc/self/task/\($0)/comm", encoding: .utf8) }
            .map { $0.trimmingCharacters(in: .newlines) })
        #expect(names.isSuperset(of: ["http.loop.1", "http.loop.2"]), "\(names.sorted())")
        await live.server.shutdown()
    }

    /// A Nagle/delayed-ACK stall costs ~40 ms per request, so 100 requests would take 4 s.
    @Test func hundredSequentialKeepAliveRequestsDoNotStall() async throws {
        let live = try LiveServer.start()
        let port = live.port
        let elapsed = try await offPool { () -> Duration in
            let client = try TestHTTPClient(port: port)
            let start = ContinuousClock.now
            for i in 0..<100 {
                let response = try client.request("POST", "/echo", body: Array("ping \(i)".utf8))
                guard response.bodyText == "ping \(i)" else { throw TestClientError.malformed(response.bodyText) }
            }
            return ContinuousClock.now - start
        }
        #expect(elapsed < .seconds(2))
        await live.server.shutdown()
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        let live = try LiveServer.start()
        let port = live.port
        let bodies = try await offPool { () -> [String] in
            let client = try TestHTTPClient(port: port)
            // The slow one first: a later, faster request must still be answered after it.
            try client.send("GET /slow?ms=200 HTTP/1.1\r\nHost: a\r\n\r\nGET /items/2 HTTP/1.1\r\nHost: a\r\n\r\n"
                + "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nthirdGET /items/4 HTTP/1.1\r\nHost: a\r\n\r\n")
            return try (0..<4).map { _ in try client.readResponse().bodyText }
        }
        #expect(bodies == ["slept 200", "2", "third", "4"])
        await live.server.shutdown()
    }

    @Test func fiveHundredConcurrentConnections() async throws {
        let live = try LiveServer.start()
        let port = live.port
        let statuses = try await offPool { () -> [Int] in
            let clients = try (0..<500).map { _ in try TestHTTPClient(port: port) }
            for (i, client) in clients.enumerated() { try client.send("GET /items/\(i) HTTP/1.1\r\nHost: a\r\n\r\n") }
            return try clients.enumerated().map { i, client in
                let response = try client.readResponse()
                return response.bodyText == "\(i)" ? response.status : -1
            }
        }
        #expect(statuses.count == 500)
        #expect(statuses.allSatisfy { $0 == 200 })
        await live.server.shutdown()
    }

    @Test func clientSendingOneByteAtATime() async throws {
        let live = try LiveServer.start()
        let port = live.port
        let response = try await offPool { () -> TestResponse in
            let client = try TestHTTPClient(port: port)
            let request = Array("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello world".utf8)
            for byte in request { try client.stream.send([byte]) }
            return try client.readResponse()
        }
        #expect(response.status == 200)
        #expect(response.bodyText == "hello world")
        await live.server.shutdown()
    }

    @Test func halfAHeaderIsCutOffAtTheHeaderTimeout() async throws {
        let live = try LiveServer.start { $0.headerTimeoutSeconds = 1 }
        let port = live.port
        let (response, closed, elapsed) = try await offPool { () -> (TestResponse, Bool, Duration) in
            let client = try TestHTTPClient(port: port)
            let start = ContinuousClock.now
            try client.send("GET /hello HTTP/1.1\r\nHost: a\r\nX-Slow: ")
            let response = try client.readResponse()
            return (response, client.isClosedByServer(), ContinuousClock.now - start)
        }
        #expect(response.status == 408)
        #expect(response.header("Content-Type") == "application/problem+json")
        #expect(closed)
        #expect(elapsed < .seconds(5))
        await live.server.shutdown()
    }

    @Test func idleKeepAliveConnectionIsClosed() async throws {
        let live = try LiveServer.start { $0.idleTimeoutSeconds = 1 }
        let port = live.port
        let closed = try await offPool { () -> Bool in
            let client = try TestHTTPClient(port: port)
            _ = try client.request("GET", "/hello")
            return client.isClosedByServer()
        }
        #expect(closed)
        await live.server.shutdown()
    }

    /// Each request moves the idle deadline later, so when the first one comes due the
    /// loop schedules the connection again from inside its tick. (That re-scheduling once
    /// happened inside the wheel's own mutating call and stopped the process.)
    @Test func busyConnectionOutlivesItsFirstDeadlineThenIdlesOut() async throws {
        let live = try LiveServer.start { $0.idleTimeoutSeconds = 1 }
        let port = live.port
        let (statuses, closed) = try await offPool { () -> ([Int], Bool) in
            let client = try TestHTTPClient(port: port)
            var statuses: [Int] = []
            for _ in 0..<8 {
                statuses.append(try client.request("GET", "/hello").status)
                usleep(500_000)
            }
            return (statuses, client.isClosedByServer())
        }
        #expect(statuses == Array(repeating: 200, count: 8))
        #expect(closed)
        let after = try await offPool { try TestHTTPClient(port: port).request("GET", "/hello") }
        #expect(after.status == 200)
        await live.server.shutdown()
    }

    @Test func handlerTimeoutAnswers503() async throws {
        let live = try LiveServer.start { $0.handlerTimeoutSeconds = 1 }
        let port = live.port
        let response = try await offPool { try TestHTTPClient(port: port).request("GET", "/slow?ms=4000") }
        #expect(response.status == 503)
        #expect(response.bodyText.contains("/problems/handler-timeout"))
        await live.server.shutdown()
    }

    @Test func notFoundMethodNotAllowedAndHead() async throws {
        let live = try LiveServer.start()
        let port = live.port
        let (missing, wrongMethod, head, options) = try await offPool {
            let client = try TestHTTPClient(port: port)
            return (try client.request("GET", "/nothing/here"), try client.request("PUT", "/items/1"),
                    try client.request("HEAD", "/hello"), try client.request("OPTIONS", "/items/1"))
        }
        #expect(missing.status == 404)
        #expect(missing.header("Content-Type") == "application/problem+json")
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.header("Allow") == "DELETE, GET, HEAD")
        #expect(head.status == 200)
        #expect(head.header("Content-Length") == "5")
        #expect(head.body.isEmpty)
        #expect(options.status == 204)
        #expect(options.header("Allow") == "DELETE, GET, HEAD")
        await live.server.shutdown()
    }

    @Test func thrownProblemBecomesProblemJSON() async throws {
        let live = try LiveServer.start()
        let port = live.port
        let response = try await offPool { try TestHTTPClient(port: port).request("GET", "/fail") }
        #expect(response.status == 409)
        let json = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        #expect(json?["type"] as? String == "/problems/demo")
        #expect(json?["status"] as? Int == 409)
        #expect((json?["errors"] as? [[String: Any]])?.first?["code"] as? String == "INVALID_VALUE")
    }

    @Test func bodyLimitsPerRouteAnswer413BeforeTheBody() async throws {
        let live = try LiveServer.start()
        let port = live.port
        let (small, tooBig, bigOK) = try await offPool {
            let small = try TestHTTPClient(port: port).request("POST", "/echo", body: [UInt8](repeating: 65, count: 1024))
            // Announce 2 KiB to a 1 KiB route and send nothing: the answer must not wait for the body.
            let client = try TestHTTPClient(port: port, timeoutMs: 3000)
            try client.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 2048\r\n\r\n")
            let tooBig = try client.readResponse()
            let bigOK = try TestHTTPClient(port: port).request("POST", "/upload", body: [UInt8](repeating: 66, count: 60_000))
            return (small, tooBig, bigOK)
        }
        #expect(small.status == 200)
        #expect(tooBig.status == 413)
        #expect(bigOK.bodyText == "60000")
        await live.server.shutdown()
    }

    @Test func expectContinueGetsInterimResponse() async throws {
        let live = try LiveServer.start()
        let port = live.port
        let (interim, final) = try await offPool {
            let client = try TestHTTPClient(port: port)
            try client.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
            let interim = try client.readResponse()
            try client.send("body")
            return (interim, try client.readResponse())
        }
        #expect(interim.status == 100)
        #expect(final.status == 200)
        #expect(final.bodyText == "body")
        await live.server.shutdown()
    }

    @Test func malformedRequestGets400AndClose() async throws {
        let live = try LiveServer.start()
        let port = live.port
        let (response, closed, version) = try await offPool {
            let client = try TestHTTPClient(port: port)
            try client.send("GET /hello HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n")
            let response = try client.readResponse()
            let other = try TestHTTPClient(port: port)
            try other.send("GET /hello HTTP/2.0\r\nHost: a\r\n\r\n")
            return (response, client.isClosedByServer(), try other.readResponse())
        }
        #expect(response.status == 400)
        #expect(response.header("Connection") == "close")
        #expect(closed)
        #expect(version.status == 505)
        await live.server.shutdown()
    }

    @Test func connectionsBeyondTheLimitGet503() async throws {
        let live = try LiveServer.start { $0.maxConnections = 2; $0.eventLoops = 1 }
        let port = live.port
        let (third, afterwards) = try await offPool {
            let a = try TestHTTPClient(port: port)
            let b = try TestHTTPClient(port: port)
            _ = try a.request("GET", "/hello")
            _ = try b.request("GET", "/hello")
            let third = try TestHTTPClient(port: port).readResponse()
            a.stream.close()
            Thread.sleep(forTimeInterval: 0.2)
            let afterwards = try TestHTTPClient(port: port).request("GET", "/hello")
            return (third, afterwards)
        }
        #expect(third.status == 503)
        #expect(afterwards.status == 200)
        await live.server.shutdown()
    }

    @Test func shutdownLetsAnInFlightRequestFinish() async throws {
        let live = try LiveServer.start()
        let port = live.port
        let tag = "shutdown-\(UUID().uuidString)"
        // The client runs on a thread started here, not from a Task: with the cooperative
        // pool busy with other tests' blocking work, a Task could start too late.
        let outcome = Mutex<Result<(TestResponse, Bool), any Error>?>(nil)
        // When the answer arrived, taken on the client's thread: what the test's own
        // awaits cost on a busy pool is not the server's doing.
        let answeredAt = Mutex<ContinuousClock.Instant?>(nil)
        let clientThread = Thread {
            let result = Result { () throws -> (TestResponse, Bool) in
                let client = try TestHTTPClient(port: port)
                let response = try client.request("GET", "/slow?ms=2000&tag=\(tag)")
                answeredAt.withLock { $0 = ContinuousClock.now }
                return (response, client.isClosedByServer())
            }
            outcome.withLock { $0 = result }
        }
        clientThread.start()
        let waitStart = ContinuousClock.now
        while !SlowHandlerProbe.hasStarted(tag) && ContinuousClock.now - waitStart < .seconds(20) {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(SlowHandlerProbe.hasStarted(tag))
        let start = ContinuousClock.now
        await live.server.shutdown()
        let answered = ContinuousClock.now
        while outcome.withLock({ $0 == nil }) && ContinuousClock.now - answered < .seconds(20) {
            try await Task.sleep(for: .milliseconds(10))
        }
        let (response, closed) = try #require(outcome.withLock { $0 }).get()
        #expect(response.status == 200)
        #expect(response.bodyText == "slept 2000")
        // Usually the answer says `Connection: close`; when it was written in the same loop
        // turn the drain arrived, the drain closes the now-idle connection right after it.
        #expect(response.header("Connection") == "close" || closed)
        #expect(closed)
        // The 2 s request, not the 10 s drain timeout: the drain ended when the request did.
        let arrival = try #require(answeredAt.withLock { $0 })
        #expect(arrival - start < .seconds(5))
        // Nothing listens any more.
        #expect(throws: (any Error).self) { _ = try TestTCPStream(port: port) }
    }
}
