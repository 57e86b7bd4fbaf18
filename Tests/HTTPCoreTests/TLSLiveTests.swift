import CTLS
import Foundation
import HTTPCore
import Testing
import TestSupport

@Suite struct TLSLiveTests {
    @Test func handshakeAndRoundTripWithAES256GCM() async throws {
        let live = try LiveServer.start(tls: true)
        let (port, ca) = (live.tlsPort, live.caFile)
        let (version, cipher, alpn, first, second) = try await offPool {
            let tls = try TLSTestClient(port: port, caFile: ca)
            let client = TestHTTPClient(stream: tls)
            let first = try client.request("GET", "/hello")
            let second = try client.request("POST", "/echo", body: Array("over tls".utf8))
            return (tls.negotiatedProtocol, tls.negotiatedCipher, tls.negotiatedALPN, first, second)
        }
        #expect(version == "TLSv1.3")
        #expect(cipher == "TLS_AES_256_GCM_SHA384")
        #expect(alpn == "http/1.1")
        #expect(first.bodyText == "hello")
        #expect(second.bodyText == "over tls")
        await live.server.shutdown()
    }

    @Test func tls12ClientGetsAnAES256Suite() async throws {
        let live = try LiveServer.start(tls: true)
        let (port, ca) = (live.tlsPort, live.caFile)
        let (version, cipher, response) = try await offPool {
            let tls = try TLSTestClient(port: port, caFile: ca, maxVersion: Int32(CTLS_TLS1_2_VERSION))
            let response = try TestHTTPClient(stream: tls).request("GET", "/hello")
            return (tls.negotiatedProtocol, tls.negotiatedCipher, response)
        }
        #expect(version == "TLSv1.2")
        #expect(cipher.contains("AES256-GCM"))
        #expect(response.status == 200)
        await live.server.shutdown()
    }

    @Test func tls11IsRefused() async throws {
        let live = try LiveServer.start(tls: true)
        let (port, ca) = (live.tlsPort, live.caFile)
        let refused = await (try? offPool {
            _ = try TLSTestClient(port: port, caFile: ca, minVersion: Int32(CTLS_TLS1_1_VERSION), maxVersion: Int32(CTLS_TLS1_1_VERSION))
            return false
        }) ?? true
        #expect(refused)
        await live.server.shutdown()
    }

    /// One TLS record per byte: the loop must keep reading until WANT_READ, since bytes
    /// OpenSSL already decrypted raise no new epoll edge.
    @Test func clientSendingOneByteRecords() async throws {
        let live = try LiveServer.start(tls: true)
        let (port, ca) = (live.tlsPort, live.caFile)
        let response = try await offPool { () -> TestResponse in
            let tls = try TLSTestClient(port: port, caFile: ca)
            try tls.send(Array("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 9\r\n\r\nbyte-wise".utf8), recordSize: 1)
            return try TestHTTPClient(stream: tls).readResponse()
        }
        #expect(response.bodyText == "byte-wise")
        await live.server.shutdown()
    }

    @Test func pipelinedRequestsInOneRecordBurst() async throws {
        let live = try LiveServer.start(tls: true)
        let (port, ca) = (live.tlsPort, live.caFile)
        let bodies = try await offPool { () -> [String] in
            let client = TestHTTPClient(stream: try TLSTestClient(port: port, caFile: ca))
            try client.send((1...5).map { "GET /items/\($0) HTTP/1.1\r\nHost: a\r\n\r\n" }.joined())
            return try (1...5).map { _ in try client.readResponse().bodyText }
        }
        #expect(bodies == ["1", "2", "3", "4", "5"])
        await live.server.shutdown()
    }

    /// Sessions keep OpenSSL's record buffers while busy and give them back once idle for
    /// a tick; the same connection then works again on fresh buffers.
    @Test func idleSessionGivesBackItsRecordBuffers() async throws {
        let live = try LiveServer.start(tls: true) { $0.eventLoops = 1 }
        let (port, ca, server) = (live.tlsPort, live.caFile, live.server)
        let (busy, idle, again, busyAgain) = try await offPool { () -> (Int, Int, TestResponse, Int) in
            let client = TestHTTPClient(stream: try TLSTestClient(port: port, caFile: ca))
            // Each request marks the session busy; read the count while it is.
            var busy = 0
            for _ in 0..<20 where busy == 0 {
                _ = try client.request("GET", "/hello")
                busy = server.tlsSessionsHoldingBuffers
            }
            let idle = try Self.poll(until: { server.tlsSessionsHoldingBuffers == 0 })
            let again = try client.request("POST", "/echo", body: Array("after the trim".utf8))
            return (busy, idle, again, server.tlsSessionsHoldingBuffers)
        }
        #expect(busy == 1)
        #expect(idle == 0)
        #expect(again.bodyText == "after the trim")
        #expect(busyAgain == 1)
        await live.server.shutdown()
        #expect(live.server.tlsSessionsHoldingBuffers == 0)
    }

    /// Polls every 100 ms for up to 10 s (idle trimming runs on one-second ticks).
    private static func poll(until done: () -> Bool) throws -> Int {
        for _ in 0..<100 {
            if done() { return 0 }
            usleep(100_000)
        }
        return 1
    }

    @Test func silentClientIsCutOffAtTheHandshakeTimeout() async throws {
        let live = try LiveServer.start(tls: true) { $0.tlsHandshakeTimeoutSeconds = 1 }
        let port = live.tlsPort
        let (closed, elapsed) = try await offPool { () -> (Bool, Duration) in
            let raw = try TestTCPStream(port: port, timeoutMs: 8000)
            let start = ContinuousClock.now
            let bytes = try raw.receive(max: 16)
            return (bytes.isEmpty, ContinuousClock.now - start)
        }
        #expect(closed)
        #expect(elapsed >= .milliseconds(900))
        #expect(elapsed < .seconds(5))
        await live.server.shutdown()
    }

    /// The handshake deadline comes due while the session is in use: the loop must move
    /// on to the idle deadline and keep serving (it once stopped the process there).
    @Test func sessionOutlivesItsHandshakeDeadline() async throws {
        let live = try LiveServer.start(tls: true) { $0.tlsHandshakeTimeoutSeconds = 1 }
        let (port, ca) = (live.tlsPort, live.caFile)
        let (first, later) = try await offPool { () -> (TestResponse, TestResponse) in
            let client = TestHTTPClient(stream: try TLSTestClient(port: port, caFile: ca))
            let first = try client.request("GET", "/hello")
            usleep(3_500_000)
            return (first, try client.request("GET", "/hello"))
        }
        #expect(first.status == 200)
        #expect(later.status == 200)
        await live.server.shutdown()
    }

    @Test func plainHTTPToTheTLSPortDoesNotWedgeTheLoop() async throws {
        let live = try LiveServer.start(tls: true) { $0.eventLoops = 1 }
        let (plainPort, tlsPort, ca) = (live.port, live.tlsPort, live.caFile)
        let (closed, afterTLS, afterPlain) = try await offPool {
            let raw = try TestTCPStream(port: tlsPort, timeoutMs: 5000)
            try raw.send(Array("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
            var closed = false
            // The server may answer with a TLS alert first; what matters is that it closes.
            for _ in 0..<4 where !closed { closed = (try? raw.receive(max: 4096).isEmpty) ?? true }
            let afterTLS = try TestHTTPClient(stream: try TLSTestClient(port: tlsPort, caFile: ca)).request("GET", "/hello")
            let afterPlain = try TestHTTPClient(port: plainPort).request("GET", "/hello")
            return (closed, afterTLS, afterPlain)
        }
        #expect(closed)
        #expect(afterTLS.status == 200)
        #expect(afterPlain.status == 200)
        await live.server.shutdown()
    }
}
